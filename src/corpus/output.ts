// **output** writes files atomically: a temp file (beside the target, or in a given folder on the same disk), then
// rename, so no reader ever sees half a file; FileSink streams a large file the same way, in buffered chunks.
import { closeSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync, rmSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { threadId } from 'node:worker_threads';

let serial = 0;
const tmpName = (path: string, tmpDir?: string) =>
  join(tmpDir ?? dirname(path), `.${basename(path)}.${process.pid}.${threadId}.${++serial}.tmp`);

export function writeFileAtomic(path: string, content: string | Uint8Array, tmpDir?: string): void {
  mkdirSync(dirname(path), { recursive: true });
  if (tmpDir) mkdirSync(tmpDir, { recursive: true });
  const tmp = tmpName(path, tmpDir);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Chunks smaller than this are gathered before a write: one system call per megabyte, not per quad. */
const FLUSH_AT = 1 << 20;

/**
 * A file written piece by piece to a temporary name, renamed to its place by `commit()` (or removed by `abort()`).
 * Synchronous, so memory stays at one buffer whatever the size. Also usable as the output stream of an n3 Writer.
 */
export class FileSink {
  private fd: number;
  private tmp: string;
  private parts: string[] = [];
  private size = 0;
  bytes = 0;

  constructor(readonly path: string, tmpDir?: string) {
    mkdirSync(dirname(path), { recursive: true });
    if (tmpDir) mkdirSync(tmpDir, { recursive: true });
    this.tmp = tmpName(path, tmpDir);
    this.fd = openSync(this.tmp, 'w');
  }

  write(chunk: string, _encoding?: unknown, done?: () => void): boolean {
    this.parts.push(chunk);
    this.size += chunk.length;
    if (this.size >= FLUSH_AT) this.flush();
    done?.();
    return true;
  }

  /** n3's Writer ends its stream; the file is committed separately, once every output is complete. */
  end(done?: () => void): void {
    this.flush();
    done?.();
  }

  private flush(): void {
    if (!this.parts.length) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.parts = [];
    this.size = 0;
  }

  commit(): void {
    const { tmp, path } = this.finish();
    renameSync(tmp, path);
  }

  /** Complete but not yet in place: the caller renames it (when every output it writes together is complete). */
  finish(): { path: string; tmp: string; bytes: number } {
    this.flush();
    closeSync(this.fd);
    return { path: this.path, tmp: this.tmp, bytes: this.bytes };
  }

  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(this.tmp, { force: true });
  }
}
