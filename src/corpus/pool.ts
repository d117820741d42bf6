// **pool** — N extraction workers (worker_threads) fed from one queue; each answers tasks in any order, so callers key
// results by task, never by arrival.
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { ExtractReply, ExtractTask } from './worker.ts';

/** The worker module beside this one: worker.ts when run from source (through tsx), worker.js when compiled. */
function startWorker(): Worker {
  const self = fileURLToPath(import.meta.url);
  const url = new URL(self.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
  if (!self.endsWith('.ts')) return new Worker(url);
  // TypeScript sources: the thread registers tsx itself (loader hooks of the main thread do not reach workers).
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true });
}

export class ExtractPool {
  private idle: Worker[] = [];
  private all: Worker[] = [];
  private queue: Array<{ task: ExtractTask; resolve: (r: ExtractReply) => void; reject: (e: Error) => void }> = [];
  private pending = new Map<Worker, { resolve: (r: ExtractReply) => void; reject: (e: Error) => void }>();

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const w = startWorker();
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
