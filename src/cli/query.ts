// **query** — `xckg query GRAPH… (-q SPARQL | -f FILE) [--format table|json|csv|tsv]`: one SPARQL query over built graph files.
import { readFileSync } from 'node:fs';
import { GraphFileError, openGraph } from '../query/store.ts';
import { QueryError } from '../query/sparql.ts';
import { formatAskJson, formatSelect, RESULT_FORMATS, type ResultFormat } from '../query/format.ts';
import { displayWidth } from '../query/width.ts';
import { toJsonLd, toTurtle } from '../rdf/serialize.ts';

const USAGE = `usage: xckg query GRAPH… (-q SPARQL | -f FILE.rq) [--format table|json|csv|tsv] [--max-width N] [--no-union] [--lenient]

  GRAPH          graph files (.nq .trig .ttl .nt …) or a directory written by xckg build (its graph.nq)
  -q, --query    the query text; project prefixes (xc: rdfs: skos: org: schema: prov: dcterms: nif: …) need no PREFIX
  -f, --file     read the query from a file ('-' for stdin)
  --format       SELECT output: table (default, aligned for CJK), json (SPARQL 1.1 JSON results), csv, tsv (W3C formats).
                 ASK prints true or false; CONSTRUCT and DESCRIBE print Turtle (JSON-LD with --format json)
  --max-width N  cut table cells wider than N columns
  --no-union     query the default graph only instead of the union of all named graphs
  --lenient      skip IRI checks while loading named files too (a build directory always skips them)`;

interface Args {
  graphs: string[];
  query?: string;
  file?: string;
  format: ResultFormat;
  maxWidth: number;
  union: boolean;
  lenient: boolean;
}

class UsageError extends Error {}

function parse(argv: string[]): Args {
  const a: Args = { graphs: [], format: 'table', maxWidth: 0, union: true, lenient: false };
  const value = (i: number, flag: string) => {
    const v = argv[i];
    if (v === undefined) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-q' || arg === '--query') a.query = value(++i, arg);
    else if (arg === '-f' || arg === '--file') a.file = value(++i, arg);
    else if (arg === '--format') {
      const f = value(++i, arg) as ResultFormat;
      if (!RESULT_FORMATS.includes(f)) throw new UsageError(`unknown format '${f}' (expected ${RESULT_FORMATS.join(', ')})`);
      a.format = f;
    } else if (arg === '--max-width') {
      a.maxWidth = Number(value(++i, arg));
      if (!Number.isInteger(a.maxWidth) || a.maxWidth < 0) throw new UsageError('--max-width needs a whole number of columns');
    } else if (arg === '--no-union') a.union = false;
    else if (arg === '-h' || arg === '--help') throw new UsageError('');
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else a.graphs.push(arg);
  }
  if (!a.graphs.length) throw new UsageError('no graph file given');
  if ((a.query === undefined) === (a.file === undefined)) throw new UsageError('give the query with -q or with -f (one of them)');
  return a;
}

/** The line of the query the error points at, with a caret under the column (CJK counted two columns wide). */
function pointer(text: string, e: QueryError): string {
  if (e.line === undefined || e.column === undefined) return '';
  const line = text.split('\n')[e.line - 1];
  if (line === undefined) return '';
  const before = [...line].slice(0, e.column - 1).join('');
  return `\n  ${line.replace(/\t/g, ' ')}\n  ${' '.repeat(displayWidth(before.replace(/\t/g, ' ')))}^`;
}

let pipeWatched = false;

/** A reader that stops early (`| head`) closes the pipe: the rest of the output is simply not wanted. */
function ignoreClosedPipe(): void {
  if (pipeWatched) return;
  pipeWatched = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

export async function queryCommand(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parse(argv);
  } catch (e) {
    const msg = (e as Error).message;
    console.error(msg ? `xckg query: ${msg}\n${USAGE}` : USAGE);
    return msg ? 2 : 0;
  }

  let text: string;
  try {
    text = args.query ?? readFileSync(args.file === '-' ? 0 : args.file!, 'utf8');
  } catch (e) {
    console.error(`xckg query: ${args.file}: cannot read the query file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return 1;
  }

  let store;
  try {
    // Without --lenient, the library decides: build directories load leniently, named files are checked.
    store = await openGraph(args.graphs, { unionDefaultGraph: args.union, lenient: args.lenient || undefined });
  } catch (e) {
    if (e instanceof GraphFileError) {
      console.error(`xckg query: ${e.message}`);
      return 1;
    }
    throw e;
  }

  ignoreClosedPipe();
  try {
    const result = store.query(text);
    if (result.form === 'select') {
      process.stdout.write(formatSelect(result, args.format, { maxWidth: args.maxWidth }));
    } else if (result.form === 'ask') {
      process.stdout.write(args.format === 'json' ? formatAskJson(result.boolean) : `${result.boolean}\n`);
    } else {
      process.stdout.write(args.format === 'json' ? toJsonLd(result.quads) : toTurtle(result.quads));
    }
    return 0;
  } catch (e) {
    if (e instanceof QueryError) {
      // file:line:column as compilers print it, so editors can jump there.
      const where = e.line === undefined ? '' : args.file ? `${args.file}:${e.line}:${e.column}: ` : `line ${e.line}, column ${e.column}: `;
      console.error(`xckg query: ${where}${e.reason}${pointer(text, e)}`);
      return 1;
    }
    throw e;
  } finally {
    store.close();
  }
}
