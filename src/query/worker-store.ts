// **worker-store** — a graph loaded in a worker thread, queried with a time limit: `GraphWorker.open(files)`,
// `await graph.query(sparql, { timeout: 60 })`. A query past its limit ends the thread (the only way to stop
// oxigraph's synchronous engine) and rejects with a QueryTimeoutError; the graph is then closed.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import N3 from 'n3';
import type { Quad } from '../rdf/terms.ts';
import { GraphFileError, resolveGraphFiles, selectResult, type OpenOptions, type QueryResult, type SelectResult } from './store.ts';
import { QueryError } from './sparql.ts';
import type { SerializedError, WorkerInit, WorkerReply } from './store-worker.ts';

/** The query ran longer than its limit and was stopped. */
export class QueryTimeoutError extends Error {
  constructor(readonly seconds: number) {
    super(`the query ran longer than ${seconds} s and was stopped (raise the limit with --timeout SECONDS)`);
    this.name = 'QueryTimeoutError';
  }
}

export interface QueryOptions {
  /** Seconds the query may run; default none. */
  timeout?: number;
}

function deserializeError(e: SerializedError): Error {
  if (e.name === 'QueryError') return new QueryError(e.reason ?? e.message, e.line, e.column);
  if (e.name === 'GraphFileError' && e.path !== undefined) return new GraphFileError(e.path, e.message.slice(e.path.length + 2));
  return new Error(e.message);
}

/** From dist/ the compiled worker runs as it is; from the TypeScript sources (tests, tsx) it registers tsx first. */
function startWorker(init: WorkerInit): Worker {
  const workerData = { xckgGraphWorker: init };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./store-worker.js', import.meta.url), { workerData });
  // require.resolve finds the CommonJS build of tsx's API; its ES module twin sits beside it.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./store-worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true, workerData });
}

export class GraphWorker {
  private nextId = 0;
  private pending?: { id: number; resolve: (r: QueryResult) => void; reject: (e: Error) => void };
  private closed = false;

  private constructor(
    private readonly worker: Worker,
    /** Quads in the store (named graphs, plus the default graph's copy of their union). */
    readonly size: number,
  ) {
    worker.on('message', (reply: WorkerReply) => this.settle(reply));
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => this.fail(new Error(`the query worker ended (exit code ${code})`)));
  }

  /** Loads graph files (or build directories) in a new worker thread; rejects with a GraphFileError as openGraph does. */
  static async open(files: string | string[], options: OpenOptions = {}): Promise<GraphWorker> {
    resolveGraphFiles(files); // a missing file fails here, before a thread is started
    const init: WorkerInit = { files: typeof files === 'string' ? [files] : files, options };
    const worker = startWorker(init);
    return new Promise((resolve, reject) => {
      const onMessage = (reply: WorkerReply) => {
        worker.off('error', onError);
        if (reply.kind === 'ready') resolve(new GraphWorker(worker, reply.size));
        else {
          void worker.terminate();
          reject(reply.kind === 'error' ? deserializeError(reply.error) : new Error('unexpected reply from the query worker'));
        }
      };
      const onError = (e: Error) => reject(e);
      worker.once('message', onMessage);
      worker.once('error', onError);
    });
  }

  /** Runs one query (one at a time); past `options.timeout` seconds the worker is ended and the promise rejects. */
  query(sparql: string, options: QueryOptions = {}): Promise<QueryResult> {
    if (this.closed) return Promise.reject(new Error('the graph worker is closed'));
    if (this.pending) return Promise.reject(new Error('one query at a time: await the previous one'));
    const id = this.nextId++;
    return new Promise<QueryResult>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => timer && clearTimeout(timer);
      this.pending = { id, resolve: (r) => (done(), resolve(r)), reject: (e) => (done(), reject(e)) };
      if (options.timeout !== undefined) {
        timer = setTimeout(() => {
          const p = this.pending;
          this.pending = undefined;
          void this.close();
          p?.reject(new QueryTimeoutError(options.timeout!));
        }, options.timeout * 1000);
      }
      this.worker.postMessage({ id, sparql });
    });
  }

  async select(sparql: string, options?: QueryOptions): Promise<SelectResult> {
    const r = await this.query(sparql, options);
    if (r.form !== 'select') throw new QueryError(`expected a SELECT query, got ${r.form.toUpperCase()}`);
    return r;
  }

  /** Ends the worker thread and frees its memory. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker.terminate();
  }

  private settle(reply: WorkerReply): void {
    const p = this.pending;
    if (!p || !('id' in reply) || reply.id !== p.id) return;
    this.pending = undefined;
    if (reply.kind === 'select') p.resolve(selectResult(reply.vars, reply.rows));
    else if (reply.kind === 'ask') p.resolve({ form: 'ask', boolean: reply.boolean });
    else if (reply.kind === 'quads') p.resolve({ form: reply.form, quads: new N3.Parser({ format: 'N-Triples' }).parse(reply.ntriples) as Quad[] });
    else p.reject(deserializeError(reply.error));
  }

  private fail(e: Error): void {
    const p = this.pending;
    this.pending = undefined;
    if (!this.closed) p?.reject(e);
    this.closed = true;
  }
}

/** Opens the graph in a worker, runs one query with a time limit, closes the worker. */
export async function queryGraph(files: string | string[], sparql: string, options: OpenOptions & QueryOptions = {}): Promise<QueryResult> {
  const { timeout, ...open } = options;
  const graph = await GraphWorker.open(files, open);
  try {
    return await graph.query(sparql, { timeout });
  } finally {
    await graph.close();
  }
}
