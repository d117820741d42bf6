// **article-quads** — the quads of one ArticleGraph: text facts in the article's named graph, gazetteer facts in the gazetteer graph.
//
// Graphs: every fact read from the article goes into <…/graph/article/{docId}>; what comes from the
// gazetteer (division codes, places added only as parents, relations with source 'gazetteer') into
// <…/graph/gazetteer>, so a reader can tell the two apart or drop one.
// Provenance: each mention is a nif:Phrase <…/id/text/{docId}#char=b,e> (code points of the decoded input)
// pointing at its entity with itsrdf:taIdentRef; each text relation has an xc:Evidence node
// prov:wasDerivedFrom its nif:Sentence; each position points to its title span and sentence.
// Pure and deterministic: the same input gives the same quads in the same order.
import { createHash } from 'node:crypto';
import type { ArticleGraph, Entity, OrgKind, PlaceLevel, Position, Relation, Sentence, Span } from '../types.ts';
import { articleGraphIri, articleIri, contextIri, entityIri, evidenceIri, GAZETTEER_GRAPH, positionIri, spanIri } from './iri.ts';
import { nifOffsets, type NifOffsets } from './offsets.ts';
import { namePinyin } from './pinyin.ts';
import { sortQuads } from './merge.ts';
import { literal, namedNode, nonNeg, quad, str, T, typed, xc, zh, type NamedNode, type Quad, type Quad_Object } from './terms.ts';

export interface ArticleQuadsOptions {
  /** The decoded input of an HTML document: makes NIF offsets exact where markup holds astral characters. */
  input?: string;
}

const PLACE_LEVELS: ReadonlySet<string> = new Set<PlaceLevel>(['Province', 'Prefecture', 'County', 'Township', 'Village', 'Settlement']);
const ORG_KINDS: ReadonlySet<string> = new Set<OrgKind>([
  'GovernmentAgency', 'PartyOrganization', 'WorkTeam', 'MediaOrganization', 'Company',
  'Cooperative', 'EducationalInstitution', 'ResearchInstitute', 'SocialOrganization',
]);

/** Short stable id for nodes named by their content (positions, evidence). */
function hash(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 16);
}

/** The subclass of an entity, only when its subtype belongs under its type. */
function subclassOf(e: Entity): string | null {
  if (!e.subtype) return null;
  if (e.type === 'Place' && PLACE_LEVELS.has(e.subtype)) return e.subtype;
  if (e.type === 'Organization' && ORG_KINDS.has(e.subtype)) return e.subtype;
  return null;
}

/** The article's title: the metadata title, else its first title line, else its id. */
function articleTitle(g: ArticleGraph): Quad_Object {
  const t = g.doc.meta.title?.trim() || g.doc.sentences.find((s) => s.zone === 'title')?.text.trim();
  return t ? zh(t) : str(g.doc.id);
}

export function articleQuads(g: ArticleGraph, options: ArticleQuadsOptions = {}): Quad[] {
  const { doc } = g;
  const A = namedNode(articleIri(doc.id));
  const G = namedNode(articleGraphIri(doc.id));
  const Z = namedNode(GAZETTEER_GRAPH);
  const C = namedNode(contextIri(doc.id));
  const offsets = nifOffsets(doc, options.input ?? doc.input);
  const out: Quad[] = [];
  const add = (s: NamedNode, p: NamedNode, o: Quad_Object, graph: NamedNode = G) => out.push(quad(s, p, o, graph));

  // Sentences are written once, at the end, for all that some mention, relation or position uses.
  const usedSentences = new Set<number>();
  const sentenceNode = (index: number | undefined): NamedNode | null => {
    const s: Sentence | undefined = index === undefined ? undefined : doc.sentences[index];
    const o = s && offsets.span(s);
    if (!s || !o) return null;
    usedSentences.add(index!);
    return namedNode(spanIri(doc.id, o[0], o[1]));
  };
  // A NIF string for a span of the text; null when the span is empty or out of range.
  const phrase = (span: Span, anchor: string, sentence: number | undefined): NamedNode | null => {
    const o = offsets.span(span);
    if (!o) return null;
    const P = namedNode(spanIri(doc.id, o[0], o[1]));
    add(P, T.type, T.nifPhrase);
    add(P, T.beginIndex, nonNeg(o[0]));
    add(P, T.endIndex, nonNeg(o[1]));
    add(P, T.anchorOf, str(anchor));
    add(P, T.referenceContext, C);
    const S = sentenceNode(sentence);
    if (S) add(P, T.sentence, S);
    return P;
  };

  articleNode(g, A, C, offsets, add);

  for (const e of g.entities) {
    const E = namedNode(entityIri(e.key));
    const graph = e.fromGazetteer ? Z : G;
    add(E, T.type, xc(e.type), graph);
    const sub = subclassOf(e);
    if (sub) add(E, T.type, xc(sub), graph);
    add(E, T.label, zh(e.name), graph);
    for (const alias of new Set(e.aliases)) if (alias && alias !== e.name) add(E, T.altLabel, zh(alias), graph);
    const py = namePinyin(e.name, e.type === 'Person');
    if (py) add(E, T.hiddenLabel, zh(py, 'zh-Latn-pinyin'), graph);
    if (e.divisionCode) add(E, xc('divisionCode'), str(e.divisionCode), Z);
    if (!e.fromGazetteer) add(E, xc('mentionedIn'), A);
    for (const m of e.mentions) {
      const P = phrase(m, doc.text.slice(m.start, m.end), m.sentence);
      if (P) add(P, T.taIdentRef, E);
    }
  }

  for (const r of g.relations) relationQuads(r, doc.id, G, Z, add, sentenceNode);
  positionQuads(g.positions, doc.id, doc.text, add, sentenceNode, phrase);

  for (const i of usedSentences) {
    const s = doc.sentences[i];
    const [b, e] = offsets.span(s)!;
    const S = namedNode(spanIri(doc.id, b, e));
    add(S, T.type, T.nifSentence);
    add(S, T.beginIndex, nonNeg(b));
    add(S, T.endIndex, nonNeg(e));
    add(S, T.anchorOf, str(s.text));
    add(S, T.referenceContext, C);
  }

  return sortQuads(out);
}

type Add = (s: NamedNode, p: NamedNode, o: Quad_Object, graph?: NamedNode) => void;

function articleNode(g: ArticleGraph, A: NamedNode, C: NamedNode, offsets: NifOffsets, add: Add): void {
  const { doc } = g;
  const { meta } = doc;
  add(A, T.type, xc('Article'));
  add(A, T.title, articleTitle(g));
  if (meta.published && /^\d{4}-\d{2}-\d{2}$/.test(meta.published)) {
    add(A, T.date, typed(meta.published, 'date'));
    const time = meta.publishedTime && /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(meta.publishedTime);
    // Chinese official media print Beijing time; the offset makes the instant unambiguous.
    if (time) {
      const hms = `${time[1].padStart(2, '0')}:${time[2]}:${time[3] ?? '00'}`;
      add(A, T.datePublished, typed(`${meta.published}T${hms}+08:00`, 'dateTime'));
    }
  }
  if (meta.originalTitle) add(A, xc('originalTitle'), zh(meta.originalTitle));
  if (meta.source) add(A, T.source, zh(meta.source));
  if (meta.wire) add(A, xc('wire'), zh(meta.wire));
  if (meta.url) add(A, T.url, typed(meta.url, 'anyURI'));
  add(A, xc('encoding'), str(doc.encoding));
  add(A, xc('format'), str(doc.format));
  add(A, xc('sourceFile'), str(doc.path));
  add(A, xc('hasContext'), C);
  inputLossQuads(doc, A, add);

  // Reporters and the editor point to the person entities the link stage made for their names.
  const persons = g.entities.filter((e) => e.type === 'Person');
  const personNamed = (name: string) => persons.find((p) => p.name === name) ?? persons.find((p) => p.aliases.includes(name));
  for (const r of meta.reporters) {
    const p = personNamed(r);
    if (p) add(A, xc('reporter'), namedNode(entityIri(p.key)));
  }
  if (meta.publisher) {
    const p = personNamed(meta.publisher);
    if (p) add(A, xc('publisher'), namedNode(entityIri(p.key)));
  }

  add(C, T.type, T.nifContext);
  add(C, T.beginIndex, nonNeg(0));
  if (offsets.length !== null) add(C, T.endIndex, nonNeg(offsets.length));
}

/**
 * What the input lost or repeated, on the article, so that nothing is dropped silently: U+FFFD
 * replacements made while decoding (count, first code-point offset in the decoded input) and the
 * text set aside as furniture. Zero counts are left out.
 */
function inputLossQuads(doc: ArticleGraph['doc'], A: NamedNode, add: Add): void {
  if (doc.damage) {
    add(A, xc('replacedCharacters'), nonNeg(doc.damage.replaced));
    add(A, xc('firstReplacementOffset'), nonNeg(doc.damage.firstOffset));
  }
  const d = doc.dropped;
  if (!d) return;
  const counts: Array<[string, number]> = [
    ['furnitureLines', d.furnitureLines],
    ['furnitureCharacters', d.furnitureCharacters],
    ['repeatedLines', d.repeatedLines],
    ['repeatedCharacters', d.repeatedCharacters],
    ['repeatedSentences', d.repeatedSentences],
  ];
  for (const [name, n] of counts) if (n > 0) add(A, xc(name), nonNeg(n));
}

function relationQuads(
  r: Relation, docId: string, G: NamedNode, Z: NamedNode, add: Add,
  sentenceNode: (i: number | undefined) => NamedNode | null,
): void {
  const s = namedNode(entityIri(r.subject));
  const p = xc(r.type);
  const o = namedNode(entityIri(r.object));
  if (r.source === 'gazetteer') {
    add(s, p, o, Z);
    return;
  }
  add(s, p, o);
  // spouse is symmetric: both directions are stated so that queries need no reasoning.
  if (r.type === 'spouse') add(o, p, s);
  const S = sentenceNode(r.sentence);
  if (!S) return;
  const ev = namedNode(evidenceIri(docId, hash(r.subject, r.type, r.object, String(r.sentence))));
  add(ev, T.type, xc('Evidence'));
  add(ev, T.subject, s);
  add(ev, T.predicate, p);
  add(ev, T.object, o);
  add(ev, T.wasDerivedFrom, S);
}

/** One node per (holder, title, organization) in the article; each occurrence adds its span and sentence. */
function positionQuads(
  positions: Position[], docId: string, text: string, add: Add,
  sentenceNode: (i: number | undefined) => NamedNode | null,
  phrase: (span: Span, anchor: string, sentence: number | undefined) => NamedNode | null,
): void {
  for (const pos of positions) {
    const title = pos.title.trim();
    if (!title) continue;
    const P = namedNode(positionIri(docId, hash(pos.holder, title, pos.organization ?? '')));
    add(P, T.type, xc('Position'));
    add(P, xc('holder'), namedNode(entityIri(pos.holder)));
    add(P, xc('title'), literal(title, 'zh'));
    if (pos.organization) add(P, xc('organization'), namedNode(entityIri(pos.organization)));
    const span = phrase(pos.span, text.slice(pos.span.start, pos.span.end), pos.sentence);
    if (span) add(P, xc('titleSpan'), span);
    const S = sentenceNode(pos.sentence);
    if (S) add(P, T.wasDerivedFrom, S);
  }
}
