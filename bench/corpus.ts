// **corpus** — `xckg build` at corpus scale on ../shared/corpus/rmrb-2026.jsonl.gz: the first 1,000 articles, then all
// 9,795, with 1 and 2 workers, each a fresh build in a child process. Prints articles/s, chars/s, peak RSS of the
// whole process tree (sampled from /proc), output sizes, @node-rs/jieba `cut` on the same text in the same run with
// the ratio, the issue's targets, and the resolution figures (Person nodes per name, the names with most nodes).
//   npm run bench:corpus                 (all four builds; the full ones take minutes)
//   npm run bench:corpus -- --first-only (the 1,000-article builds only)
//   npm run bench:corpus -- --workers 2  (one worker count only)
//   npm run bench:corpus -- --resolve DIR (only the resolution figures, for a folder an earlier build kept)
//   npm run bench:corpus -- --snapshot   (builds with a copy of dist/, bin/ and data/ taken at the start, so work
//                                          going on in the tree cannot change the code between the builds)
// Runs the compiled CLI (bin/xckg.js → dist/): `npm run compile` first if src/ changed.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { resolvePersons, type PersonMention } from '../src/corpus/resolve.ts';
import { readFirstLine } from '../src/corpus/record.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, '../shared/corpus/rmrb-2026.jsonl.gz');
const { values } = parseArgs({
  options: { 'first-only': { type: 'boolean' }, workers: { type: 'string', default: '1,2' }, keep: { type: 'boolean' }, snapshot: { type: 'boolean' }, resolve: { type: 'string' } },
});
if (values.resolve) {
  resolutionFigures(values.resolve);
  process.exit(0);
}
const workerCounts = values.workers!.split(',').map(Number);

const lines = gunzipSync(readFileSync(CORPUS)).toString('utf8').split('\n').filter(Boolean);
const tmp = mkdtempSync(join(tmpdir(), 'xckg-bench-corpus-'));
const FIRST = join(tmp, 'rmrb-first-1000.jsonl');
/** The project whose CLI runs: this checkout, or a copy of what the CLI needs. */
const PROJECT = values.snapshot ? join(tmp, 'snapshot') : ROOT;
if (values.snapshot) {
  mkdirSync(PROJECT);
  for (const part of ['dist', 'bin', 'data', 'package.json']) cpSync(join(ROOT, part), join(PROJECT, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(PROJECT, 'node_modules'));
}
writeFileSync(FIRST, lines.slice(0, 1000).join('\n') + '\n');
const texts = (n: number) => lines.slice(0, n).map((l) => (JSON.parse(l) as { text: string }).text);

/** jieba `cut` over the texts, one core: characters per second (best of three). */
function jiebaCharsPerSecond(list: string[]): number {
  const jieba = Jieba.withDict(dict);
  jieba.cut(list[0]); // warm up
  const chars = list.reduce((n, t) => n + t.length, 0);
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    for (const text of list) jieba.cut(text);
    best = Math.min(best, performance.now() - t);
  }
  return chars / (best / 1000);
}

/** RSS (bytes) of a process and all its descendants, from /proc. */
function treeRss(pid: number): number {
  let total = 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const kids = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const kid of kids ? kids.split(/\s+/) : []) total += treeRss(Number(kid));
    }
  } catch {
    // the process ended between two reads
  }
  return total;
}

interface BuildFigures {
  seconds: number;
  cpuSeconds: number;
  peakRss: number;
  sizes: Record<string, number>;
  summary: { articles: number; inputs: number; reprints: number; failed: number; quads: number; persons: { nodes: number; names: number; merges: number } };
  out: string;
}

async function build(input: string, workers: number, label: string): Promise<BuildFigures> {
  const out = join(tmp, label);
  const t = performance.now();
  const child = spawn(process.execPath, [join(PROJECT, 'bin/xckg.js'), 'build', input, '--out', out, '--workers', String(workers), '--quiet'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRss(child.pid!))), 100);
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  clearInterval(sampler);
  const seconds = (performance.now() - t) / 1000;
  if (code !== 0 && code !== 1) throw new Error(`xckg build ${label} exited with ${code}`);
  const cpu = readFileSync(`/proc/self/stat`, 'utf8'); // children's CPU: cutime + cstime (fields 16, 17)
  const f = cpu.slice(cpu.lastIndexOf(')') + 2).split(' ');
  const cpuSeconds = (Number(f[13]) + Number(f[14])) / 100;
  const sizes: Record<string, number> = {};
  for (const name of ['graph.nq', 'graph.trig', 'graph.ttl', 'viewer.json']) sizes[name] = statSync(join(out, name)).size;
  return { seconds, cpuSeconds, peakRss, sizes, summary: JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')), out };
}

const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;
const runs: Array<{ n: number; workers: number; chars: number; jieba: number; f: BuildFigures }> = [];
let childCpuBefore = 0;
for (const n of values['first-only'] ? [1000] : [1000, lines.length]) {
  const list = texts(n);
  const chars = list.reduce((a, t) => a + t.length, 0);
  const jieba = jiebaCharsPerSecond(list);
  for (const workers of workerCounts) {
    const f = await build(n === 1000 ? FIRST : CORPUS, workers, `n${n}-w${workers}`);
    const cpu = f.cpuSeconds - childCpuBefore;
    childCpuBefore = f.cpuSeconds;
    f.cpuSeconds = cpu;
    runs.push({ n, workers, chars, jieba, f });
    const rate = chars / f.seconds;
    console.log(
      `${String(n).padStart(5)} articles, ${workers} worker${workers > 1 ? 's' : ' '}: ${f.seconds.toFixed(1)} s (CPU ${cpu.toFixed(1)} s), ` +
        `${(n / f.seconds).toFixed(1)} articles/s, ${Math.round(rate / 1000)} k chars/s; peak RSS ${mb(f.peakRss)}; ` +
        `jieba cut ${(jieba / 1e6).toFixed(2)} M chars/s → 1/${(jieba / rate).toFixed(0)}; ` +
        `out: ${Object.entries(f.sizes).map(([k, v]) => `${k} ${mb(v)}`).join(', ')}; ` +
        `${f.summary.articles} articles (+${f.summary.reprints} reprints, ${f.summary.failed} failed), ${f.summary.quads.toLocaleString('en')} quads`,
    );
    if (f.summary.failed) console.log(`  failed: ${f.summary.failed} inputs (see ${join(f.out, 'summary.json')})`);
  }
}

const prints = new Set(runs.map((r) => JSON.parse(readFileSync(join(r.f.out, '.work', 'manifest.json'), 'utf8')).fingerprint as string));
if (prints.size > 1) console.log(`\nNOTE: the builds ran different code (dist/ changed during the run: ${prints.size} fingerprints); use --snapshot`);

// Targets of issue 9.
const find = (n: number, w: number) => runs.find((r) => r.n === n && r.workers === w);
console.log('\ntargets:');
const all = (w: number) => find(lines.length, w);
for (const w of workerCounts) {
  const big = all(w);
  const small = find(1000, w);
  if (big) console.log(`  ${w} worker(s): all ${lines.length} peak RSS ${mb(big.f.peakRss)} (< 1536 MB: ${big.f.peakRss < 1536 * 1048576 ? 'yes' : 'NO'})`);
  if (big && small) console.log(`  ${w} worker(s): time(all) / time(1,000) = ${(big.f.seconds / small.f.seconds).toFixed(1)} (≤ 11: ${big.f.seconds <= 11 * small.f.seconds ? 'yes' : 'NO'})`);
}
for (const n of [1000, lines.length]) {
  const [one, two] = [find(n, 1), find(n, 2)];
  if (one && two) console.log(`  ${n} articles: 2 workers / 1 worker = ${(one.f.seconds / two.f.seconds).toFixed(2)}× (≥ 1.7: ${one.f.seconds / two.f.seconds >= 1.7 ? 'yes' : 'NO'})`);
  if (one) console.log(`  ${n} articles, 1 worker: 1/${(one.jieba / (one.chars / one.f.seconds)).toFixed(0)} of jieba cut (≥ 1/10: ${one.chars / one.f.seconds >= one.jieba / 10 ? 'yes' : 'NO'})`);
}

// Resolution figures: the persons of the largest build's records resolved again with src/corpus/resolve.ts (so a
// change of the rules can be measured on kept builds: --resolve DIR).
resolutionFigures(runs.sort((a, b) => b.n - a.n || b.workers - a.workers)[0]?.f.out);

if (!values.keep) rmSync(tmp, { recursive: true, force: true });
else console.log(`\noutputs kept in ${tmp}`);

/** Person nodes per name, the names with most nodes, 习近平, the paper's reporters, a page designer. */
function resolutionFigures(dir: string | undefined): void {
  if (!dir) return;
  const work = join(dir, '.work');
  const manifest = JSON.parse(readFileSync(join(work, 'manifest.json'), 'utf8')) as { articles: Array<{ docId: string; record: string }> };
  const mentions: PersonMention[] = [];
  for (const a of manifest.articles) {
    const header = JSON.parse(readFirstLine(join(work, a.record))) as { persons: Omit<PersonMention, 'docId'>[] };
    for (const p of header.persons) mentions.push({ ...p, context: p.context ?? [], docId: a.docId });
  }
  const { rename, merges } = resolvePersons(mentions);
  const nodesOf = new Map<string, Map<string, Set<string>>>(); // name → node → articles
  for (const m of mentions) {
    const node = rename.get(m.key)!;
    if (!nodesOf.has(m.name)) nodesOf.set(m.name, new Map());
    const byNode = nodesOf.get(m.name)!;
    if (!byNode.has(node)) byNode.set(node, new Set());
    byNode.get(node)!.add(m.docId);
  }
  const nodes = [...nodesOf.values()].reduce((n, m) => n + m.size, 0);
  console.log(`\nresolution (${manifest.articles.length} articles): ${nodes} Person nodes for ${nodesOf.size} names = ${(nodes / nodesOf.size).toFixed(3)} nodes per name; ${mentions.length} article mentions, ${merges.length} merges`);
  const top = [...nodesOf].sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1)).slice(0, 20);
  console.log(`  names with most nodes (articles per node): ${top.map(([name, m]) => `${name} ${m.size} (${[...m.values()].map((s) => s.size).join('/')})`).join(', ')}`);
  const show = (name: string) => {
    const m = nodesOf.get(name) ?? new Map();
    return `${m.size} node(s), in ${[...m.values()].reduce((n, s) => n + s.size, 0)} articles`;
  };
  console.log(`  习近平: ${show('习近平')}; 蔡华伟 (版式设计): ${show('蔡华伟')}`);
  // Reporters: the mentions with the paper's 记者 post, and how many nodes they fall in.
  const reporterNodes = new Map<string, Set<string>>();
  for (const m of mentions) {
    if (!m.keys.includes('post:org/人民日报|记者')) continue;
    if (!reporterNodes.has(m.name)) reporterNodes.set(m.name, new Set());
    reporterNodes.get(m.name)!.add(rename.get(m.key)!);
  }
  const split = [...reporterNodes].filter(([, s]) => s.size > 1);
  console.log(`  人民日报 reporters (记者 in a byline): ${reporterNodes.size} names, ${split.length} of them in more than one node${split.length ? `: ${split.map(([n, s]) => `${n} ${s.size}`).join(', ')}` : ''}`);
}

