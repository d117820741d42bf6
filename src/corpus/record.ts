// **record** — what one extracted article leaves in the work folder: its quads (as sortable term ids), the evidence of
// its persons for cross-article resolution, its viewer data, and counts. Written by a worker, read by the merge.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import N3 from 'n3';
import type { ArticleGraph, Document } from '../types.ts';
import { articleQuads } from '../rdf/article-quads.ts';
import { articleGraphIri, articleIri } from '../rdf/iri.ts';
import { sortQuads, termKey } from '../rdf/merge.ts';
import { usedPrefixes } from '../rdf/serialize.ts';
import { namedNode, quad, str, T, typed, xc, zh, type NamedNode, type Quad, type Quad_Object } from '../rdf/terms.ts';
import { viewerData } from '../viewer/export.ts';
import type { ViewerData } from '../viewer/types.ts';
import { personEvidence, type PersonEvidence } from './evidence.ts';
import { BUILD_CHECKS, type ArticleCheck } from './checks.ts';

/** A quad as n3 term ids: [graph, subject, predicate, object]. Ids sort as the serializers order terms. */
export type QuadIds = [string, string, string, string];

export interface ArticleRecord {
  /** Bumped when the shape changes, so an old work folder is re-extracted rather than misread. */
  version: typeof RECORD_VERSION;
  docId: string;
  /** Every input this article was read from (one, or several printings of the same text). */
  sources: string[];
  /** Characters of text analysed (for throughput figures). */
  chars: number;
  /** The article's quads in canonical order, article-local person keys. */
  quads: QuadIds[];
  persons: PersonEvidence[];
  /** The article's own viewer data (one article), merged across articles by the corpus merge. */
  viewer: ViewerData;
  relations: number;
  positions: number;
  /** Findings of the post-extraction checks (src/corpus/checks.ts), one line each. */
  findings: string[];
  /** What ingest set aside or repaired in this article's input: counted in the build summary, never silent. */
  input: InputLoss;
  /** The prefixes (src/rdf/namespaces.ts) some term of the quads can be written with: the outputs declare their union. */
  prefixes: string[];
}

export const RECORD_VERSION = 4;

/** Text of an input that was not analysed (page furniture, repeated copies) or was repaired while decoding. */
export interface InputLoss {
  furnitureLines: number;
  furnitureCharacters: number;
  repeatedLines: number;
  repeatedCharacters: number;
  /** Characters replaced with U+FFFD in damaged input. */
  replacedCharacters: number;
}

export function inputLoss(doc: Document): InputLoss {
  const d = doc.dropped;
  return {
    furnitureLines: d?.furnitureLines ?? 0,
    furnitureCharacters: d?.furnitureCharacters ?? 0,
    repeatedLines: d?.repeatedLines ?? 0,
    repeatedCharacters: d?.repeatedCharacters ?? 0,
    replacedCharacters: doc.damage?.replaced ?? 0,
  };
}

/**
 * The record of one article. `reprints` are other inputs that print the same text (another page or URL): each gets
 * an article node of its own in this article's graph, `xc:reprintOf` the one extracted, so every source is named.
 */
export function articleRecord(g: ArticleGraph, sources: string[], reprints: Document[] = [], checks: ArticleCheck[] = BUILD_CHECKS): ArticleRecord {
  const quads = articleQuads(g);
  const findings = checks.flatMap((check) => check(g, quads));
  const G = namedNode(articleGraphIri(g.doc.id));
  const A = namedNode(articleIri(g.doc.id));
  for (const d of reprints) {
    const R = namedNode(articleIri(d.id));
    const add = (p: NamedNode, o: Quad_Object) => quads.push(quad(R, p, o, G));
    add(T.type, xc('Article'));
    add(xc('reprintOf'), A);
    add(T.title, d.meta.title?.trim() ? zh(d.meta.title.trim()) : str(d.id));
    if (d.meta.published && /^\d{4}-\d{2}-\d{2}$/.test(d.meta.published)) add(T.date, typed(d.meta.published, 'date'));
    if (d.meta.source) add(T.source, zh(d.meta.source));
    if (d.meta.url) add(T.url, typed(d.meta.url, 'anyURI'));
    add(xc('sourceFile'), str(d.path));
  }
  const sorted = reprints.length ? sortQuads(quads) : quads;
  return {
    version: RECORD_VERSION,
    docId: g.doc.id,
    sources,
    chars: g.doc.text.length,
    quads: sorted.map(quadIds),
    persons: personEvidence(g),
    viewer: viewerData([g]),
    relations: g.relations.length,
    positions: g.positions.length,
    findings,
    input: inputLoss(g.doc),
    prefixes: Object.keys(usedPrefixes(sorted)),
  };
}

export const quadIds = (q: Quad): QuadIds => [termKey(q.graph), termKey(q.subject), termKey(q.predicate), termKey(q.object)];

/** n3 quad from term ids (no parsing: ids hold the raw values). */
export function quadFromIds([g, s, p, o]: QuadIds): Quad {
  const fromId = (N3 as unknown as { termFromId: (id: string) => unknown }).termFromId;
  return quad(fromId(s) as Quad['subject'], fromId(p) as Quad['predicate'], fromId(o) as Quad['object'], fromId(g) as Quad['graph']);
}

// ---------------------------------------------------------------- the record file
// Three JSON lines: a header (everything but viewer data and quads: small), the viewer data, the quads. Resolution
// reads only the headers of a corpus; the merge reads each record whole, once.

export type RecordHeader = Omit<ArticleRecord, 'viewer' | 'quads'>;

export function serializeRecord(r: ArticleRecord): string {
  const { viewer, quads, ...header } = r;
  return `${JSON.stringify(header)}\n${JSON.stringify(viewer)}\n${JSON.stringify(quads)}\n`;
}

function checked<T extends { version: number }>(path: string, value: T): T {
  if (value.version !== RECORD_VERSION) throw new Error(`${path}: a work record of another version (remove the folder's .work and build again)`);
  return value;
}

export function readRecordFile(path: string): ArticleRecord {
  const [header, viewer, quads] = readFileSync(path, 'utf8').split('\n');
  return { ...checked(path, JSON.parse(header) as RecordHeader), viewer: JSON.parse(viewer), quads: JSON.parse(quads) };
}

/** The first line only. */
export function readRecordHeader(path: string): RecordHeader {
  return checked(path, JSON.parse(readFirstLine(path)) as RecordHeader);
}

/** The first line of a file, read in chunks until its end (a record's header, without the rest). */
export function readFirstLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    for (;;) {
      const buf = Buffer.alloc(1 << 16);
      const n = readSync(fd, buf, 0, buf.length, null);
      const nl = buf.subarray(0, n).indexOf(0x0a);
      chunks.push(buf.subarray(0, nl >= 0 ? nl : n));
      if (nl >= 0 || n === 0) return Buffer.concat(chunks).toString('utf8');
    }
  } finally {
    closeSync(fd);
  }
}
