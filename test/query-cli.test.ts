// **query-cli.test** — `xckg query` end to end: output formats, ASK and CONSTRUCT, query files, and its error messages and exit codes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../src/query/index.ts';
import { buildSeedGraph, ROOT, runQueryCli } from './fixtures/query/seed.ts';

const SMALL = join(ROOT, 'test/fixtures/query/small.trig');
const OFFICIALS = 'SELECT ?name ?title WHERE { ?p xc:holder/rdfs:label ?name ; xc:title ?title } ORDER BY ?name ?title';

let seed: { dir: string; cleanup: () => void };
const tmp = mkdtempSync(join(tmpdir(), 'xckg-query-cli-'));
beforeAll(() => {
  seed = buildSeedGraph();
}, 120_000);
afterAll(() => {
  seed?.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

// Each case spawns the CLI (a Node start plus the WebAssembly engine): slow on a busy machine.
const SLOW = { timeout: 60_000 };

describe('xckg query output', SLOW, () => {
  it('prints an aligned table, Chinese counted two columns wide', () => {
    const r = runQueryCli([seed.dir, '-q', OFFICIALS]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^name\s+title$/);
    expect(lines.at(-1)).toMatch(/^\(\d+ rows?\)$/);
    const body = lines.slice(2, -1);
    expect(body.some((l) => /^张玉宏\s+局长$/.test(l))).toBe(true);
    // The title column starts at the same display column on every line, header included.
    const col = (l: string) => displayWidth(l.slice(0, l.search(/\S+$/)));
    expect(new Set([lines[0], ...body].map(col)).size).toBe(1);
  });

  it('prints SPARQL JSON, CSV and TSV', () => {
    const json = JSON.parse(runQueryCli([seed.dir, '-q', OFFICIALS, '--format', 'json']).stdout);
    expect(json.head.vars).toEqual(['name', 'title']);
    expect(json.results.bindings).toContainEqual({ name: { type: 'literal', value: '张玉宏', 'xml:lang': 'zh' }, title: { type: 'literal', value: '局长', 'xml:lang': 'zh' } });
    const csv = runQueryCli([seed.dir, '-q', OFFICIALS, '--format', 'csv']).stdout;
    expect(csv.startsWith('name,title\r\n')).toBe(true);
    expect(csv).toContain('\r\n张玉宏,局长\r\n');
    const tsv = runQueryCli([seed.dir, '-q', OFFICIALS, '--format', 'tsv']).stdout;
    expect(tsv.startsWith('?name\t?title\n')).toBe(true);
    expect(tsv).toContain('\n"张玉宏"@zh\t"局长"@zh\n');
    // The same rows in every format.
    expect(csv.trimEnd().split('\r\n')).toHaveLength(json.results.bindings.length + 1);
    expect(tsv.trimEnd().split('\n')).toHaveLength(json.results.bindings.length + 1);
  });

  it('prints true or false for ASK and Turtle for CONSTRUCT', () => {
    expect(runQueryCli([seed.dir, '-q', 'ASK { ?a xc:spouse ?b }']).stdout).toBe('true\n');
    expect(runQueryCli([seed.dir, '-q', 'ASK { ?a xc:spouse ?a }']).stdout).toBe('false\n');
    expect(JSON.parse(runQueryCli([seed.dir, '-q', 'ASK { ?a xc:spouse ?b }', '--format', 'json']).stdout)).toEqual({ head: {}, boolean: true });
    const r = runQueryCli([seed.dir, '-q', 'CONSTRUCT { ?a xc:spouse ?b } WHERE { ?a xc:spouse ?b }']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('@prefix xc: <https://w3id.org/xiangcun-kg/ns#>');
    const quads = new N3.Parser().parse(r.stdout);
    const pairs = runQueryCli([seed.dir, '-q', 'SELECT DISTINCT ?a ?b WHERE { ?a xc:spouse ?b }', '--format', 'json']);
    expect(quads).toHaveLength(JSON.parse(pairs.stdout).results.bindings.length);
  });

  it('reads the query from a file or stdin, and graph files of several syntaxes together', () => {
    const file = join(tmp, 'count.rq');
    writeFileSync(file, '# how many labels\nSELECT (COUNT(*) AS ?n) WHERE { ?s rdfs:label ?l }\n');
    const fromFile = runQueryCli([SMALL, join(seed.dir, 'graph.nq'), '-f', file, '--format', 'csv']);
    const fromStdin = runQueryCli([SMALL, join(seed.dir, 'graph.nq'), '-f', '-', '--format', 'csv'], 'SELECT (COUNT(*) AS ?n) WHERE { ?s rdfs:label ?l }');
    const small = Number(runQueryCli([SMALL, '-f', file, '--format', 'csv']).stdout.split('\r\n')[1]);
    const nq = Number(runQueryCli([join(seed.dir, 'graph.nq'), '-f', file, '--format', 'csv']).stdout.split('\r\n')[1]);
    expect(small).toBe(3);
    // The default graph is the set union: a label both files state counts once. Count the distinct label
    // triples over the named graphs and the default graph another way, with DISTINCT.
    const distinct = runQueryCli([SMALL, join(seed.dir, 'graph.nq'), '--format', 'csv', '-q',
      'SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?l WHERE { { GRAPH ?g { ?s rdfs:label ?l } } UNION { ?s rdfs:label ?l } } }']);
    const both = Number(fromFile.stdout.split('\r\n')[1]);
    expect(both).toBe(Number(distinct.stdout.split('\r\n')[1]));
    expect(both).toBeGreaterThanOrEqual(nq);
    expect(both).toBeLessThanOrEqual(small + nq);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
  });
});

describe('xckg query errors', SLOW, () => {
  it('gives the line and column of a syntax error, with a pointer, and exits non-zero', () => {
    const q = 'SELECT ?name WHERE {\n  ?p rdfs:label "张乃田"@zh .\n  OPTIONAL ?p rdfs:comment ?c .\n}';
    const r = runQueryCli([seed.dir, '-q', q]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const [first, shown, caret] = r.stderr.trimEnd().split('\n');
    expect(first).toMatch(/^xckg query: line 3, column 12: /);
    expect(shown).toBe('    OPTIONAL ?p rdfs:comment ?c .');
    expect(caret.indexOf('^')).toBe(shown.indexOf('?p'));
  });

  it('names the query file in compiler style and points under Chinese text correctly', () => {
    const file = join(tmp, 'bad.rq');
    writeFileSync(file, 'SELECT * WHERE {\n  ?x rdfs:label "张乃田"@zh ; foo:bar ?y }\n');
    const r = runQueryCli([seed.dir, '-f', file]);
    expect(r.status).toBe(1);
    const [first, shown, caret] = r.stderr.trimEnd().split('\n');
    expect(first).toBe(`xckg query: ${file}:2:28: unknown prefix 'foo:' (declare it with PREFIX, or use one of: xc, id, rdf, rdfs, owl, xsd, skos, schema, org, prov, dcterms, nif, itsrdf, foaf, sh)`);
    // The caret sits under 'foo' in display columns: the three Chinese characters before it count double.
    expect(caret.indexOf('^')).toBe(displayWidth(shown.slice(0, shown.indexOf('foo:'))));
  });

  it('reports a missing graph file in one line naming it', () => {
    const missing = join(tmp, 'missing.trig');
    const r = runQueryCli([seed.dir, missing, '-q', 'ASK {}']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`xckg query: ${missing}: no such file or directory\n`);
    expect(r.stdout).toBe('');
  });

  it('reports a missing query file, and usage mistakes with exit code 2', () => {
    const r = runQueryCli([seed.dir, '-f', join(tmp, 'none.rq')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/none\.rq: cannot read the query file \(ENOENT\)/);
    expect(runQueryCli([seed.dir]).status).toBe(2);
    expect(runQueryCli(['-q', 'ASK {}']).stderr).toMatch(/no graph file given/);
    expect(runQueryCli([seed.dir, '-q', 'ASK {}', '--format', 'xml']).stderr).toMatch(/unknown format 'xml'/);
    expect(runQueryCli([seed.dir, '-q', 'ASK {}', '-f', 'x.rq']).status).toBe(2);
  });
});
