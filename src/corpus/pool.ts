// **pool** — N extraction workers (worker_threads) fed from one queue; each answers tasks in any order, so callers key
// results by task, never by arrival.
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { ExtractReply, ExtractTask } from './worker.ts';

/** A thread running a module beside this one: `<name>.ts` from source (through tsx), `<name>.js` when compiled. */
export function startWorker(name: string): Worker {
  const self = fileURLToPath(import.meta.url);
  const url = new URL(`./${name}${self.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  if (!self.endsWith('.ts')) return new Worker(url);
  // TypeScript sources: the thread registers tsx itself (loader hooks of the main thread do not reach workers).
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true });
}

/** Runs one job in a thread of its own: the module answers the message it gets with `{ result }` or `{ error }`. */
export function runInThread<T>(name: string, data: unknown): Promise<T> {
  const w = startWorker(name);
  return new Promise<T>((resolve, reject) => {
    w.once('message', (m: { result?: T; error?: string }) => (m.error !== undefined ? reject(new Error(m.error)) : resolve(m.result as T)));
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`${name} thread exited (${code}) without an answer`)));
    w.postMessage(data);
  }).finally(() => w.terminate());
}

export class ExtractPool {
  private idle: Worker[] = [];
  private all: Worker[] = [];
  private queue: Array<{ task: ExtractTask; resolve: (r: ExtractReply) => void; reject: (e: Error) => void }> = [];
  private pending = new Map<Worker, { resolve: (r: ExtractReply) => void; reject: (e: Error) => void }>();

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const w = startWorker('worker');
      w.on('message', (reply: ExtractReply) => {
        const p = this.pending.get(w);
        this.pending.delete(w);
        this.idle.push(w);
        this.next();
        p?.resolve(reply);
      });
      w.on('error', (e) => {
        const p = this.pending.get(w);
        this.pending.delete(w);
        p?.reject(e);
        for (const q of this.queue.splice(0)) q.reject(e);
      });
      this.all.push(w);
      this.idle.push(w);
    }
  }

  /** Tasks waiting for a worker (callers keep this small, so inputs are not all read ahead). */
  get backlog(): number {
    return this.queue.length + this.pending.size;
  }

  run(task: ExtractTask): Promise<ExtractReply> {
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop()!;
      const { task, resolve, reject } = this.queue.shift()!;
      this.pending.set(w, { resolve, reject });
      w.postMessage(task);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}
