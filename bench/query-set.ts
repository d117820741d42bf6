// **bench/query-set** — the three queries of issue 9 item 7 on the graph of the first 1,000 corpus articles: counts
// under set semantics (the default graph is the set union of the article graphs) and times, against a 2 s target.
//
//   npm run bench:query-set [-- --articles 1000]
//
// For comparison, the first query's count under oxigraph's own union default graph, a bag (a triple stated by n
// articles counted n times). The other two are not run as a bag: the second gives millions of rows and the third
// did not finish in 10 minutes.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import oxigraph from 'oxigraph';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openGraphSync } from '../src/query/store.ts';
import { withProjectPrefixes } from '../src/query/sparql.ts';
import { PREFIXES } from '../src/rdf/namespaces.ts';
import { corpusSampleBuild } from './corpus-sample.ts';

const QUERIES = [
  { name: 'persons', sparql: 'SELECT (COUNT(*) AS ?n) WHERE { ?e a xc:Person }' },
  { name: 'persons × label × article', sparql: 'SELECT (COUNT(*) AS ?n) WHERE { ?e a xc:Person ; rdfs:label ?l ; xc:mentionedIn ?a }' },
  {
    name: 'DISTINCT type + label',
    sparql: 'SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?t ?l WHERE { ?e a ?t ; rdfs:label ?l ; xc:mentionedIn ?a . FILTER(?t IN (xc:Person, xc:Organization, xc:Program)) } }',
  },
];
const TARGET_MS = 2000;

const { values } = parseArgs({ options: { articles: { type: 'string', default: '1000' } } });
const dir = await corpusSampleBuild(Number(values.articles));

let t = performance.now();
const store = openGraphSync(dir);
const loadMs = performance.now() - t;
t = performance.now();
store.query('ASK {}'); // the set union is made on the first query
const unionMs = performance.now() - t;
console.log(`graph: ${dir} — ${store.size.toLocaleString('en')} quads; load ${(loadMs / 1000).toFixed(1)} s, set union of the graphs ${(unionMs / 1000).toFixed(1)} s\n`);

console.log('query                          rows/count    time   target');
for (const q of QUERIES) {
  t = performance.now();
  const n = Number(store.select(q.sparql).plain[0].n);
  const ms = performance.now() - t;
  console.log(`${q.name.padEnd(30)} ${n.toLocaleString('en').padStart(10)} ${ms.toFixed(0).padStart(6)} ms  ${ms < TARGET_MS ? 'ok' : 'SLOW'} (< ${TARGET_MS} ms)`);
}
store.close();

// The bag, for comparison: oxigraph's use_default_graph_as_union over the same file.
const bag = new oxigraph.Store();
bag.load(readFileSync(join(dir, 'graph.nq')), { format: 'application/n-quads', lenient: true, no_transaction: true });
t = performance.now();
const tsv = bag.query(withProjectPrefixes(QUERIES[0].sparql, PREFIXES).text, { use_default_graph_as_union: true, results_format: 'tsv' }) as string;
console.log(`\nthe same first query over a bag union (oxigraph use_default_graph_as_union): ${Number(tsv.split('\n')[1].replace(/"|\^\^.*$/g, '')).toLocaleString('en')} (${(performance.now() - t).toFixed(0)} ms)`);
