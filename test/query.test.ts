// **query.test** — the query library: loading graphs, typed rows, ASK/CONSTRUCT/DESCRIBE, prefixes, errors, lookups, result formats, widths.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  displayWidth, findEntities, formatCsv, formatJson, formatTable, formatTsv, GraphFileError, GraphStore, normalizePinyin,
  officialsIn, openGraph, openGraphSync, plainValue, QueryError, relationsOf, subtreeOf, type Table, type Term,
} from '../src/query/index.ts';
import oxigraph from 'oxigraph';
import { fromJsonTerm, parseTsvResults, type JsonTerm } from '../src/query/terms.ts';
import { GAZETTEER_GRAPH } from '../src/rdf/iri.ts';
import { XSD } from '../src/rdf/namespaces.ts';
import { buildSeedGraph, ROOT, SEED_ARTICLE } from './fixtures/query/seed.ts';

const SMALL = join(ROOT, 'test/fixtures/query/small.trig');
const EX = 'PREFIX ex: <http://example.org/>\n';

let seed: { dir: string; cleanup: () => void };
let store: GraphStore;
const tmp = mkdtempSync(join(tmpdir(), 'xckg-query-lib-'));

beforeAll(async () => {
  seed = buildSeedGraph();
  store = await openGraph(seed.dir);
}, 120_000); // the build runs the whole pipeline
afterAll(() => {
  store?.close();
  seed?.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

/** The IRIs labelled `name` (rdfs:label), via SPARQL. */
const iriOf = (name: string): string[] =>
  store.select(`SELECT DISTINCT ?e WHERE { ?e rdfs:label ?l FILTER(STR(?l) = "${name}") }`).rows.map((r) => r.e.value);

describe('opening graphs', () => {
  it('loads a build directory through its N-Quads, keeping every quad and the named graphs', async () => {
    expect(store.files).toEqual([join(seed.dir, 'graph.nq')]);
    const nqLines = readFileSync(join(seed.dir, 'graph.nq'), 'utf8').split('\n').filter((l) => l.trim()).length;
    expect(store.size).toBe(nqLines);
    // graph.trig holds the same dataset: the same quads in the same graphs.
    const trig = await openGraph(join(seed.dir, 'graph.trig'));
    try {
      expect(trig.size).toBe(store.size);
      const perGraph = (s: GraphStore) => s.select('SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g').plain;
      expect(perGraph(trig)).toEqual(perGraph(store));
    } finally {
      trig.close();
    }
    const graphs = store.select('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }').rows.map((r) => r.g.value);
    expect(graphs).toContain(GAZETTEER_GRAPH);
    expect(graphs.some((g) => g.endsWith('/graph/article/000_e65d613101e172c6'))).toBe(true);
  });

  it('loads Turtle into the default graph, and queries see the same triples', async () => {
    const ttl = await openGraph(join(seed.dir, 'graph.ttl'));
    try {
      expect(ttl.select('SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1').rows).toHaveLength(0);
      const distinct = (s: GraphStore) => Number(s.select('SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }').plain[0].n);
      expect(distinct(ttl)).toBe(ttl.size);
      expect(distinct(store)).toBe(ttl.size);
    } finally {
      ttl.close();
    }
  });

  it('without the union default graph, named-graph facts are only reachable with GRAPH', async () => {
    const s = await openGraph(SMALL, { unionDefaultGraph: false });
    try {
      expect(s.ask('ASK { ?x rdfs:label "河曲县"@zh }')).toBe(false);
      expect(s.ask('ASK { GRAPH ?g { ?x rdfs:label "河曲县"@zh } }')).toBe(true);
    } finally {
      s.close();
    }
    const u = openGraphSync(SMALL);
    expect(u.ask('ASK { ?x rdfs:label "河曲县"@zh }')).toBe(true);
    u.close();
  });

  it('names a missing file, an unknown syntax and a broken file in one line', async () => {
    const missing = join(tmp, 'nope.ttl');
    await expect(openGraph([SMALL, missing])).rejects.toThrow(new GraphFileError(missing, 'no such file or directory'));
    const odd = join(tmp, 'graph.xyz');
    writeFileSync(odd, '');
    await expect(openGraph(odd)).rejects.toThrow(/graph\.xyz: unknown RDF syntax '\.xyz'/);
    const broken = join(tmp, 'broken.ttl');
    writeFileSync(broken, '<http://a> <http://b> "ok" .\n<http://a> <http://b> .\n');
    const err = await openGraph(broken).catch((e) => e);
    expect(err).toBeInstanceOf(GraphFileError);
    expect(err.message).toMatch(/broken\.ttl: .*line 2/);
    expect(err.message).not.toContain('\n');
    expect(() => openGraphSync(join(tmp, 'empty-dir-that-is-not-there'))).toThrow(/no such file/);
    const emptyDir = mkdtempSync(join(tmp, 'out-'));
    await expect(openGraph(emptyDir)).rejects.toThrow(/none of graph\.nq, graph\.trig, graph\.ttl/);
  });

  it('loads a large N-Triples file in batches of whole lines, and counts error lines from the file start', { timeout: 60_000 }, () => {
    // ~11 MB: more than one 8 MB batch, with Chinese (multi-byte) text everywhere a cut could fall.
    const lines = Array.from({ length: 100_000 }, (_, i) => `<https://w3id.org/xiangcun-kg/id/person/张${i}> <${'http://www.w3.org/2000/01/rdf-schema#label'}> "张乃田第${i}号，河曲县"@zh .`);
    const big = join(tmp, 'big.nt');
    writeFileSync(big, lines.join('\n') + '\n');
    expect(readFileSync(big).length).toBeGreaterThan(9 << 20);
    const s = new GraphStore();
    try {
      expect(s.loadFile(big)).toBe(100_000);
      expect(s.select('SELECT ?l WHERE { <https://w3id.org/xiangcun-kg/id/person/张99999> rdfs:label ?l }').rows[0].l.value).toBe('张乃田第99999号，河曲县');
    } finally {
      s.close();
    }
    const bad = join(tmp, 'bad.nt');
    writeFileSync(bad, [...lines.slice(0, 99_000), '<http://a> <http://b> .', ...lines.slice(99_000)].join('\n'));
    const err = (() => {
      const t = new GraphStore();
      try {
        t.loadFile(bad);
      } catch (e) {
        return e as Error;
      } finally {
        t.close();
      }
    })();
    expect(err?.message).toMatch(/bad\.nt: .*line 99001\b/);
  });

  it('checks IRIs in named files, trusts a build directory, and lenient overrides', async () => {
    const dir = mkdtempSync(join(tmp, 'built-'));
    const odd = '<https://w3id.org/xiangcun-kg/id/a b> <http://www.w3.org/2000/01/rdf-schema#label> "x" .\n';
    writeFileSync(join(dir, 'graph.nq'), odd);
    await expect(openGraph(join(dir, 'graph.nq'))).rejects.toThrow(/graph\.nq: .*Invalid IRI/);
    const built = await openGraph(dir);
    expect(built.size).toBe(1);
    built.close();
    const named = await openGraph(join(dir, 'graph.nq'), { lenient: true });
    expect(named.size).toBe(1);
    named.close();
    await expect(openGraph(dir, { lenient: false })).rejects.toThrow(/Invalid IRI/);
  });

  it('refuses queries on a closed store', () => {
    const s = new GraphStore();
    s.loadData('<http://a> <http://b> <http://c> .', 'nt');
    expect(s.ask('ASK { <http://a> ?p ?o }')).toBe(true);
    s.close();
    expect(() => s.ask('ASK {}')).toThrow(/closed/);
  });
});

describe('typed results', () => {
  it('keeps language tags and datatypes, and gives plain JS values', () => {
    const r = store.select(`SELECT ?title ?date ?published (COUNT(?e) AS ?n) ?missing WHERE {
      ?a a xc:Article ; dcterms:title ?title ; dcterms:date ?date ; schema:datePublished ?published .
      ?e xc:mentionedIn ?a
    } GROUP BY ?title ?date ?published ?missing`);
    expect(r.vars).toEqual(['title', 'date', 'published', 'n', 'missing']);
    expect(r.rows).toHaveLength(1);
    const [row] = r.rows;
    expect(row.title).toMatchObject({ type: 'literal', lang: 'zh' });
    expect(row.date).toEqual({ type: 'literal', value: '2021-12-08', datatype: XSD + 'date' });
    expect(row.missing).toBeUndefined();
    const [plain] = r.plain;
    expect(plain.date).toBe('2021-12-08');
    expect(plain.published).toBeInstanceOf(Date);
    expect((plain.published as Date).toISOString()).toBe('2021-12-08T01:39:08.000Z');
    // The count agrees with the rows of the same question asked without aggregation.
    const mentioned = store.select('SELECT DISTINCT ?e WHERE { ?e xc:mentionedIn ?a . ?a a xc:Article }').rows.length;
    expect(plain.n).toBe(mentioned);
    expect(plain.missing).toBeUndefined();
  });

  it('converts every literal kind of the small fixture', async () => {
    const s = await openGraph(SMALL);
    try {
      const byProp = Object.fromEntries(s.select(EX + 'SELECT ?p ?o WHERE { ex:values ?p ?o }').rows.map((r) => [r.p.value.replace('http://example.org/', ''), r.o]));
      const plain = (k: string) => plainValue(byProp[k]);
      expect(plain('int')).toBe(42);
      expect(plain('negative')).toBe(-7);
      expect(plain('decimal')).toBe(2.5);
      expect(plain('double')).toBe(1500);
      expect(plain('odd')).toBe(12);
      expect(plain('boolean')).toBe(true);
      expect(plain('dateTime')).toEqual(new Date('2021-12-08T01:39:08Z'));
      expect(plain('localDateTime')).toBe('2021-12-08T09:39:08'); // no zone: not turned into an instant
      expect(plain('text')).toBe('line one\nline two');
      expect(String(plain('node'))).toMatch(/^_:\w+$/);
      expect(byProp.node.type).toBe('bnode');
    } finally {
      s.close();
    }
  });

  it('reads the engine\'s TSV results exactly as its JSON results', () => {
    // select() reads TSV (the faster writer): every kind of term must come out as the JSON format says.
    const raw = new oxigraph.Store();
    raw.load(readFileSync(SMALL), { format: 'application/trig' });
    raw.load([
      '<http://x/a> <http://x/p> "tab\\there \\"q\\" back\\\\slash \\u0001 ctl\\r\\n"@en .',
      '<http://x/a> <http://x/p> "𠮷 astral, \\U0001F600 and ☃"@zh-Hant .',
      '<http://x/a> <http://x/p> "" .',
      '<http://x/a> <http://x/p> "-0.5"^^<http://www.w3.org/2001/XMLSchema#decimal> .',
      '<http://x/a> <http://x/p> "7"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> .',
      '<http://x/a> <http://x/p> "1e300"^^<http://www.w3.org/2001/XMLSchema#double> .',
      '<http://x/a> <http://x/p> "false"^^<http://www.w3.org/2001/XMLSchema#boolean> .',
      '<http://x/a> <http://x/p> "x"^^<http://example.org/custom> .',
    ].join('\n'), { format: 'application/n-triples' });
    const q = 'SELECT ?s ?p ?o ?unbound WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o';
    const opts = { use_default_graph_as_union: true };
    const tsv = parseTsvResults(raw.query(q, { ...opts, results_format: 'tsv' }) as string)!;
    const json = JSON.parse(raw.query(q, { ...opts, results_format: 'json' }) as string);
    (raw as unknown as { free(): void }).free();
    expect(tsv.vars).toEqual(json.head.vars);
    expect(tsv.rows).toEqual(json.results.bindings.map((b: Record<string, JsonTerm>) => Object.fromEntries(Object.entries(b).map(([k, t]) => [k, fromJsonTerm(t)]))));
    expect(tsv.rows.length).toBeGreaterThan(30);
    // A query without variables has rows TSV cannot count: the JSON path answers it.
    expect(store.select('SELECT * WHERE {}').rows).toEqual([{}]);
    expect(store.select('SELECT ?x WHERE { OPTIONAL { ?nothing xc:nothing ?x } }').rows).toEqual([{}]);
    expect(store.select('SELECT ?x WHERE { ?x xc:nothing ?y }').rows).toEqual([]);
  });

  it('answers ASK, CONSTRUCT and DESCRIBE', () => {
    const [zhang] = iriOf('张乃田');
    const [wang] = iriOf('王爱花');
    expect(zhang && wang).toBeTruthy();
    expect(store.ask(`ASK { <${zhang}> xc:spouse <${wang}> }`)).toBe(true);
    expect(store.ask(`ASK { <${zhang}> xc:assists <${wang}> }`)).toBe(false);
    const pairs = store.construct('CONSTRUCT { ?a xc:spouse ?b } WHERE { ?a xc:spouse ?b }');
    const spouses = new Set(pairs.map((q) => `${q.subject.value} ${q.object.value}`));
    expect(spouses.has(`${zhang} ${wang}`) && spouses.has(`${wang} ${zhang}`)).toBe(true);
    expect(pairs.length).toBe(store.select('SELECT DISTINCT ?a ?b WHERE { ?a xc:spouse ?b }').rows.length);
    const [county] = iriOf('河曲县');
    const described = store.describe(`DESCRIBE <${county}>`);
    expect(described.length).toBeGreaterThan(3);
    expect(described.every((q) => q.subject.value === county)).toBe(true);
    expect(described.some((q) => q.predicate.value.endsWith('#label') && q.object.value === '河曲县')).toBe(true);
  });
});

describe('prefixes and errors', () => {
  it('declares the project prefixes, but a query\'s own declaration wins', () => {
    expect(store.ask('ASK { ?p a xc:Person ; skos:hiddenLabel ?py }')).toBe(true);
    expect(store.ask('PREFIX xc: <http://example.org/other#>\nASK { ?p a xc:Person }')).toBe(false);
    expect(store.ask('# a comment first\nprefix  xc:<http://example.org/other#> ASK { ?p a xc:Person }')).toBe(false);
  });

  it('reports a syntax error at its line and column in the text the user wrote', () => {
    const q = 'SELECT ?name WHERE {\n  ?p rdfs:label ?name .\n  OPTIONAL ?p rdfs:comment ?c .\n}';
    const e = (() => {
      try {
        store.select(q);
      } catch (err) {
        return err as QueryError;
      }
    })();
    expect(e).toBeInstanceOf(QueryError);
    // Line 3 of the user's text, whatever prefix lines were added in front of it: where '{' should be.
    expect(e!.line).toBe(3);
    expect(e!.column).toBe(q.split('\n')[2].indexOf('?p') + 1);
    expect(e!.message).toMatch(/^line 3, column 12: .*"\{"/);
  });

  it('counts columns in characters after Chinese text, and points at an undeclared prefix', () => {
    const q = 'SELECT * WHERE {\n  ?x rdfs:label "张乃田"@zh ; foo:bar ?y }';
    const e = (() => {
      try {
        store.select(q);
      } catch (err) {
        return err as QueryError;
      }
    })()!;
    expect(e.reason).toMatch(/unknown prefix 'foo:'/);
    expect(e.line).toBe(2);
    expect([...q.split('\n')[1]].slice(e.column! - 1).join('')).toMatch(/^foo:bar/);
  });

  it('names an unbalanced bracket, a slash in a prefixed name, and a query that stops short', () => {
    expect(() => store.select('SELECT * WHERE { ?s ?p ?o ')).toThrow(/^line 1, column 16: '\{' is never closed$/);
    expect(() => store.select('SELECT * WHERE {\n  ?s ?p ?o . FILTER(?o > 3 }')).toThrow(/^line 2, column 28: '\}' where '\)' should close the '\(' of line 2, column 20$/);
    // Brackets inside strings and IRIs do not count.
    expect(store.select('SELECT ?x WHERE { BIND("{(" AS ?x) FILTER(?x != "}") }').rows).toHaveLength(1);
    // Tables print id:place/140930, which SPARQL cannot read back: say how to write it.
    expect(() => store.select('SELECT ?n WHERE { id:place/140930 rdfs:label ?n }')).toThrow(
      "line 1, column 19: 'id:place/140930': a prefixed name cannot contain '/'; write id:place\\/140930 or <https://w3id.org/xiangcun-kg/id/place/140930>",
    );
    expect(store.select('SELECT ?n WHERE { id:place\\/140930 rdfs:label ?n }').plain).toEqual([{ n: '河曲县' }]);
    // A property path is not a slashed name: the engine's own message stands.
    const e = (() => {
      try {
        store.select('SELECT ?n WHERE { ?p xc:holder/rdfs:label ?n ; xc:title ?t . FILTER(?t = ) }');
      } catch (err) {
        return err as QueryError;
      }
    })()!;
    expect(e.message).not.toMatch(/prefixed name|never closed/);
    expect(e.reason).toMatch(/^unexpected end of query: expected/);
  });

  it('refuses updates and checks the form', () => {
    expect(() => store.query('INSERT DATA { <http://a> <http://b> <http://c> }')).toThrow(/read-only/);
    expect(() => store.select('ASK { ?s ?p ?o }')).toThrow(/expected a SELECT query, got ASK/);
    expect(() => store.ask('SELECT * { ?s ?p ?o }')).toThrow(QueryError);
  });
});

describe('lookups on the seed graph', () => {
  const key = (o: { name: string; title: string; organizationName: string }) => `${o.name}|${o.title}|${o.organizationName}`;

  it('officials of a province with their titles', () => {
    const officials = officialsIn(store, '山西省');
    const keys = officials.map(key);
    expect(keys).toContain('张玉宏|局长|山西省乡村振兴局');
    expect(keys).toContain('张玉宏|党组书记|山西省乡村振兴局');
    // Province-level only: every organization is the province or named after it.
    for (const o of officials) expect(o.organizationName.startsWith('山西省')).toBe(true);
    // The alias and the IRI name the same place.
    const [province] = iriOf('山西省');
    expect(officialsIn(store, '山西').map(key)).toEqual(keys);
    expect(officialsIn(store, province).map(key)).toEqual(keys);
  });

  it('with subtree, officials of every place below are included, each matched through a place of the subtree', () => {
    const direct = officialsIn(store, '山西省').map(key);
    const county = officialsIn(store, '河曲县').map(key);
    const all = officialsIn(store, '山西省', { subtree: true });
    const allKeys = all.map(key);
    for (const k of [...direct, ...county]) expect(allKeys).toContain(k);
    expect(county.length).toBeGreaterThan(0);
    const places = new Set(subtreeOf(store, '山西省').map((p) => p.place));
    for (const o of all) expect(places.has(o.place)).toBe(true);
    // A county's officials are not the province's own.
    for (const k of county) expect(direct).not.toContain(k);
  });

  it('the administrative subtree of a province, as an outline', () => {
    const tree = subtreeOf(store, '山西省');
    expect(tree[0]).toMatchObject({ name: '山西省', depth: 0, level: 'Province', code: '14' });
    const byName = new Map(tree.map((p) => [p.name, p]));
    const county = byName.get('河曲县')!;
    expect(county).toMatchObject({ depth: 2, level: 'County', code: '140930' });
    expect(county.parent).toBe(byName.get('忻州市')!.place);
    const index = new Map(tree.map((p, i) => [p.place, i]));
    for (const p of tree.slice(1)) {
      // Outline order: a parent comes before its children, one level up.
      expect(index.get(p.parent!)!).toBeLessThan(index.get(p.place)!);
      expect(tree[index.get(p.parent!)!].depth).toBe(p.depth - 1);
      expect(store.ask(`ASK { <${p.place}> xc:locatedIn+ <${tree[0].place}> }`)).toBe(true);
    }
    expect(new Set(tree.map((p) => p.place)).size).toBe(tree.length);
  });

  it('the relations of a person, with the sentence each comes from', () => {
    const facts = relationsOf(store, '张乃田');
    const spouse = facts.filter((f) => f.predicate === 'spouse');
    expect(spouse).toHaveLength(1);
    expect(spouse[0]).toMatchObject({ subjectName: '张乃田', objectName: '王爱花', direction: 'out', source: 'text' });
    expect(spouse[0].sentence).toContain('王爱花');
    // Evidence offsets are code points into the article: the sentence must be found there.
    const text = [...readFileSync(SEED_ARTICLE, 'utf8').replace(/^\uFEFF/, '')];
    for (const f of facts.filter((x) => x.sentence)) {
      const [, b, e] = /#char=(\d+),(\d+)$/.exec(f.sentenceIri!)!.map(Number);
      expect(text.slice(b, e).join('')).toBe(f.sentence);
    }
    const place = relationsOf(store, '河曲县');
    expect(place.some((f) => f.predicate === 'locatedIn' && f.direction === 'out' && f.objectName === '忻州市')).toBe(true);
  });

  it('entities by name, alias or pinyin', () => {
    for (const q of ['zhang nai tian', 'ZhangNaitian', 'zhāng nǎi tián', '张乃田']) {
      const [m] = findEntities(store, q);
      expect(m, q).toMatchObject({ name: '张乃田', type: 'Person' });
    }
    expect(findEntities(store, '张乃田')[0].matchedBy).toBe('label');
    expect(findEntities(store, 'zhang nai tian')[0].matchedBy).toBe('pinyin');
    expect(findEntities(store, '山西')[0]).toMatchObject({ name: '山西省', matchedBy: 'altLabel', subtype: 'Province' });
    const hequ = findEntities(store, 'he qu', { match: 'prefix' });
    expect(hequ.map((m) => m.name)).toContain('河曲县');
    for (const m of hequ) {
      const py = store.select(`SELECT ?py WHERE { <${m.entity}> skos:hiddenLabel ?py }`).rows.map((r) => normalizePinyin(r.py.value));
      expect(py.some((p) => p.startsWith('hequ'))).toBe(true);
    }
    expect(findEntities(store, 'he qu', { match: 'prefix', type: 'Place' }).every((m) => m.type === 'Place')).toBe(true);
    expect(findEntities(store, 'no such name anywhere')).toEqual([]);
    expect(normalizePinyin('Lǚ Dòng-nán')).toBe('lvdongnan');
  });
});

describe('result formats', () => {
  const iri = (value: string): Term => ({ type: 'iri', value });
  const zh = (value: string): Term => ({ type: 'literal', value, lang: 'zh' });
  const int = (value: string): Term => ({ type: 'literal', value, datatype: XSD + 'integer' });
  const table: Table = {
    vars: ['name', 'n', 'note'],
    rows: [
      { name: zh('河曲县'), n: int('7'), note: { type: 'literal', value: 'a, "quoted"\tvalue\nsecond line' } as Term },
      { name: zh('Ab'), n: int('1234') },
      { name: iri('https://w3id.org/xiangcun-kg/id/place/140930'), n: int('42'), note: { type: 'bnode', value: 'b0' } as Term },
    ],
  };

  it('aligns the table by display columns, Chinese characters counting two', () => {
    const lines = formatTable(table).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^name\s+n\s+note$/);
    expect(lines.at(-1)).toBe('(3 rows)');
    const body = lines.slice(2, 5);
    // The numeric column ends at the same display column on every line (right-aligned), and so does the header's n.
    const endOf = (line: string, value: string) => {
      const m = new RegExp(`\\s${value}(\\s|$)`).exec(line)!;
      return displayWidth(line.slice(0, m.index + 1 + value.length));
    };
    const ends = ['7', '1234', '42'].map((n, i) => endOf(body[i], n));
    expect(new Set([...ends, endOf(lines[0], 'n')]).size).toBe(1);
    // The third column starts at the same display column on the rows that have one.
    const starts = [body[0].indexOf('a, "'), body[2].indexOf('_:b0')].map((i, k) => displayWidth([body[0], body[2]][k].slice(0, i)));
    expect(starts[0]).toBe(starts[1]);
    expect(starts[0]).toBe(displayWidth(lines[0].slice(0, lines[0].indexOf('note'))));
    expect(body[0]).toContain('河曲县');
    expect(body[0]).toContain('a, "quoted" value\\nsecond line'); // one line per row
    expect(body[2]).toMatch(/^id:place\/140930/);
    expect(formatTable(table, { maxWidth: 8 }).split('\n')[2]).toContain('a, "quo…');
  });

  it('writes SPARQL 1.1 JSON results', () => {
    const json = JSON.parse(formatJson(table));
    expect(json.head.vars).toEqual(['name', 'n', 'note']);
    expect(json.results.bindings[0].name).toEqual({ type: 'literal', value: '河曲县', 'xml:lang': 'zh' });
    expect(json.results.bindings[1]).not.toHaveProperty('note');
    expect(json.results.bindings[2].name).toEqual({ type: 'uri', value: 'https://w3id.org/xiangcun-kg/id/place/140930' });
    expect(json.results.bindings[2].note).toEqual({ type: 'bnode', value: 'b0' });
    expect(json.results.bindings[0].n.datatype).toBe(XSD + 'integer');
  });

  it('writes the W3C CSV format: plain strings, RFC 4180 quoting, CRLF', () => {
    const csv = formatCsv(table);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')[0]).toBe('name,n,note');
    expect(csv).toContain('河曲县,7,"a, ""quoted""\tvalue\nsecond line"\r\n');
    expect(csv).toContain('Ab,1234,\r\n');
    expect(csv).toContain('https://w3id.org/xiangcun-kg/id/place/140930,42,_:b0\r\n');
  });

  it('writes the W3C TSV format: ?vars, terms in SPARQL syntax on one line each', () => {
    const lines = formatTsv(table).split('\n');
    expect(lines[0]).toBe('?name\t?n\t?note');
    expect(lines[1]).toBe('"河曲县"@zh\t7\t"a, \\"quoted\\"\\tvalue\\nsecond line"');
    expect(lines[2]).toBe('"Ab"@zh\t1234\t');
    expect(lines[3]).toBe('<https://w3id.org/xiangcun-kg/id/place/140930>\t42\t_:b0');
    expect(lines[4]).toBe('');
    for (const l of lines.slice(0, 4)) expect(l.split('\t')).toHaveLength(3);
  });

  it('keeps a double that looks like an integer typed in TSV', async () => {
    const s = await openGraph(SMALL);
    try {
      const tsv = formatTsv(s.select(EX + 'SELECT ?d ?i WHERE { ex:values ex:double ?d ; ex:int ?i }'));
      expect(tsv.split('\n')[1]).toBe(`"1500"^^<${XSD}double>\t42`);
    } finally {
      s.close();
    }
  });
});

describe('display width', () => {
  it('counts East Asian wide and fullwidth characters as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('张乃田')).toBe(6);
    expect(displayWidth('，：（）')).toBe(8); // fullwidth punctuation
    expect(displayWidth('、。「」')).toBe(8); // CJK punctuation
    expect(displayWidth('\u3000')).toBe(2); // ideographic space
    expect(displayWidth('𠮷')).toBe(2); // Extension B, a surrogate pair
    expect(displayWidth('한글')).toBe(4);
    expect(displayWidth('カタカナ')).toBe(8);
    expect(displayWidth('😀')).toBe(2);
    expect(displayWidth('ｱ')).toBe(1); // halfwidth katakana
    expect(displayWidth('é')).toBe(1);
    expect(displayWidth('e\u0301')).toBe(1); // combining accent takes no column
    expect(displayWidth('a\u200db')).toBe(2);
    expect(displayWidth('…·')).toBe(2); // ambiguous width: narrow outside CJK locales
    expect(displayWidth('')).toBe(0);
  });
});
