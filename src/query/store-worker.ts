// **store-worker** — the worker-thread side of WorkerGraphStore: holds one GraphStore, answers queries posted to it.
// oxigraph's query() is synchronous WebAssembly that cannot be interrupted; in a worker, the main thread can end it
// by terminating the thread.
import { parentPort, workerData } from 'node:worker_threads';
import N3 from 'n3';
import { GraphFileError, openGraphSync, type GraphStore, type OpenOptions } from './store.ts';
import { QueryError } from './sparql.ts';
import type { Row } from './terms.ts';

export interface WorkerInit {
  files: string[];
  options: OpenOptions;
}

/** What crosses the thread boundary: plain data only (quads as N-Triples text, errors as their fields). */
export type WorkerReply =
  | { kind: 'ready'; size: number }
  | { kind: 'select'; id: number; vars: string[]; rows: Row[] }
  | { kind: 'ask'; id: number; boolean: boolean }
  | { kind: 'quads'; id: number; form: 'construct' | 'describe'; ntriples: string }
  | { kind: 'error'; id?: number; error: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  reason?: string;
  line?: number;
  column?: number;
  path?: string;
}

export function serializeError(e: unknown): SerializedError {
  if (e instanceof QueryError) return { name: e.name, message: e.message, reason: e.reason, line: e.line, column: e.column };
  if (e instanceof GraphFileError) return { name: e.name, message: e.message, path: e.path };
  return { name: 'Error', message: String((e as Error)?.message ?? e) };
}

function start(port: NonNullable<typeof parentPort>, init: WorkerInit): void {
  let store: GraphStore;
  try {
    store = openGraphSync(init.files, init.options);
    // Build the set union now, with the load, so that a query's time limit covers the query alone.
    store.query('ASK {}');
  } catch (e) {
    port.postMessage({ kind: 'error', error: serializeError(e) } satisfies WorkerReply);
    return;
  }
  port.postMessage({ kind: 'ready', size: store.size } satisfies WorkerReply);
  port.on('message', ({ id, sparql }: { id: number; sparql: string }) => {
    let reply: WorkerReply;
    try {
      const r = store.query(sparql);
      if (r.form === 'select') reply = { kind: 'select', id, vars: r.vars, rows: r.rows };
      else if (r.form === 'ask') reply = { kind: 'ask', id, boolean: r.boolean };
      else reply = { kind: 'quads', id, form: r.form, ntriples: new N3.Writer({ format: 'N-Triples' }).quadsToString(r.quads) };
    } catch (e) {
      reply = { kind: 'error', id, error: serializeError(e) };
    }
    port.postMessage(reply);
  });
}

if (parentPort && workerData?.xckgGraphWorker) start(parentPort, workerData.xckgGraphWorker as WorkerInit);
