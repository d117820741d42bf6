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
import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import N3 from 'n3';
import { PREFIXES, RDF } from '../rdf/namespaces.ts';
import { articleGraphIri, articleIri, entityIri, GAZETTEER_GRAPH } from '../rdf/iri.ts';
import { GRAPH, ID, XC } from '../rdf/namespaces.ts';
import { mergeViewerEdge, mergeViewerNode, renameViewerKeys } from '../viewer/export.ts';
import { VIEWER_DATA_VERSION, type ViewerEdge, type ViewerNode } from '../viewer/types.ts';
import { ExternalSorter } from './external-sort.ts';
import type { InputFailure } from './inputs.ts';
import { FileSink } from './output.ts';
import { quadFromIds, readRecordFile, readRecordHeader, RECORD_VERSION, type QuadIds } from './record.ts';
import { resolvePersons, type Merge, type PersonMention } from './resolve.ts';

/** What an extraction run leaves in its work folder: the inputs it saw and the record of each article. */
export interface Manifest {
  version: typeof RECORD_VERSION;
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

/** Writes every output of the folders' articles into `outDir`. */
export function assemble(folders: WorkFolder[], outDir: string, tmpDir: string): Outputs {
  // The articles in graph order; two records of one document id (two inputs named alike) share a graph.
  const entries = folders
    .flatMap((f) => f.manifest.articles.map((a) => ({ ...a, path: join(f.dir, a.record), graph: articleGraphIri(a.docId) })))
    .sort((a, b) => cmpStr(a.graph, b.graph) || cmpStr(a.record, b.record));

  // Pass 1: every person's evidence, then resolution.
  const mentions: PersonMention[] = [];
  for (const e of entries) for (const p of readRecordHeader(e.path).persons) mentions.push({ ...p, docId: e.docId });
  const resolution = resolvePersons(mentions);
  const rename = (k: string) => resolution.rename.get(k) ?? k;

  // Pass 2: the streaming merge.
  const sinks = {
    nq: new FileSink(join(outDir, 'graph.nq'), tmpDir),
    trig: new FileSink(join(outDir, 'graph.trig'), tmpDir),
    ttl: new FileSink(join(outDir, 'graph.ttl'), tmpDir),
    viewer: new FileSink(join(outDir, 'viewer.json'), tmpDir),
    summary: new FileSink(join(outDir, 'summary.json'), tmpDir),
  };
  const articlesPart = new FileSink(join(tmpDir, 'viewer-articles.part'), tmpDir);
  try {
    const nq = new N3.Writer(sinks.nq, { format: 'N-Quads' });
    const trig = new N3.Writer(sinks.trig, { format: 'TriG', prefixes: PREFIXES });
    const triples = new ExternalSorter(tmpDir, 'triples');
    const nodes = new ExternalSorter(tmpDir, 'nodes');
    const edges = new ExternalSorter(tmpDir, 'edges');
    const gazetteer = new Set<string>();
    let quadCount = 0;
    let relations = 0;
    let positions = 0;
    const findings: Summary['findings'] = [];
    const writeQuad = (q: QuadIds) => {
      const quad = quadFromIds(q);
      nq.addQuad(quad);
      trig.addQuad(quad);
      quadCount++;
    };

    let order = 0;
    let firstArticle = true;
    for (let i = 0; i < entries.length; ) {
      let j = i + 1;
      while (j < entries.length && entries[j].graph === entries[i].graph) j++;
      const records = entries.slice(i, j).map((e) => readRecordFile(e.path));
      i = j;
      const own: QuadIds[] = [];
      for (const r of records) {
        relations += r.relations;
        positions += r.positions;
        for (const f of r.findings ?? []) findings.push({ article: r.docId, finding: f });
        // Article-local person IRIs → resolved ones.
        const iris = new Map(r.persons.map((p) => [entityIri(p.key), entityIri(rename(p.key))]));
        for (const q of r.quads) {
          const s = iris.get(q[1]) ?? q[1];
          const o = iris.get(q[3]) ?? q[3];
          if (q[0] === GAZETTEER_GRAPH) gazetteer.add(s + SEP + predicateKey(q[2]) + SEP + o);
          else own.push([q[0], s, q[2], o]);
        }
        const ord = String(order++).padStart(9, '0');
        const view = renameViewerKeys(r.viewer, rename);
        for (const n of view.nodes) nodes.add(n.key + SEP + ord, JSON.stringify(n));
        for (const e of view.edges) edges.add(e.id + SEP + ord, JSON.stringify(e));
        for (const a of view.articles) {
          articlesPart.write((firstArticle ? '' : ',') + JSON.stringify(a));
          firstArticle = false;
        }
      }
      own.sort(cmpQuad);
      let prev: QuadIds | null = null;
      for (const q of own) {
        if (prev && cmpQuad(prev, q) === 0) continue;
        prev = q;
        writeQuad(q);
        triples.add(q[1] + SEP + predicateKey(q[2]) + SEP + q[3]);
      }
    }

    // The gazetteer graph, shared by all articles.
    for (const k of [...gazetteer].sort(cmpStr)) {
      const [s, p, o] = k.split(SEP);
      writeQuad([GAZETTEER_GRAPH, s, predicateOf(p), o]);
      triples.add(k);
    }
    gazetteer.clear();
    // The resolution graph: one node per join, naming its rule and evidence.
    for (const q of mergeQuads(resolution.merges)) {
      writeQuad(q);
      triples.add(q[1] + SEP + predicateKey(q[2]) + SEP + q[3]);
    }
    nq.end();
    trig.end();

    // graph.ttl: every triple once, in subject order across the corpus.
    const ttl = new N3.Writer(sinks.ttl, { format: 'Turtle', prefixes: PREFIXES });
    let last = '';
    for (const [k] of triples.sorted()) {
      if (k === last) continue;
      last = k;
      const [s, p, o] = k.split(SEP);
      ttl.addQuad(quadFromIds(['', s, predicateOf(p), o]));
    }
    ttl.end();

    // viewer.json: nodes and edges merged key by key, articles in graph order.
    const typeCount: Record<string, number> = { Person: 0, Place: 0, Organization: 0, Program: 0 };
    const personNames = new Set<string>();
    const v = sinks.viewer;
    v.write(`{"version":${VIEWER_DATA_VERSION},"nodes":[`);
    let first = true;
    for (const node of mergedByKey<ViewerNode>(nodes, mergeViewerNode)) {
      typeCount[node.type] = (typeCount[node.type] ?? 0) + 1;
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
    articlesPart.commit();
    copyInto(v, articlesPart.path);
    rmSync(articlesPart.path, { force: true });
    v.write(']}');

    const failures = folders
      .flatMap((f) => f.manifest.failures)
      .map((f) => ({ input: f.ref, reason: f.reason }))
      .sort((a, b) => cmpStr(a.input, b.input) || cmpStr(a.reason, b.reason));
    const summary: Summary = {
      inputs: folders.reduce((n, f) => n + f.manifest.inputs, 0),
      articles: entries.length,
      reprints: entries.reduce((n, e) => n + e.reprints, 0),
      failed: failures.length,
      entities: typeCount,
      relations,
      positions,
      quads: quadCount,
      persons: { nodes: typeCount.Person, names: personNames.size, mentions: mentions.length, merges: resolution.merges.length },
      failures,
      findings,
    };
    sinks.summary.write(JSON.stringify(summary, null, 2) + '\n');

    // All complete: only now does any output take its place.
    const sizes: Record<string, number> = {};
    for (const [name, sink] of Object.entries(sinks)) {
      sink.commit();
      sizes[sink.path.slice(outDir.length + 1)] = sink.bytes;
    }
    return { summary, sizes };
  } catch (e) {
    for (const sink of [...Object.values(sinks), articlesPart]) sink.abort();
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
