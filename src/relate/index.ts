// **relate** reads relations between linked mentions, sentence by sentence: positions (title chains before a
// name), affiliation, spouse, 帮扶, residence, and the place and organization hierarchies.
import type { Document, Entity, Position, Relation, PlaceLevel } from '../types.ts';
import type { Gazetteer } from '../gazetteer/index.ts';
import type { Linked, RecognizedMention } from '../link/index.ts';
import type { Lexicons } from '../recognize/lexicons.ts';
import { outermost } from '../span.ts';
import { placeHierarchy } from './places.ts';
import { candidatePairs, loadPairModel, takePairs, type PairWeights } from './pairs.ts';

export interface Related {
  relations: Relation[];
  positions: Position[];
  /** Places added because the gazetteer names them as parents of mentioned places. */
  gazetteerPlaces: Entity[];
}

interface Item {
  m: RecognizedMention;
  /** Entity key, or undefined for titles. */
  key?: string;
  type: RecognizedMention['type'];
}

/** Titles of officials and cadres (not 门卫 or 保洁员): their holders help rather than are helped, and visit. */
const OFFICIAL_TITLE = /(书记|长|主任|干部|队员|委员|记者|通讯员|代表|专员|调研员|责任人|领队)/;

/** Gap text between two mentions that still counts as adjacent. */
const ADJACENT_GAP = /^[、和及与\s]*$/;

/**
 * `model` is the learned pair classifier (src/relate/pairs.ts); null reads with the hand rules alone (as training does
 * to make the rules' reading a feature).
 */
export function relate(doc: Document, mentions: RecognizedMention[], linked: Linked, gaz: Gazetteer, lex: Lexicons, model: PairWeights | null = loadPairModel()): Related {
  const byKey = new Map(linked.entities.map((e) => [e.key, e]));
  // Tentative mentions (below the graph's thresholds) make no node and take no part in relations.
  const items: Item[] = mentions.map((m, i) => ({ m, key: linked.entityOf[i], type: m.type })).filter((it) => !it.m.tentative);
  const relations: Relation[] = [];
  const positions: Position[] = [];
  const rel = (type: Relation['type'], subject: string | undefined, object: string | undefined, sentence: number) => {
    if (!subject || !object || subject === object) return;
    relations.push({ type, subject, object, source: 'text', sentence });
  };
  const text = doc.text;
  const gap = (a: Item, b: Item) => text.slice(a.m.end, b.m.start);

  const assistPairs: Array<{ a: string; b: string; sentence: number }> = [];
  const moves: Array<{ a: string; b: string; sentence: number }> = [];
  const bySentence = new Map<number, Item[]>();
  for (const it of items) {
    if (!bySentence.has(it.m.sentence)) bySentence.set(it.m.sentence, []);
    bySentence.get(it.m.sentence)!.push(it);
  }

  const recentPlace = (before: number, levels: PlaceLevel[]): string | undefined => {
    for (let j = items.length - 1; j >= 0; j--) {
      const it = items[j];
      if (it.m.start >= before || it.type !== 'Place' || !it.key) continue;
      if (levels.includes(byKey.get(it.key)!.subtype as PlaceLevel)) return it.key;
    }
    const f = levels.map((l) => linked.focus[l]).find(Boolean);
    return f?.key;
  };
  // A title that starts with a territory character (县长, 村党支部书记) is held at the nearest place of that level.
  const titleTerritory = (title: string, at: number): string | undefined => {
    const first = title[0];
    if (/^(驻村)?(党支部|党总支|第一书记)/.test(title)) return recentPlace(at, ['Village']);
    const levels: Record<string, PlaceLevel[]> = { 省: ['Province'], 县: ['County'], 区: ['County'], 市: ['Prefecture', 'County'], 州: ['Prefecture'], 乡: ['Township'], 镇: ['Township'], 村: ['Village'] };
    const head = title.startsWith('副') ? title[1] : first;
    const l = levels[head];
    return l ? recentPlace(at, l) : undefined;
  };
  const addPosition = (holder: Item, title: Item, org: Item | undefined) => {
    let t = text.slice(title.m.start, title.m.end);
    // 本报记者: a reporter of the paper the article comes from.
    const ownPaper = t.startsWith('本报') ? linked.sourceOrg : undefined;
    if (ownPaper) t = t.slice(2);
    // 吉林省委副书记、省长胡玉亭: 省长 is held at the province, not at its Party committee.
    const territory = titleTerritory(t, title.m.start);
    const orgEntity = org?.key ? byKey.get(org.key) : undefined;
    const atTerritory = territory && orgEntity?.type === 'Organization' && /委$/.test(orgEntity.name) && /^(副|常务副)?[省市县区州乡镇旗]长$/.test(t) ? territory : undefined;
    positions.push({
      holder: holder.key!,
      title: t,
      organization: atTerritory ?? org?.key ?? ownPaper ?? territory,
      sentence: title.m.sentence,
      span: { start: title.m.start, end: title.m.end },
    });
  };

  for (const [, sent] of [...bySentence].sort((a, b) => a[0] - b[0])) {
    sent.sort((a, b) => a.m.start - b.m.start || b.m.end - a.m.end);
    const top = outermost(sent, (it) => it.m);
    const usedTitles = new Set<Item>();
    for (let i = 0; i < top.length; i++) {
      const it = top[i];
      if (it.type !== 'Person') continue;
      // Title chain right before the name: [org|place] 党组书记、局长 张玉宏.
      let j = i - 1;
      const chain: Item[] = [];
      while (j >= 0 && top[j].type === 'Title' && (ADJACENT_GAP.test(gap(top[j], chain[0] ?? it)) || (!chain.length && gap(top[j], it) === '的'))) {
        chain.unshift(top[j]);
        j--;
      }
      const org = j >= 0 && (top[j].type === 'Organization' || top[j].type === 'Place') && gap(top[j], chain[0] ?? it) === '' ? top[j] : undefined;
      for (const t of chain) {
        addPosition(it, t, org);
        usedTitles.add(t);
      }
      if (!chain.length && org && org.type === 'Organization') rel('memberOf', it.key, org.key, it.m.sentence);
      // 宣武医院神经内科专家王红星: a short run of words ending in a role noun between the organization and the name.
      const between = j >= 0 ? gap(top[j], it) : '';
      if (!chain.length && j >= 0 && top[j].type === 'Organization' && between.length <= 8 && /^[\u3400-\u9fff]+$/.test(between) && lex.cues.memberBefore.some((c) => between.endsWith(c))) rel('memberOf', it.key, top[j].key, it.m.sentence);
      // Apposition: 帮扶责任人，河曲县财政事务中心……何利军.
      if (!chain.length) {
        const k = org ? j - 1 : i - 1;
        const t = top[k];
        if (t && t.type === 'Title' && /^[，,：:]$/.test(gap(t, org ?? it)) && !usedTitles.has(t)) {
          addPosition(it, t, org);
          usedTitles.add(t);
        }
      }
    }
    // A title right after the name (习近平总书记, 李强总理) when no other name follows it.
    for (let i = 0; i + 1 < top.length; i++) {
      const [p, t, next] = [top[i], top[i + 1], top[i + 2]];
      if (p.type !== 'Person' || t.type !== 'Title' || usedTitles.has(t) || gap(p, t) !== '') continue;
      if (next && next.type === 'Person' && ADJACENT_GAP.test(gap(t, next))) continue;
      addPosition(p, t, undefined);
      usedTitles.add(t);
    }
    // Titles taken by a verb: 张乃田在县民政局当起了门卫, 吕栋楠成为驻村工作队长.
    for (let i = 0; i < top.length; i++) {
      const t = top[i];
      if (t.type !== 'Title' || usedTitles.has(t)) continue;
      // The verb may stand before the title's organization: 担任白朗县委副书记.
      const atOrg = i > 0 && (top[i - 1].type === 'Organization' || top[i - 1].type === 'Place') && top[i - 1].m.end === t.m.start ? top[i - 1] : undefined;
      const opening = atOrg ?? t;
      // …、第十四批驻村工作总领队: a title listed after one just taken goes to the same holder.
      // So does one listed before such a title and its organization (中共中央政治局常委、国务院总理李强), but not a
      // title that opens the clause (记者|见到新安县委书记王智时).
      const bodiesOut = (from: number, to: number) => top.filter((x) => (x.type === 'Organization' || x.type === 'Place') && from <= x.m.start && x.m.end <= to).reduceRight((g, x) => g.slice(0, x.m.start - from) + g.slice(x.m.end - from), text.slice(from, to));
      const prevTaken = [...usedTitles].find(
        (u) =>
          u.m.sentence === t.m.sentence &&
          (u.m.end <= t.m.start ? /^[、和及]?(第[一二三四五六七八九十百0-9]+[批届任])?$/.test(text.slice(u.m.end, t.m.start)) : /^[、和及]$/.test(bodiesOut(t.m.end, u.m.start))),
      );
      const before = text.slice(Math.max(0, opening.m.start - 4), opening.m.start);
      // 想当一名厨师 is a wish, not a post.
      if (/(想|要|希望|梦想|打算|愿意)[^，。]{0,3}$/.test(text.slice(Math.max(0, opening.m.start - 6), opening.m.start))) continue;
      if (!prevTaken && !lex.cues.holdVerbs.some((v) => before.endsWith(v) || before.endsWith(v + '了') || before.endsWith(v + '一名'))) continue;
      let holder: Item | undefined = prevTaken ? top.find((x) => x.type === 'Person' && positions.some((p) => p.holder === x.key && p.span.start === prevTaken.m.start)) : undefined;
      let org: Item | undefined = atOrg;
      if (holder) {
        addPosition(holder, t, org);
        usedTitles.add(t);
        continue;
      }
      for (let k = i - 1; k >= 0; k--) {
        if (/[。；]/.test(text.slice(top[k].m.end, t.m.start))) break;
        if (!org && top[k].type === 'Organization') org = top[k];
        if (top[k].type === 'Person') {
          holder = top[k];
          break;
        }
      }
      if (holder) {
        addPosition(holder, t, org);
        usedTitles.add(t);
        if (org) rel('memberOf', holder.key, org.key, t.m.sentence);
      }
    }
    spouses(sent, text, lex, rel);
    assists(sent, text, lex, (_t, a, b, sentence) => assistPairs.push({ a: a!, b: b!, sentence }));
    residences(sent, text, lex, rel, (_t, a, b, sentence) => moves.push({ a: a!, b: b!, sentence }), byKey, recentPlace);
  }

  // 帮扶 runs from the official to the villager: a pair read in the wrong order is turned round by who holds a post.
  const officials = new Set(positions.filter((p) => OFFICIAL_TITLE.test(p.title)).map((p) => p.holder));
  const oriented = new Map<string, { a: string; b: string; sentence: number }>();
  for (const p of assistPairs) {
    const flip = officials.has(p.b) && !officials.has(p.a);
    const pair = flip ? { a: p.b, b: p.a, sentence: p.sentence } : p;
    const k = [pair.a, pair.b].sort().join('|');
    if (!oriented.has(k)) oriented.set(k, pair);
  }
  for (const p of oriented.values()) rel('assists', p.a, p.b, p.sentence);
  // "X came to / moved into P" says where a villager lives, not where an official was on duty.
  for (const m of moves) if (!officials.has(m.a)) rel('residesIn', m.a, m.b, m.sentence);

  // The byline: 记者 or 通讯员, of the wire service that filed the story (新华社…电), or of the paper itself when
  // the byline says 本报 or the source is a news outlet.
  const reporterSpans = doc.meta.spans.reporters ?? [];
  const wireOrg = doc.meta.wire ? linked.entities.find((e) => e.type === 'Organization' && (e.name === doc.meta.wire || e.aliases.includes(doc.meta.wire!))) : undefined;
  const source = linked.sourceOrg ? byKey.get(linked.sourceOrg) : undefined;
  for (const it of items) {
    if (it.type !== 'Person' || it.m.source !== 'meta') continue;
    if (!reporterSpans.some((s) => s.start === it.m.start)) continue;
    const lead = text.slice(Math.max(0, it.m.start - 12), it.m.start);
    const role = /通讯员[^记]*$/.test(lead) ? '通讯员' : '记者';
    // 人民网记者 张永生 邹 星: every name after a role belongs to the outlet named before that role, up to the next role.
    const line = text.slice(text.lastIndexOf('\n', it.m.start - 1) + 1, it.m.start);
    const outlet = /([\u4e00-\u9fff]{2,12}?)(?:特约|见习|实习)?(?:记者|通讯员)[^记通]*$/u.exec(line)?.[1];
    const named = outlet && outlet !== '本报' ? linked.entities.find((e) => e.type === 'Organization' && (e.name === outlet || e.aliases.includes(outlet))) : undefined;
    const ownPaper = /本报/.test(lead) || source?.subtype === 'MediaOrganization' ? source?.key : undefined;
    positions.push({ holder: it.key!, title: role, organization: named?.key ?? wireOrg?.key ?? ownPaper, sentence: it.m.sentence, span: { start: it.m.start, end: it.m.end } });
  }

  // Organization hierarchy: a name that extends another organization's name is its unit.
  const orgs = linked.entities.filter((e) => e.type === 'Organization');
  for (const o of orgs) {
    const parent = orgs.filter((p) => p !== o && o.name.startsWith(p.name)).sort((a, b) => b.name.length - a.name.length)[0];
    const unitParent = linked.unitParents.get(o.key);
    const target = parent?.key ?? unitParent;
    if (target) relations.push({ type: 'partOf', subject: o.key, object: target, source: 'text', sentence: o.mentions[0].sentence });
  }

  // What the rules missed, from the learned pair classifier.
  if (model) {
    for (const c of takePairs(model, candidatePairs(doc, mentions, linked, lex, { positions, relations }))) {
      const person = linked.entityOf[c.person]!;
      const other = mentions[c.other];
      if (c.kind === 'position') positions.push({ holder: person, title: other.text, sentence: other.sentence, span: { start: other.start, end: other.end } });
      else rel(c.kind, person, linked.entityOf[c.other], mentions[c.person].sentence);
    }
  }

  const hierarchy = placeHierarchy(doc, items, linked, byKey, gaz);
  relations.push(...hierarchy.relations);
  return { relations: dedupeRelations(relations), positions: dedupePositions(positions), gazetteerPlaces: hierarchy.added };
}

type Rel = (type: Relation['type'], subject: string | undefined, object: string | undefined, sentence: number) => void;

/** 老伴儿王爱花 after 张乃田: the cue stands right before the second person; the first is the nearest before it. */
function spouses(sent: Item[], text: string, lex: Lexicons, rel: Rel): void {
  const persons = sent.filter((it) => it.type === 'Person');
  for (let i = 0; i < persons.length; i++) {
    const p = persons[i];
    const before = text.slice(Math.max(0, p.m.start - 3), p.m.start);
    if (!lex.cues.spouse.some((c) => before.endsWith(c))) continue;
    const partner = [...persons.slice(0, i)].reverse().find((q) => q.key !== p.key);
    if (partner) rel('spouse', partner.key, p.key, p.m.sentence);
  }
}

/** 帮扶: "X的帮扶责任人…Y" makes Y the helper of X; a sentence with a 帮扶 cue after two persons makes the first the helper. */
function assists(sent: Item[], text: string, lex: Lexicons, rel: Rel): void {
  const persons = sent.filter((it) => it.type === 'Person');
  for (let i = 0; i < persons.length; i++) {
    const after = text.slice(persons[i].m.end, persons[i].m.end + 12);
    if (!lex.cues.helpedBy.some((c) => after.includes('的' + c) || after.startsWith(c))) continue;
    const helper = persons.slice(i + 1).find((q) => q.key !== persons[i].key);
    if (helper) return rel('assists', helper.key, persons[i].key, persons[i].m.sentence);
  }
  const distinct = persons.filter((p, i) => persons.findIndex((q) => q.key === p.key) === i);
  if (distinct.length < 2) return;
  const [a, b] = distinct;
  const tail = text.slice(b.m.end, sentenceEnd(sent, text));
  if (lex.cues.assist.some((c) => tail.includes(c)) && !lex.cues.spouse.some((c) => text.slice(b.m.start - 3, b.m.start).endsWith(c))) {
    rel('assists', a.key, b.key, a.m.sentence);
  }
}

function sentenceEnd(sent: Item[], text: string): number {
  const last = sent[sent.length - 1].m.end;
  const stop = text.slice(last).search(/[。！？\n]/);
  return stop < 0 ? text.length : last + stop;
}

/** 村民白福力 lives in the village before the cue; X…搬进了…幸福小区 lives in the most specific place after the verb. */
function residences(sent: Item[], text: string, lex: Lexicons, rel: Rel, movedIn: Rel, byKey: Map<string, Entity>, recentPlace: (before: number, levels: PlaceLevel[]) => string | undefined): void {
  const rank = (k: string) => ['Province', 'Prefecture', 'County', 'Township', 'Village', 'Settlement'].indexOf(byKey.get(k)?.subtype as string);
  for (let i = 0; i < sent.length; i++) {
    const p = sent[i];
    if (p.type !== 'Person') continue;
    const before = text.slice(Math.max(0, p.m.start - 4), p.m.start);
    const cue = lex.cues.residesVillager.find((c) => before.endsWith(c));
    const origin = cue ? undefined : lex.cues.residesFrom.find((c) => before.endsWith(c));
    const word = cue ?? origin;
    // 来自云南昆明的张三: where someone comes from, printed right before the name.
    const prevPlace = sent[i - 1];
    if (!word && prevPlace?.type === 'Place' && prevPlace.key && text.slice(prevPlace.m.end, p.m.start) === '的' && comesFrom(sent, i - 1, text)) {
      rel('residesIn', p.key, prevPlace.key, p.m.sentence);
      continue;
    }
    if (!word) continue;
    const prev = sent[i - 1];
    // 臣南河村村民乔发朝, 莲峰镇的村民张永福: the place printed right before the cue; else (villagers only) the nearest village.
    const gapText = prev ? text.slice(prev.m.end, p.m.start - word.length) : '';
    const adjacent = prev && prev.type === 'Place' && prev.key && /^的?$/.test(gapText) ? prev.key : undefined;
    const home = cue ? recentPlace(p.m.start, ['Village', 'Settlement']) : undefined;
    rel('residesIn', p.key, adjacent ?? (home && isResidential(byKey.get(home)!) ? home : undefined), p.m.sentence);
  }
  // 邓春生，是土生土长的清溪村农民: a person said to be a villager of a place later in the clause lives there.
  for (let i = 0; i < sent.length; i++) {
    const p = sent[i];
    if (p.type !== 'Person') continue;
    const place = sent.slice(i + 1).find((it) => it.type === 'Place' && it.key);
    if (!place) continue;
    const between = text.slice(p.m.end, place.m.start);
    const after = text.slice(place.m.end, place.m.end + 3);
    if (/^[，,]?(是|为)[^，。；！？]{0,8}$/u.test(between) && !/[\u3400-\u9fff]{2,}[的]?$/u.test(between.replace(/^[，,]?(是|为)/u, '').replace(/(土生土长|地地道道|一名|一位|一个)的?/gu, '')) && [...lex.cues.residesVillager, ...lex.cues.residesFrom, '人'].some((w) => after.startsWith(w))) {
      rel('residesIn', p.key, place.key, p.m.sentence);
    }
  }
  const persons = sent.filter((it) => it.type === 'Person');
  if (!persons.length) return;
  for (const verb of lex.cues.reside) {
    const s0 = sent[0].m.start;
    const span = text.slice(s0, sentenceEnd(sent, text));
    const at = span.indexOf(verb);
    if (at < 0) continue;
    const abs = s0 + at;
    const subject = persons.filter((p) => p.m.end <= abs).at(-1) ?? undefined;
    const places = sent.filter((it) => it.type === 'Place' && it.key && it.m.start > abs);
    if (!subject || !places.length) continue;
    const target = places.reduce((a, b) => (rank(b.key!) >= rank(a.key!) ? b : a));
    if (!isResidential(byKey.get(target.key!)!)) return;
    movedIn('residesIn', subject.key, target.key, subject.m.sentence);
    return;
  }
}

/** The place at `k` ends a run of places (云南|昆明) that 来自 opens. */
function comesFrom(sent: Item[], k: number, text: string): boolean {
  let first = k;
  while (first > 0 && sent[first - 1].type === 'Place' && sent[first - 1].m.end === sent[first].m.start) first--;
  return text.slice(Math.max(0, sent[first].m.start - 2), sent[first].m.start) === '来自';
}

/** Places people live in: villages, communities, townships and residential sites — not parks or bases. */
function isResidential(place: Entity): boolean {
  if (place.subtype !== 'Settlement') return ['Village', 'Township', 'County'].includes(place.subtype as string);
  return /(安置点|安置区|小区|社区|新村|村|家园|公寓)$/.test(place.name);
}

function dedupeRelations(rs: Relation[]): Relation[] {
  const seen = new Set<string>();
  return rs.filter((r) => {
    const k = `${r.type}|${r.subject}|${r.object}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** One position per holder and title: the reading that names the organization wins. */
function dedupePositions(ps: Position[]): Position[] {
  const best = new Map<string, Position>();
  for (const p of ps) {
    const k = `${p.holder}|${p.title}`;
    const cur = best.get(k);
    if (!cur || (!cur.organization && p.organization)) best.set(k, p);
  }
  return ps.filter((p) => best.get(`${p.holder}|${p.title}`) === p);
}
