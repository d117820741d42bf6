// Corpus-scale hostile inputs through the real `xckg build` (a child process): thousands of tiny files, a 200 MB
// file, a missing path, a symlink loop, a broken JSON Lines corpus, an unwritable output folder, a full disk.
// Each ends with a clear one-line error where something is wrong, the good inputs built, and earlier output intact.
import { execFile } from 'node:child_process';
import { chmodSync, closeSync, existsSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, SEED, show, type Run } from './helpers/xckg.ts';

const tmp = mkdtempSync(join(tmpdir(), 'xckg-hostile-'));
// Readable by the unprivileged user the unwritable-folder test runs as.
chmodSync(tmp, 0o755);
afterAll(() => rmSync(tmp, { recursive: true, force: true }), 120_000);

const BIN = join(ROOT, 'bin/xckg.js');
const SEED_PATH = join(ROOT, SEED);

interface ChildOptions {
  /** node flags before bin/xckg.js (preloads, heap limit). */
  node?: string[];
  env?: Record<string, string>;
  /** Run as this user (the tests run as root in CI containers, where file modes do not stop root). */
  uid?: number;
  /** A shell line run before node, e.g. `ulimit -n 256`. */
  shell?: string;
}

function xckgChild(args: string[], o: ChildOptions = {}): Promise<Run> {
  const node = [process.execPath, ...(o.node ?? []), BIN, ...args];
  const [file, argv] = o.shell ? ['/bin/sh', ['-c', `${o.shell} && exec "$@"`, 'sh', ...node]] : [node[0], node.slice(1)];
  return new Promise((done) => {
    execFile(
      file,
      argv,
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...o.env }, ...(o.uid !== undefined && { uid: o.uid, gid: o.uid }) },
      (err, stdout, stderr) => {
        const e = err as { code?: number | string } | null;
        done({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, stdout, stderr });
      },
    );
  });
}

const summaryOf = (out: string) => JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
const errorLines = (r: Run) => r.stderr.split('\n').filter((l) => l.startsWith('xckg'));
const peakRssMb = (r: Run) => Number(/peak-rss-kb (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
/** Every file a build leaves in its folder, with its bytes (the work folder aside). */
function outputsOf(out: string): Map<string, string> {
  return new Map(readdirSync(out).filter((f) => f !== '.work').map((f) => [f, readFileSync(join(out, f), 'latin1')]));
}

/** A good build of the seed into a fresh folder, and what it wrote: the earlier output a failed build must leave alone. */
async function buildSeed(name: string): Promise<{ out: string; before: Map<string, string> }> {
  const out = join(tmp, name);
  const first = await xckgChild(['build', SEED_PATH, '--out', out, '-j', '1', '-q']);
  expect(first.code, show(first)).toBe(0);
  return { out, before: outputsOf(out) };
}

// Short texts, each a little different, so that a folder of them builds in seconds.
const TEXTS = Array.from({ length: 100 }, (_, i) => `河曲县巡镇河南村第${i + 1}组村民张乃田说，今年收入增加了${i + 2}千元。\n`);

describe('a folder of 10,000 tiny files', () => {
  it('builds every one without running out of file handles, in memory that does not grow with the count', { timeout: 600_000 }, async () => {
    const make = (n: number) => {
      const dir = join(tmp, `tiny-${n}`);
      mkdirSync(dir);
      for (let i = 0; i < n; i++) writeFileSync(join(dir, `f${String(i).padStart(5, '0')}.txt`), TEXTS[i % TEXTS.length]);
      return dir;
    };
    const runs: Record<number, Run> = {};
    for (const n of [1000, 10_000]) {
      const out = join(tmp, `tiny-${n}-out`);
      // 256 open files at most: a build that opened every input at once would fail with EMFILE.
      runs[n] = await xckgChild(['build', make(n), '--out', out, '-j', '2', '-q'], { shell: 'ulimit -n 256', node: ['--import', join(ROOT, 'test/helpers/report-rss.mjs')] });
      expect(runs[n].code, show(runs[n])).toBe(0);
      expect(runs[n].stderr).not.toMatch(/EMFILE|ENFILE|too many open files/i);
      const s = summaryOf(out);
      expect(s.inputs).toBe(n);
      expect(s.failed).toBe(0);
      // The hundred texts repeat: each is extracted once, the other printings are recorded as reprints.
      expect(s.articles).toBe(TEXTS.length);
      expect(s.reprints).toBe(n - TEXTS.length);
    }
    const small = peakRssMb(runs[1000]);
    const large = peakRssMb(runs[10_000]);
    expect(small).toBeGreaterThan(0);
    // Ten times the files, nearly the same memory: a list of paths, not their contents.
    expect(large).toBeLessThan(small * 1.5 + 50);
  });
});

describe('a 200 MB file', () => {
  const big = join(tmp, 'big.txt');
  // Sparse: it takes no disk and no time to make, and reading it would cost 200 MB.
  const fd = openSync(big, 'w');
  ftruncateSync(fd, 200 * 1024 * 1024);
  closeSync(fd);

  it('is refused by its size before it is read, and the other inputs are built', { timeout: 120_000 }, async () => {
    const out = join(tmp, 'big-out');
    const t0 = performance.now();
    const r = await xckgChild(['build', big, SEED_PATH, '--out', out, '-j', '1', '-q']);
    expect(r.code, show(r)).toBe(1);
    expect(errorLines(r)).toEqual([`xckg: ${big}: file is 200.0 MB, over the 20.0 MB limit for one article (--max-bytes to raise it)`]);
    expect(summaryOf(out).articles).toBe(1);
    expect(performance.now() - t0).toBeLessThan(60_000);
  });

  it('with the limit raised, is read and refused as binary without exhausting a 256 MB heap', { timeout: 120_000 }, async () => {
    const out = join(tmp, 'big-raised-out');
    const r = await xckgChild(['build', big, SEED_PATH, '--out', out, '-j', '1', '-q', '--max-bytes', String(300 * 1024 * 1024)], { node: ['--max-old-space-size=256'] });
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr).not.toMatch(/heap out of memory|Invalid string length|RangeError/);
    const lines = errorLines(r);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^xckg: ${big}: binary file \\(\\d+ control bytes in 209715200, the first NUL at offset 0\\)$`));
    expect(summaryOf(out).articles).toBe(1);
  });
});

describe('a path that does not exist among good ones', () => {
  it('is named in one line; the good inputs are built; the exit status says something failed', { timeout: 120_000 }, async () => {
    const out = join(tmp, 'missing-out');
    const missing = join(tmp, 'no-such-article.txt');
    const r = await xckgChild(['build', SEED_PATH, missing, '--out', out, '-j', '1', '-q']);
    expect(r.code, show(r)).toBe(1);
    expect(errorLines(r)).toEqual([`xckg: ${missing}: cannot read the file (no such file or not readable)`]);
    const s = summaryOf(out);
    expect([s.inputs, s.articles, s.failed]).toEqual([2, 1, 1]);
  });
});

describe('a symlink loop in an input folder', () => {
  it('ends: each folder is entered once, the article in it is built once', { timeout: 120_000 }, async () => {
    const dir = join(tmp, 'loop');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'a.txt'), readFileSync(SEED_PATH));
    symlinkSync('..', join(dir, 'sub', 'up')); // sub/up → the folder itself
    symlinkSync('.', join(dir, 'self'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b')); // a dangling pair pointing at each other
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
    const out = join(tmp, 'loop-out');
    const r = await xckgChild(['build', dir, '--out', out, '-j', '1', '-q']);
    const s = summaryOf(out);
    expect(s.articles, show(r)).toBe(1);
    expect(s.reprints).toBe(0);
    // The dangling pair cannot be read: if it is listed, it is named as a failure, not a crash.
    expect(r.stderr).not.toMatch(/ELOOP.*\n.*at |Maximum call stack/);
  });
});

describe('a JSON Lines corpus with a malformed line, an empty text and a duplicate id', () => {
  const corpus = join(tmp, 'corpus.jsonl');
  writeFileSync(
    corpus,
    [
      JSON.stringify({ id: 'a1', text: '河曲县巡镇河南村村民张乃田是脱贫户。' }),
      '{"id": "broken", "text": "没有结束',
      JSON.stringify({ id: 'empty', text: '' }),
      JSON.stringify({ id: 'a1', text: '山西省乡村振兴局局长张玉宏到河曲县调研。' }),
      JSON.stringify({ id: 'b2', text: '忻州市河曲县是山西省的一个县。' }),
    ].join('\n') + '\n',
  );
  const out = join(tmp, 'jsonl-out');
  let run: Run;
  const build = async () => (run ??= await xckgChild(['build', corpus, '--out', out, '-j', '1', '-q']));

  it('names the malformed line and the empty text, one line each, and builds the rest', { timeout: 120_000 }, async () => {
    const r = await build();
    expect(r.code, show(r)).toBe(1);
    const lines = errorLines(r);
    expect(lines.some((l) => l.startsWith(`xckg: ${corpus}:2: `) && /JSON/.test(l)), lines.join('\n')).toBe(true);
    expect(lines.some((l) => l.startsWith(`xckg: ${corpus}:3: `) && /text/.test(l)), lines.join('\n')).toBe(true);
    expect(summaryOf(out).failed).toBe(2);
  });

  it('keeps two records with one id as two articles (or refuses the second by name), never one merged article', { timeout: 120_000 }, async () => {
    const r = await build();
    const nq = readFileSync(join(out, 'graph.nq'), 'utf8');
    const articles = new Set([...nq.matchAll(/^(<[^>]*\/id\/article\/[^>]*>) <http:\/\/www\.w3\.org\/1999\/02\/22-rdf-syntax-ns#type> <https:\/\/w3id\.org\/xiangcun-kg\/ns#Article>/gm)].map((m) => m[1]));
    const refusedDuplicate = errorLines(r).some((l) => l.startsWith(`xckg: ${corpus}:4: `) && /a1/.test(l));
    // Both texts are in the graph as articles of their own, or the second is refused naming the id.
    expect(articles.size + (refusedDuplicate ? 1 : 0), show(r)).toBe(3);
    // Each article has one text (one NIF context length): two texts under one IRI would break the shapes.
    const check = await xckgChild(['validate', out]);
    expect(check.code, show(check)).toBe(0);
  });
});

describe('two files of one name in different folders', () => {
  it('are two articles, not one article with two texts (portals save every page as index.html)', { timeout: 120_000 }, async () => {
    const dir = join(tmp, 'same-name');
    mkdirSync(join(dir, 'a'), { recursive: true });
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'a', 'index.txt'), TEXTS[3]);
    writeFileSync(join(dir, 'b', 'index.txt'), TEXTS[4]);
    const out = join(tmp, 'same-name-out');
    const r = await xckgChild(['build', dir, '--out', out, '-j', '1', '-q']);
    expect(r.code, show(r)).toBe(0);
    const nq = readFileSync(join(out, 'graph.nq'), 'utf8');
    const contexts = new Set(nq.match(/<[^>]*\/id\/text\/[^>#]*> <http:\/\/persistence\.uni-leipzig\.org\/nlp2rdf\/ontologies\/nif-core#endIndex>/g));
    expect(contexts.size, nq.slice(0, 2000)).toBe(2);
    const check = await xckgChild(['validate', out]);
    expect(check.code, show(check)).toBe(0);
  });
});

describe('the output folder cannot be written', () => {
  it('stops with a clear error and leaves the earlier output as it was', { timeout: 180_000 }, async () => {
    const { out, before } = await buildSeed('readonly-out');
    const dir = join(tmp, 'readonly-in');
    mkdirSync(dir);
    writeFileSync(join(dir, 'b.txt'), TEXTS[0]);
    chmodSync(dir, 0o755);
    for (const d of [out, join(out, '.work')]) chmodSync(d, 0o555);
    try {
      // As root, file modes stop nobody: run as an unprivileged user then.
      const uid = process.getuid?.() === 0 ? 65534 : undefined;
      const r = await xckgChild(['build', SEED_PATH, join(dir, 'b.txt'), '--out', out, '-j', '1', '-q'], { uid });
      expect(r.code, show(r)).not.toBe(0);
      const lines = errorLines(r);
      expect(lines.length, show(r)).toBeGreaterThan(0);
      expect(lines.join('\n')).toMatch(/EACCES|permission denied|not writable/i);
      expect(lines.every((l) => !l.includes('\n'))).toBe(true);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(outputsOf(out)).toEqual(before);
    } finally {
      for (const d of [out, join(out, '.work')]) chmodSync(d, 0o755);
    }
  });
});

describe('the disk fills up while the outputs are written', () => {
  it('stops with a clear error, leaves the earlier output as it was and no temporary files', { timeout: 180_000 }, async () => {
    const { out, before } = await buildSeed('full-out');
    const extra = join(tmp, 'full-extra.txt');
    writeFileSync(extra, TEXTS[1]);
    // Writes by the main thread (the outputs) fail with ENOSPC after 64 KB: part of graph.nq, then nothing.
    const r = await xckgChild(['build', SEED_PATH, extra, '--out', out, '-j', '1', '-q'], {
      node: ['--import', join(ROOT, 'test/helpers/inject-enospc.mjs')],
      env: { XCKG_DISK_BYTES: String(64 * 1024) },
    });
    expect(r.code, show(r)).not.toBe(0);
    expect(errorLines(r).join('\n'), show(r)).toMatch(/ENOSPC|no space left/i);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(outputsOf(out)).toEqual(before);
    const leftovers = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.tmp')) : []);
    expect([...leftovers(out), ...leftovers(join(out, '.work', 'tmp'))]).toEqual([]);
  });
});
