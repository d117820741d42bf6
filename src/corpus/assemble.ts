// **assemble** — the corpus outputs from the article records of one or more work folders: persons resolved across
// articles, then graph.nq, graph.trig, graph.ttl, viewer.json and summary.json written by streaming merges, in one
// deterministic order, each to a temporary name and renamed only when all are complete.
//
// Order: quads by graph, subject, predicate (rdf:type first), object — as sortQuads orders them. Article graphs never
// interleave, so graph.nq and graph.trig are written article by article; the gazetteer graph (shared) and the
// resolution graph follow. graph.ttl (every triple once, grouped by subject across the corpus) and the viewer's
// nodes and edges go through external sorts. Memory holds one article, the person index, the gazetteer facts named
// and the sort buffers — not the corpus.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import N3 from 'n3';
import { PREFIXES, RDF } from '../rdf/namespaces.ts';
import { articleGraphIri, articleIri, entityIri, GAZETTEER_GRAPH } from '../rdf/iri.ts';
import { GRAPH, ID, XC } from '../rdf/namespaces.ts';
import { usedPrefixes } from '../rdf/serialize.ts';
import { mergeViewerEdge, mergeViewerNode, renameViewerKeys } from '../viewer/export.ts';
import { VIEWER_DATA_VERSION, type ViewerEdge, type ViewerNode } from '../viewer/types.ts';
import { ExternalSorter } from './external-sort.ts';
import type { InputFailure } from './inputs.ts';
import { FileSink } from './output.ts';
import { quadFromIds, readRecordFile, readRecordHeader, RECORD_VERSION, type ArticleRecord, type InputLoss, type QuadIds } from './record.ts';
import { runInThread } from './pool.ts';
import { resolvePersons, type Merge, type PersonMention } from './resolve.ts';

/** What an extraction run leaves in its work folder: the inputs it saw and the record of each article. */
export interface Manifest {
  version: typeof RECORD_VERSION;
  /** The pipeline's code and data the records were extracted with (folders built by different ones do not merge). */
  fingerprint: string;
  /** Input articles seen (every printing, failures included). */
  inputs: number;
  failures: InputFailure[];
  /** One entry per extracted text; `record` is relative to the work folder. */
  articles: Array<{ docId: string; record: string; reprints: number }>;
}

/** A work folder and its manifest. */
export interface WorkFolder {
  dir: string;
  manifest: Manifest;
}

export interface Summary {
  inputs: number;
  articles: number;
  /** Inputs that printed a text another input already printed: extracted once, named as reprints. */
  reprints: number;
  failed: number;
  entities: Record<string, number>;
  relations: number;
  positions: number;
  quads: number;
  persons: { nodes: number; names: number; mentions: number; merges: number };
  failures: Array<{ input: string; reason: string }>;
  findings: Array<{ article: string; finding: string }>;
  /** Input text set aside (furniture, repeated copies) or repaired (U+FFFD), summed over the articles. */
  input: InputLoss & { damagedArticles: number };
}

export interface Outputs {
  summary: Summary;
  /** Output file name → bytes. */
  sizes: Record<string, number>;
}

export const RESOLUTION_GRAPH = GRAPH + 'resolution';
const RDF_TYPE = RDF + 'type';
// Below every IRI character, above the separator: rdf:type opens a subject's predicates, and keys split cleanly.
const TYPE_FIRST = '\u0001';
const SEP = '\u0000';
const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const predicateKey = (p: string) => (p === RDF_TYPE ? TYPE_FIRST : p);
const predicateOf = (k: string) => (k === TYPE_FIRST ? RDF_TYPE : k);

function cmpQuad(a: QuadIds, b: QuadIds): number {
  return cmpStr(a[0], b[0]) || cmpStr(a[1], b[1]) || cmpStr(predicateKey(a[2]), predicateKey(b[2])) || cmpStr(a[3], b[3]);
}

/** One article record to read, in graph order. */
export interface PlanEntry {
  docId: string;
  path: string;
  graph: string;
}

/** What each part of the merge needs: the records in order, the resolution, where to write. Plain data (crosses threads). */
export interface AssemblePlan {
  entries: PlanEntry[];
  /** Article-local person key → resolved key. */
  rename: Array<[string, string]>;
  merges: Merge[];
  /** The prefixes TriG and Turtle declare: those some quad uses, in the table's order. */
  prefixes: Record<string, string>;
  outDir: string;
  tmpDir: string;
}

/** A written (not yet renamed) output: its temporary file and size. */
export interface WrittenFile {
  path: string;
  tmp: string;
  bytes: number;
}

/** graph.nq and graph.trig: article graphs in order, then the gazetteer and resolution graphs. */
export interface DatasetPart {
  files: WrittenFile[];
  quads: number;
  relations: number;
  positions: number;
  findings: Summary['findings'];
  input: Summary['input'];
}

/** graph.ttl (every triple once, by subject) and viewer.json. */
export interface UnionPart {
  files: WrittenFile[];
  entities: Record<string, number>;
  personNames: number;
}

/** Writes every output of the folders' articles into `outDir`; `threads` ≥ 2 writes two parts at once. */
export async function assemble(folders: WorkFolder[], outDir: string, tmpDir: string, threads = 1): Promise<Outputs> {
  // The articles in graph order; two records of one document id (two inputs named alike) share a graph.
  const entries = folders
    .flatMap((f) => f.manifest.articles.map((a) => ({ ...a, path: join(f.dir, a.record), graph: articleGraphIri(a.docId) })))
    .sort((a, b) => cmpStr(a.graph, b.graph) || cmpStr(a.path, b.path));

  // Every person's evidence (record headers only), then resolution.
  const mentions: PersonMention[] = [];
  const used = new Set<string>();
  for (const e of entries) {
    const header = readRecordHeader(e.path);
    for (const p of header.persons) mentions.push({ ...p, docId: e.docId });
    for (const p of header.prefixes) used.add(p);
  }
  const resolution = resolvePersons(mentions);
  for (const p of Object.keys(usedPrefixes(mergeQuads(resolution.merges).map(quadFromIds)))) used.add(p);
  const plan: AssemblePlan = {
    entries: entries.map((e) => ({ docId: e.docId, path: e.path, graph: e.graph })),
    rename: [...resolution.rename],
    merges: resolution.merges,
    prefixes: Object.fromEntries(Object.entries(PREFIXES).filter(([p]) => used.has(p))),
    outDir,
    tmpDir,
  };

  // The two parts read the records independently: on two threads they take the time of one.
  let dataset: DatasetPart;
  let union: UnionPart;
  const written: WrittenFile[] = [];
  try {
    if (threads >= 2) {
      const other = runInThread<UnionPart>('assemble-worker', plan);
      try {
        dataset = writeDataset(plan);
      } finally {
        union = await other;
      }
    } else {
      dataset = writeDataset(plan);
      union = writeUnion(plan);
    }
    written.push(...dataset.files, ...union.files);

    const failures = folders
      .flatMap((f) => f.manifest.failures)
      .map((f) => ({ input: f.ref, reason: f.reason }))
      .sort((a, b) => cmpStr(a.input, b.input) || cmpStr(a.reason, b.reason));
    const summary: Summary = {
      inputs: folders.reduce((n, f) => n + f.manifest.inputs, 0),
      articles: entries.length,
      reprints: entries.reduce((n, e) => n + e.reprints, 0),
      failed: failures.length,
      entities: union.entities,
      relations: dataset.relations,
      positions: dataset.positions,
      quads: dataset.quads,
      persons: { nodes: union.entities.Person ?? 0, names: union.personNames, mentions: mentions.length, merges: resolution.merges.length },
      failures,
      findings: dataset.findings,
      input: dataset.input,
    };
    const s = new FileSink(join(outDir, 'summary.json'), tmpDir);
    s.write(JSON.stringify(summary, null, 2) + '\n');
    written.push(s.finish());

    // All complete: only now does any output take its place.
    const sizes: Record<string, number> = {};
    for (const f of written) {
      renameSync(f.tmp, f.path);
      sizes[f.path.slice(outDir.length + 1)] = f.bytes;
    }
    return { summary, sizes };
  } catch (e) {
    for (const f of written) rmSync(f.tmp, { force: true });
    throw e;
  }
}

/** Records in graph order, those of one graph together. */
function* recordsByGraph(entries: PlanEntry[]): Generator<ArticleRecord[]> {
  for (let i = 0; i < entries.length; ) {
    let j = i + 1;
    while (j < entries.length && entries[j].graph === entries[i].graph) j++;
    yield entries.slice(i, j).map((e) => readRecordFile(e.path));
    i = j;
  }
}

/** The record's quads with resolved person IRIs. */
function resolvedQuads(r: ArticleRecord, rename: Map<string, string>): QuadIds[] {
  const iris = new Map(r.persons.map((p) => [entityIri(p.key), entityIri(rename.get(p.key) ?? p.key)]));
  return r.quads.map((q) => [q[0], iris.get(q[1]) ?? q[1], q[2], iris.get(q[3]) ?? q[3]]);
}

/** graph.nq and graph.trig, written to temporary files. */
export function writeDataset(plan: AssemblePlan): DatasetPart {
  const rename = new Map(plan.rename);
  const sinks = [new FileSink(join(plan.outDir, 'graph.nq'), plan.tmpDir), new FileSink(join(plan.outDir, 'graph.trig'), plan.tmpDir)];
  try {
    const nq = new N3.Writer(sinks[0], { format: 'N-Quads' });
    const trig = new N3.Writer(sinks[1], { format: 'TriG', prefixes: plan.prefixes });
    const gazetteer = new Set<string>();
    const part: DatasetPart = { files: [], quads: 0, relations: 0, positions: 0, findings: [], input: { furnitureLines: 0, furnitureCharacters: 0, repeatedLines: 0, repeatedCharacters: 0, replacedCharacters: 0, damagedArticles: 0 } };
    const write = (q: QuadIds) => {
      const quad = quadFromIds(q);
      nq.addQuad(quad);
      trig.addQuad(quad);
      part.quads++;
    };
    for (const records of recordsByGraph(plan.entries)) {
      const own: QuadIds[] = [];
      for (const r of records) {
        part.relations += r.relations;
        part.positions += r.positions;
        for (const f of r.findings ?? []) part.findings.push({ article: r.docId, finding: f });
        for (const k of ['furnitureLines', 'furnitureCharacters', 'repeatedLines', 'repeatedCharacters', 'replacedCharacters'] as const) part.input[k] += r.input[k];
        if (r.input.replacedCharacters) part.input.damagedArticles++;
        for (const q of resolvedQuads(r, rename)) {
          if (q[0] === GAZETTEER_GRAPH) gazetteer.add(q[1] + SEP + predicateKey(q[2]) + SEP + q[3]);
          else own.push(q);
        }
      }
      own.sort(cmpQuad);
      let prev: QuadIds | null = null;
      for (const q of own) {
        if (prev && cmpQuad(prev, q) === 0) continue;
        prev = q;
        write(q);
      }
    }
    // The gazetteer graph, shared by all articles; then the resolution graph, one node per join.
    for (const k of [...gazetteer].sort(cmpStr)) {
      const [s, p, o] = k.split(SEP);
      write([GAZETTEER_GRAPH, s, predicateOf(p), o]);
    }
    gazetteer.clear();
    for (const q of mergeQuads(plan.merges)) write(q);
    nq.end();
    trig.end();
    part.files = sinks.map((s) => s.finish());
    return part;
  } catch (e) {
    for (const s of sinks) s.abort();
    throw e;
  }
}

/** graph.ttl and viewer.json, written to temporary files. */
export function writeUnion(plan: AssemblePlan): UnionPart {
  const rename = new Map(plan.rename);
  const renameKey = (k: string) => rename.get(k) ?? k;
  const ttlSink = new FileSink(join(plan.outDir, 'graph.ttl'), plan.tmpDir);
  const v = new FileSink(join(plan.outDir, 'viewer.json'), plan.tmpDir);
  const articlesPart = new FileSink(join(plan.tmpDir, 'viewer-articles.part'), plan.tmpDir);
  try {
    const triples = new ExternalSorter(plan.tmpDir, 'triples');
    const nodes = new ExternalSorter(plan.tmpDir, 'nodes');
    const edges = new ExternalSorter(plan.tmpDir, 'edges');
    let order = 0;
    let firstArticle = true;
    for (const records of recordsByGraph(plan.entries)) {
      for (const r of records) {
        for (const q of resolvedQuads(r, rename)) triples.add(q[1] + SEP + predicateKey(q[2]) + SEP + q[3]);
        const ord = String(order++).padStart(9, '0');
        const view = renameViewerKeys(r.viewer, renameKey);
        for (const n of view.nodes) nodes.add(n.key + SEP + ord, JSON.stringify(n));
        for (const e of view.edges) edges.add(e.id + SEP + ord, JSON.stringify(e));
        for (const a of view.articles) {
          articlesPart.write((firstArticle ? '' : ',') + JSON.stringify(a));
          firstArticle = false;
        }
      }
    }
    for (const q of mergeQuads(plan.merges)) triples.add(q[1] + SEP + predicateKey(q[2]) + SEP + q[3]);

    // graph.ttl: every triple once, in subject order across the corpus.
    const ttl = new N3.Writer(ttlSink, { format: 'Turtle', prefixes: plan.prefixes });
    let last = '';
    for (const [k] of triples.sorted()) {
      if (k === last) continue;
      last = k;
      const [s, p, o] = k.split(SEP);
      ttl.addQuad(quadFromIds(['', s, predicateOf(p), o]));
    }
    ttl.end();

    // viewer.json: nodes and edges merged key by key, articles in graph order.
    const entities: Record<string, number> = { Person: 0, Place: 0, Organization: 0, Program: 0 };
    const personNames = new Set<string>();
    v.write(`{"version":${VIEWER_DATA_VERSION},"nodes":[`);
    let first = true;
    for (const node of mergedByKey<ViewerNode>(nodes, mergeViewerNode)) {
      entities[node.type] = (entities[node.type] ?? 0) + 1;
      if (node.type === 'Person') personNames.add(node.name);
      v.write((first ? '' : ',') + JSON.stringify(node));
      first = false;
    }
    v.write('],"edges":[');
    first = true;
    for (const edge of mergedByKey<ViewerEdge>(edges, mergeViewerEdge)) {
      v.write((first ? '' : ',') + JSON.stringify(edge));
      first = false;
    }
    v.write('],"articles":[');
    const part = articlesPart.finish();
    copyInto(v, part.tmp);
    rmSync(part.tmp, { force: true });
    v.write(']}');
    return { files: [ttlSink.finish(), v.finish()], entities, personNames: personNames.size };
  } catch (e) {
    for (const s of [ttlSink, v, articlesPart]) s.abort();
    throw e;
  }
}

/** Consecutive parts of one key (the key before the article order) merged into one value. */
function* mergedByKey<T>(sorter: ExternalSorter, merge: (into: T, part: T) => T): Generator<T> {
  let key: string | null = null;
  let value: T | null = null;
  for (const [k, json] of sorter.sorted()) {
    const base = k.slice(0, k.lastIndexOf(SEP));
    if (base === key) value = merge(value!, JSON.parse(json) as T);
    else {
      if (value !== null) yield value;
      key = base;
      value = JSON.parse(json) as T;
    }
  }
  if (value !== null) yield value;
}

function copyInto(sink: FileSink, path: string): void {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 20);
  try {
    let pending = Buffer.alloc(0);
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) {
      // Decode whole characters only: a chunk may end inside one.
      const all = Buffer.concat([pending, buf.subarray(0, n)]);
      let end = all.length;
      while (end > 0 && (all[end - 1] & 0xc0) === 0x80) end--;
      if (end > 0 && all[end - 1] >= 0xc0) end--;
      sink.write(all.subarray(0, end).toString('utf8'));
      pending = Buffer.from(all.subarray(end));
    }
    if (pending.length) sink.write(pending.toString('utf8'));
  } finally {
    closeSync(fd);
  }
}

const hash = (...parts: string[]) => createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 16);
const lit = (value: string, lang?: string) => (lang ? `"${value}"@${lang}` : `"${value}"`);

/** The audit trail of resolution as quads of the resolution graph (term ids). */
function mergeQuads(merges: Merge[]): QuadIds[] {
  const G = RESOLUTION_GRAPH;
  const out: QuadIds[] = [];
  for (const m of merges) {
    const M = `${ID}merge/${hash(m.person, m.from.key, m.to.key, m.rule)}`;
    out.push([G, M, RDF_TYPE, XC + 'Merge']);
    out.push([G, M, XC + 'mergedInto', entityIri(m.person)]);
    out.push([G, M, XC + 'mergeRule', XC + m.rule]);
    out.push([G, M, XC + 'mergeEvidence', lit(m.evidence)]);
    out.push([G, M, XC + 'fromArticle', articleIri(m.from.docId)]);
    out.push([G, M, XC + 'toArticle', articleIri(m.to.docId)]);
    if (m.shared) out.push([G, M, XC + 'sharedEntity', entityIri(m.shared)]);
  }
  return out.sort(cmpQuad);
}
