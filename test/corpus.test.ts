// **corpus.test** — `xckg build` on a corpus, end to end (the real CLI in child processes): JSON Lines in, the same
// bytes whatever the worker count, input order, sharding or an interruption; reprints extracted once; persons resolved
// across articles and every join listed by the cookbook query; a malformed line reported while the rest is built.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { openGraph } from '../src/query/index.ts';
import { ROOT, SHARED, once, show, xckg, type Run } from './helpers/xckg.ts';

const SLOW = { timeout: 240_000 };
const OUTPUTS = ['graph.nq', 'graph.trig', 'graph.ttl', 'viewer.json', 'summary.json'];
const OFFICIALS = 'test/fixtures/corpus/officials.jsonl';
const XC = 'https://w3id.org/xiangcun-kg/ns#';
const ID = 'https://w3id.org/xiangcun-kg/id/';

const tmp = mkdtempSync(join(tmpdir(), 'xckg-corpus-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Forty articles of the shared corpus (real 人民日报 pages), beside the hand-made officials.
const CORPUS = join(tmp, 'rmrb-40.jsonl');
const corpusLines = gunzipSync(readFileSync(join(SHARED, 'corpus/rmrb-2026.jsonl.gz'))).toString('utf8').split('\n').slice(0, 40);
writeFileSync(CORPUS, corpusLines.join('\n') + '\n');
const INPUTS = [OFFICIALS, CORPUS];

const out = (name: string) => join(tmp, name);
const bytes = (dir: string) => Object.fromEntries(OUTPUTS.map((f) => [f, readFileSync(join(dir, f))]));
const summary = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
async function ok(r: Promise<Run>): Promise<Run> {
  const run = await r;
  expect(run.code, show(run)).toBe(0);
  return run;
}
function expectSameBytes(dir: string, reference: string): void {
  const a = bytes(dir);
  const b = bytes(reference);
  for (const f of OUTPUTS) expect(a[f].equals(b[f]), `${f} differs from ${reference}`).toBe(true);
}

const reference = once(() => ok(xckg(['build', ...INPUTS, '--out', out('two-workers'), '--workers', '2'])));
const fingerprint = (dir: string) => JSON.parse(readFileSync(join(dir, '.work', 'manifest.json'), 'utf8')).fingerprint as string;
let fresh = 0;
/**
 * The reference build for a folder: the first one, unless the pipeline's code changed since (dist/ is shared with
 * other work in progress: the manifest's fingerprint tells), then a new build of the same inputs.
 */
async function referenceFor(dir: string): Promise<string> {
  await reference();
  if (fingerprint(dir) === fingerprint(out('two-workers'))) return out('two-workers');
  for (let attempt = 0; attempt < 3; attempt++) {
    const again = out(`reference-${++fresh}`);
    await ok(xckg(['build', ...INPUTS, '--out', again, '--workers', '2', '--quiet']));
    if (fingerprint(again) === fingerprint(dir)) return again;
  }
  throw new Error(`the pipeline's code keeps changing under ${dir}: no reference build of the same code`);
}

/** Builds the three shards, again if the code changed between them (merge refuses shards of different code). */
async function buildShards(): Promise<string[]> {
  for (let attempt = 0; ; attempt++) {
    const shards = [1, 2, 3].map((i) => out(`shard-${attempt}-${i}`));
    for (const [i, dir] of shards.entries()) await ok(xckg(['build', ...INPUTS, '--out', dir, '--shard', `${i + 1}/3`, '--workers', '1', '--quiet']));
    if (new Set(shards.map(fingerprint)).size === 1 || attempt === 2) return shards;
  }
}

describe('xckg build on a corpus', SLOW, () => {
  it('builds JSON Lines with two workers, leaving only the outputs and its work folder', async () => {
    const r = await reference();
    expect(readdirSync(out('two-workers')).sort()).toEqual(['.work', ...OUTPUTS].sort());
    expect(readdirSync(join(out('two-workers'), '.work', 'tmp'))).toEqual([]);
    const s = summary(out('two-workers'));
    // The corpus prints some texts twice too: every input is an article or a reprint of one.
    expect(s).toMatchObject({ inputs: 44, failed: 0 });
    expect(s.reprints).toBeGreaterThanOrEqual(1);
    expect(s.articles + s.reprints).toBe(44);
    expect(r.stdout).toContain(`built ${s.articles} articles of 44 inputs`);
  });

  it('gives the same bytes with one worker and the inputs in the other order', async () => {
    await reference();
    await ok(xckg(['build', CORPUS, OFFICIALS, '--out', out('one-worker'), '--workers', '1', '--quiet']));
    expectSameBytes(out('one-worker'), await referenceFor(out('one-worker')));
  });

  it('gives the same bytes from three shards merged', async () => {
    await reference();
    const shards = await buildShards();
    const all = summary(out('two-workers')).articles;
    const sizes = shards.map((d) => summary(d).articles);
    expect(sizes.every((n) => n > 0 && n < all)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(all);
    await ok(xckg(['merge', ...shards, '--out', out('merged')]));
    expectSameBytes(out('merged'), await referenceFor(shards[2]));
  });

  it('finishes an interrupted build (kill -9) with the bytes of an uninterrupted one', async () => {
    await reference();
    const dir = out('interrupted');
    const records = join(dir, '.work', 'articles');
    const child = spawn(process.execPath, [join(ROOT, 'bin/xckg.js'), 'build', ...INPUTS, '--out', dir, '--workers', '1', '--quiet'], { cwd: ROOT, stdio: 'ignore' });
    const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Killed once a few articles are done and before the outputs exist.
    for (let i = 0; i < 3000 && child.exitCode === null; i++) {
      if (existsSync(records) && readdirSync(records).filter((f) => /^[0-9a-f]{64}\..+\.json$/.test(f)).length >= 3) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    expect(await ended).toBe('SIGKILL');
    expect(existsSync(join(dir, 'graph.nq'))).toBe(false);
    // An article written by a worker but not yet taken by the build is no record (it was, named <key>.pending.json,
    // and the next run read it as the record of an article called "pending").
    expect(readdirSync(records).filter((f) => f.includes('pending'))).toEqual([]);
    const again = await ok(xckg(['build', ...INPUTS, '--out', dir, '--workers', '2']));
    expect(Number(/(\d+) reused/.exec(again.stdout)?.[1])).toBeGreaterThanOrEqual(3);
    expectSameBytes(dir, await referenceFor(dir));
    expect(readdirSync(dir).sort()).toEqual(['.work', ...OUTPUTS].sort());
  });

  it('extracts a reprinted text once and names both printings', async () => {
    await reference();
    const nq = readFileSync(join(out('two-workers'), 'graph.nq'), 'utf8');
    expect(nq).toContain(`<${ID}article/officials-a-reprint> <${XC}reprintOf> <${ID}article/officials-a>`);
    expect(nq).toContain('"https://example.org/a-again.html"');
    expect(nq).not.toContain(`graph/article/officials-a-reprint>`);
  });

  it('joins the same official across articles, keeps his namesake apart, and lists the join', async () => {
    await reference();
    const store = await openGraph(out('two-workers'));
    try {
      const holders = store.select(`SELECT DISTINCT ?p ?title WHERE { ?pos xc:holder ?p ; xc:title ?title . ?p rdfs:label "王兴"@zh }`).plain;
      const byTitle = new Map(holders.map((r) => [r.title, r.p]));
      expect([...byTitle.keys()].sort()).toEqual(['书记', '副县长']);
      expect(byTitle.get('书记')).not.toBe(byTitle.get('副县长'));
      // The county secretary of two articles is one node, mentioned in both.
      const articles = store.select(`SELECT DISTINCT ?a WHERE { <${byTitle.get('书记')}> xc:mentionedIn ?a }`).plain.map((r) => r.a);
      expect(articles.sort()).toEqual([`${ID}article/officials-a`, `${ID}article/officials-b`]);
      const merges = store.select(readFileSync(join(ROOT, 'examples/queries/person-merges.rq'), 'utf8')).plain;
      expect(merges).toContainEqual(expect.objectContaining({ name: '王兴', rule: 'SamePost', evidence: 'post:org/河曲县委|书记', sharedName: '河曲县委' }));
      // The paper's reporter of both articles is one person too (page credits: test/corpus-resolve.test.ts).
      expect(merges).toContainEqual(expect.objectContaining({ name: '李明', rule: 'SamePost', evidence: 'post:org/人民日报|记者' }));
      expect(merges.filter((m) => m.name === '王兴')).toHaveLength(1);
    } finally {
      store.close();
    }
  });

  it('reports a malformed JSON Lines line by file and line, and builds the rest', async () => {
    const file = join(tmp, 'in', 'three.jsonl');
    mkdirSync(join(tmp, 'in'), { recursive: true });
    writeFileSync(file, [corpusLines[0], '{"text": "半行', corpusLines[1], '{"title": "没有正文"}'].join('\n') + '\n');
    const dir = out('malformed');
    const r = await xckg(['build', file, '--out', dir, '--quiet']);
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^xckg: ${file}:2: not JSON \\(.+\\)$`, 'm'));
    expect(r.stderr).toContain(`xckg: ${file}:4: no 'text' field`);
    expect(summary(dir)).toMatchObject({ inputs: 4, articles: 2, failed: 2 });
    expect(summary(dir).failures.map((f: { input: string }) => f.input)).toEqual([`${file}:2`, `${file}:4`]);
  });
});
