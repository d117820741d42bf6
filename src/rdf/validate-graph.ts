// **validate-graph** — checks built graph files: syntax with two parsers (n3 and oxigraph), shapes graph by graph.
//
// N-Quads are streamed: a first pass keeps the gazetteer graph and the classes of entities (both grow
// with the number of distinct places and entities, not with the text), a second pass reads the file in
// batches of lines and checks each run of one named graph (an article) together with what it needs
// from the first pass. Other syntaxes are parsed whole, then checked the same way, graph by graph.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import N3 from 'n3';
import oxigraph from 'oxigraph';
import { GAZETTEER_GRAPH } from './iri.ts';
import { RDF, XC } from './namespaces.ts';
import type { Quad } from './terms.ts';
import { projectChecker, type ShapeChecker, type Violation } from './validate.ts';

/** What `xckg build` writes, in the order a directory argument picks them (N-Quads streams). */
const BUILD_OUTPUTS = ['graph.nq', 'graph.trig', 'graph.ttl'];

/** Syntaxes by extension: n3's name (null: n3 cannot read it) and oxigraph's media type. */
const SYNTAXES: Record<string, { n3: string | null; oxigraph: string }> = {
  '.nq': { n3: 'N-Quads', oxigraph: 'application/n-quads' },
  '.nquads': { n3: 'N-Quads', oxigraph: 'application/n-quads' },
  '.nt': { n3: 'N-Triples', oxigraph: 'application/n-triples' },
  '.trig': { n3: 'TriG', oxigraph: 'application/trig' },
  '.ttl': { n3: 'Turtle', oxigraph: 'text/turtle' },
  '.turtle': { n3: 'Turtle', oxigraph: 'text/turtle' },
  '.rdf': { n3: null, oxigraph: 'application/rdf+xml' },
  '.owl': { n3: null, oxigraph: 'application/rdf+xml' },
  '.jsonld': { n3: null, oxigraph: 'application/ld+json' },
};

export interface GraphValidation {
  /** The files read (a build folder becomes its graph.nq, else graph.trig, else graph.ttl). */
  files: string[];
  quads: number;
  /** Units checked: named graphs (articles, the gazetteer) and the default graph if it holds anything. */
  graphs: number;
  /** Shape violations, each once, in the order found. */
  violations: Violation[];
  /** One line each, `file:line: message`: what a parser refused, or where n3 and oxigraph disagree. */
  syntaxErrors: string[];
  /** Remarks that are not errors (a graph whose lines are not together). */
  notes: string[];
}

export interface GraphValidationOptions {
  checker?: ShapeChecker;
  /** Lines per N-Quads batch (default 20,000). */
  batchLines?: number;
  /** Called after each graph is checked (progress). */
  onGraph?: (graph: string, violations: Violation[]) => void;
}

/** A file, or a build folder's graph file; throws a one-line Error when there is none. */
export function resolveGraphFile(path: string): string {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw new Error(`${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : `cannot read (${(e as NodeJS.ErrnoException).code})`}`);
  }
  if (!st.isDirectory()) {
    if (!SYNTAXES[extname(path).toLowerCase()]) throw new Error(`${path}: unknown RDF syntax (use .nq, .trig, .ttl, .nt, .rdf or .jsonld)`);
    return path;
  }
  for (const name of BUILD_OUTPUTS) {
    const f = join(path, name);
    try {
      if (statSync(f).isFile()) return f;
    } catch {
      // try the next
    }
  }
  throw new Error(`${path}: not a build folder (no ${BUILD_OUTPUTS.join(', ')})`);
}

const RDF_TYPE = RDF + 'type';
/**
 * Instance-of facts worth keeping across graphs: entities and articles (other graphs point at them: the
 * resolution graph's merges name articles), not NIF strings, positions or evidence, which only their own
 * article graph names and which are the bulk of the nodes.
 */
const isEntityClass = (iri: string) => iri.startsWith(XC) && !/#(Position|Evidence)$/.test(iri);

/** What a graph may need from outside itself: the gazetteer's facts by subject, and entity classes by subject. */
class Context {
  readonly gazetteer = new Map<string, Quad[]>();
  readonly classes = new Map<string, Quad[]>();

  note(q: Quad): void {
    if (q.graph.value === GAZETTEER_GRAPH) push(this.gazetteer, q.subject.value, q);
    if (q.predicate.value === RDF_TYPE && q.object.termType === 'NamedNode' && isEntityClass(q.object.value)) push(this.classes, q.subject.value, q);
  }

  /**
   * `quads` plus the gazetteer facts reachable from the nodes they name (a place's parents, up the
   * chain) and the classes of every node named, so that sh:class sees what the union would show.
   */
  closure(quads: Quad[]): Quad[] {
    const out = [...quads];
    const seen = new Set<string>();
    const queue: string[] = [];
    const visit = (t: Quad['subject'] | Quad['object']) => {
      if (t.termType === 'NamedNode' && !seen.has(t.value)) {
        seen.add(t.value);
        queue.push(t.value);
      }
    };
    for (const q of quads) {
      visit(q.subject);
      visit(q.object);
    }
    const own = quads.length > 0 ? quads[0].graph.value : '';
    while (queue.length) {
      const iri = queue.pop()!;
      if (own !== GAZETTEER_GRAPH) {
        for (const q of this.gazetteer.get(iri) ?? []) {
          out.push(q);
          visit(q.object);
        }
      }
      out.push(...(this.classes.get(iri) ?? []));
    }
    return out;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Checks each file; never throws for bad content (that is reported), only for an unreadable path. */
export async function validateGraphFiles(paths: string[], options: GraphValidationOptions = {}): Promise<GraphValidation> {
  const result: GraphValidation = { files: [], quads: 0, graphs: 0, violations: [], syntaxErrors: [], notes: [] };
  const checker = options.checker ?? projectChecker();
  const seen = new Set<string>();
  const report = (graph: string, found: Violation[]) => {
    const fresh: Violation[] = [];
    for (const v of found) {
      // A node stated in two graphs can be reported from both; each violation counts once.
      const key = [v.shape, v.focus, v.path ?? '', v.value ?? '', v.message].join('\u0000');
      if (seen.has(key)) continue;
      seen.add(key);
      fresh.push(v);
    }
    result.violations.push(...fresh);
    result.graphs++;
    options.onGraph?.(graph, fresh);
  };
  for (const p of paths) {
    const file = resolveGraphFile(p);
    result.files.push(file);
    const syntax = SYNTAXES[extname(file).toLowerCase()];
    if (syntax.n3 === 'N-Quads' || syntax.n3 === 'N-Triples') await streamLines(file, syntax.n3, syntax.oxigraph, checker, result, report, options.batchLines ?? 20_000);
    else await wholeFile(file, syntax, checker, result, report);
  }
  return result;
}

type Report = (graph: string, found: Violation[]) => void;

/** Check one graph's quads with its context; keep only violations of nodes this graph states. */
async function checkGraph(graph: string, quads: Quad[], context: Context, checker: ShapeChecker, report: Report): Promise<void> {
  const found = await checker.check(context.closure(quads));
  // A node is this graph's to report when the graph gives its class, or no graph does (a node typed
  // only elsewhere, such as a text place whose division code sits in the gazetteer graph, is reported
  // from its own article, where its label and mentions are).
  const typedHere = new Set(quads.filter((q) => q.predicate.value === RDF_TYPE).map((q) => q.subject.value));
  const own = new Set(quads.map((q) => q.subject.value).filter((s) => typedHere.has(s) || !context.classes.has(s)));
  report(graph, found.filter((v) => own.has(v.focus) || v.focus === '?'));
}

async function* readLines(file: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  yield* rl;
}

/** Parse a batch with n3 and oxigraph; on a refusal, line by line to name each bad line. Returns n3's quads. */
function parseBatch(lines: string[], firstLine: number, n3Format: string, oxFormat: string, file: string, errors: string[]): Quad[] {
  const text = lines.join('\n') + '\n';
  try {
    const quads = new N3.Parser({ format: n3Format }).parse(text) as Quad[];
    const ox = oxigraph.parse(text, { format: oxFormat });
    if (ox.length !== quads.length) errors.push(`${file}:${firstLine}: n3 reads ${quads.length} quads in lines ${firstLine}–${firstLine + lines.length - 1}, oxigraph ${ox.length}`);
    return quads;
  } catch {
    // Fall through: find the lines either parser refuses, keep the rest.
  }
  const out: Quad[] = [];
  lines.forEach((line, i) => {
    if (!line.trim() || line.trimStart().startsWith('#')) return;
    const at = `${file}:${firstLine + i}`;
    let quads: Quad[];
    try {
      quads = new N3.Parser({ format: n3Format }).parse(line) as Quad[];
    } catch (e) {
      errors.push(`${at}: ${oneLine(e)} (n3)`);
      return;
    }
    try {
      oxigraph.parse(line, { format: oxFormat });
    } catch (e) {
      errors.push(`${at}: ${oneLine(e)} (oxigraph)`);
      return;
    }
    out.push(...quads);
  });
  return out;
}

const oneLine = (e: unknown) => String((e as Error).message ?? e).split('\n')[0].replace(/ on line \d+\.?$/, '');

async function streamLines(file: string, n3Format: string, oxFormat: string, checker: ShapeChecker, result: GraphValidation, report: Report, batchLines: number): Promise<void> {
  // Pass 1: the gazetteer graph and entity classes, from the lines that can hold them.
  const context = new Context();
  const typeMark = `<${RDF_TYPE}> <${XC}`;
  const gazetteerMark = `<${GAZETTEER_GRAPH}> .`;
  for await (const line of readLines(file)) {
    if (!line.includes(typeMark) && !line.trimEnd().endsWith(gazetteerMark)) continue;
    try {
      for (const q of new N3.Parser({ format: n3Format }).parse(line) as Quad[]) context.note(q);
    } catch {
      // reported in pass 2
    }
  }

  // Pass 2: batches of lines, runs of one graph checked as they end; the default graph and graphs
  // that come back after another one began are kept and checked at the end.
  let run: Quad[] = [];
  let runGraph: string | null = null;
  const finished = new Set<string>();
  const leftovers = new Map<string, Quad[]>();
  const endRun = async () => {
    if (runGraph === null) return;
    if (runGraph === '' || finished.has(runGraph)) {
      for (const q of run) push(leftovers, runGraph, q);
      if (runGraph !== '') result.notes.push(`${file}: the lines of graph <${runGraph}> are not together; its later lines were checked apart from its first run`);
    } else {
      await checkGraph(runGraph, run, context, checker, report);
      finished.add(runGraph);
    }
    run = [];
    runGraph = null;
  };
  let batch: string[] = [];
  let lineNo = 0;
  let batchStart = 1;
  const flush = async () => {
    const quads = parseBatch(batch, batchStart, n3Format, oxFormat, file, result.syntaxErrors);
    result.quads += quads.length;
    for (const q of quads) {
      if (q.graph.value !== runGraph) await endRun();
      runGraph = q.graph.value;
      run.push(q);
    }
    batch = [];
  };
  for await (const line of readLines(file)) {
    lineNo++;
    if (batch.length === 0) batchStart = lineNo;
    batch.push(line);
    if (batch.length >= batchLines) await flush();
  }
  if (batch.length) await flush();
  await endRun();
  for (const [graph, quads] of leftovers) await checkGraph(graph || '(default graph)', quads, context, checker, report);
}

async function wholeFile(file: string, syntax: { n3: string | null; oxigraph: string }, checker: ShapeChecker, result: GraphValidation, report: Report): Promise<void> {
  const text = readFileSync(file, 'utf8');
  let quads: Quad[] = [];
  let oxCount = -1;
  try {
    const ox = oxigraph.parse(text, { format: syntax.oxigraph });
    oxCount = ox.length;
    // oxigraph terms are RDF/JS terms: n3's factory copies them into terms the checker's store takes.
    if (!syntax.n3) quads = ox.map((q) => N3.DataFactory.fromQuad(q as never) as Quad);
  } catch (e) {
    result.syntaxErrors.push(`${file}: ${oneLine(e)} (oxigraph)`);
  }
  if (syntax.n3) {
    try {
      quads = new N3.Parser({ format: syntax.n3 }).parse(text) as Quad[];
    } catch (e) {
      result.syntaxErrors.push(`${file}: ${oneLine(e)} (n3)`);
      return;
    }
    if (oxCount >= 0 && oxCount !== quads.length) result.syntaxErrors.push(`${file}: n3 reads ${quads.length} quads, oxigraph ${oxCount}`);
  }
  if (oxCount < 0) return;
  result.quads += quads.length;
  const context = new Context();
  const byGraph = new Map<string, Quad[]>();
  for (const q of quads) {
    context.note(q);
    push(byGraph, q.graph.value, q);
  }
  for (const [graph, qs] of byGraph) await checkGraph(graph || '(default graph)', qs, context, checker, report);
}
