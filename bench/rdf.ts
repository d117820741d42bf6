// **bench/rdf** — time to turn a synthetic ArticleGraph of ~100k quads into quads and Turtle; prints quads/s.
//   node --import tsx bench/rdf.ts [targetQuads]
import { performance } from 'node:perf_hooks';
import { articleQuads } from '../src/rdf/article-quads.ts';
import { toTurtle } from '../src/rdf/serialize.ts';
import type { ArticleGraph, Entity, Mention, PlaceLevel, Position, Relation, Sentence } from '../src/types.ts';

const target = Number(process.argv[2] ?? 100_000);
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷黎史龙陶贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国海棠乃田长财人杰晶兴青发朝相楠吉森';
const LEVELS: PlaceLevel[] = ['Province', 'Prefecture', 'County', 'Township', 'Village'];
const SUFFIX: Record<string, string> = { Province: '省', Prefecture: '市', County: '县', Township: '镇', Village: '村' };

/** A plain-text article of `n` sentences, each naming a person, a place and an organization, with a position. */
function syntheticGraph(n: number): ArticleGraph {
  let text = '';
  const sentences: Sentence[] = [];
  const entities = new Map<string, Entity>();
  const relations: Relation[] = [];
  const positions: Position[] = [];
  const entity = (key: string, init: Omit<Entity, 'key' | 'mentions' | 'aliases'>): Entity => {
    let e = entities.get(key);
    if (!e) entities.set(key, (e = { key, aliases: [], mentions: [], ...init }));
    return e;
  };
  const mention = (e: Entity, start: number, sentence: number) =>
    e.mentions.push({ start, end: start + e.name.length, type: e.type, text: e.name, sentence, source: 'model' } as Mention);

  for (let i = 0; i < n; i++) {
    const person = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + GIVEN[(i * 13 + 3) % GIVEN.length];
    const level = LEVELS[i % LEVELS.length];
    const place = GIVEN[(i * 5) % GIVEN.length] + SURNAMES[(i * 3) % SURNAMES.length] + SURNAMES[(i * 11) % SURNAMES.length] + SUFFIX[level];
    const org = place + '农业农村局';
    // 𠮷 every tenth sentence keeps the code-point conversion honest.
    const prefix = i % 10 === 0 ? '𠮷' : '';
    const start = text.length;
    const body = `${prefix}${org}党组书记、局长${person}到${place}调研。`;
    text += body + '\n';
    sentences.push({ index: i, start, end: start + body.length, text: body, zone: 'body' });
    const pE = entity(`person/${person}`, { type: 'Person', name: person });
    const code = String(11 + (i % 20)) + String(i).padStart(4, '0');
    const plE = entity(`place/${code}`, { type: 'Place', subtype: level, name: place, divisionCode: code });
    const oE = entity(`org/${org}`, { type: 'Organization', subtype: 'GovernmentAgency', name: org });
    const oStart = start + prefix.length;
    mention(oE, oStart, i);
    const tStart = oStart + org.length;
    mention(pE, tStart + '党组书记、局长'.length, i);
    mention(plE, tStart + '党组书记、局长'.length + person.length + 1, i);
    positions.push({ holder: pE.key, title: '党组书记', organization: oE.key, sentence: i, span: { start: tStart, end: tStart + 4 } });
    positions.push({ holder: pE.key, title: '局长', organization: oE.key, sentence: i, span: { start: tStart + 5, end: tStart + 7 } });
    relations.push({ type: 'memberOf', subject: pE.key, object: oE.key, source: 'text', sentence: i });
    relations.push({ type: 'locatedIn', subject: plE.key, object: `place/${11 + (i % 20)}`, source: 'gazetteer' });
  }
  for (let p = 11; p < 31; p++) entity(`place/${p}`, { type: 'Place', subtype: 'Province', name: `第${p}省`, divisionCode: String(p), fromGazetteer: true });
  return {
    doc: {
      id: 'bench', path: 'bench.txt', encoding: 'utf-8', format: 'text', text, sourceOffsets: null,
      meta: { title: '基准', published: '2026-01-01', reporters: [], spans: {} }, furniture: [], sentences,
    },
    entities: [...entities.values()],
    relations,
    positions,
  };
}

// Calibrate (quads grow about linearly with sentences); the probe also warms up the JIT and pinyin.
const probe = articleQuads(syntheticGraph(1000)).length;
const sentences = Math.max(1, Math.round((target / probe) * 1000));
const graph = syntheticGraph(sentences);

const t0 = performance.now();
const quads = articleQuads(graph);
const t1 = performance.now();
const ttl = toTurtle(quads);
const t2 = performance.now();

const s = (ms: number) => (ms / 1000).toFixed(2);
console.log(`sentences ${sentences}, entities ${graph.entities.length}, quads ${quads.length}, turtle ${(ttl.length / 1e6).toFixed(1)} M chars`);
console.log(`articleQuads ${s(t1 - t0)} s, toTurtle ${s(t2 - t1)} s`);
console.log(`rdf: ${Math.round(quads.length / ((t2 - t0) / 1000))} quads/s (produce + serialize Turtle)`);
