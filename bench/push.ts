// **bench/push** — `xckg push` of the graph of the first 1,000 corpus articles into a local Virtuoso (Graph Store
// Protocol, digest login, one request per article graph), against Virtuoso's own bulk loader (ld_dir +
// rdf_loader_run) on the same N-Quads. Each load gets a fresh server with an empty database.
//
//   npm run bench:push [-- --articles 1000 --buffers 50000]
import { copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pushGraphs } from '../src/push/index.ts';
import { startVirtuoso, type Virtuoso } from '../scripts/virtuoso.ts';
import { corpusSampleBuild } from './corpus-sample.ts';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '1000' }, buffers: { type: 'string', default: '50000' } } });
const dir = await corpusSampleBuild(Number(values.articles));
const nq = join(dir, 'graph.nq');
const buffers = Number(values.buffers);
console.log(`graph: ${nq} (${(statSync(nq).size / 1048576).toFixed(0)} MB); Virtuoso with ${buffers} buffers (${((buffers * 8) / 1024).toFixed(0)} MB)\n`);

/** Quads the store holds in our graphs (its own system graphs left out). */
function storedQuads(v: Virtuoso): number {
  const out = v.isql(`SPARQL SELECT COUNT(*) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/xiangcun-kg/")) };`);
  const m = /^\s*(\d+)\s*$/m.exec(out);
  if (!m) throw new Error(`cannot read a count from isql: ${out}`);
  return Number(m[1]);
}

async function withVirtuoso<T>(f: (v: Virtuoso) => Promise<T>): Promise<T> {
  const v = await startVirtuoso({ buffers });
  try {
    return await f(v);
  } finally {
    await v.stop();
  }
}

const push = await withVirtuoso(async (v) => {
  const t = performance.now();
  const report = await pushGraphs([dir], { endpoint: v.graphStoreUrl, user: v.user, password: v.password, replace: true, sparql: v.sparqlUrl });
  const seconds = (performance.now() - t) / 1000;
  return { report, seconds, stored: storedQuads(v) };
});

const bulk = await withVirtuoso(async (v) => {
  copyFileSync(nq, join(v.dir, 'graph.nq'));
  const t = performance.now();
  v.isql(`ld_dir('${v.dir}', 'graph.nq', 'https://w3id.org/xiangcun-kg/graph/default');`);
  v.isql('rdf_loader_run();');
  v.isql('checkpoint;');
  const seconds = (performance.now() - t) / 1000;
  return { seconds, stored: storedQuads(v) };
});

const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en');
const { report } = push;
const rows: string[][] = [
  ['load', 'quads', 'time', 'quads/s', 'in the store'],
  [`xckg push (${report.requests} Graph Store requests)`, report.triples.toLocaleString('en'), `${push.seconds.toFixed(1)} s`, rate(report.triples, push.seconds), push.stored.toLocaleString('en')],
  ['  of which sending', '', `${report.seconds.toFixed(1)} s`, rate(report.triples, report.seconds), ''],
  ['Virtuoso bulk loader (ld_dir, rdf_loader_run, checkpoint)', bulk.stored.toLocaleString('en'), `${bulk.seconds.toFixed(1)} s`, rate(bulk.stored, bulk.seconds), bulk.stored.toLocaleString('en')],
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
console.log(`\ncount check after the push: ${report.mismatches.length ? `${report.mismatches.length} graphs differ` : `all ${report.graphs.length} graphs hold exactly what was sent`}`);
