// **external-sort** — sorts more (key, value) pairs than memory should hold: sorted runs spilled to files in a work
// folder, then merged. Keys compare by UTF-16 code units (the order the serializers use); values ride along.
// Each pair is held as one string, key + U+0002 + value, so the engine's native string sort does the work: callers
// make keys distinct and free of U+0002 (values are JSON, which escapes it), so the joined strings sort as the keys.
import { closeSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export type Entry = [key: string, value: string];

const VALUE = '\u0002';
const split = (line: string): Entry => {
  const at = line.lastIndexOf(VALUE);
  return at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at + 1)];
};
// A run file holds one entry a line, backslash, tab and newlines escaped.
const escapeKey = (k: string) => k.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
const unescapeKey = (k: string) => (k.includes('\\') ? k.replace(/\\(.)/g, (_, c) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c)) : k);

export class ExternalSorter {
  private entries: string[] = [];
  private chars = 0;
  private runs: string[] = [];

  /** `limit`: characters held in memory before a run is written out. */
  constructor(private dir: string, private name: string, private limit = 16_000_000) {}

  add(key: string, value = ''): void {
    const line = value ? key + VALUE + value : key;
    this.entries.push(line);
    this.chars += line.length + 16;
    if (this.chars >= this.limit) this.spill();
  }

  private spill(): void {
    mkdirSync(this.dir, { recursive: true });
    const path = join(this.dir, `${this.name}.${this.runs.length}.run`);
    const fd = openSync(path, 'w');
    this.entries.sort();
    let buf: string[] = [];
    let size = 0;
    for (const entry of this.entries) {
      const line = `${escapeKey(entry)}\n`;
      buf.push(line);
      size += line.length;
      if (size > 1 << 20) {
        writeSync(fd, buf.join(''));
        buf = [];
        size = 0;
      }
    }
    if (buf.length) writeSync(fd, buf.join(''));
    closeSync(fd);
    this.runs.push(path);
    this.entries = [];
    this.chars = 0;
  }

  /** Every entry in key order (equal keys in the order they were added within a run; runs in order). Consumes the sorter. */
  *sorted(): Generator<Entry> {
    if (!this.runs.length) {
      const entries = this.entries.sort();
      this.entries = [];
      for (const e of entries) yield split(e);
      return;
    }
    if (this.entries.length) this.spill();
    const readers = this.runs.map((p) => new RunReader(p));
    const heads = readers.map((r) => r.next());
    for (;;) {
      let best = -1;
      for (let i = 0; i < heads.length; i++) {
        const h = heads[i];
        if (h && (best < 0 || h[0] < heads[best]![0])) best = i;
      }
      if (best < 0) break;
      yield heads[best]!;
      heads[best] = readers[best].next();
    }
    for (const p of this.runs) rmSync(p, { force: true });
    this.runs = [];
  }
}

/** Reads a run file line by line in large chunks, synchronously. */
class RunReader {
  private fd: number;
  private buf = Buffer.alloc(1 << 20);
  private pending: Buffer = Buffer.alloc(0);
  private lines: string[] = [];
  private at = 0;
  private done = false;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
  }

  next(): Entry | null {
    while (this.at >= this.lines.length) {
      if (this.done) return null;
      this.fill();
    }
    const line = this.lines[this.at++];
    return split(unescapeKey(line));
  }

  private fill(): void {
    const n = readSync(this.fd, this.buf, 0, this.buf.length, null);
    if (n === 0) {
      this.done = true;
      closeSync(this.fd);
      this.lines = this.pending.length ? [this.pending.toString('utf8')] : [];
      this.at = 0;
      return;
    }
    // A chunk may end inside a UTF-8 sequence: decode only up to the last newline byte.
    const lastNl = this.buf.lastIndexOf(0x0a, n - 1);
    if (lastNl < 0) {
      this.pending = Buffer.concat([this.pending, this.buf.subarray(0, n)]);
      this.lines = [];
      this.at = 0;
      return;
    }
    const text = Buffer.concat([this.pending, this.buf.subarray(0, lastNl)]).toString('utf8');
    this.pending = Buffer.from(this.buf.subarray(lastNl + 1, n));
    this.lines = text.split('\n');
    this.at = 0;
  }
}
