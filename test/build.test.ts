// **build.test** — `xckg build` end to end, issue 2's acceptance: the seed's outputs, the accuracy gate, determinism,
// independent parsers (rapper, rdflib), SHACL, provenance, and bad input next to a good article.
// Every build is the real CLI in a child process writing into a fresh folder; they start together (two at a time)
// and each test awaits the ones it reads.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateShapes } from '../src/rdf/index.ts';
import {
  articleFrom, articles, byLabel, GAZETTEER_GRAPH, isA, mentionedLabels, NS, objects, once, one, readRdf, ROOT, run,
  SEED, SHARED, show, subjects, xckg, XC, type Run,
} from './helpers/xckg.ts';

const SLOW = { timeout: 120_000 };
const OUTPUTS = ['graph.nq', 'graph.trig', 'graph.ttl', 'summary.json', 'viewer.json'];
/** What a build folder holds: the outputs and the work folder a rebuild reuses (records of extracted articles). */
const FOLDER = ['.work', ...OUTPUTS];
const TYPES = ['Person', 'Place', 'Organization', 'Program'] as const;
const GOLD = join(SHARED, 'gold/000_e65d613101e172c6.gold.json');
const SCORE = join(SHARED, 'tools/score.mjs');
const OTHER = join(SHARED, 'articles/024.txt'); // another dev article; it also mentions 山西
const HTML = 'test/fixtures/build/scripts-and-styles.html';
const CI_HINT = '.ci/run installs raptor2-utils and python3-rdflib (apt-get); install them to run this test';

const tmp = mkdtempSync(join(tmpdir(), 'xckg-build-test-'));
const bad = {
  empty: join(tmp, 'in/empty.txt'),
  binary: join(tmp, 'in/random.bin'),
  gbk: join(tmp, 'in/gbk-article.txt'),
  huge: join(tmp, 'in/huge.txt'),
  malformed: join(tmp, 'in/malformed.txt'),
};

interface Build {
  dir: string;
  inputs: string[];
  run: Run;
}
let serial = 0;
/** `xckg build INPUTS… --out <fresh dir>`. */
const build = (name: string, inputs: string[]) =>
  once(async (): Promise<Build> => {
    const dir = join(tmp, `out-${++serial}-${name}`);
    return { dir, inputs, run: await xckg(['build', ...inputs, '--out', dir]) };
  });
// The bad file comes first on the command line, so "the other inputs are still processed" means after a failure.
const builds = {
  seed: build('seed', ['data/articles']),
  seedAgain: build('seed-again', ['data/articles']),
  withOther: build('other-and-seed', [OTHER, SEED]),
  empty: build('empty', [bad.empty, SEED]),
  binary: build('binary', [bad.binary, SEED]),
  gbkAlone: build('gbk', [bad.gbk]),
  gbkWithSeed: build('gbk-and-seed', [bad.gbk, SEED]),
  huge: build('huge', [bad.huge, SEED]),
  html: build('html', [HTML, SEED]),
  malformed: build('malformed', [bad.malformed, SEED]),
};

/** A successful build's folder; fails the test with the build's output otherwise. */
async function built(b: () => Promise<Build>): Promise<Build> {
  const r = await b();
  expect(r.run.code, show(r.run)).toBe(0);
  return r;
}

const seedText = () => readFileSync(join(ROOT, SEED), 'utf8');
const stores = new Map<string, N3.Store>();
/** The parsed graph.ttl / graph.trig / graph.nq of a build (parsed once). */
function graph(b: Build, file = 'graph.ttl'): N3.Store {
  const path = join(b.dir, file);
  let s = stores.get(path);
  if (!s) stores.set(path, (s = readRdf(path)));
  return s;
}
const all = (s: N3.Store) => s.getQuads(null, null, null, null);
const seedGraph = async () => graph(await built(builds.seed));

beforeAll(() => {
  // Inputs for the bad-input cases.
  const inDir = join(tmp, 'in');
  execFileSync('mkdir', ['-p', inDir]);
  writeFileSync(bad.empty, '');
  // Random bytes (fixed seed, so a failure reproduces), NULs guaranteed.
  const noise = Buffer.alloc(64 * 1024);
  let x = 0x2545f491;
  for (let i = 0; i < noise.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    noise[i] = i % 97 === 0 ? 0 : x & 0xff;
  }
  writeFileSync(bad.binary, noise);
  // The seed in GBK, converted by iconv. GBK has no U+00A0 (the page's &nbsp;), so that becomes a plain space.
  let gbk: Buffer;
  try {
    gbk = execFileSync('iconv', ['-f', 'utf-8', '-t', 'gbk'], { input: seedText().replace(/\u00a0/g, ' ') });
  } catch (e) {
    throw new Error(`iconv could not make the GBK input (apt-get install libc-bin provides iconv): ${(e as Error).message}`);
  }
  writeFileSync(bad.gbk, gbk);
  // 50 MiB of real article text (the seed over and over, whole copies, newlines after): a size problem, not a binary one.
  const unit = Buffer.from(seedText() + '\n');
  const huge = Buffer.alloc(50 * 1024 * 1024, 0x0a);
  for (let at = 0; at + unit.length <= huge.length; at += unit.length) unit.copy(huge, at);
  writeFileSync(bad.huge, huge);
  // Chinese text with a 0xFF byte in it: 0xFF starts nothing in UTF-8 and is no GB18030 lead byte either.
  const seed = Buffer.from(seedText());
  writeFileSync(bad.malformed, Buffer.concat([seed.subarray(0, 600), Buffer.from([0xff, 0xfe, 0x41]), seed.subarray(600)]));
  // Start every build now, two at a time; tests await theirs.
  for (const b of Object.values(builds)) b().catch(() => {});
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------- the seed

describe('xckg build of the seed article', () => {
  it('writes graph.ttl, graph.trig, graph.nq, viewer.json, summary.json and prints counts per type and the paths', SLOW, async () => {
    const b = await built(builds.seed);
    expect(b.run.stderr).toBe('');
    expect(readdirSync(b.dir).sort()).toEqual(FOLDER);
    for (const f of OUTPUTS) expect(statSync(join(b.dir, f)).size, f).toBeGreaterThan(100);
    expect(() => JSON.parse(readFileSync(join(b.dir, 'viewer.json'), 'utf8'))).not.toThrow();

    const summary = JSON.parse(readFileSync(join(b.dir, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ inputs: 1, articles: 1, failed: 0 });
    // The seed page's navigation and widgets are set aside, and the summary says how much.
    expect(summary.input.furnitureLines).toBeGreaterThan(5);
    expect(summary.input).toMatchObject({ replacedCharacters: 0, damagedArticles: 0 });
    // (Its title printed again above the body is a repeat, a short one.)
    expect(summary.input.repeatedCharacters).toBeLessThan(100);
    expect(b.run.stdout).toContain(`input not analysed: ${summary.input.furnitureLines} lines of page furniture`);
    const g = graph(b);
    for (const t of TYPES) {
      const n = summary.entities[t];
      expect(n, t).toBeGreaterThan(0);
      // The printed count is the summary's, and the summary's is the graph's.
      expect(b.run.stdout).toMatch(new RegExp(`\\b${n} ${t}\\b`));
      expect(subjects(g, NS.rdfType, XC + t), t).toHaveLength(n);
    }
    const lines = b.run.stdout.split('\n').map((l) => l.trim());
    for (const f of OUTPUTS) expect(lines, f).toContain(join(b.dir, f));
  });

  it('meets the accuracy gate: entity F1 ≥ 0.90, relation F1 ≥ 0.80 against the seed gold', SLOW, async () => {
    const b = await built(builds.seed);
    const r = await run(process.execPath, [SCORE, '--gold', GOLD, '--ontology', 'ontology', join(b.dir, 'graph.ttl'), '--min-entity-f1', '0.9', '--min-relation-f1', '0.8']);
    expect(r.code, show(r)).toBe(0);
    const last = r.stdout.trim().split('\n').at(-1)!;
    expect(Number(/entityF1=([\d.]+)/.exec(last)?.[1]), last).toBeGreaterThanOrEqual(0.9);
    expect(Number(/relationF1=([\d.]+)/.exec(last)?.[1]), last).toBeGreaterThanOrEqual(0.8);
  });

  it('conforms to the SHACL shapes (and the shapes do catch a position without holder)', SLOW, async () => {
    const b = await built(builds.seed);
    const quads = all(graph(b, 'graph.nq'));
    const outcome = await validateShapes(quads);
    expect(outcome.results.join('\n')).toBe('');
    expect(outcome.conforms).toBe(true);
    // The same data minus every xc:holder must not conform: the check above has teeth.
    const broken = await validateShapes(quads.filter((q) => q.predicate.value !== XC + 'holder'));
    expect(broken.conforms).toBe(false);
    expect(broken.results.some((l) => l.includes(XC + 'holder'))).toBe(true);
  });

  it('holds the same facts in graph.ttl, graph.trig and graph.nq; every quad in a named graph', SLOW, async () => {
    const b = await built(builds.seed);
    const key = (q: N3.Quad, withGraph: boolean) => [q.subject, q.predicate, q.object, ...(withGraph ? [q.graph] : [])].map((t) => N3.termToId(t)).join(' ');
    const trig = new Set(all(graph(b, 'graph.trig')).map((q) => key(q, true)));
    const nq = new Set(all(graph(b, 'graph.nq')).map((q) => key(q, true)));
    expect(nq.size).toBeGreaterThan(500);
    expect([...trig].sort()).toEqual([...nq].sort());
    const triples = new Set(all(graph(b, 'graph.nq')).map((q) => key(q, false)));
    expect([...new Set(all(graph(b)).map((q) => key(q, false)))].sort()).toEqual([...triples].sort());
    expect(graph(b, 'graph.nq').getQuads(null, null, null, N3.DataFactory.defaultGraph())).toHaveLength(0);
    expect(graph(b, 'graph.nq').getGraphs(null, null, null).map((t) => t.value).sort()).toEqual([
      'https://w3id.org/xiangcun-kg/graph/article/000_e65d613101e172c6',
      GAZETTEER_GRAPH,
    ]);
  });
});

// ---------------------------------------------------------------- independent parsers

describe('independent parsers read the output', () => {
  const count = (f: N3.Store) => f.size;

  it('rapper parses graph.ttl, graph.trig and graph.nq to the same triple count as n3', SLOW, async () => {
    const b = await built(builds.seed);
    for (const [syntax, file] of [['turtle', 'graph.ttl'], ['trig', 'graph.trig'], ['nquads', 'graph.nq']]) {
      const r = await run('rapper', ['-i', syntax, '-c', join(b.dir, file)]);
      if (r.spawnError) expect.fail(`rapper is not installed (${r.spawnError}). ${CI_HINT}`);
      expect(r.code, show(r)).toBe(0);
      expect(r.stderr, file).not.toMatch(/error|warning/i);
      const n = /returned (\d+) triples/.exec(r.stderr);
      expect(n, r.stderr).not.toBeNull();
      expect(Number(n![1]), file).toBe(count(graph(b, file)));
    }
  });

  it('rdflib (Debian python3-rdflib) parses graph.ttl, graph.nq and graph.trig to the same counts as n3', SLOW, async () => {
    const b = await built(builds.seed);
    const script = [
      'import json, sys',
      'try:',
      '    import rdflib',
      'except ImportError as e:',
      '    print("NO_RDFLIB", e); sys.exit(3)',
      'd = sys.argv[1]',
      'g = rdflib.Graph(); g.parse(d + "/graph.ttl", format="turtle")',
      'nq = rdflib.Dataset(); nq.parse(d + "/graph.nq", format="nquads")',
      'trig = rdflib.Dataset(); trig.parse(d + "/graph.trig", format="trig")',
      'quads = lambda ds: sum(1 for _ in ds.quads((None, None, None, None)))',
      'names = lambda ds: sorted(str(c) for s, p, o, c in ds.quads((None, None, None, None)))',
      'zh = [str(s) for s in g.subjects(rdflib.RDFS.label, rdflib.Literal("张乃田", lang="zh"))]',
      'print(json.dumps({"ttl": len(g), "nq": quads(nq), "trig": quads(trig), "graphs": sorted(set(names(nq))), "zhangnaitian": zh}))',
    ].join('\n');
    const r = await run('/usr/bin/python3', ['-c', script, b.dir]);
    if (r.spawnError || r.code === 3) expect.fail(`rdflib is not available to /usr/bin/python3 (${r.spawnError ?? r.stdout.trim()}). ${CI_HINT}`);
    expect(r.code, show(r)).toBe(0);
    const got = JSON.parse(r.stdout);
    expect(got.ttl).toBe(count(graph(b, 'graph.ttl')));
    expect(got.nq).toBe(count(graph(b, 'graph.nq')));
    expect(got.trig).toBe(count(graph(b, 'graph.trig')));
    expect(got.graphs).toEqual(graph(b, 'graph.nq').getGraphs(null, null, null).map((t) => t.value).sort());
    // Chinese literals survive the round trip (same IRI as n3 reads).
    expect(got.zhangnaitian).toEqual(byLabel(graph(b), '张乃田').map((t) => t.value));
  });
});

// ---------------------------------------------------------------- provenance

describe('provenance in the seed graph', () => {
  it('张乃田 is a person mentioned in the article, with a NIF phrase pointing at him', SLOW, async () => {
    const g = await seedGraph();
    const A = articleFrom(g, SEED);
    const [p, ...more] = byLabel(g, '张乃田');
    expect(more).toHaveLength(0);
    expect(isA(g, p, 'Person')).toBe(true);
    expect(objects(g, p, XC + 'mentionedIn').map((t) => t.value)).toEqual([A.value]);
    const phrases = subjects(g, NS.taIdentRef, p);
    expect(phrases.length).toBeGreaterThanOrEqual(3); // he is named several times
    for (const ph of phrases) expect(one(g, ph, NS.anchorOf)?.value).toBe('张乃田');
  });

  it('every xc:Position has a holder and derives from a sentence that contains its title', SLOW, async () => {
    const g = await seedGraph();
    const positions = subjects(g, NS.rdfType, XC + 'Position');
    expect(positions.length).toBeGreaterThanOrEqual(5);
    for (const pos of positions) {
      const holders = objects(g, pos, XC + 'holder');
      expect(holders, pos.value).toHaveLength(1);
      expect(isA(g, holders[0], 'Person'), holders[0].value).toBe(true);
      const title = one(g, pos, XC + 'title')?.value ?? '';
      expect(title.trim(), pos.value).not.toBe('');
      expect(title, 'a compound title is split').not.toMatch(/、/);
      const sentences = objects(g, pos, NS.wasDerivedFrom);
      expect(sentences, pos.value).toHaveLength(1);
      expect(one(g, sentences[0], NS.anchorOf)?.value, `${title} in its sentence`).toContain(title);
    }
  });

  it('NIF offsets (code points) slice the original file to each nif:anchorOf', SLOW, async () => {
    const g = await seedGraph();
    const cps = [...seedText()];
    const C = one(g, articleFrom(g, SEED), XC + 'hasContext')!;
    const strings = subjects(g, NS.referenceContext, C);
    expect(strings.length).toBeGreaterThan(50);
    const wrong: string[] = [];
    for (const s of strings) {
      const [b, e] = [NS.beginIndex, NS.endIndex].map((p) => Number(one(g, s, p)?.value));
      const anchor = one(g, s, NS.anchorOf)?.value;
      if (cps.slice(b, e).join('') !== anchor) wrong.push(`${s.value}: ${JSON.stringify(anchor)} ≠ ${JSON.stringify(cps.slice(b, e).join(''))}`);
    }
    expect(wrong).toEqual([]);
    // The context spans the whole file.
    expect(isA(g, C, 'Article')).toBe(false);
    expect(Number(one(g, C, NS.endIndex)?.value)).toBe(cps.length);
  });

  it('the article node has its title, an xsd:date 2021-12-08 and the reporter 杨珏', SLOW, async () => {
    const g = await seedGraph();
    const A = articleFrom(g, SEED);
    const title = one(g, A, NS.title) as N3.Literal;
    expect(title.value).toContain('山西确保乡亲们持续增收致富');
    const dates = objects(g, A, NS.date) as N3.Literal[];
    expect(dates.map((d) => [d.value, d.datatype.value])).toEqual([['2021-12-08', NS.xsdDate]]);
    const reporters = objects(g, A, XC + 'reporter');
    expect(reporters.flatMap((r) => objects(g, r, NS.label).map((l) => l.value))).toEqual(['杨珏']);
    expect(isA(g, reporters[0], 'Person')).toBe(true);
  });

  it('河曲县 has division code 140930 and an xc:locatedIn chain to 山西省 through 忻州市', SLOW, async () => {
    const g = await seedGraph();
    const [county, ...more] = byLabel(g, '河曲县');
    expect(more).toHaveLength(0);
    expect(objects(g, county, XC + 'divisionCode').map((t) => t.value)).toEqual(['140930']);
    const chain = [county];
    for (let hop = 0; hop < 6 && one(g, chain.at(-1)!, NS.label)?.value !== '山西省'; hop++) {
      const parents = objects(g, chain.at(-1)!, XC + 'locatedIn');
      expect(parents, `parent of ${chain.at(-1)!.value}`).toHaveLength(1);
      chain.push(parents[0]);
    }
    expect(chain.map((p) => one(g, p, NS.label)?.value)).toEqual(['河曲县', '忻州市', '山西省']);
    // Each parent's code is a prefix of its child's: the chain is the gazetteer's, not a guess.
    const codes = chain.map((p) => one(g, p, XC + 'divisionCode')?.value ?? '');
    expect(codes).toEqual(['140930', '1409', '14']);
  });

  it('facts from the gazetteer sit in the gazetteer named graph of graph.trig', SLOW, async () => {
    const b = await built(builds.seed);
    const trig = graph(b, 'graph.trig');
    const Z = N3.DataFactory.namedNode(GAZETTEER_GRAPH);
    const codes = trig.getQuads(null, N3.DataFactory.namedNode(XC + 'divisionCode'), null, null);
    expect(codes.length).toBeGreaterThan(5);
    expect(codes.filter((q) => !q.graph.equals(Z)).map((q) => q.subject.value)).toEqual([]);
    const [county] = byLabel(trig, '河曲县');
    expect(trig.getQuads(county as N3.Quad_Subject, N3.DataFactory.namedNode(XC + 'divisionCode'), null, Z).map((q) => q.object.value)).toEqual(['140930']);
    // Parents the gazetteer adds: their hierarchy links are there, codes nested; places only it knows are not "mentioned".
    const links = trig.getQuads(null, N3.DataFactory.namedNode(XC + 'locatedIn'), null, Z);
    expect(links.length).toBeGreaterThan(0);
    const code = (t: N3.Term) => one(trig, t, XC + 'divisionCode')?.value ?? '?';
    for (const l of links) expect(code(l.subject).startsWith(code(l.object)) && code(l.subject) !== code(l.object), `${code(l.subject)} in ${code(l.object)}`).toBe(true);
    const gazetteerOnly = trig
      .getSubjects(N3.DataFactory.namedNode(NS.rdfType), N3.DataFactory.namedNode(XC + 'Place'), Z)
      .filter((p) => trig.getQuads(p, N3.DataFactory.namedNode(NS.rdfType), null, null).every((q) => q.graph.equals(Z)));
    for (const p of gazetteerOnly) expect(objects(trig, p, XC + 'mentionedIn'), p.value).toEqual([]);
    // Text facts are not in the gazetteer graph.
    expect(trig.getQuads(null, N3.DataFactory.namedNode(XC + 'mentionedIn'), null, Z)).toHaveLength(0);
  });
});

// ---------------------------------------------------------------- determinism

describe('determinism', () => {
  it('two builds of the same input give byte-identical graph.ttl, graph.trig, graph.nq and viewer.json', SLOW, async () => {
    const [a, b] = [await built(builds.seed), await built(builds.seedAgain)];
    expect(a.dir).not.toBe(b.dir);
    for (const f of ['graph.ttl', 'graph.trig', 'graph.nq', 'viewer.json']) {
      expect(readFileSync(join(a.dir, f)).equals(readFileSync(join(b.dir, f))), f).toBe(true);
    }
  });

  it('building the seed together with another article keeps the IRIs of the seed entities and merges shared places', SLOW, async () => {
    const alone = await seedGraph();
    const both = graph(await built(builds.withOther));
    expect(articles(both)).toHaveLength(2);
    // (The seed build reads the folder data/articles, which names the file as SEED does.)
    const iris = (g: N3.Store) => subjects(g, XC + 'mentionedIn', articleFrom(g, SEED)).map((t) => t.value).sort();
    expect(iris(both)).toEqual(iris(alone));
    // 山西省 is one node, mentioned in both articles.
    const [shanxi, ...more] = byLabel(both, '山西省');
    expect(more).toHaveLength(0);
    expect(objects(both, shanxi, XC + 'mentionedIn')).toHaveLength(2);
  });
});

// ---------------------------------------------------------------- bad input

/** A refused file: non-zero exit, exactly one stderr line `xckg: <path>: …`, the good seed built, no stray files. */
async function expectRefused(b: () => Promise<Build>, path: string): Promise<string> {
  const { run: r, dir } = await b();
  expect(r.code, show(r)).not.toBe(0);
  expect(r.code, show(r)).not.toBeNull();
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0].startsWith(`xckg: ${path}: `), lines[0]).toBe(true);
  // Only the expected files: no temp files, nothing for the refused input.
  expect(readdirSync(dir).sort()).toEqual(FOLDER);
  expect(readdirSync(join(dir, '.work', 'tmp'))).toEqual([]);
  expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'))).toMatchObject({ inputs: 2, articles: 1, failed: 1 });
  // The good article was still processed, completely.
  const g = graph({ dir } as Build);
  expect(articles(g).map((a) => a.sourceFile)).toEqual([SEED]);
  const alone = await seedGraph();
  expect(mentionedLabels(g, articleFrom(g, SEED))).toEqual(mentionedLabels(alone, articleFrom(alone, SEED)));
  expect(mentionedLabels(g, articleFrom(g, SEED))).toContain('张乃田');
  return lines[0];
}

describe('bad input next to the good seed article', () => {
  it('an empty file: one-line error, the seed still built', SLOW, async () => {
    await expectRefused(builds.empty, bad.empty);
  });

  it('a binary file (random bytes with NULs): one-line error, the seed still built', SLOW, async () => {
    await expectRefused(builds.binary, bad.binary);
  });

  it('a 50 MB file: one-line error naming the file and its size, the seed still built', SLOW, async () => {
    expect(statSync(bad.huge).size).toBe(50 * 1024 * 1024);
    const line = await expectRefused(builds.huge, bad.huge);
    expect(line).toMatch(/MB/);
  });

  it('a damaged file (invalid UTF-8 and invalid GB18030): decoded with U+FFFD, one warning line, both built', SLOW, async () => {
    const bytes = readFileSync(bad.malformed);
    for (const enc of ['utf-8', 'gb18030']) expect(() => new TextDecoder(enc, { fatal: true }).decode(bytes), enc).toThrow();
    const { run: r, dir } = await built(builds.malformed);
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^xckg: warning: ${bad.malformed}: damaged input`));
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ inputs: 2, failed: 0 });
    expect(summary.findings.map((f: { finding: string }) => f.finding)).toEqual([lines[0].slice('xckg: '.length)]);
    expect(summary.input.damagedArticles).toBe(1);
    expect(summary.input.replacedCharacters).toBeGreaterThan(0);
    // `xckg extract` of the same file prints its graph and says the same on stderr.
    const one = await xckg(['extract', bad.malformed, '--format', 'nq']);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('replacedCharacters');
    expect(one.stderr.trim()).toBe(lines[0]);
  });

  it('a GBK article: decoded, said so, and the same graph as the UTF-8 seed (alone and with the seed, exit 0)', SLOW, async () => {
    const bytes = readFileSync(bad.gbk);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const alone = await built(builds.gbkAlone);
    expect(alone.run.stderr).toBe('');
    expect(readdirSync(alone.dir).sort()).toEqual(FOLDER);
    const g = graph(alone);
    const A = articleFrom(g, bad.gbk);
    expect(one(g, A, XC + 'encoding')?.value).toBe('gb18030');
    const seed = await seedGraph();
    expect(mentionedLabels(g, A)).toEqual(mentionedLabels(seed, articleFrom(seed, SEED)));
    expect(mentionedLabels(g, A)).toContain('张乃田');
    // Offsets refer to the decoded GBK file.
    const cps = [...new TextDecoder('gb18030').decode(bytes)];
    const C = one(g, A, XC + 'hasContext')!;
    for (const s of subjects(g, NS.referenceContext, C)) {
      const [b, e] = [NS.beginIndex, NS.endIndex].map((p) => Number(one(g, s, p)?.value));
      expect(cps.slice(b, e).join(''), s.value).toBe(one(g, s, NS.anchorOf)?.value);
    }
    // The accuracy gate holds for the GBK copy too.
    const score = await run(process.execPath, [SCORE, '--gold', GOLD, '--ontology', 'ontology', join(alone.dir, 'graph.ttl'), '--min-entity-f1', '0.9', '--min-relation-f1', '0.8']);
    expect(score.code, show(score)).toBe(0);
    // With the seed: both articles built, nothing on stderr.
    const both = await built(builds.gbkWithSeed);
    expect(both.run.stderr).toBe('');
    expect(JSON.parse(readFileSync(join(both.dir, 'summary.json'), 'utf8'))).toMatchObject({ inputs: 2, articles: 2, failed: 0 });
    expect(articles(graph(both)).map((a) => a.sourceFile).sort()).toEqual([bad.gbk, SEED].sort());
  });

  // Strings that occur only inside <script>/<style> of the fixture.
  const SCRIPT_ONLY = ['赵子龙', '孙悟空', '诸葛亮', '王重阳', '黄药师', '周伯通', '欧阳锋', '钱学森', '微软雅黑', '欢迎访问', '😀', 'document', 'dataLayer', 'gtag', 'console', 'color', 'font-family', 'margin', '{', '}', 'var '];
  const TEXT_PREDICATES = [NS.label, NS.altLabel, NS.hiddenLabel, NS.anchorOf, NS.title, XC + 'title'];

  it('an HTML page with <script> and <style>: graph built from its text, nothing from script or style', SLOW, async () => {
    const b = await built(builds.html);
    expect(b.run.stderr).toBe('');
    expect(readdirSync(b.dir).sort()).toEqual(FOLDER);
    const g = graph(b);
    const A = articleFrom(g, HTML);
    expect(one(g, A, XC + 'format')?.value).toBe('html');
    expect(one(g, A, NS.title)?.value).toBe('平遥县发展特色种植带动农民增收');
    expect(one(g, A, NS.date)?.value).toBe('2023-05-16');
    const labels = mentionedLabels(g, A);
    for (const name of ['王志刚', '李红梅', '平遥县', '晋中市', '山西省']) expect(labels, name).toContain(name);
    const leaks = g
      .getQuads(null, null, null, null)
      .filter((q) => TEXT_PREDICATES.includes(q.predicate.value) && SCRIPT_ONLY.some((s) => q.object.value.includes(s)))
      .map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`);
    expect(leaks).toEqual([]);
    // The seed next to it is untouched.
    expect(mentionedLabels(g, articleFrom(g, SEED))).toContain('张乃田');
  });

  it('an HTML page: NIF offsets point into the page source, also after an emoji in a <script>', SLOW, async () => {
    // In this fixture no mention or sentence spans markup or an entity reference, so each NIF string's code-point
    // range in the decoded page is exactly its nif:anchorOf. The 😀 (one code point, two UTF-16 units) sits in a
    // <script> before the body.
    const g = graph(await built(builds.html));
    const C = one(g, articleFrom(g, HTML), XC + 'hasContext')!;
    const cps = [...readFileSync(join(ROOT, HTML), 'utf8')];
    const strings = subjects(g, NS.referenceContext, C);
    expect(strings.length).toBeGreaterThan(5);
    const wrong = strings
      .map((s) => {
        const [b, e] = [NS.beginIndex, NS.endIndex].map((p) => Number(one(g, s, p)?.value));
        const anchor = one(g, s, NS.anchorOf)?.value;
        const slice = cps.slice(b, e).join('');
        return slice === anchor ? null : `[${b},${e}) ${JSON.stringify(anchor)} but the source has ${JSON.stringify(slice)}`;
      })
      .filter(Boolean);
    expect(wrong).toEqual([]);
  });
});
