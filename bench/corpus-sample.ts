// **corpus-sample** — the first N articles of ../shared/corpus/rmrb-2026.jsonl.gz built into a graph, for the benches
// that need a corpus-sized graph (bench:query-set, bench:push). Articles are written as .txt files (title, blank
// line, text) and built with `xckg build`; the build folder is cached in the OS temp folder by N and source size.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CORPUS = resolve(ROOT, '../shared/corpus/rmrb-2026.jsonl.gz');

/** Writes the first `n` articles as text files into `dir`; returns how many were written. */
async function writeArticles(n: number, dir: string): Promise<number> {
  mkdirSync(dir, { recursive: true });
  const lines = createInterface({ input: createReadStream(CORPUS).pipe(createGunzip()), crlfDelay: Infinity });
  let i = 0;
  for await (const line of lines) {
    if (i >= n) break;
    if (!line.trim()) continue;
    const a = JSON.parse(line) as { title?: string; text: string };
    writeFileSync(join(dir, `${String(i).padStart(5, '0')}.txt`), a.title ? `${a.title}\n\n${a.text}` : a.text);
    i++;
  }
  lines.close();
  return i;
}

/** The build folder (graph.nq, …) of the first `n` corpus articles, built once and reused. */
export async function corpusSampleBuild(n: number, log: (line: string) => void = console.error): Promise<string> {
  if (!existsSync(CORPUS)) throw new Error(`${CORPUS}: no such file (the shared corpus sits beside the project)`);
  const base = join(tmpdir(), `xckg-corpus-${n}-${statSync(CORPUS).size}`);
  const out = join(base, 'out');
  if (existsSync(join(out, 'graph.nq'))) return out;
  rmSync(base, { recursive: true, force: true });
  const articles = join(base, 'articles');
  const written = await writeArticles(n, articles);
  log(`building the first ${written} corpus articles (xckg build) into ${out} …`);
  const t = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/xckg.js'), 'build', articles, '--out', out, '--quiet'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (!existsSync(join(out, 'graph.nq'))) throw new Error(`xckg build failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  log(`built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return out;
}
