// **push** — built graphs into a triple store over the SPARQL 1.1 Graph Store HTTP Protocol, one request per
// named graph (batched when large), then a count of each graph's triples through the store's SPARQL endpoint.
import { graphBatches, pushInputs, type BatchOptions } from './graphs.ts';
import { StoreClient, StoreHttpError, type HttpOptions } from './http.ts';

export { graphBatches, pushInputs, PushInputError, syntaxOf, type GraphBatch, type BatchOptions } from './graphs.ts';
export { StoreClient, StoreHttpError, type HttpOptions, type StoreRequest, type StoreResponse } from './http.ts';
export { digestAuthorization, parseDigestChallenge, type DigestChallenge } from './digest.ts';

export interface PushOptions extends HttpOptions, BatchOptions {
  /** The store's Graph Store URL (Virtuoso: http://HOST:8890/sparql-graph-crud-auth). */
  endpoint: string;
  /** PUT: each graph's old content is replaced. Default false: POST, the triples are added. */
  replace?: boolean;
  /** The store's SPARQL query URL for the check; default derived from the endpoint (sparqlEndpointFor); null: no check. */
  sparql?: string | null;
}

export interface GraphCount {
  graph: string;
  sent: number;
  /** What the store holds afterwards (undefined without a check). */
  stored?: number;
}

export interface PushReport {
  graphs: GraphCount[];
  triples: number;
  requests: number;
  seconds: number;
  /** The SPARQL URL the counts came from, or undefined when not checked. */
  checkedAt?: string;
  /** Graphs whose count in the store disagrees with what was sent (fewer with --replace's PUT: not equal). */
  mismatches: GraphCount[];
}

/**
 * The SPARQL query URL that goes with a Graph Store URL, for the stores whose layout is known: Virtuoso
 * (/sparql-graph-crud[-auth] → /sparql), Fuseki (/DATASET/data → /DATASET/sparql), Oxigraph server
 * (/store → /query), GraphDB and RDF4J (/repositories/ID/rdf-graphs/service → /repositories/ID).
 */
export function sparqlEndpointFor(graphStoreUrl: string): string | undefined {
  const u = new URL(graphStoreUrl);
  u.search = '';
  const rules: Array<[RegExp, string]> = [
    [/\/sparql-graph-crud(-auth)?\/?$/, '/sparql'],
    [/\/repositories\/([^/]+)\/rdf-graphs\/service\/?$/, '/repositories/$1'],
    [/\/store\/?$/, '/query'],
    [/\/data\/?$/, '/sparql'],
  ];
  for (const [re, to] of rules) {
    if (re.test(u.pathname)) {
      u.pathname = u.pathname.replace(re, to);
      return u.toString();
    }
  }
  return undefined;
}

/** A Graph Store request URL for one graph (`?graph=IRI`, the protocol's parameter). */
export function graphUrl(endpoint: string, graph: string): string {
  return `${endpoint}${endpoint.includes('?') ? '&' : '?'}graph=${encodeURIComponent(graph)}`;
}

const COUNT_CHUNK = 100;

/** Triples per graph in the store, by SPARQL (POSTed: a hundred graph IRIs make a long query). */
export async function countTriples(client: StoreClient, sparqlUrl: string, graphs: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(graphs.map((g) => [g, 0]));
  for (let i = 0; i < graphs.length; i += COUNT_CHUNK) {
    const values = graphs.slice(i, i + COUNT_CHUNK).map((g) => `<${g}>`).join(' ');
    const query = `SELECT ?g (COUNT(*) AS ?n) WHERE { VALUES ?g { ${values} } GRAPH ?g { ?s ?p ?o } } GROUP BY ?g`;
    const res = await client.request({
      method: 'POST',
      url: sparqlUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' },
      body: new URLSearchParams({ query }).toString(),
    });
    let rows: Array<{ g: { value: string }; n: { value: string } }>;
    try {
      rows = (JSON.parse(res.text) as { results: { bindings: typeof rows } }).results.bindings;
    } catch {
      throw new StoreHttpError(sparqlUrl, res.status, `not SPARQL JSON results: ${res.text.slice(0, 120).replace(/\s+/g, ' ')}`);
    }
    for (const r of rows) counts.set(r.g.value, Number(r.n.value));
  }
  return counts;
}

/** Sends every graph of the files to the store, then (unless `sparql: null`) compares the store's counts with what was sent. */
export async function pushGraphs(paths: string[], options: PushOptions): Promise<PushReport> {
  const files = pushInputs(paths, options);
  const client = new StoreClient(options);
  const sent = new Map<string, number>();
  const started = performance.now();
  let requests = 0;
  let triples = 0;
  for await (const batch of graphBatches(files, options, sent)) {
    await client.request({
      method: options.replace && batch.first ? 'PUT' : 'POST',
      url: graphUrl(options.endpoint, batch.graph),
      headers: { 'content-type': 'application/n-triples; charset=utf-8' },
      body: batch.ntriples,
    });
    requests++;
    triples += batch.triples;
    if (requests % 100 === 0) options.log?.(`${requests} requests, ${sent.size} graphs, ${triples.toLocaleString('en')} triples sent`);
  }
  const seconds = (performance.now() - started) / 1000;
  const graphs: GraphCount[] = [...sent].map(([graph, n]) => ({ graph, sent: n }));
  const sparql = options.sparql === undefined ? sparqlEndpointFor(options.endpoint) : options.sparql ?? undefined;
  if (!sparql) return { graphs, triples, requests, seconds, mismatches: [] };
  const stored = await countTriples(client, sparql, graphs.map((g) => g.graph));
  for (const g of graphs) g.stored = stored.get(g.graph) ?? 0;
  // Appending to a graph that held triples before leaves more than was sent; fewer is always wrong.
  const mismatches = graphs.filter((g) => (options.replace ? g.stored !== g.sent : (g.stored ?? 0) < g.sent));
  return { graphs, triples, requests, seconds, checkedAt: sparql, mismatches };
}
