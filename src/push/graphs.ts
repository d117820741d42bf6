// **graphs** — graph files read as a stream of per-graph batches of N-Triples, the unit a Graph Store request carries.
// TriG and N-Quads keep their named graphs; Turtle and N-Triples (and default-graph quads) go to the graph the
// caller names. A graph is sent whole when it fits a batch; a larger one is cut into batches unless it holds
// blank nodes (a blank node is local to one request: cutting would split it into several nodes in the store).
import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import N3 from 'n3';
import { resolveGraphFiles } from '../query/store.ts';

export interface GraphBatch {
  graph: string;
  /** N-Triples, one triple a line. */
  ntriples: string;
  triples: number;
  /** The first batch of this graph in this push (a replacing push PUTs it; the rest are POSTed). */
  first: boolean;
}

export interface BatchOptions {
  /** The graph IRI for triples outside any named graph (Turtle, N-Triples); without it they are an error. */
  defaultGraph?: string;
  /** Triples per request at most, for graphs without blank nodes. Default 50,000. */
  batchTriples?: number;
}

/** A graph file that cannot be pushed as it is; one line naming the file. */
export class PushInputError extends Error {
  constructor(readonly path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'PushInputError';
  }
}

const SYNTAX: Record<string, string> = { '.nq': 'N-Quads', '.nquads': 'N-Quads', '.trig': 'TriG', '.ttl': 'Turtle', '.turtle': 'Turtle', '.nt': 'N-Triples', '.ntriples': 'N-Triples' };

/** The syntax of a file by its extension, or a PushInputError listing the ones read. */
export function syntaxOf(path: string): string {
  const s = SYNTAX[extname(path).toLowerCase()];
  if (!s) throw new PushInputError(path, `cannot push '${extname(path) || '(no extension)'}' files; expected one of ${Object.keys(SYNTAX).join(' ')}`);
  return s;
}

/** Graph files for the paths given (a build directory gives its graph.nq), checked before anything is sent. */
export function pushInputs(paths: string[], options: BatchOptions = {}): string[] {
  let files: string[];
  try {
    files = resolveGraphFiles(paths);
  } catch (e) {
    throw new PushInputError((e as { path?: string }).path ?? paths.join(' '), ((e as Error).message.split(': ').slice(1).join(': ')) || (e as Error).message);
  }
  for (const f of files) {
    const syntax = syntaxOf(f);
    if ((syntax === 'Turtle' || syntax === 'N-Triples') && !options.defaultGraph) {
      throw new PushInputError(f, `${syntax} holds no graph names: say which graph it goes to with --graph IRI`);
    }
  }
  return files;
}

/** Batches of every graph in the files, in file order; `sent` receives the distinct triples counted per graph. */
export async function* graphBatches(files: string[], options: BatchOptions = {}, sent: Map<string, number> = new Map()): AsyncGenerator<GraphBatch> {
  const limit = options.batchTriples ?? 50_000;
  const writer = new N3.Writer({ format: 'N-Triples' });
  const started = new Set<string>();
  let graph: string | undefined;
  let lines: string[] = [];
  let seen = new Set<string>();
  let hasBlank = false;

  const flush = (): GraphBatch | undefined => {
    if (graph === undefined || !lines.length) return undefined;
    const batch = { graph, ntriples: lines.join(''), triples: lines.length, first: !started.has(graph) };
    started.add(graph);
    lines = [];
    return batch;
  };

  for (const file of files) {
    const parser = new N3.StreamParser({ format: syntaxOf(file) });
    createReadStream(file).on('error', (e) => parser.destroy(e)).pipe(parser);
    try {
      for await (const q of parser as AsyncIterable<N3.Quad>) {
        let g: string;
        if (q.graph.termType === 'DefaultGraph') {
          if (!options.defaultGraph) throw new PushInputError(file, 'triples outside any named graph: say which graph they go to with --graph IRI');
          g = options.defaultGraph;
        } else if (q.graph.termType === 'NamedNode') g = q.graph.value;
        else throw new PushInputError(file, `a graph named by a blank node (${q.graph.value}) cannot be addressed in a Graph Store`);
        if (g !== graph) {
          const b = flush();
          if (b) yield b;
          graph = g;
          seen = new Set();
          hasBlank = false;
        }
        const line = writer.quadToString(q.subject, q.predicate, q.object);
        if (seen.has(line)) continue; // a graph is a set: a repeated triple is sent and counted once
        seen.add(line);
        lines.push(line);
        sent.set(g, (sent.get(g) ?? 0) + 1);
        hasBlank ||= q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode';
        if (lines.length >= limit && !hasBlank) {
          const b = flush();
          if (b) yield b;
        }
      }
    } catch (e) {
      if (e instanceof PushInputError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new PushInputError(file, code === 'ENOENT' ? 'no such file or directory' : String((e as Error).message).split('\n')[0]);
    }
  }
  const b = flush();
  if (b) yield b;
}
