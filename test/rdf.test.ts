// **rdf.test** — the rdf stage on a hand-built article: classes, labels, provenance, graphs, serializers, SHACL, scorer.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  articleQuads, entityIri, GAZETTEER_GRAPH, keyOf, mergeDefaultGraph, namePinyin, nifOffsets, NIF, RDF, RDFS, SKOS, sortQuads,
  toJsonLd, toNQuads, toTriG, toTurtle, validateShapes, XC, ID, ITSRDF, articleGraphIri, articleIri, type Quad,
} from '../src/rdf/index.ts';
import type { ArticleGraph, Document } from '../src/types.ts';
import { NASTY_NAME, sampleGraph } from './fixtures/rdf/sample-graph.ts';

const CI_HINT = '.ci/run installs raptor2-utils and python3-rdflib';
const ARTICLE_GRAPH = articleGraphIri('000_sample');
const BUREAU = '河曲县民政和人力资源社会保障局';

const tmp = mkdtempSync(join(tmpdir(), 'xckg-rdf-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const quads = articleQuads(sampleGraph());
const store = new N3.Store(quads);
const iri = (key: string) => new N3.NamedNode(entityIri(key));
const objects = (s: string, p: string) => store.getObjects(s, p, null);
const values = (s: string, p: string) => objects(s, p).map((o) => o.value).sort();

/** Triples (graph dropped) as a sorted list of N-Triples lines, for set comparison. */
function tripleLines(qs: Iterable<Quad>): string[] {
  const w = new N3.Writer({ format: 'N-Triples' });
  return [...new Set([...qs].map((q) => w.quadToString(q.subject, q.predicate, q.object)))].sort();
}
function quadLines(qs: Iterable<Quad>): string[] {
  const w = new N3.Writer({ format: 'N-Quads' });
  return [...new Set([...qs].map((q) => w.quadToString(q.subject, q.predicate, q.object, q.graph)))].sort();
}

function shuffled<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function tool(cmd: string, args: string[], input?: string): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} is not available (${r.error.message}); ${CI_HINT}`);
  return r.stdout + r.stderr;
}

describe('ontology', () => {
  const onto = new N3.Store(new N3.Parser().parse(readFileSync('ontology/xiangcun.ttl', 'utf8')));
  const terms = [...new Set(onto.getSubjects(null, null, null).map((t) => t.value).filter((v) => v.startsWith(XC) && v !== XC))].sort();

  it('labels every term in Chinese and English and comments it', () => {
    expect(terms.length).toBeGreaterThan(40);
    for (const t of terms) {
      const langs = onto.getObjects(t, RDFS + 'label', null).map((l) => (l as N3.Literal).language).sort();
      expect(langs, t).toEqual(['en', 'zh']);
      expect(onto.getObjects(t, RDFS + 'comment', null).length, t).toBe(1);
    }
  });

  it('puts every place level and organization kind under its top class, and defines every term the graph uses', () => {
    const sub = (c: string) => onto.getObjects(XC + c, RDFS + 'subClassOf', null).map((o) => o.value);
    for (const l of ['Province', 'Prefecture', 'County', 'Township', 'Village', 'Settlement']) expect(sub(l)).toContain(XC + 'Place');
    for (const k of ['GovernmentAgency', 'PartyOrganization', 'WorkTeam', 'MediaOrganization', 'Company', 'Cooperative', 'EducationalInstitution', 'ResearchInstitute', 'SocialOrganization']) {
      expect(sub(k)).toContain(XC + 'Organization');
    }
    const used = new Set(quads.flatMap((q) => [q.predicate, q.object]).filter((t) => t.termType === 'NamedNode' && t.value.startsWith(XC)).map((t) => t.value));
    for (const u of used) expect(terms, u).toContain(u);
  });
});

describe('iri', () => {
  it('keeps CJK and encodes what IRIs forbid', () => {
    expect(entityIri('person/张乃田')).toBe(ID + 'person/张乃田');
    expect(entityIri('place/140930')).toBe(ID + 'place/140930');
    expect(entityIri('org/a b"c<d>#e?f%g\\h')).toBe(ID + 'org/a%20b%22c%3Cd%3E%23e%3Ff%25g%5Ch');
    expect(entityIri('org/中国\u3000农业')).toBe(ID + 'org/中国%E3%80%80农业'); // ideographic space
    expect(entityIri('org/..')).toBe(ID + 'org/%2E%2E');
    expect(entityIri('org/（山西）有限公司')).toBe(ID + 'org/（山西）有限公司');
    for (const key of ['org/' + NASTY_NAME, 'person/张乃田', 'org/x%y#z']) expect(keyOf(entityIri(key))).toBe(key);
    expect(articleIri('000_e65d613101e172c6')).toBe(ID + 'article/000_e65d613101e172c6');
  });
});

describe('articleQuads', () => {
  it('types entities with their class and subclass', () => {
    expect(values(entityIri('person/张乃田'), RDF + 'type')).toEqual([XC + 'Person']);
    expect(values(entityIri('place/140930'), RDF + 'type')).toEqual([XC + 'County', XC + 'Place']);
    expect(values(entityIri('org/' + BUREAU), RDF + 'type')).toEqual([XC + 'GovernmentAgency', XC + 'Organization']);
    expect(values(entityIri('org/人民日报'), RDF + 'type')).toEqual([XC + 'MediaOrganization', XC + 'Organization']);
    expect(values(entityIri('program/易地扶贫搬迁'), RDF + 'type')).toEqual([XC + 'Program']);
    expect(values(articleIri('000_sample'), RDF + 'type')).toEqual([XC + 'Article']);
  });

  it('writes one Chinese label, aliases other than the name, and escapes nothing away', () => {
    const labels = objects(entityIri('org/' + BUREAU), RDFS + 'label');
    expect(labels.map((l) => [l.value, (l as N3.Literal).language])).toEqual([[BUREAU, 'zh']]);
    expect(values(entityIri('org/' + BUREAU), SKOS + 'altLabel')).toEqual(['县民政和人力资源社会保障局']);
    expect(values(entityIri('org/人民日报'), SKOS + 'altLabel')).toEqual(['本报']);
    expect(values(entityIri('org/' + NASTY_NAME), RDFS + 'label')).toEqual([NASTY_NAME]);
  });

  it('adds toneless pinyin as a hidden label, surname readings for persons only', () => {
    const py = objects(entityIri('person/张乃田'), SKOS + 'hiddenLabel') as N3.Literal[];
    expect(py.map((l) => [l.value, l.language])).toEqual([['zhang nai tian', 'zh-latn-pinyin']]);
    expect(values(entityIri('person/吕长财'), SKOS + 'hiddenLabel')).toEqual(['lv chang cai']);
    expect(namePinyin('单雄信', true)).toBe('shan xiong xin');
    expect(namePinyin('单雄信', false)).toBe('dan xiong xin');
    expect(namePinyin('G20峰会', false)).toBe('g20 feng hui');
    expect(namePinyin('阿卜杜·热合曼', true)).toBe('a bu du re he man');
    expect(namePinyin('ABC', false)).toBeNull();
  });

  it('links mentioned entities to the article, never gazetteer-only places', () => {
    const mentioned = store.getSubjects(XC + 'mentionedIn', articleIri('000_sample'), null).map((s) => keyOf(s.value)).sort();
    expect(mentioned).toEqual(sampleGraph().entities.filter((e) => !e.fromGazetteer).map((e) => e.key).sort());
    expect(objects(entityIri('place/1409'), XC + 'mentionedIn')).toEqual([]);
    expect(values(articleIri('000_sample'), XC + 'reporter')).toEqual([entityIri('person/周人杰')]);
  });

  it('writes positions as nodes the scorer reads: holder, one title each, organization', () => {
    const positions = store.getSubjects(RDF + 'type', XC + 'Position', null);
    expect(positions).toHaveLength(2);
    const read = positions.map((p) => ({
      holder: values(p.value, XC + 'holder'),
      title: objects(p.value, XC + 'title').map((t) => `${t.value}@${(t as N3.Literal).language}`),
      organization: values(p.value, XC + 'organization'),
    }));
    expect(read.sort((a, b) => a.title[0].localeCompare(b.title[0]))).toEqual([
      { holder: [entityIri('person/张乃田')], title: ['党组书记@zh'], organization: [entityIri('org/' + BUREAU)] },
      { holder: [entityIri('person/张乃田')], title: ['局长@zh'], organization: [entityIri('org/' + BUREAU)] },
    ]);
    for (const p of positions) {
      const [sentence] = values(p.value, 'http://www.w3.org/ns/prov#wasDerivedFrom');
      expect(values(sentence, NIF + 'anchorOf')[0]).toContain('党组书记、局长张乃田');
    }
  });

  it('gives NIF offsets in code points of the input (the astral 𠮷 counts once)', () => {
    const g = sampleGraph();
    const cps = [...g.doc.text];
    const phrases = store.getSubjects(RDF + 'type', NIF + 'Phrase', null);
    const sentences = store.getSubjects(RDF + 'type', NIF + 'Sentence', null);
    expect(phrases.length).toBeGreaterThan(10);
    for (const s of [...phrases, ...sentences]) {
      const b = Number(values(s.value, NIF + 'beginIndex')[0]);
      const e = Number(values(s.value, NIF + 'endIndex')[0]);
      expect(s.value.endsWith(`#char=${b},${e}`)).toBe(true);
      expect(cps.slice(b, e).join('')).toBe(values(s.value, NIF + 'anchorOf')[0]);
    }
    // 河曲县 in the title stands after 𠮷: UTF-16 offset 16, code point offset 15.
    const title = g.entities.find((e) => e.name === '河曲县')!.mentions[0];
    expect(title.start).toBe(16);
    const phrase = store.getSubjects(ITSRDF + 'taIdentRef', iri('place/140930'), null).map((p) => p.value).sort();
    expect(phrase).toContain(`${ID}text/000_sample#char=15,18`);
    expect(values(`${ID}text/000_sample`, NIF + 'endIndex')).toEqual([String(cps.length)]);
  });

  it('maps HTML source offsets through sourceOffsets, exactly when given the input', () => {
    const doc = (text: string, so: number[]): Document => ({ ...sampleGraph().doc, text, sourceOffsets: Int32Array.from(so), sentences: [], format: 'html' });
    // <p>𠮷 &amp; 张三</p> → text "𠮷 & 张三"
    const input = '<p>𠮷 &amp; 张三</p>';
    const d = doc('𠮷 & 张三', [3, 4, 5, 6, 11, 12, 13, 14]);
    expect(nifOffsets(d, input).span({ start: 5, end: 7 })).toEqual([11, 13]);
    expect(nifOffsets(d).span({ start: 5, end: 7 })).toEqual([11, 13]);
    expect(nifOffsets(d, input).span({ start: 3, end: 4 })).toEqual([5, 10]); // & covers the whole &amp;
    expect(nifOffsets(d, input).length).toBe([...input].length);
    // An astral character inside markup is only seen with the input.
    const input2 = '<p title="𠮷">张三</p>';
    const d2 = doc('张三', [14, 15, 16]);
    expect(nifOffsets(d2, input2).span({ start: 0, end: 2 })).toEqual([13, 15]);
    expect([...input2].slice(13, 15).join('')).toBe('张三');
    expect(nifOffsets(d2).span({ start: 0, end: 0 })).toBeNull();
  });

  it('keeps gazetteer facts in their own graph and text facts in the article graph', () => {
    const inGraph = (g: string) => quads.filter((q) => q.graph.value === g);
    const located = quads.filter((q) => q.predicate.value === XC + 'locatedIn');
    expect(located.length).toBe(2);
    expect(located.every((q) => q.graph.value === GAZETTEER_GRAPH)).toBe(true);
    expect(inGraph(GAZETTEER_GRAPH).filter((q) => q.predicate.value === XC + 'divisionCode').map((q) => q.object.value).sort()).toEqual(['14', '140930', '1409'].sort());
    expect(inGraph(ARTICLE_GRAPH).some((q) => q.subject.value === entityIri('place/1409'))).toBe(false);
    const spouse = inGraph(ARTICLE_GRAPH).filter((q) => q.predicate.value === XC + 'spouse');
    expect(spouse.length).toBe(2); // both directions
    expect(quads.every((q) => q.graph.value === ARTICLE_GRAPH || q.graph.value === GAZETTEER_GRAPH)).toBe(true);
    // Text relations carry evidence: a reified statement derived from its sentence.
    const evidence = store.getSubjects(RDF + 'type', XC + 'Evidence', null);
    expect(evidence).toHaveLength(5);
    const assists = evidence.find((e) => values(e.value, RDF + 'predicate')[0] === XC + 'assists')!;
    expect(values(assists.value, RDF + 'subject')).toEqual([entityIri('person/张乃田')]);
    const [src] = values(assists.value, 'http://www.w3.org/ns/prov#wasDerivedFrom');
    expect(values(src, NIF + 'anchorOf')).toEqual(['张乃田是村民李海棠的帮扶责任人。']);
  });

  it('is deterministic: same Turtle twice, and whatever the input order', () => {
    const a = toTurtle(articleQuads(sampleGraph()));
    expect(toTurtle(articleQuads(sampleGraph()))).toBe(a);
    const g = sampleGraph();
    const mixed: ArticleGraph = {
      ...g,
      entities: shuffled(g.entities, 7).map((e) => ({ ...e, mentions: shuffled(e.mentions, 3), aliases: shuffled(e.aliases, 5) })),
      relations: shuffled(g.relations, 11),
      positions: shuffled(g.positions, 13),
    };
    expect(toTurtle(articleQuads(mixed))).toBe(a);
    expect(toTriG(articleQuads(mixed))).toBe(toTriG(quads));
    expect(toJsonLd(articleQuads(mixed))).toBe(toJsonLd(quads));
  });
});

describe('serializers', () => {
  const ttl = toTurtle(quads);
  const trig = toTriG(quads);
  const nq = toNQuads(quads);
  const jsonld = toJsonLd(quads);
  writeFileSync(join(tmp, 'graph.ttl'), ttl);
  writeFileSync(join(tmp, 'graph.trig'), trig);
  writeFileSync(join(tmp, 'graph.jsonld'), jsonld);
  const nTriples = tripleLines(quads).length;

  it('Turtle, TriG and N-Quads re-parse with n3 to the same statements', () => {
    expect(tripleLines(new N3.Parser({ format: 'text/turtle' }).parse(ttl))).toEqual(tripleLines(quads));
    expect(quadLines(new N3.Parser({ format: 'application/trig' }).parse(trig))).toEqual(quadLines(quads));
    expect(quadLines(new N3.Parser({ format: 'application/n-quads' }).parse(nq))).toEqual(quadLines(quads));
    expect(ttl).toContain('@prefix xc: <https://w3id.org/xiangcun-kg/ns#>.');
    // In an IRI the markup is percent-encoded; in a literal it stays text, quotes and backslash escaped.
    expect(ttl).toContain('%3Cimg%20src=x%20onerror=alert(1)%3E');
    expect(ttl).toContain('"河曲县\\"晋\\"味\\\\食品<img src=x onerror=alert(1)>有限公司"@zh');
  });

  it('JSON-LD is safe to embed in HTML and holds the same statements', () => {
    expect(jsonld).not.toMatch(/[<>]/);
    const doc = JSON.parse(jsonld);
    expect(doc['@context'].xc).toBe(XC);
    const nested = doc['@graph'].find((g: { '@id': string }) => g['@id'] === ARTICLE_GRAPH);
    const org = nested['@graph'].find((n: { '@id': string }) => n['@id'] === entityIri('org/' + NASTY_NAME));
    expect(org['rdfs:label']).toEqual([{ '@value': NASTY_NAME, '@language': 'zh' }]);
  });

  it('rapper reads the Turtle and the TriG', () => {
    const version = tool('rapper', ['--version']);
    expect(version).toMatch(/\d+\.\d+/);
    expect(tool('rapper', ['-i', 'turtle', '-c', join(tmp, 'graph.ttl')])).toContain(`returned ${nTriples} triples`);
    expect(tool('rapper', ['-i', 'trig', '-c', join(tmp, 'graph.trig')])).toContain(`returned ${quads.length} triples`);
  });

  it('rdflib reads the Turtle, the TriG and the JSON-LD to the same statements', () => {
    const script = `
import sys, rdflib
g = rdflib.Graph(); g.parse(sys.argv[1], format='turtle')
t = rdflib.Dataset(); t.parse(sys.argv[2], format='trig')
j = rdflib.Dataset(); j.parse(sys.argv[3], format='json-ld')
label = g.value(rdflib.URIRef(sys.argv[4]), rdflib.RDFS.label)
print(len(g), len(list(t.quads((None, None, None, None)))), len(list(j.quads((None, None, None, None)))))
print(label)
`;
    const probe = spawnSync('/usr/bin/python3', ['-c', 'import rdflib'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) throw new Error(`/usr/bin/python3 cannot import rdflib; ${CI_HINT}`);
    const out = tool('/usr/bin/python3', ['-c', script, join(tmp, 'graph.ttl'), join(tmp, 'graph.trig'), join(tmp, 'graph.jsonld'), entityIri('org/' + NASTY_NAME)]);
    const [counts, label] = out.trim().split('\n');
    expect(counts).toBe(`${nTriples} ${quads.length} ${quads.length}`);
    expect(label).toBe(NASTY_NAME);
  });

  it('the scorer reads classes, names, relations and positions from the Turtle', () => {
    const r = spawnSync(process.execPath, [
      '/work/shared/tools/score.mjs', '--gold', 'test/fixtures/rdf/000_sample.gold.json', '--ontology', 'ontology', join(tmp, 'graph.ttl'),
    ], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('entityP=1.00 entityR=1.00 entityF1=1.00 relationP=1.00 relationR=1.00 relationF1=1.00');
    expect(r.stdout).toMatch(/position +P=1\.00 R=1\.00 F1=1\.00 +\(tp 2, fp 0, fn 0\)/);
  });
});

describe('merge', () => {
  it('unions articles into one sorted default graph without duplicates', () => {
    const g2 = sampleGraph();
    g2.doc = { ...g2.doc, id: '001_other' };
    const merged = mergeDefaultGraph([quads, articleQuads(g2)]);
    expect(merged.every((q) => q.graph.termType === 'DefaultGraph')).toBe(true);
    expect(tripleLines(merged)).toHaveLength(merged.length);
    // The shared gazetteer place is described once; both articles mention 河曲县.
    expect(merged.filter((q) => q.subject.value === entityIri('place/1409') && q.predicate.value === RDFS + 'label')).toHaveLength(1);
    expect(merged.filter((q) => q.subject.value === entityIri('place/140930') && q.predicate.value === XC + 'mentionedIn')).toHaveLength(2);
    expect(sortQuads(merged)).toEqual(merged);
  });
});

describe('SHACL', () => {
  it('the sample conforms', async () => {
    const r = await validateShapes(quads);
    expect(r.results).toEqual([]);
    expect(r.conforms).toBe(true);
  });

  it('a position without a holder does not', async () => {
    const broken = quads.filter((q) => q.predicate.value !== XC + 'holder');
    const r = await validateShapes(broken);
    expect(r.conforms).toBe(false);
    expect(r.results.length).toBe(2);
    expect(r.results.every((l) => l.includes(XC + 'holder'))).toBe(true);
  });

  it('catches a bad division code, a second label and begin ≥ end', async () => {
    const place = new N3.NamedNode(entityIri('place/14'));
    const extra = [
      N3.DataFactory.quad(place, new N3.NamedNode(RDFS + 'label'), N3.DataFactory.literal('晋', 'zh')),
      N3.DataFactory.quad(new N3.NamedNode(entityIri('place/140930')), new N3.NamedNode(XC + 'divisionCode'), N3.DataFactory.literal('14-09')),
    ];
    const P = `${ID}text/000_sample#char=15,18`;
    const swapped = quads
      .filter((q) => !(q.subject.value === P && q.predicate.value === NIF + 'endIndex'))
      .concat(N3.DataFactory.quad(new N3.NamedNode(P), new N3.NamedNode(NIF + 'endIndex'), N3.DataFactory.literal('3', new N3.NamedNode('http://www.w3.org/2001/XMLSchema#nonNegativeInteger'))));
    const r = await validateShapes([...swapped, ...extra]);
    expect(r.conforms).toBe(false);
    const text = r.results.join('\n');
    expect(text).toContain('needs exactly one rdfs:label');
    expect(text).toContain('does not match pattern');
    expect(text).toContain('not less than');
  });
});
