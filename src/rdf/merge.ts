// **merge** — canonical order for quads, and the union of many articles' quads (as a dataset or as one default graph).
import N3, { type Term } from 'n3';
import { RDF } from './namespaces.ts';
import { defaultGraph, quad, type Quad, type Quad_Graph } from './terms.ts';

const RDF_TYPE = RDF + 'type';

/**
 * A string that identifies a term and sorts deterministically (code-unit order, not locale):
 * n3's term id (the IRI, `_:b`, `"v"@lang`, `"v"^^datatype`, '' for the default graph), which n3 terms
 * already hold, so no literal is re-parsed.
 */
export function termKey(t: Term | Quad_Graph): string {
  return N3.termToId(t as Term) as string;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Deduplicated quads in canonical order: by graph (default graph first), subject, predicate with
 * rdf:type first (so writers open a subject with its class), then object.
 */
export function sortQuads(quads: Iterable<Quad>): Quad[] {
  // Terms repeat a lot (long IRIs with shared prefixes): sort the distinct keys once, then
  // sort quads by integer ranks, which is several times faster than comparing strings per quad.
  const rows: { q: Quad; k: string[] }[] = [];
  const distinct = new Set<string>();
  for (const q of quads) {
    // '\u0000' sorts before every IRI, so rdf:type comes first among a subject's predicates.
    const k = [termKey(q.graph), termKey(q.subject), q.predicate.value === RDF_TYPE ? '\u0000' : q.predicate.value, termKey(q.object)];
    for (const x of k) distinct.add(x);
    rows.push({ q, k });
  }
  const rank = new Map<string, number>();
  [...distinct].sort(cmp).forEach((x, i) => rank.set(x, i));
  const ranked = rows.map(({ q, k }) => ({ q, g: rank.get(k[0])!, s: rank.get(k[1])!, p: rank.get(k[2])!, o: rank.get(k[3])! }));
  ranked.sort((a, b) => a.g - b.g || a.s - b.s || a.p - b.p || a.o - b.o);
  const out: Quad[] = [];
  for (let i = 0; i < ranked.length; i++) {
    const r = ranked[i];
    const prev = ranked[i - 1];
    if (prev && prev.g === r.g && prev.s === r.s && prev.p === r.p && prev.o === r.o) continue; // duplicate
    out.push(r.q);
  }
  return out;
}

/** All quads of all articles, named graphs kept (the gazetteer graph is shared), deduplicated and sorted. */
export function mergeDataset(quadsPerArticle: Iterable<Quad[]>): Quad[] {
  return sortQuads(flatten(quadsPerArticle));
}

/** The union view for graph.ttl: every triple once, in the default graph, sorted. */
export function mergeDefaultGraph(quadsPerArticle: Iterable<Quad[]>): Quad[] {
  return sortQuads(toDefaultGraph(flatten(quadsPerArticle)));
}

/** The same triples with the graph dropped (not deduplicated: pass through sortQuads for that). */
export function* toDefaultGraph(quads: Iterable<Quad>): Iterable<Quad> {
  const dg = defaultGraph();
  for (const q of quads) yield q.graph.termType === 'DefaultGraph' ? q : quad(q.subject, q.predicate, q.object, dg);
}

function* flatten(lists: Iterable<Quad[]>): Iterable<Quad> {
  for (const l of lists) yield* l;
}
