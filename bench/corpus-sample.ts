// **corpus-sample** — the first N articles of ../shared/corpus/rmrb-2026.jsonl.gz built into a graph, for the benches
// that need a corpus-sized graph (bench:query-set, bench:push). The first N lines are written to a JSON Lines file
// and built with `xckg build`; the build folder is cached in the OS temp folder by N and source size.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CORPUS = resolve(ROOT, '../shared/corpus/rmrb-2026.jsonl.gz');

/** Writes the first `n` articles (JSON Lines records, as they are) to `file`; returns how many were written. */
async function writeArticles(n: number, file: string): Promise<number> {
  const lines = createInterface({ input: createReadStream(CORPUS).pipe(createGunzip()), crlfDelay: Infinity });
  const kept: string[] = [];
  for await (const line of lines) {
    if (kept.length >= n) break;
    if (line.trim()) kept.push(line);
  }
  lines.close();
  writeFileSync(file, kept.join('\n') + '\n');
  return kept.length;
}

/** The build folder (graph.nq, …) of the first `n` corpus articles, built once and reused. */
export async function corpusSampleBuild(n: number, log: (line: string) => void = console.error): Promise<string> {
  if (!existsSync(CORPUS)) throw new Error(`${CORPUS}: no such file (the shared corpus sits beside the project)`);
  const base = join(tmpdir(), `xckg-corpus-jsonl-${n}-${statSync(CORPUS).size}`);
  const out = join(base, 'out');
  if (existsSync(join(out, 'graph.nq'))) return out;
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  const articles = join(base, `first-${n}.jsonl`);
  const written = await writeArticles(n, articles);
  log(`building the first ${written} corpus articles (xckg build) into ${out} …`);
  const t = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/xckg.js'), 'build', articles, '--out', out, '--quiet'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (!existsSync(join(out, 'graph.nq'))) throw new Error(`xckg build failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  log(`built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return out;
}
