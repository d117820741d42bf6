// **bench/query** — SPARQL engines on the seed graph replicated with fresh IRIs: load rate, five typical queries, peak memory.
//
//   npm run bench:query                      # ~1M triples for oxigraph and n3, ~100k for oxigraph and Comunica
//   node --import tsx bench/query.ts --triples 300000 --small 50000 [--seed graph.nq]
//
// Each engine runs in its own child process, one after another, so that each peak RSS is its own and
// no engine's garbage slows the next (and WebAssembly memory, which never shrinks, is not shared).
// oxigraph is loaded and queried through this project's GraphStore as `xckg query OUT_DIR` uses it (graph.nq
// in batches, typed rows included in the time); the n3 Store through hand-written `match` code for the same
// five questions; Comunica over an n3 Store. Wall clock and CPU time are both printed: on a shared machine
// the CPU time of the engine's own process is the steadier figure.
import { spawnSync } from 'node:child_process';
import { closeSync, createWriteStream, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import N3 from 'n3';
import { StringDecoder } from 'node:string_decoder';
import { GraphStore } from '../src/query/store.ts';
import { withProjectPrefixes } from '../src/query/sparql.ts';
import { ID, NIF, PROV, RDF, RDFS, XC } from '../src/rdf/namespaces.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 5;
const TARGETS = { loadPerSecond: 250_000, peakMB: 1024, queryMs: 150 };

type Engine = 'oxigraph' | 'oxigraph-strict' | 'n3' | 'comunica';

/** Medians of one query's runs: wall clock, and CPU time of the engine's process (what other load on the machine does not inflate). */
interface Timing {
  medianMs: number;
  cpuMs: number;
  rows: number;
}

/** What a child reports. */
interface Report {
  engine: Engine;
  triples: number;
  loadMs: number;
  loadCpuMs: number;
  /** Absent for a load-only run. */
  queries: Partial<Record<QueryName, Timing>>;
  peakMB: number;
}

/** Facts the queries are about, taken from the seed so that they hold in every copy. */
interface Focus {
  /** IRI of one copy of an entity that has evidence (a person with a spouse, in the seed). */
  entity: string;
  /** Label of the province whose subtree the property path walks. */
  province: string;
}

// ---------------------------------------------------------------- the five typical queries

const CLASSES = ['Person', 'Place', 'Organization', 'Program'];

const Q = {
  join: {
    title: 'join: officials, titles, organizations',
    sparql: () => `SELECT ?name ?title ?org WHERE {
      ?pos a xc:Position ; xc:holder ?p ; xc:title ?title ; xc:organization ?o .
      ?p rdfs:label ?name . ?o rdfs:label ?org . ?o a xc:Organization }`,
  },
  filter: {
    title: 'FILTER on a label: CONTAINS(…乡村振兴…)',
    sparql: () => `SELECT ?e ?label WHERE { ?e rdfs:label ?label FILTER(CONTAINS(STR(?label), "乡村振兴")) }`,
  },
  path: {
    title: 'property path: places xc:locatedIn+ a province',
    sparql: (f: Focus) => `SELECT ?place ?province WHERE { ?province a xc:Province ; rdfs:label "${f.province}"@zh . ?place xc:locatedIn+ ?province }`,
  },
  aggregate: {
    title: 'aggregate: COUNT persons, places, organizations, programs GROUP BY class',
    sparql: () => `SELECT ?class (COUNT(?e) AS ?n) WHERE { VALUES ?class { ${CLASSES.map((c) => 'xc:' + c).join(' ')} } ?e a ?class } GROUP BY ?class`,
  },
  evidence: {
    title: 'evidence: relations of one entity with sentences',
    sparql: (f: Focus) => `SELECT ?p ?o ?sentence WHERE {
      ?ev rdf:subject <${f.entity}> ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?s .
      ?s nif:anchorOf ?sentence }`,
  },
} as const;
type QueryName = keyof typeof Q;
const NAMES = Object.keys(Q) as QueryName[];

// The same questions written by hand against an n3 Store, the way a careful programmer would: one `match`
// (getQuads) per pattern into a Map, then hash joins. Nested per-subject lookups would be far slower: with
// no graph given, every n3 lookup visits each named graph's index in turn, and there is one graph per article.
function n3Queries(store: N3.Store, f: Focus): Record<QueryName, () => unknown[]> {
  const { namedNode, literal } = N3.DataFactory;
  const type = namedNode(RDF + 'type');
  const label = namedNode(RDFS + 'label');
  const x = (l: string) => namedNode(XC + l);
  /** subject id → objects of one predicate, over all graphs. */
  const index = (p: N3.NamedNode) => {
    const m = new Map<string, N3.Term[]>();
    for (const q of store.getQuads(null, p, null, null)) {
      const list = m.get(q.subject.id);
      if (list) list.push(q.object);
      else m.set(q.subject.id, [q.object]);
    }
    return m;
  };
  const ofType = (c: string) => store.getQuads(null, type, x(c), null).map((q) => q.subject);
  return {
    join: () => {
      const [holder, title, organization, labels] = [index(x('holder')), index(x('title')), index(x('organization')), index(label)];
      const orgs = new Set(ofType('Organization').map((t) => t.id));
      const rows: string[][] = [];
      for (const pos of ofType('Position')) {
        for (const p of holder.get(pos.id) ?? [])
          for (const t of title.get(pos.id) ?? [])
            for (const o of organization.get(pos.id) ?? []) {
              if (!orgs.has(o.id)) continue;
              for (const name of labels.get(p.id) ?? []) for (const org of labels.get(o.id) ?? []) rows.push([name.value, t.value, org.value]);
            }
      }
      return rows;
    },
    filter: () => store.getQuads(null, label, null, null).filter((q) => q.object.value.includes('乡村振兴')).map((q) => [q.subject.value, q.object.value]),
    path: () => {
      // Children of each place, then breadth-first from each province with that label: xc:locatedIn+, each place once.
      const children = new Map<string, N3.Term[]>();
      for (const q of store.getQuads(null, x('locatedIn'), null, null)) children.set(q.object.id, [...(children.get(q.object.id) ?? []), q.subject]);
      const provinces = new Set(ofType('Province').map((t) => t.id));
      const rows: string[][] = [];
      for (const prov of store.getSubjects(label, literal(f.province, 'zh'), null)) {
        if (!provinces.has(prov.id)) continue;
        const seen = new Set<string>([prov.id]);
        let frontier: N3.Term[] = [prov];
        while (frontier.length) {
          const next: N3.Term[] = [];
          for (const node of frontier)
            for (const child of children.get(node.id) ?? [])
              if (!seen.has(child.id)) {
                seen.add(child.id);
                next.push(child);
                rows.push([child.value, prov.value]);
              }
          frontier = next;
        }
      }
      return rows;
    },
    aggregate: () => CLASSES.map((c) => [c, store.countQuads(null, type, x(c), null)]),
    evidence: () => {
      // The evidence node's graph holds its sentence too: later lookups stay in that graph.
      const rows: string[][] = [];
      for (const q of store.getQuads(null, namedNode(RDF + 'subject'), namedNode(f.entity), null)) {
        const g = q.graph;
        const one = (s: N3.Term, p: string) => store.getObjects(s as N3.Quad_Subject, namedNode(p), g);
        for (const p of one(q.subject, RDF + 'predicate'))
          for (const o of one(q.subject, RDF + 'object'))
            for (const sn of one(q.subject, PROV + 'wasDerivedFrom'))
              for (const text of one(sn, NIF + 'anchorOf')) rows.push([p.value, o.value, text.value]);
      }
      return rows;
    },
  };
}

// ---------------------------------------------------------------- synthetic graph

const COPY_IRI = /<https:\/\/w3id\.org\/xiangcun-kg\/(id|graph\/article)\/([^>#]*)(#[^>]*)?>/g;

/** One copy of the seed N-Quads with every IRI under id/ (and every article graph) given the suffix -c<k>. */
function copyOf(seed: string, k: number): string {
  return seed.replace(COPY_IRI, (_, base: string, path: string, frag = '') => `<https://w3id.org/xiangcun-kg/${base}/${path}-c${k}${frag}>`);
}

/** Writes copies of the seed until `target` quads; returns the file and its quad count. */
async function writeSynthetic(seed: string, target: number, path: string): Promise<number> {
  const perCopy = seed.split('\n').filter((l) => l.trim()).length;
  const copies = Math.max(1, Math.round(target / perCopy));
  const out = createWriteStream(path);
  for (let k = 0; k < copies; k++) {
    if (!out.write(copyOf(seed, k))) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return copies * perCopy;
}

/** The file in 8 MB pieces, so no engine needs the whole text in memory at once. */
function* chunks(path: string): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(8 << 20);
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) return;
      yield n === buf.length ? buf : buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

// ---------------------------------------------------------------- children

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function time(fn: () => unknown[] | Promise<unknown[]>): Promise<Timing> {
  const wall: number[] = [];
  const cpu: number[] = [];
  // One untimed run first: V8 compiles WebAssembly (and hot JS) to optimized code only after a function
  // has run a while, so a cold first run measures the compiler as much as the engine.
  let rows = (await fn()).length;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const c = cpuNow();
    rows = (await fn()).length;
    cpu.push(cpuNow() - c);
    wall.push(performance.now() - t);
  }
  return { medianMs: median(wall), cpuMs: median(cpu), rows };
}

/** Loads the file into the engine's store and runs the five queries (unless load-only). */
async function child(engine: Engine, file: string, focus: Focus): Promise<Report> {
  const queries: Report['queries'] = {};
  const t = performance.now();
  const c = cpuNow();
  let triples: number;
  let loadMs: number;
  let loadCpuMs: number;
  if (engine === 'oxigraph' || engine === 'oxigraph-strict') {
    // Read and loaded in batches of whole lines, as `xckg query OUT_DIR` loads its graph.nq (leniently: it
    // is build output); the strict run checks every IRI, as for a file named on the command line.
    const store = new GraphStore({ lenient: engine === 'oxigraph' });
    store.loadFile(file);
    [loadMs, loadCpuMs] = [performance.now() - t, cpuNow() - c];
    triples = store.size;
    if (engine === 'oxigraph') for (const n of NAMES) queries[n] = await time(() => store.select(Q[n].sparql(focus)).rows);
  } else {
    const store = new N3.Store();
    const parser = new N3.StreamParser({ format: 'N-Quads' });
    // Whole characters only: n3's lexer turns each piece into a string on its own.
    const decoder = new StringDecoder('utf8');
    await new Promise<void>((resolve, reject) => {
      parser.on('data', (q: N3.Quad) => store.addQuad(q));
      parser.on('end', resolve);
      parser.on('error', reject);
      for (const piece of chunks(file)) parser.write(decoder.write(piece));
      parser.end(decoder.end());
    });
    [loadMs, loadCpuMs] = [performance.now() - t, cpuNow() - c];
    triples = store.size;
    if (engine === 'n3') {
      const hand = n3Queries(store, focus);
      for (const n of NAMES) queries[n] = await time(hand[n]);
    } else {
      const { QueryEngine } = await import('@comunica/query-sparql-rdfjs-lite');
      const comunica = new QueryEngine();
      for (const n of NAMES) {
        // The very text oxigraph is given, project prefixes included.
        const text = withProjectPrefixes(Q[n].sparql(focus)).text;
        queries[n] = await time(async () => {
          const bindings = await comunica.queryBindings(text, { sources: [store], unionDefaultGraph: true });
          return (await bindings.toArray()).map((b) => Object.fromEntries([...b].map(([k, v]) => [k.value, v.value])));
        });
      }
    }
  }
  return { engine, triples, loadMs, loadCpuMs, queries, peakMB: process.resourceUsage().maxRSS / 1024 };
}

// ---------------------------------------------------------------- parent

function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** The seed graph's N-Quads: from --seed, else a fresh `xckg build data/articles`. */
function seedNQuads(tmp: string): string {
  const given = argValue('--seed', '');
  if (given) return readFileSync(given, 'utf8');
  const out = join(tmp, 'seed');
  const r = spawnSync(process.execPath, ['bin/xckg.js', 'build', 'data/articles', '--out', out, '--quiet'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`xckg build failed:\n${r.stderr}`);
  return readFileSync(join(out, 'graph.nq'), 'utf8');
}

/** An entity of the seed with evidence (张乃田 when present), in the middle copy; and the province's label. */
function focusOf(seed: string, copies: number): Focus {
  const subjects = [...seed.matchAll(/^<[^>]+> <http:\/\/www\.w3\.org\/1999\/02\/22-rdf-syntax-ns#subject> <([^>]+)>/gm)].map((m) => m[1]);
  const entity = subjects.find((s) => s.includes('张乃田')) ?? subjects[0];
  if (!entity) throw new Error('the seed graph has no evidence nodes');
  // A two-digit division code is a province.
  const province = /^<https:\/\/w3id\.org\/xiangcun-kg\/id\/place\/\d\d> <http:\/\/www\.w3\.org\/2000\/01\/rdf-schema#label> "([^"]+)"@zh/m.exec(seed)?.[1];
  if (!province) throw new Error('the seed graph has no province');
  // The middle copy: neither among the first nor the last quads loaded.
  return { entity: copyOf(`<${entity}>`, Math.floor(copies / 2)).slice(1, -1), province };
}

function runChild(engine: Engine, file: string, focus: Focus, heapMB?: number): Report {
  const args = [...(heapMB ? [`--max-old-space-size=${heapMB}`] : []), '--import', 'tsx', fileURLToPath(import.meta.url), '--child', engine, file, JSON.stringify(focus)];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${engine} failed (${r.status ?? r.signal}):\n${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Report;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (x: number | undefined) => (x === undefined ? '—' : `${fmt(x, x < 10 ? 1 : 0)} ms`);

/** One table: wall clock, or CPU time of each engine's process. */
function printTable(rows: { label: string; r: Report }[], clock: 'wall' | 'cpu'): void {
  const head = ['engine', 'triples', 'load s', 'triples/s', ...NAMES, 'peak RSS'];
  const lines = rows.map(({ label, r }) => {
    const load = clock === 'wall' ? r.loadMs : r.loadCpuMs;
    return [
      label, fmt(r.triples), fmt(load / 1000, 1), fmt(r.triples / (load / 1000)),
      ...NAMES.map((n) => ms(clock === 'wall' ? r.queries[n]?.medianMs : r.queries[n]?.cpuMs)),
      `${fmt(r.peakMB)} MB`,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const line = (cols: string[]) => cols.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(line(l));
}

const loadAverage = () => loadavg().map((x) => x.toFixed(1)).join(' ');

async function main(): Promise<void> {
  const big = Number(argValue('--triples', '1000000'));
  const small = Number(argValue('--small', '100000'));
  const tmp = mkdtempSync(join(tmpdir(), 'xckg-bench-query-'));
  try {
    const seed = seedNQuads(tmp);
    const perCopy = seed.split('\n').filter((l) => l.trim()).length;
    const bigFile = join(tmp, 'big.nq');
    const smallFile = join(tmp, 'small.nq');
    const t = performance.now();
    const bigCount = await writeSynthetic(seed, big, bigFile);
    const smallCount = await writeSynthetic(seed, small, smallFile);
    console.log(`seed graph: ${fmt(perCopy)} quads; synthetic graphs: ${fmt(bigCount)} and ${fmt(smallCount)} quads in ` +
      `${fmt(Math.round(bigCount / perCopy))} and ${fmt(Math.round(smallCount / perCopy))} article graphs ` +
      `(${fmt(statSync(bigFile).size / 1048576)} MB of N-Quads, written in ${fmt((performance.now() - t) / 1000, 1)} s); median of ${RUNS} runs per query after one warm-up run`);
    console.log(`${cpus().length} CPUs, load average ${loadAverage()} at start\n`);

    const focusBig = focusOf(seed, Math.round(big / perCopy));
    const focusSmall = focusOf(seed, Math.round(small / perCopy));
    for (const n of NAMES) console.log(`  ${n.padEnd(9)} ${Q[n].title}`);
    console.log(`  (evidence of ${focusBig.entity.replace(ID, 'id:')}; path below every ${focusBig.province})\n`);

    const results: { label: string; r: Report }[] = [];
    const run = (label: string, engine: Engine, file: string, focus: Focus, heapMB?: number) => {
      process.stderr.write(`running ${label} on ${file === bigFile ? 'the large' : 'the small'} graph…\n`);
      try {
        results.push({ label, r: runChild(engine, file, focus, heapMB) });
      } catch (e) {
        console.log(`${label}: ${(e as Error).message.split('\n')[0]}`);
      }
    };
    run('oxigraph (GraphStore)', 'oxigraph', bigFile, focusBig);
    run('oxigraph, strict load', 'oxigraph-strict', bigFile, focusBig);
    // n3 needs ~4 GB of heap at 1M quads, past Node's default limit.
    run('n3 Store + match', 'n3', bigFile, focusBig, 8192);
    run('oxigraph (GraphStore)', 'oxigraph', smallFile, focusSmall);
    run('Comunica rdfjs-lite + n3', 'comunica', smallFile, focusSmall);
    console.log('wall clock:');
    printTable(results, 'wall');
    console.log('\nCPU time of each engine\'s process (what the machine\'s other load does not add):');
    printTable(results, 'cpu');
    console.log(`\nload average ${loadAverage()} at the end`);

    // Every engine must find the same rows, or the timings compare different work.
    for (const size of [bigCount, smallCount]) {
      const group = results.filter((x) => x.r.triples === size);
      for (const n of NAMES) {
        const counts = new Set(group.map((g) => g.r.queries[n]?.rows).filter((k) => k !== undefined));
        if (counts.size > 1) console.log(`WARNING: engines disagree on ${n} at ${fmt(size)} triples: ${[...counts].join(' vs ')} rows`);
      }
    }
    console.log('rows per query (' + NAMES.join('/') + '): ' +
      results.filter(({ r }) => Object.keys(r.queries).length).map(({ label, r }) => `${label} @${fmt(r.triples)}: ${NAMES.map((n) => r.queries[n]?.rows ?? '—').join('/')}`).join('; '));

    const ox = results.find((x) => x.r.engine === 'oxigraph' && x.r.triples === bigCount)?.r;
    const strict = results.find((x) => x.r.engine === 'oxigraph-strict')?.r;
    if (ox) {
      const ok = (b: boolean) => (b ? 'ok' : 'MISSED');
      const rate = (r: Report, cpu = false) => r.triples / ((cpu ? r.loadCpuMs : r.loadMs) / 1000);
      const slowest = (cpu = false) => Math.max(...NAMES.map((n) => (cpu ? ox.queries[n]?.cpuMs : ox.queries[n]?.medianMs) ?? 0));
      console.log(`\ntargets at ${fmt(ox.triples)} triples (oxigraph, wall clock; CPU time in brackets):`);
      console.log(`  load ≥ ${fmt(TARGETS.loadPerSecond)} triples/s: ${fmt(rate(ox))} (${fmt(rate(ox, true))}) ${ok(rate(ox) >= TARGETS.loadPerSecond)}` +
        (strict ? `; with IRI checks ${fmt(rate(strict))} (${fmt(rate(strict, true))}) ${ok(rate(strict) >= TARGETS.loadPerSecond)}` : ''));
      console.log(`  peak RSS < ${fmt(TARGETS.peakMB)} MB: ${fmt(ox.peakMB)} MB ${ok(ox.peakMB < TARGETS.peakMB)}`);
      console.log(`  every query's median < ${TARGETS.queryMs} ms: slowest ${fmt(slowest())} ms (${fmt(slowest(true))} ms) ${ok(slowest() < TARGETS.queryMs)}`);
      const n3 = results.find((x) => x.r.engine === 'n3')?.r;
      if (n3) console.log(`n3 Store + match at the same size: load ${fmt(n3.loadCpuMs / ox.loadCpuMs, 1)}× the CPU time, ${fmt(n3.peakMB / ox.peakMB, 1)}× the memory`);
    }
    const oxSmall = results.find((x) => x.r.engine === 'oxigraph' && x.r.triples === smallCount)?.r;
    const com = results.find((x) => x.r.engine === 'comunica')?.r;
    if (oxSmall && com) {
      const ratio = (n: QueryName) => {
        const [a, b] = [oxSmall.queries[n]?.cpuMs, com.queries[n]?.cpuMs];
        return a && b ? `${n} ${fmt(b / a, 0)}×` : `${n} —`;
      };
      console.log(`oxigraph ahead of Comunica at ${fmt(smallCount)} triples (CPU time): ${NAMES.map(ratio).join(', ')}; load ${fmt(com.loadCpuMs / oxSmall.loadCpuMs, 1)}×`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  const [, , , engine, file, focus] = process.argv;
  const report = await child(engine as Engine, file, JSON.parse(focus) as Focus);
  console.log(JSON.stringify(report));
} else {
  await main();
}
