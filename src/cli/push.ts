// **push** — `xckg push GRAPH… --endpoint URL`: load built graphs into a triple store (SPARQL 1.1 Graph Store
// Protocol), then check each graph's triple count in the store against what was sent.
import { pushGraphs, PushInputError, StoreHttpError, sparqlEndpointFor } from '../push/index.ts';
import { integerOption, runCommand, UsageError, type CommandSpec } from './args.ts';

export const PUSH_SPEC = {
  name: 'push',
  synopsis: 'GRAPH… --endpoint URL [--replace] [--user NAME] [options]',
  summary:
    'Send each named graph of the files to a triple store over the SPARQL 1.1 Graph Store HTTP Protocol (one request\n' +
    'per graph, as N-Triples; large graphs in batches), then count every graph in the store and compare.',
  positionals: [{ name: 'GRAPH', help: 'graph files (.nq .trig keep their graphs; .ttl .nt need --graph) or a directory written by xckg build' }],
  minPositionals: 1,
  options: {
    endpoint: { type: 'string', value: 'URL', help: "the store's Graph Store URL (Virtuoso: http://HOST:8890/sparql-graph-crud-auth)" },
    graph: { type: 'string', value: 'IRI', help: 'the graph for triples outside any named graph (Turtle, N-Triples files)' },
    replace: { type: 'boolean', help: "replace each graph's content (PUT); without it the triples are added (POST)" },
    user: { type: 'string', value: 'NAME', help: 'log in as NAME (basic or digest, as the store asks); the password is read from XCKG_PASSWORD' },
    sparql: { type: 'string', value: 'URL', help: "the store's SPARQL endpoint for the count check (default derived from --endpoint)" },
    'no-check': { type: 'boolean', help: 'do not count the triples in the store afterwards' },
    batch: { type: 'string', value: 'N', help: 'at most N triples per request (default 50000); graphs with blank nodes go whole' },
    retries: { type: 'string', value: 'N', help: 'tries after a 5xx answer or a timeout, with doubling waits (default 4)' },
    'request-timeout': { type: 'string', value: 'SECONDS', help: 'how long one request may take (default 120)' },
    quiet: { type: 'boolean', help: 'print only errors and the summary' },
  },
  epilog: `The password never goes on the command line: XCKG_PASSWORD=… xckg push out --endpoint URL --user dba
Stores: Virtuoso http://HOST:8890/sparql-graph-crud-auth, Oxigraph server http://HOST:7878/store,
Fuseki http://HOST:3030/DATASET/data, GraphDB http://HOST:7200/repositories/ID/rdf-graphs/service.`,
} as const satisfies CommandSpec;

export function pushCommand(argv: string[]): Promise<number> {
  return runCommand(PUSH_SPEC, argv, async ({ values, positionals }) => {
    if (!values.endpoint) throw new UsageError('--endpoint URL is required (the store\'s Graph Store URL)');
    try {
      new URL(values.endpoint);
    } catch {
      throw new UsageError(`--endpoint: not a URL: ${values.endpoint}`);
    }
    const password = process.env.XCKG_PASSWORD;
    if (values.user !== undefined && password === undefined) throw new UsageError('--user needs the password in the environment variable XCKG_PASSWORD');
    const sparql = values['no-check'] ? null : values.sparql ?? sparqlEndpointFor(values.endpoint);
    if (sparql === undefined) throw new UsageError(`cannot tell the SPARQL endpoint of ${values.endpoint}: give it with --sparql URL (or --no-check)`);
    const log = values.quiet ? undefined : (line: string) => process.stderr.write(`xckg push: ${line}\n`);
    const options = {
      endpoint: values.endpoint,
      replace: values.replace ?? false,
      defaultGraph: values.graph,
      user: values.user,
      password,
      sparql,
      batchTriples: integerOption('batch', values.batch, 50_000, 1),
      retries: integerOption('retries', values.retries, 4),
      timeoutMs: integerOption('request-timeout', values['request-timeout'], 120, 1) * 1000,
      log,
    };
    let report;
    try {
      report = await pushGraphs(positionals, options);
    } catch (e) {
      if (e instanceof PushInputError || e instanceof StoreHttpError) {
        process.stderr.write(`xckg push: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
    const rate = Math.round(report.triples / Math.max(report.seconds, 1e-3));
    process.stdout.write(
      `pushed ${report.graphs.length} graphs, ${report.triples.toLocaleString('en')} triples in ${report.requests} requests, ` +
        `${report.seconds.toFixed(1)} s (${rate.toLocaleString('en')} triples/s) to ${values.endpoint}\n`,
    );
    if (!report.checkedAt) {
      process.stdout.write('not checked (--no-check)\n');
      return 0;
    }
    if (!report.mismatches.length) {
      process.stdout.write(`checked at ${report.checkedAt}: every graph holds ${options.replace ? 'exactly' : 'at least'} the triples sent\n`);
      return 0;
    }
    for (const m of report.mismatches.slice(0, 20)) process.stderr.write(`xckg push: ${m.graph}: sent ${m.sent} triples, the store holds ${m.stored}\n`);
    process.stderr.write(`xckg push: ${report.mismatches.length} of ${report.graphs.length} graphs do not hold what was sent (checked at ${report.checkedAt})\n`);
    return 1;
  });
}
