// **build** — a corpus build: inputs scanned (hashed, reprints grouped, a shard chosen), each text extracted once by
// the worker pool into the work folder (`DIR/.work`, reused by later builds and after an interruption), then the
// outputs assembled from the work folder. The same inputs give the same bytes, whatever the worker count or order.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemble, type Manifest, type Outputs, type WorkFolder } from './assemble.ts';
import { readInputs, type ArticleInput, type InputFailure } from './inputs.ts';
import { writeFileAtomic } from './output.ts';
import { ExtractPool } from './pool.ts';
import { candidateId, DEFAULT_MAX_BYTES, failureReason, inputBytes, inputHash, textHash } from './read.ts';
import { RECORD_VERSION } from './record.ts';
import type { ExtractTask } from './worker.ts';

export interface BuildOptions {
  out: string;
  /** Extraction threads; default one per core. */
  workers?: number;
  maxBytes?: number;
  /** Build only slice `index` (1-based) of `count`, chosen by text hash. */
  shard?: { index: number; count: number };
  /** Validate every article against the SHACL shapes (findings in the summary). */
  validate?: boolean;
  /** Called as articles finish (for progress lines). */
  onProgress?: (p: Progress) => void;
}

export interface Progress {
  done: number;
  total: number;
  /** Taken from earlier builds, not extracted again. */
  reused: number;
  /** Characters extracted in this run. */
  chars: number;
  /** Set once every article is extracted and the outputs are being merged. */
  merging?: boolean;
}

export interface BuildResult extends Outputs {
  /** Texts extracted in this run (the others came from the work folder). */
  extracted: number;
  reused: number;
}

/** Where a build keeps its work: records of extracted articles, the manifest, temporary files. */
export const workDir = (out: string) => join(out, '.work');
const RECORDS = 'articles';

/** The printings of one text (same hash), in reference order: the first is the one extracted. */
interface Group {
  hash: string;
  /** `id` is the document id the input would have, then the one it gets (unique: see uniqueIds). */
  members: Array<{ input: ArticleInput; hash: string; id: string | null; mark: string }>;
}

/** File, then line number: a stable order of references that does not depend on the command line. */
function cmpInput(a: ArticleInput, b: ArticleInput): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return (a.kind === 'jsonl' ? a.line : 0) - (b.kind === 'jsonl' ? b.line : 0);
}

const sha = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');
const inShard = (hash: string, shard?: BuildOptions['shard']) => !shard || parseInt(hash.slice(0, 8), 16) % shard.count === shard.index - 1;

/**
 * Unique ids for inputs that one id would name (portals save every page as index.html; a JSON Lines id given twice):
 * `marks` holds, by id, a mark of every input it names (16 hex of its bytes' hash, 16 of its reference's). All inputs
 * of such an id get `${id}-${hash of their bytes}`, so no name depends on which was read first; the same bytes under
 * one name (a page saved in two folders) get a hash of their reference instead. Ids of one input stay as they are.
 */
function uniqueIds(marks: Map<string, string[]>): (id: string, mark: string) => string {
  const renamed = new Map<string, Map<string, string>>();
  return (id, mark) => {
    const all = marks.get(id)!;
    if (all.length === 1) return id;
    let names = renamed.get(id);
    if (!names) {
      const distinct = [...new Set(all)]; // a file named twice is one input
      const byBytes = new Map<string, number>();
      for (const m of distinct) byBytes.set(m.slice(0, 16), (byBytes.get(m.slice(0, 16)) ?? 0) + 1);
      const name = (m: string) => (distinct.length === 1 ? id : `${id}-${byBytes.get(m.slice(0, 16))! > 1 ? m.slice(16, 24) : m.slice(0, 8)}`);
      renamed.set(id, (names = new Map(distinct.map((m) => [m, name(m)]))));
    }
    return names.get(mark)!;
  };
}

/** Parses `I/N` (1 ≤ I ≤ N). */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new Error(`--shard wants I/N with 1 ≤ I ≤ N (got '${text}')`);
  return { index, count };
}

export async function buildCorpus(paths: string[], options: BuildOptions): Promise<BuildResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const work = workDir(options.out);
  const tmp = join(work, 'tmp');
  const records = join(work, RECORDS);
  rmSync(tmp, { recursive: true, force: true }); // what an interrupted run left half-written
  mkdirSync(tmp, { recursive: true });
  mkdirSync(records, { recursive: true });
  const version = pipelineFingerprint();

  // Pass 1: every input hashed and grouped by text; failures of this shard kept. The ids of all inputs, this shard's
  // or not, are noted: a shard must name its articles as a build of everything does.
  const failures: InputFailure[] = [];
  const groups = new Map<string, Group>();
  const marks = new Map<string, string[]>();
  let inputs = 0;
  for await (const ev of readInputs(paths)) {
    if (ev.kind === 'failure') {
      if (inShard(sha(ev.failure.ref), options.shard)) {
        inputs++;
        failures.push(ev.failure);
      }
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = inputBytes(ev, maxBytes);
    } catch (e) {
      if (inShard(sha(ev.ref), options.shard)) {
        inputs++;
        failures.push({ ref: ev.ref, reason: failureReason(e) });
      }
      continue;
    }
    const id = candidateId(ev, bytes);
    const mark = sha(bytes).slice(0, 16) + sha(ev.ref).slice(0, 16);
    if (id !== null) {
      const seen = marks.get(id);
      if (seen) seen.push(mark);
      else marks.set(id, [mark]);
    }
    const text = textHash(bytes);
    if (!inShard(text, options.shard)) continue;
    inputs++;
    // A record's text is read again when it is extracted: held here, a corpus would sit in memory.
    const light: ArticleInput = ev.kind === 'jsonl' ? { ...ev, record: { ...ev.record, text: '' } } : ev;
    let g = groups.get(text);
    if (!g) groups.set(text, (g = { hash: text, members: [] }));
    g.members.push({ input: light, hash: inputHash(ev, bytes), id, mark });
  }

  // Which texts the work folder already holds (a record is named by everything that went into it).
  const have = new Map<string, string>(); // key → file name
  for (const f of readdirSync(records)) {
    const m = /^([0-9a-f]{64})\.(.+)\.json$/.exec(f);
    if (m) have.set(m[1], f);
  }
  const unique = uniqueIds(marks);
  const keyed = [...groups.values()].map((g) => {
    g.members.sort((a, b) => cmpInput(a.input, b.input));
    for (const m of g.members) m.id = m.id === null ? null : unique(m.id, m.mark);
    // The ids are in the key: an input that comes to share a name renames the others, and their records change.
    return { group: g, key: sha([version, options.validate ? 'validate' : '', ...g.members.map((m) => `${m.hash} ${m.id}`)].join('\n')) };
  });
  marks.clear();
  const manifest: Manifest = { version: RECORD_VERSION, fingerprint: version, inputs, failures, articles: [] };
  const todo = new Map<string, { group: Group; key: string; remaining: number; members: ArticleInput[] }>();
  let reused = 0;
  for (const { group, key } of keyed) {
    const file = have.get(key);
    if (file) {
      reused++;
      manifest.articles.push({ docId: file.slice(65, -5), record: join(RECORDS, file), reprints: group.members.length - 1 });
    } else todo.set(group.hash, { group, key, remaining: group.members.length, members: [] });
  }

  // Pass 2: the texts not yet extracted, read again and handed to the workers as their printings are complete.
  const total = keyed.length;
  const progress: Progress = { done: reused, total, reused, chars: 0 };
  options.onProgress?.(progress);
  let extracted = 0;
  if (todo.size) {
    const size = Math.max(1, Math.min(options.workers ?? availableParallelism(), todo.size));
    const pool = new ExtractPool(size);
    const refToGroup = new Map<string, string>();
    for (const t of todo.values()) for (const m of t.group.members) refToGroup.set(m.input.ref, t.group.hash);
    const running = new Set<Promise<void>>();
    let taskId = 0;
    const dispatch = async (t: { group: Group; key: string; members: ArticleInput[] }) => {
      const members = t.members.sort(cmpInput);
      const ids = new Map(t.group.members.map((m) => [m.input.ref, m.id]));
      const task: ExtractTask = { id: ++taskId, members, ids: members.map((m) => ids.get(m.ref) ?? null), recordPath: join(tmp, `${t.key}.pending.json`), tmpDir: tmp, maxBytes, validate: Boolean(options.validate) };
      const reply = await pool.run(task);
      failures.push(...reply.failures);
      if (reply.docId) {
        // Written under tmp (cleared when a build starts) and moved into the records, named by its key and document
        // id, only once complete: a run killed between the two leaves nothing a later run could take for a record.
        const file = `${t.key}.${reply.docId}.json`;
        renameSync(task.recordPath, join(records, file));
        manifest.articles.push({ docId: reply.docId, record: join(RECORDS, file), reprints: members.length - 1 - reply.failures.length });
        extracted++;
      }
      progress.done++;
      progress.chars += reply.chars;
      options.onProgress?.(progress);
    };
    try {
      for await (const ev of readInputs(paths)) {
        if (ev.kind === 'failure') continue;
        const hash = refToGroup.get(ev.ref);
        const t = hash && todo.get(hash);
        if (!t) continue;
        t.members.push(ev);
        if (--t.remaining > 0) continue;
        todo.delete(hash);
        const p: Promise<void> = dispatch(t).finally(() => running.delete(p));
        running.add(p);
        // Read ahead only a little: the inputs wait on disk, not in memory.
        while (running.size >= size * 4) await Promise.race(running);
      }
      await Promise.all([...running]);
    } finally {
      await pool.close();
    }
    // Inputs that changed between the two readings (or vanished) are reported, not silently dropped.
    for (const t of todo.values()) for (const m of t.group.members) failures.push({ ref: m.input.ref, reason: 'changed or removed while the build read it' });
  }

  // Records of texts no longer among the inputs are removed; then the manifest, then the outputs.
  const used = new Set(manifest.articles.map((a) => a.record.slice(RECORDS.length + 1)));
  for (const f of readdirSync(records)) if (!used.has(f)) rmSync(join(records, f), { force: true });
  manifest.articles.sort((a, b) => (a.record < b.record ? -1 : 1));
  manifest.failures.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  writeFileAtomic(join(work, 'manifest.json'), JSON.stringify(manifest), tmp);
  options.onProgress?.({ ...progress, merging: true });
  const outputs = await assemble([{ dir: work, manifest }], options.out, tmp, Math.min(2, options.workers ?? availableParallelism()));
  return { ...outputs, extracted, reused };
}

/** The work folders of earlier builds (`xckg build --shard` outputs), to be merged. */
export function readWorkFolder(out: string): WorkFolder {
  const dir = workDir(out);
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) throw new Error(`${out}: not a build folder (no .work/manifest.json; build it with xckg build --out ${out})`);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  if (manifest.version !== RECORD_VERSION) throw new Error(`${out}: built by another version of xckg (build it again)`);
  return { dir, manifest };
}

/** Merges build folders (shards) into `out`: the bytes one build of all their inputs writes. */
export function mergeBuilds(dirs: string[], out: string, threads = Math.min(2, availableParallelism())): Promise<Outputs> {
  const folders = dirs.map(readWorkFolder);
  const other = folders.findIndex((f) => f.manifest.fingerprint !== folders[0].manifest.fingerprint);
  if (other >= 0) throw new Error(`${dirs[other]}: built with other code or data than ${dirs[0]} (build the shards with one version)`);
  const tmp = join(workDir(out), 'tmp');
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  return assemble(folders, out, tmp, threads);
}

// What the records depend on besides the inputs: the pipeline's code and data. A change there re-extracts everything.
const PROJECT = fileURLToPath(new URL('../../', import.meta.url));
const CODE = fileURLToPath(new URL('../', import.meta.url));
const NOT_PIPELINE = new Set(['cli', 'query', 'articles']);

let fingerprint: string | undefined;
export function pipelineFingerprint(): string {
  if (fingerprint) return fingerprint;
  const h = createHash('sha256').update(String(RECORD_VERSION));
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const st = statSync(full);
      if (st.isDirectory()) {
        if (!NOT_PIPELINE.has(name)) walk(full);
      } else h.update(relative(PROJECT, full)).update('\u0000').update(readFileSync(full));
    }
  };
  walk(CODE);
  walk(join(PROJECT, 'data'));
  return (fingerprint = h.digest('hex'));
}
