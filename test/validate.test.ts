// `xckg validate` and the library under it: SHACL per article graph with the gazetteer facts each needs, a syntax
// check by n3 and oxigraph, readable rows and counts per shape, JSON for scripts, the exit status.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../src/ingest/index.ts';
import { extractArticle } from '../src/corpus/article.ts';
import { articleQuads, toNQuads, toTriG, toTurtle, mergeDataset, mergeDefaultGraph, validateArticleQuads, validateGraphFiles } from '../src/rdf/index.ts';
import type { Quad } from '../src/rdf/index.ts';
import { ROOT, SEED, SHARED, show, xckg } from './helpers/xckg.ts';

const tmp = mkdtempSync(join(tmpdir(), 'xckg-validate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const XC = 'https://w3id.org/xiangcun-kg/ns#';
const LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';
const GAZ = 'https://w3id.org/xiangcun-kg/graph/gazetteer';

// Three real articles, built in process: their quads, and the merged dataset as a build writes it.
const ARTICLES = [join(ROOT, SEED), join(SHARED, 'articles/002.txt'), join(SHARED, 'articles/010.txt')];
let perArticle: Quad[][];
let dataset: Quad[];
beforeAll(() => {
  perArticle = ARTICLES.map((f) => articleQuads(extractArticle(ingestFile(f))));
  dataset = mergeDataset(perArticle);
}, 120_000);

const write = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe('validateArticleQuads (the check the build runs per article)', () => {
  it('passes what articleQuads makes', { timeout: 120_000 }, async () => {
    for (const q of perArticle) expect(await validateArticleQuads(q)).toEqual([]);
  });

  it('names the node, its label, the path, the shape and the graph of a violation', { timeout: 120_000 }, async () => {
    const seed = perArticle[0];
    const person = seed.find((q) => q.object.value === `${XC}Person`)!.subject.value;
    const broken = seed.filter((q) => !(q.subject.value === person && q.predicate.value === LABEL));
    const vs = await validateArticleQuads(broken);
    expect(vs).toHaveLength(1);
    expect(vs[0]).toMatchObject({ focus: person, path: LABEL, shape: 'https://w3id.org/xiangcun-kg/shapes#EntityShape', severity: 'Violation' });
    expect(vs[0].graph).toMatch(/\/graph\/article\/000_e65d613101e172c6$/);
    expect(vs[0].message).toMatch(/rdfs:label/);
  });
});

describe('validateGraphFiles', () => {
  it('N-Quads streamed in small batches, TriG and Turtle whole: all conform, every article graph checked', { timeout: 120_000 }, async () => {
    const nq = write('ok.nq', toNQuads(dataset));
    // Batches of 50 lines: article graphs straddle batches, as they do in a large file.
    const streamed = await validateGraphFiles([nq], { batchLines: 50 });
    expect(streamed.syntaxErrors).toEqual([]);
    expect(streamed.violations).toEqual([]);
    expect(streamed.quads).toBe(dataset.length);
    expect(streamed.graphs).toBe(ARTICLES.length + 1); // the articles and the gazetteer
    const trig = await validateGraphFiles([write('ok.trig', toTriG(dataset))]);
    expect([trig.violations.length, trig.syntaxErrors.length, trig.graphs]).toEqual([0, 0, ARTICLES.length + 1]);
    const ttl = await validateGraphFiles([write('ok.ttl', toTurtle(mergeDefaultGraph(perArticle)))]);
    expect([ttl.violations.length, ttl.syntaxErrors.length, ttl.graphs]).toEqual([0, 0, 1]);
  });

  it('a place typed only in the gazetteer graph, and parents reached only through it, are seen from the article', { timeout: 120_000 }, async () => {
    // The gazetteer graph comes last in a sorted file: the first pass must have read it before the articles are checked.
    const gazetteerOnly = dataset.filter((q) => q.graph.value === GAZ && q.object.value === `${XC}Place`);
    expect(gazetteerOnly.length).toBeGreaterThan(0);
    const r = await validateGraphFiles([write('gaz.nq', toNQuads(dataset))], { batchLines: 10 });
    expect(r.violations).toEqual([]);
  });

  it('reports a bad line by file and line number, from n3 or oxigraph, and checks the rest', { timeout: 120_000 }, async () => {
    const lines = toNQuads(dataset).split('\n');
    lines[4] = lines[4].replace(/^<https/, '<htt ps');
    lines[9] = lines[9].replace(/ \.$/, ''); // no final dot
    const r = await validateGraphFiles([write('bad-lines.nq', lines.join('\n'))], { batchLines: 100 });
    expect(r.syntaxErrors).toHaveLength(2);
    expect(r.syntaxErrors[0]).toMatch(/bad-lines\.nq:5: /);
    expect(r.syntaxErrors[1]).toMatch(/bad-lines\.nq:10: /);
    expect(r.quads).toBe(dataset.length - 2);
  });

  it('counts each violation once, with the article it belongs to', { timeout: 120_000 }, async () => {
    // Drop one person's label and one division code's place type: two shapes broken.
    const person = dataset.find((q) => q.object.value === `${XC}Person`)!.subject.value;
    const broken = dataset.filter((q) => !(q.subject.value === person && q.predicate.value === LABEL));
    const r = await validateGraphFiles([write('broken.nq', toNQuads(broken))], { batchLines: 40 });
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0].focus).toBe(person);
    expect(r.violations[0].graph).toMatch(/\/graph\/article\//);
  });

  it('refuses a path that is not a graph, with one line naming it', async () => {
    await expect(validateGraphFiles([join(tmp, 'nothing.nq')])).rejects.toThrow(/nothing\.nq: no such file or directory$/);
    mkdirSync(join(tmp, 'empty-dir'));
    await expect(validateGraphFiles([join(tmp, 'empty-dir')])).rejects.toThrow(/empty-dir: not a build folder/);
    await expect(validateGraphFiles([write('x.csv', 'a,b')])).rejects.toThrow(/x\.csv: unknown RDF syntax/);
  });
});

describe('xckg validate', () => {
  let good: string;
  let bad: string;
  beforeAll(() => {
    good = join(tmp, 'build');
    mkdirSync(good);
    writeFileSync(join(good, 'graph.nq'), toNQuads(dataset));
    const person = dataset.find((q) => q.object.value === `${XC}Person`)!.subject.value;
    const code = dataset.find((q) => q.predicate.value === `${XC}divisionCode`)!;
    const broken = dataset
      .filter((q) => !(q.subject.value === person && q.predicate.value === LABEL))
      .map((q) => (q === code ? N3.DataFactory.quad(q.subject, q.predicate, N3.DataFactory.literal(`${q.object.value}x`), q.graph) : q)) as Quad[];
    bad = write('broken-cli.nq', toNQuads(broken));
  });

  it('a build folder that conforms: exit 0 and one summary line', { timeout: 120_000 }, async () => {
    const r = await xckg(['validate', good]);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`graph\\.nq: conforms: ${dataset.length} quads in ${ARTICLES.length + 1} graphs, 0 violations, 0 syntax errors`));
  });

  it('violations: a row each (focus, label, path, message, article), a count per shape, exit 1', { timeout: 120_000 }, async () => {
    const r = await xckg(['validate', bad]);
    expect(r.code, show(r)).toBe(1);
    const [header] = r.stdout.split('\n');
    expect(header.split(/\s{2,}/)).toEqual(['focus', 'label', 'path', 'message', 'article']);
    expect(r.stdout).toMatch(/id:person\/\S+\s+rdfs:label\s+needs exactly one rdfs:label in Chinese \(@zh\)\s+000_e65d613101e172c6/);
    expect(r.stdout).toMatch(/xc:divisionCode\s+.*\d+x\)/);
    expect(r.stdout).toMatch(/xcsh:EntityShape\s+1\n/);
    expect(r.stdout).toMatch(/xcsh:DivisionCodeShape\s+1\n/);
    expect(r.stdout).toMatch(/does not conform: .* 2 violations, 0 syntax errors/);
  });

  it('--format json: the same findings for scripts', { timeout: 120_000 }, async () => {
    const r = await xckg(['validate', bad, '--format', 'json']);
    expect(r.code, show(r)).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.conforms).toBe(false);
    expect(j.violations).toHaveLength(2);
    expect(j.shapes.map((s: { shape: string }) => s.shape.replace(/.*#/, '')).sort()).toEqual(['DivisionCodeShape', 'EntityShape']);
    expect(j.violations.every((v: { focus: string; message: string }) => v.focus && v.message)).toBe(true);
  });

  it('a missing file: one line, exit 1; no argument: usage, exit 2', { timeout: 120_000 }, async () => {
    const r = await xckg(['validate', join(tmp, 'missing.nq')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`xckg validate: ${join(tmp, 'missing.nq')}: no such file or directory`);
    const u = await xckg(['validate']);
    expect(u.code).toBe(2);
  });

  it('reads what xckg build wrote', { timeout: 180_000 }, async () => {
    const out = join(tmp, 'built');
    const b = await xckg(['build', join(ROOT, SEED), '--out', out, '-j', '1', '-q']);
    expect(b.code, show(b)).toBe(0);
    const r = await xckg(['validate', out]);
    expect(r.code, show(r)).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    // The build ran the same check per article: no findings on the seed.
    expect(summary.findings).toEqual([]);
  });
});
