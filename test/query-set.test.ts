// **query-set.test** — the default graph a query sees is a set (each triple once) while GRAPH ?g tells articles
// apart; and queries run in a worker thread stop at their time limit, in the library and in `xckg query`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { GraphFileError, GraphWorker, openGraphSync, QueryError, queryGraph, QueryTimeoutError } from '../src/query/index.ts';
import { ROOT } from './helpers/xckg.ts';

const tmp = mkdtempSync(join(tmpdir(), 'xckg-query-set-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Three article graphs state the same person with the same label; one adds an alias. The gazetteer graph repeats a place.
const X = 'https://w3id.org/xiangcun-kg/';
const quads: string[] = [];
for (const a of ['a1', 'a2', 'a3']) {
  const g = `<${X}graph/article/${a}>`;
  quads.push(
    `<${X}id/person/p1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${X}ns#Person> ${g} .`,
    `<${X}id/person/p1> <http://www.w3.org/2000/01/rdf-schema#label> "张三"@zh ${g} .`,
    `<${X}id/person/p1> <${X}ns#mentionedIn> <${X}id/article/${a}> ${g} .`,
    `<${X}id/place/14> <http://www.w3.org/2000/01/rdf-schema#label> "山西省"@zh ${g} .`,
  );
}
quads.push(`<${X}id/person/p2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${X}ns#Person> <${X}graph/article/a3> .`);
quads.push(`<${X}id/place/14> <http://www.w3.org/2000/01/rdf-schema#label> "山西省"@zh <${X}graph/gazetteer> .`);
const NQ = join(tmp, 'three.nq');
writeFileSync(NQ, quads.join('\n') + '\n');
const count = (s: ReturnType<typeof openGraphSync>, q: string) => Number(s.select(q).plain[0].n);

describe('the default graph is a set', () => {
  it('counts each person once, however many articles name them, and keeps the named graphs apart', () => {
    const s = openGraphSync(NQ);
    try {
      expect(count(s, 'SELECT (COUNT(*) AS ?n) WHERE { ?e a xc:Person }')).toBe(2);
      // Three patterns over a triple stated in three graphs: a bag would give 3 × 3 × 3 rows per mention.
      expect(count(s, 'SELECT (COUNT(*) AS ?n) WHERE { ?e a xc:Person ; rdfs:label ?l ; xc:mentionedIn ?a }')).toBe(3);
      expect(count(s, 'SELECT (COUNT(*) AS ?n) WHERE { ?p rdfs:label "山西省"@zh }')).toBe(1);
      // GRAPH ?g still sees every article that states it (and the gazetteer).
      expect(count(s, 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?p rdfs:label "山西省"@zh } }')).toBe(4);
      expect(count(s, 'SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?e a xc:Person } }')).toBe(3);
      // size counts what was loaded, not the default graph's copy.
      expect(s.size).toBe(quads.length);
    } finally {
      s.close();
    }
  });

  it('takes in files loaded after a first query', () => {
    const s = openGraphSync(NQ);
    try {
      expect(count(s, 'SELECT (COUNT(*) AS ?n) WHERE { ?e a xc:Person }')).toBe(2);
      s.loadData(`<${X}id/person/p3> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${X}ns#Person> <${X}graph/article/a4> .\n`, 'nq');
      expect(count(s, 'SELECT (COUNT(*) AS ?n) WHERE { ?e a xc:Person }')).toBe(3);
    } finally {
      s.close();
    }
  });

  it('with unionDefaultGraph: false the default graph holds only what was loaded into it', () => {
    const s = openGraphSync(NQ, { unionDefaultGraph: false });
    try {
      expect(count(s, 'SELECT (COUNT(*) AS ?n) WHERE { ?e a xc:Person }')).toBe(0);
      expect(count(s, 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?e a xc:Person } }')).toBe(4);
    } finally {
      s.close();
    }
  });
});

// A three-way cross product of 500 triples: 125 M rows, minutes of work for the engine.
const RUNAWAY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }';
const BIG = join(tmp, 'big.nt');
writeFileSync(BIG, Array.from({ length: 500 }, (_, i) => `<http://example.org/s${i}> <http://example.org/p> "${i}" .`).join('\n') + '\n');

describe('queries with a time limit (worker thread)', { timeout: 60_000 }, () => {
  it('answers like the in-thread store, in every form, and reports errors as the same classes', async () => {
    const w = await GraphWorker.open(NQ);
    try {
      expect(w.size).toBe(quads.length);
      const sel = await w.select('SELECT (COUNT(*) AS ?n) WHERE { ?e a xc:Person }', { timeout: 30 });
      expect(sel.plain[0].n).toBe(2);
      expect(await w.query('ASK { ?e rdfs:label "张三"@zh }')).toEqual({ form: 'ask', boolean: true });
      const c = await w.query('CONSTRUCT { ?e a xc:Person } WHERE { ?e a xc:Person }');
      expect(c.form === 'construct' && c.quads.map((q) => q.subject.value).sort()).toEqual([`${X}id/person/p1`, `${X}id/person/p2`]);
      const err = await w.query('SELECT ?x WHERE { ?x foo:bar ?y }').catch((e) => e);
      expect(err).toBeInstanceOf(QueryError);
      expect(err).toMatchObject({ line: 1, column: 22 });
    } finally {
      await w.close();
    }
    await expect(GraphWorker.open(join(tmp, 'missing.nq'))).rejects.toBeInstanceOf(GraphFileError);
  });

  it('stops a runaway query at the limit and rejects with QueryTimeoutError', async () => {
    const started = performance.now();
    const err = await queryGraph(BIG, RUNAWAY, { timeout: 1 }).catch((e) => e);
    const seconds = (performance.now() - started) / 1000;
    expect(err).toBeInstanceOf(QueryTimeoutError);
    expect(err.message).toMatch(/longer than 1 s/);
    expect(seconds).toBeLessThan(15); // loading the worker + 1 s, on a busy machine
  });

  it('xckg query --timeout: one line on stderr, exit 1; a bad value is a usage error', () => {
    const r = spawnSync(process.execPath, ['bin/xckg.js', 'query', BIG, '--timeout', '1', '-q', RUNAWAY], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('xckg query: the query ran longer than 1 s and was stopped (raise the limit with --timeout SECONDS)\n');
    expect(r.stdout).toBe('');
    const bad = spawnSync(process.execPath, ['bin/xckg.js', 'query', NQ, '--timeout', '0', '-q', 'ASK {}'], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^xckg query: --timeout needs a positive number, not '0'\n/);
  });
});
