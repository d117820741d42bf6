// **store** — a built graph loaded into oxigraph (SPARQL 1.1 in WebAssembly), queried for typed rows, booleans or quads.
//
// One store per process is the rule: WebAssembly memory grows but never shrinks, so a second large store
// adds to the first. close() returns a store's memory to the allocator for the next one to reuse.
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import N3 from 'n3';
import oxigraph from 'oxigraph';
import { PREFIXES } from '../rdf/namespaces.ts';
import type { Quad } from '../rdf/terms.ts';
import { QueryError, queryErrorOf, readPrologue, withProjectPrefixes } from './sparql.ts';
import { fromJsonTerm, parseTsvResults, plainRow, type JsonTerm, type PlainRow, type Row } from './terms.ts';

/** RDF syntaxes by file extension, as oxigraph names them (MIME types). */
const FORMATS: Record<string, string> = {
  '.ttl': 'text/turtle',
  '.turtle': 'text/turtle',
  '.trig': 'application/trig',
  '.nq': 'application/n-quads',
  '.nquads': 'application/n-quads',
  '.nt': 'application/n-triples',
  '.ntriples': 'application/n-triples',
  '.n3': 'text/n3',
  '.rdf': 'application/rdf+xml',
  '.owl': 'application/rdf+xml',
  '.jsonld': 'application/ld+json',
};

/**
 * What `xckg build` writes, in the order a directory argument picks them. N-Quads first: it keeps the
 * named graphs like TriG, and oxigraph loads it about twice as fast (line by line, in batches).
 */
export const BUILD_OUTPUTS = ['graph.nq', 'graph.trig', 'graph.ttl'];

/** A graph file that cannot be read or parsed; the message names the file and fits on one line. */
export class GraphFileError extends Error {
  constructor(readonly path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'GraphFileError';
  }
}

export interface OpenOptions {
  /**
   * Make the default graph the union of all graphs (the default graph and every named graph) as a set — each
   * triple once, however many articles state it — so `?s ?p ?o` sees every article and the gazetteer while
   * `GRAPH ?g { … }` still tells them apart. Default true. False: the default graph holds only what was
   * loaded into it (Turtle, N-Triples, the default-graph lines of N-Quads).
   */
  unionDefaultGraph?: boolean;
  /** Prefixes declared automatically when a query lacks them; default the project's (xc:, rdfs:, skos:, org:, …). */
  prefixes?: Readonly<Record<string, string>>;
  /**
   * Skip the validation of IRIs while loading N-Triples and N-Quads: about a third faster,
   * for files known to be well-formed. Default: true for the graph file found in a build directory (written
   * by `xckg build`), false for files named directly.
   */
  lenient?: boolean;
}

export interface LoadOptions {
  /** Syntax, as an extension (`ttl`, `trig`, `nq`, `nt`, …) or MIME type; default from the file name. */
  format?: string;
  /** Named graph IRI for triple syntaxes (Turtle, N-Triples); default the default graph. */
  graph?: string;
  /** Base IRI for relative IRIs in the file. */
  base?: string;
  /** What error messages and `files` call the input (loadData); default '(text)'. */
  name?: string;
  /** Skip IRI validation (see OpenOptions.lenient); default the store's setting. */
  lenient?: boolean;
}

/** The result of a SELECT: variables in projection order, rows of Terms, and the same rows as JS values. */
export interface SelectResult {
  vars: string[];
  rows: Row[];
  /** Rows through plainValue: numbers for xsd numerics, strings for IRIs and plain text… (computed on first use). */
  readonly plain: PlainRow[];
}

export type QueryResult =
  | ({ form: 'select' } & SelectResult)
  | { form: 'ask'; boolean: boolean }
  | { form: 'construct'; quads: Quad[] }
  | { form: 'describe'; quads: Quad[] };

function formatOf(path: string, format?: string): string {
  if (format) return FORMATS['.' + format.replace(/^\./, '').toLowerCase()] ?? format;
  const f = FORMATS[extname(path).toLowerCase()];
  if (!f) throw new GraphFileError(path, `unknown RDF syntax '${extname(path) || '(no extension)'}'; expected one of ${Object.keys(FORMATS).join(' ')}`);
  return f;
}

/**
 * Graph files to load for the paths given: files as they are; a directory (the `--out` of `xckg build`)
 * gives its graph.nq, else graph.trig, else graph.ttl. Throws a GraphFileError for a missing path.
 */
export function resolveGraphFiles(paths: string | string[]): string[] {
  return graphInputs(paths).map((i) => i.path);
}

/** resolveGraphFiles, remembering which files came out of a build directory. */
function graphInputs(paths: string | string[]): { path: string; built: boolean }[] {
  const list = typeof paths === 'string' ? [paths] : paths;
  if (!list.length) throw new Error('no graph file given');
  return list.map((p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new GraphFileError(p, 'no such file or directory');
    }
    if (!st.isDirectory()) return { path: p, built: false };
    const found = BUILD_OUTPUTS.map((f) => join(p, f)).find((f) => existsSync(f));
    if (!found) throw new GraphFileError(p, `directory holds none of ${BUILD_OUTPUTS.join(', ')} (run xckg build first?)`);
    return { path: found, built: true };
  });
}

/** N-Triples and N-Quads: one statement per line, so a file can be cut at any newline. */
const LINE_FORMATS = new Set(['application/n-triples', 'application/n-quads']);
const BATCH_BYTES = 8 << 20;

function fileError(path: string, e: unknown): GraphFileError {
  const code = (e as NodeJS.ErrnoException).code;
  return new GraphFileError(path, code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory' : oneLine(e));
}

const oneLine = (e: unknown) => String((e as Error)?.message ?? e).replace(/\s*\n\s*/g, ' ').trim();

/** Rows (and their plain values, computed on first use: a getter, so spreading the result cannot force them). */
export function selectResult(vars: string[], rows: Row[]): { form: 'select' } & SelectResult {
  let plain: PlainRow[] | undefined;
  return {
    form: 'select',
    vars,
    rows,
    get plain() {
      return (plain ??= rows.map(plainRow));
    },
  };
}

function fromJsonResults(json: string): { vars: string[]; rows: Row[] } {
  const parsed = JSON.parse(json) as { head: { vars?: string[] }; results: { bindings: Record<string, JsonTerm>[] } };
  const rows: Row[] = parsed.results.bindings.map((b) => {
    const row: Row = {};
    for (const k in b) row[k] = fromJsonTerm(b[k]);
    return row;
  });
  return { vars: parsed.head.vars ?? [], rows };
}

export class GraphStore {
  private readonly store = new oxigraph.Store();
  private readonly union: boolean;
  private readonly prefixes: Readonly<Record<string, string>>;
  private readonly lenient: boolean;
  private closed = false;
  /** Quads were loaded since the default graph last took in the named graphs' triples. */
  private unionStale = false;
  /** Quads the default graph gained from the named graphs (not counted in `size`). */
  private unionCopies = 0;
  /** The files loaded so far, in order. */
  readonly files: string[] = [];

  constructor(options: OpenOptions = {}) {
    this.union = options.unionDefaultGraph ?? true;
    this.prefixes = options.prefixes ?? PREFIXES;
    this.lenient = options.lenient ?? false;
  }

  /** Number of quads loaded (over all graphs; the default graph's copy of the union is not counted). */
  get size(): number {
    return this.store.size - this.unionCopies;
  }

  /**
   * Loads one RDF file: TriG and N-Quads into their named graphs, triple syntaxes into the default graph
   * (or `options.graph`). Returns the number of quads added. Line-based files (N-Triples, N-Quads) are read
   * and loaded in batches of whole lines, so a large file never sits whole in memory.
   * Loading is not transactional (half the time): a file that fails to parse may leave part of its quads
   * in the store, which openGraph then discards.
   */
  loadFile(path: string, options: LoadOptions = {}): number {
    this.assertOpen();
    const format = formatOf(path, options.format);
    const before = this.store.size;
    if (LINE_FORMATS.has(format)) this.loadLines(path, format, options);
    else {
      let data: Buffer;
      try {
        data = readFileSync(path);
      } catch (e) {
        throw fileError(path, e);
      }
      this.loadOnce(data, format, options, path, 0);
    }
    this.files.push(path);
    return this.store.size - before;
  }

  /**
   * Loads RDF already in memory, or streamed in pieces (an iterable of strings or bytes, split anywhere:
   * the parser reads across the pieces). Same rules as loadFile; the syntax is required.
   */
  loadData(data: string | Uint8Array | Iterable<string | Uint8Array>, format: string, options: Omit<LoadOptions, 'format'> = {}): number {
    this.assertOpen();
    const label = options.name ?? '(text)';
    const before = this.store.size;
    this.loadOnce(data, formatOf(label, format), options, label, 0);
    this.files.push(label);
    return this.store.size - before;
  }

  // Batches keep memory flat (8 MB of the file at a time) and the engine faster: one 250 MB load costs it
  // more time and half again the memory.
  private loadLines(path: string, format: string, options: LoadOptions): void {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (e) {
      throw fileError(path, e);
    }
    try {
      let carry: Buffer = Buffer.alloc(0);
      let linesBefore = 0;
      for (;;) {
        const block = Buffer.allocUnsafe(BATCH_BYTES);
        const n = readSync(fd, block, 0, BATCH_BYTES, null);
        const data = n ? Buffer.concat([carry, block.subarray(0, n)]) : carry;
        if (!data.length) break;
        // Whole lines only; the rest waits for the next block (or, at the end of the file, goes as it is).
        const cut = n ? data.lastIndexOf(0x0a) + 1 : data.length;
        if (cut === 0) {
          carry = data; // one line longer than a block
          continue;
        }
        const batch = data.subarray(0, cut);
        this.loadOnce(batch, format, options, path, linesBefore);
        for (let i = batch.indexOf(0x0a); i !== -1; i = batch.indexOf(0x0a, i + 1)) linesBefore++;
        carry = Buffer.from(data.subarray(cut));
        if (!n) break;
      }
    } finally {
      closeSync(fd);
    }
  }

  private loadOnce(data: string | Uint8Array | Iterable<string | Uint8Array>, format: string, options: LoadOptions, label: string, linesBefore: number): void {
    this.unionStale = true;
    try {
      this.store.load(data as string | Uint8Array, {
        format,
        base_iri: options.base,
        to_graph_name: options.graph ? oxigraph.namedNode(options.graph) : undefined,
        // A transaction journals every quad to be able to roll back: it doubles the cost of a load.
        no_transaction: true,
        lenient: options.lenient ?? this.lenient,
      });
    } catch (e) {
      // Line numbers count from the start of the batch; report them from the start of the file.
      throw new GraphFileError(label, oneLine(e).replace(/\bline (\d+)/, (_, l: string) => `line ${Number(l) + linesBefore}`));
    }
  }

  /** Runs any query; the form decides the result's shape. Throws a QueryError with line and column on a syntax error. */
  query(sparql: string): QueryResult {
    this.assertOpen();
    const prepared = withProjectPrefixes(sparql, this.prefixes);
    if (this.union) this.mergeIntoDefaultGraph();
    const options = {};
    const run = (extra: Record<string, unknown>) => {
      try {
        return this.store.query(prepared.text, { ...options, ...extra });
      } catch (e) {
        throw queryErrorOf(e, sparql, prepared.addedLines);
      }
    };
    const form = prepared.form;
    if (form === 'update') throw new QueryError('SPARQL Update is not run here: the graph is read-only (rebuild it with xckg build)');
    if (form === 'select') {
      // TSV is the engine's fastest writer; JSON only for the odd query without variables.
      const tsv = parseTsvResults(run({ results_format: 'text/tab-separated-values' }) as string);
      const { vars, rows } = tsv ?? fromJsonResults(run({ results_format: 'application/sparql-results+json' }) as string);
      return selectResult(vars, rows);
    }
    if (form === 'ask') return { form, boolean: run({}) as boolean };
    if (form === 'construct' || form === 'describe') {
      // N-Triples text parsed by n3 is cheaper than reading each WebAssembly term object across the boundary.
      const nt = run({ results_format: 'application/n-triples' }) as string;
      const quads = new N3.Parser({ format: 'N-Triples' }).parse(nt) as Quad[];
      return { form, quads };
    }
    // Not a query form we recognise: let the engine say what is wrong (an update, a typo in SELECT…).
    run({});
    throw new QueryError('not a SELECT, ASK, CONSTRUCT or DESCRIBE query');
  }

  /**
   * Copies every named graph's triples into the default graph, once after each round of loading. oxigraph's own
   * `use_default_graph_as_union` is a bag: a triple stated by n articles matches n times, and a pattern of k
   * such triples n^k times (on a 1,000-article corpus, 3.4 M rows where a set gives a few thousand). The default
   * graph of a store is a set, so inserting into it keeps each triple once; the named graphs stay as loaded.
   */
  private mergeIntoDefaultGraph(): void {
    if (!this.unionStale) return;
    const before = this.store.size;
    this.store.update('INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }');
    this.unionCopies += this.store.size - before;
    this.unionStale = false;
  }

  /** A SELECT query's rows. */
  select(sparql: string): SelectResult {
    return this.expect(sparql, 'select');
  }

  /** An ASK query's answer. */
  ask(sparql: string): boolean {
    return this.expect(sparql, 'ask').boolean;
  }

  /** A CONSTRUCT query's triples (n3 quads in the default graph). */
  construct(sparql: string): Quad[] {
    return this.expect(sparql, 'construct').quads;
  }

  /** A DESCRIBE query's triples (oxigraph describes a resource by its outgoing triples). */
  describe(sparql: string): Quad[] {
    return this.expect(sparql, 'describe').quads;
  }

  /** Frees the WebAssembly memory of the store for reuse; the store cannot be used afterwards. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    // wasm-bindgen's free() exists at run time but is missing from oxigraph's typings.
    (this.store as unknown as { free(): void }).free();
  }

  private expect<F extends QueryResult['form']>(sparql: string, form: F): Extract<QueryResult, { form: F }> {
    const { form: actual } = readPrologue(sparql);
    if (actual && actual !== 'update' && actual !== form) throw new QueryError(`expected a ${form.toUpperCase()} query, got ${actual.toUpperCase()}`);
    return this.query(sparql) as Extract<QueryResult, { form: F }>;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the graph store is closed');
  }
}

/**
 * Opens graph files (or build directories, see resolveGraphFiles) in one new store.
 * Missing or unparsable files reject with a GraphFileError naming the file.
 */
export async function openGraph(files: string | string[], options: OpenOptions = {}): Promise<GraphStore> {
  // Loading is synchronous inside the engine; the promise leaves room for a future streaming loader.
  return openGraphSync(files, options);
}

/** openGraph without the promise, for scripts that prefer it. */
export function openGraphSync(files: string | string[], options: OpenOptions = {}): GraphStore {
  const store = new GraphStore(options);
  try {
    // Build output is well-formed by construction: it skips validation unless the caller says otherwise.
    for (const { path, built } of graphInputs(files)) store.loadFile(path, { lenient: options.lenient ?? built });
  } catch (e) {
    store.close();
    throw e;
  }
  return store;
}
