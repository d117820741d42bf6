// Determinism across runs and machines: the dev articles built in two input orders, with one and with two
// workers, under another time zone and locale, give byte-identical outputs (so the IRIs of persons and
// organizations, which cross-article resolution chooses, do not depend on any of these).
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, SHARED, show, type Run } from './helpers/xckg.ts';

const tmp = mkdtempSync(join(tmpdir(), 'xckg-determinism-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ARTICLES = join(SHARED, 'articles');
const files = readdirSync(ARTICLES).filter((f) => f.endsWith('.txt')).sort().map((f) => join(ARTICLES, f));
const OUTPUTS = ['graph.nq', 'graph.trig', 'graph.ttl', 'viewer.json', 'summary.json'];

function build(out: string, inputs: string[], workers: number, env: Record<string, string>): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [join(ROOT, 'bin/xckg.js'), 'build', ...inputs, '--out', out, '-j', String(workers), '-q'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      done({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

describe('the dev articles built twice', () => {
  it('in reverse order, with two workers, in another time zone and locale: the same bytes', { timeout: 600_000 }, async () => {
    expect(files.length).toBeGreaterThan(10);
    const a = join(tmp, 'a');
    const b = join(tmp, 'b');
    const ra = await build(a, files, 1, { TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' });
    expect(ra.code, show(ra)).toBe(0);
    // UTC+14 and a Turkish locale (whose i/I case mapping and collation differ from English).
    const rb = await build(b, [...files].reverse(), 2, { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' });
    expect(rb.code, show(rb)).toBe(0);
    for (const name of OUTPUTS) {
      const x = readFileSync(join(a, name));
      const y = readFileSync(join(b, name));
      expect(x.length, name).toBeGreaterThan(100);
      expect(y.equals(x), `${name} differs between the two builds`).toBe(true);
    }
    // The persons and organizations named: at least some, and the same set in both (implied by the bytes, stated
    // for the failure message a change would give).
    const iris = (dir: string) => [...new Set(readFileSync(join(dir, 'graph.nq'), 'utf8').match(/<https:\/\/w3id\.org\/xiangcun-kg\/id\/(person|organization)\/[^>]+>/g))].sort();
    expect(iris(a).length).toBeGreaterThan(50);
    expect(iris(b)).toEqual(iris(a));
  });
});
