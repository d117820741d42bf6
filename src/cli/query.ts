// **query** — `xckg query GRAPH… (-q SPARQL | -f FILE) [--format table|json|csv|tsv]`: one SPARQL query over built graph files.
import { readFileSync } from 'node:fs';
import { GraphFileError } from '../query/store.ts';
import { GraphWorker, QueryTimeoutError } from '../query/worker-store.ts';
import { QueryError } from '../query/sparql.ts';
import { formatAskJson, formatSelect, RESULT_FORMATS, type ResultFormat } from '../query/format.ts';
import { displayWidth } from '../query/width.ts';
import { integerOption, positiveNumberOption, runCommand, UsageError, type CommandSpec, type ParsedCommand } from './args.ts';
import { toJsonLd, toTurtle } from '../rdf/serialize.ts';

/** Long enough for any sane lookup on a corpus graph (the cookbook's take well under a second on 1,000 articles). */
export const DEFAULT_TIMEOUT_SECONDS = 60;

export const QUERY_SPEC = {
  name: 'query',
  synopsis: 'GRAPH… (-q SPARQL | -f FILE.rq) [options]',
  summary: 'Run one SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over built graph files.',
  positionals: [{ name: 'GRAPH', help: 'graph files (.nq .trig .ttl .nt …) or a directory written by xckg build (its graph.nq)' }],
  options: {
    query: { type: 'string', short: 'q', value: 'SPARQL', help: "the query text; the project's prefixes (xc: rdfs: skos: org: …) need no PREFIX" },
    file: { type: 'string', short: 'f', value: 'FILE', help: "read the query from a file ('-' for stdin)" },
    format: { type: 'string', value: 'FORMAT', choices: RESULT_FORMATS, help: 'SELECT output: table (default, aligned for CJK), json (SPARQL 1.1 JSON results), csv or tsv (W3C)' },
    'max-width': { type: 'string', value: 'N', help: 'cut table cells wider than N columns' },
    'no-union': { type: 'boolean', help: 'query the default graph as loaded, instead of the set union of all graphs' },
    lenient: { type: 'boolean', help: 'skip IRI checks while loading named files too (a build directory always skips them)' },
    timeout: { type: 'string', value: 'SECONDS', help: `stop a query that runs longer (default ${DEFAULT_TIMEOUT_SECONDS}; loading is not counted)` },
  },
  epilog: 'ASK prints true or false; CONSTRUCT and DESCRIBE print Turtle (JSON-LD with --format json).',
} as const satisfies CommandSpec;

interface Args {
  graphs: string[];
  query?: string;
  file?: string;
  format: ResultFormat;
  maxWidth: number;
  union: boolean;
  lenient: boolean;
  timeout: number;
}

function toArgs({ values, positionals }: ParsedCommand<typeof QUERY_SPEC.options>): Args {
  if (!positionals.length) throw new UsageError('no graph file given');
  if ((values.query === undefined) === (values.file === undefined)) throw new UsageError('give the query with -q or with -f (one of them)');
  return {
    graphs: positionals,
    query: values.query,
    file: values.file,
    format: (values.format ?? 'table') as ResultFormat,
    maxWidth: integerOption('max-width', values['max-width'], 0),
    union: !values['no-union'],
    lenient: values.lenient ?? false,
    timeout: positiveNumberOption('timeout', values.timeout, DEFAULT_TIMEOUT_SECONDS),
  };
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

export function queryCommand(argv: string[]): Promise<number> {
  return runCommand(QUERY_SPEC, argv, (parsed) => runQuery(toArgs(parsed)));
}

async function runQuery(args: Args): Promise<number> {

  let text: string;
  try {
    text = args.query ?? readFileSync(args.file === '-' ? 0 : args.file!, 'utf8');
  } catch (e) {
    console.error(`xckg query: ${args.file}: cannot read the query file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return 1;
  }

  let store: GraphWorker;
  try {
    // Without --lenient, the library decides: build directories load leniently, named files are checked.
    // In a worker thread, so that a query past --timeout can be stopped.
    store = await GraphWorker.open(args.graphs, { unionDefaultGraph: args.union, lenient: args.lenient || undefined });
  } catch (e) {
    if (e instanceof GraphFileError) {
      console.error(`xckg query: ${e.message}`);
      return 1;
    }
    throw e;
  }

  ignoreClosedPipe();
  try {
    const result = await store.query(text, { timeout: args.timeout });
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
    if (e instanceof QueryTimeoutError) {
      console.error(`xckg query: ${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    await store.close();
  }
}
