// **query-cookbook.test** — every examples/queries/*.rq runs on a fresh build of the seed article and answers its question.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findEntities, officialsIn, openGraph, relationsOf, type GraphStore, type PlainRow } from '../src/query/index.ts';
import { GAZETTEER_GRAPH } from '../src/rdf/iri.ts';
import { buildSeedGraph, ROOT, SEED_ARTICLE } from './fixtures/query/seed.ts';

const DIR = join(ROOT, 'examples/queries');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.rq')).sort();

let seed: { dir: string; cleanup: () => void };
let store: GraphStore;
beforeAll(async () => {
  seed = buildSeedGraph();
  store = await openGraph(seed.dir);
}, 120_000); // the build runs the whole pipeline
afterAll(() => {
  store?.close();
  seed?.cleanup();
});

/** The cookbook query's rows as plain JS values. */
const run = (file: string): PlainRow[] => store.select(readFileSync(join(DIR, file), 'utf8')).plain;
const ask = (q: string) => store.ask(q);
const lit = (s: unknown) => JSON.stringify(String(s));
const article = () => [...readFileSync(SEED_ARTICLE, 'utf8').replace(/^\uFEFF/, '')];

/** What each cookbook query must answer on the seed graph. */
const EXPECT: Record<string, () => void> = {
  // One article joins nothing; test/corpus.test.ts runs this query on a corpus where persons are joined.
  'person-merges.rq': () => expect(run('person-merges.rq')).toEqual([]),
  'officials-of-province.rq': () => {
    const rows = run('officials-of-province.rq');
    const keys = rows.map((r) => `${r.name}|${r.title}|${r.organization}`);
    expect(keys).toContain('张玉宏|局长|山西省乡村振兴局');
    expect(keys).toContain('张玉宏|党组书记|山西省乡村振兴局');
    for (const r of rows) expect(String(r.organization).startsWith('山西省')).toBe(true);
    // The same question through the library lookup gives the same answer.
    const lib = officialsIn(store, '山西省').map((o) => `${o.name}|${o.title}|${o.organizationName}`);
    expect([...keys].sort()).toEqual([...lib].sort());
  },
  'villages-of-county.rq': () => {
    const rows = run('villages-of-county.rq');
    expect(rows).toContainEqual(expect.objectContaining({ village: '河南村', township: '巡镇' }));
    for (const r of rows) {
      expect(ask(`ASK { ?v rdfs:label ?l ; a xc:Village ; xc:locatedIn+ ?c . ?c rdfs:label "河曲县"@zh . FILTER(STR(?l) = ${lit(r.village)}) }`)).toBe(true);
    }
    expect(rows.map((r) => r.village)).not.toContain('小王村'); // a village of 云州区
  },
  'who-assists-whom.rq': () => {
    const rows = run('who-assists-whom.rq');
    expect(rows).toContainEqual(expect.objectContaining({ helper: '何利军', helped: '张乃田' }));
    const helpers = relationsOf(store, '张乃田').filter((f) => f.predicate === 'assists' && f.direction === 'in').map((f) => f.subjectName);
    expect(rows.filter((r) => r.helped === '张乃田').map((r) => r.helper).sort()).toEqual(helpers.sort());
  },
  'evidence-for-fact.rq': () => {
    const rows = run('evidence-for-fact.rq');
    expect(rows.length).toBeGreaterThan(0);
    const text = article();
    for (const r of rows) {
      expect(r).toMatchObject({ subject: '张乃田', object: '王爱花' });
      expect(String(r.sentence)).toContain('王爱花');
      // nif offsets are code points into the article: the sentence is found exactly there.
      expect(text.slice(Number(r.begin), Number(r.end)).join('')).toBe(r.sentence);
    }
  },
  'people-and-residence.rq': () => {
    // Who lives where changes as extraction improves: check each row against the graph, not a fixed list.
    const rows = run('people-and-residence.rq');
    expect(rows.length).toBeGreaterThan(0);
    const pairs = store.select('SELECT DISTINCT ?p ?pl WHERE { ?p a xc:Person ; xc:residesIn ?pl }').rows.length;
    expect(new Set(rows.map((r) => `${r.person}|${r.place}`)).size).toBe(pairs);
    for (const r of rows) {
      expect(ask(`ASK { ?p rdfs:label ?n ; xc:residesIn/rdfs:label ?l FILTER(STR(?n) = ${lit(r.person)} && STR(?l) = ${lit(r.place)}) }`)).toBe(true);
      if (r.county) expect(ask(`ASK { ?x rdfs:label ?l ; xc:locatedIn* ?c . ?c a xc:County ; rdfs:label ?cl FILTER(STR(?l) = ${lit(r.place)} && STR(?cl) = ${lit(r.county)}) }`)).toBe(true);
    }
  },
  'organizations-and-parents.rq': () => {
    const rows = run('organizations-and-parents.rq');
    // The institute's name carries its university's: a unit the seed article names robustly.
    expect(rows).toContainEqual(expect.objectContaining({ organization: '山西大学乡村振兴研究院', parent: '山西大学' }));
    const pairs = store.select('SELECT DISTINCT ?o ?p WHERE { ?o a xc:Organization ; xc:partOf ?p }').rows.length;
    expect(new Set(rows.map((r) => `${r.organization}|${r.parent}`)).size).toBe(pairs);
  },
  'articles-by-date.rq': () => {
    const rows = run('articles-by-date.rq');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ date: '2021-12-08', source: '光明日报' });
    expect(String(rows[0].title)).toContain('山西确保乡亲们持续增收致富');
    const mentioned = store.select('SELECT DISTINCT ?e WHERE { ?e xc:mentionedIn ?a }').rows.length;
    expect(rows[0].entities).toBe(mentioned);
  },
  'place-chain.rq': () => {
    const rows = run('place-chain.rq');
    expect(rows.map((r) => r.place)).toEqual(['巡镇', '河曲县', '忻州市', '山西省']);
    expect(rows.map((r) => r.depth)).toEqual([1, 2, 3, 4]);
    expect(rows.map((r) => r.level)).toEqual(['Township', 'County', 'Prefecture', 'Province']);
    expect(rows.find((r) => r.place === '河曲县')?.code).toBe('140930');
  },
  'persons-with-several-titles.rq': () => {
    const rows = run('persons-with-several-titles.rq');
    const zhang = rows.find((r) => r.name === '张玉宏');
    expect(zhang).toBeDefined();
    expect(String(zhang!.all).split('、').sort()).toEqual(expect.arrayContaining(['党组书记', '局长']));
    for (const r of rows) {
      expect(Number(r.titles)).toBeGreaterThan(1);
      expect(String(r.all).split('、')).toHaveLength(Number(r.titles));
    }
  },
  'programs-per-article.rq': () => {
    const rows = run('programs-per-article.rq');
    const relocation = rows.find((r) => r.program === '易地扶贫搬迁');
    expect(relocation).toBeDefined();
    expect(Number(relocation!.mentions)).toBeGreaterThanOrEqual(1);
    const body = article().join('');
    for (const r of rows) {
      // A program is named at least as often as it has mentions, counting its aliases.
      const names = store.select(`SELECT ?n WHERE { ?p a xc:Program ; rdfs:label ?l . FILTER(STR(?l) = ${lit(r.program)}) { ?p rdfs:label ?n } UNION { ?p skos:altLabel ?n } }`).rows.map((x) => x.n.value);
      const occurrences = names.reduce((k, n) => k + body.split(n).length - 1, 0);
      expect(occurrences).toBeGreaterThanOrEqual(Number(r.mentions));
    }
  },
  'pinyin-search.rq': () => {
    const rows = run('pinyin-search.rq');
    expect(rows).toContainEqual(expect.objectContaining({ name: '河曲县', type: 'Place' }));
    for (const r of rows) expect(String(r.pinyin).replace(/ /g, '').startsWith('hequ')).toBe(true);
    const lib = findEntities(store, 'hequ', { match: 'prefix' }).filter((m) => m.matchedBy === 'pinyin' || m.matchedBy === 'label').map((m) => m.name);
    expect([...new Set(rows.map((r) => r.name))].sort()).toEqual([...new Set(lib)].sort());
  },
  'gazetteer-vs-text.rq': () => {
    const rows = run('gazetteer-vs-text.rq');
    const county = rows.find((r) => r.place === '河曲县' && r.parent === '忻州市');
    expect(county).toMatchObject({ source: 'text' });
    expect(String(county!.evidence)).toContain('忻州市河曲县');
    expect(rows.some((r) => r.source === 'gazetteer')).toBe(true);
    for (const r of rows) {
      const inGazetteer = ask(`ASK { GRAPH <${GAZETTEER_GRAPH}> { ?x xc:locatedIn ?y } ?x rdfs:label ?a . ?y rdfs:label ?b FILTER(STR(?a) = ${lit(r.place)} && STR(?b) = ${lit(r.parent)}) }`);
      if (r.source === 'gazetteer') expect(inGazetteer).toBe(true);
      else expect(r.evidence, `${r.place} → ${r.parent}`).toBeTruthy();
    }
  },
  'entities-per-type.rq': () => {
    const rows = run('entities-per-type.rq');
    const sum = (type: string) => rows.filter((r) => r.type === type).reduce((k, r) => k + Number(r.count), 0);
    for (const type of ['Person', 'Place', 'Organization', 'Program']) {
      const total = store.select(`SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a xc:${type} }`).plain[0].n;
      expect(sum(type), type).toBe(total); // every entity once: its subclass, or none
    }
    expect(rows).toContainEqual(expect.objectContaining({ type: 'Place', subtype: 'Province' }));
    expect(rows).toContainEqual(expect.objectContaining({ type: 'Place', subtype: 'County' }));
  },
};

describe('query cookbook', () => {
  it('has a dozen documented queries, each with an expectation here', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(12);
    expect(FILES.filter((f) => !EXPECT[f])).toEqual([]);
    for (const f of FILES) {
      const text = readFileSync(join(DIR, f), 'utf8');
      expect(text.startsWith('# '), f).toBe(true);
      expect(text, f).toMatch(/^# Question: .+\?/m);
    }
  });

  for (const f of FILES) it(f, () => EXPECT[f]?.());
});
