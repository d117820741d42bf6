// **serialize** — quads to Turtle, TriG, N-Quads and JSON-LD strings, with the project's prefixes.
import N3 from 'n3';
import { PREFIXES, RDF, XSD, compact } from './namespaces.ts';
import { sortQuads, termKey, toDefaultGraph } from './merge.ts';
import type { Quad, Quad_Object } from './terms.ts';

type Format = 'Turtle' | 'TriG' | 'N-Quads';

/** The prefixes some term of these quads can be written with, in table order (unused ones are left out). */
export function usedPrefixes(quads: Quad[]): Record<string, string> {
  const used = new Set<string>();
  const note = (iri: string) => {
    const c = compact(iri);
    if (c) used.add(c.slice(0, c.indexOf(':')));
  };
  const seen = new Set<string>();
  for (const q of quads) {
    for (const t of [q.subject, q.predicate, q.object, q.graph]) {
      const iri = t.termType === 'NamedNode' ? t.value : t.termType === 'Literal' ? t.datatype.value : null;
      // Only the namespace part matters; checking each distinct IRI once keeps this linear and cheap.
      if (iri && !seen.has(iri)) {
        seen.add(iri);
        note(iri);
      }
    }
  }
  return Object.fromEntries(Object.entries(PREFIXES).filter(([p]) => used.has(p)));
}

function write(quads: Quad[], format: Format): string {
  const lineMode = format === 'N-Quads';
  const writer = new N3.Writer(lineMode ? { format } : { format, prefixes: usedPrefixes(quads) });
  writer.addQuads(quads);
  let result = '';
  let error: Error | null = null;
  // Without an output stream the writer hands back its string synchronously.
  writer.end((e, r) => {
    error = e;
    result = r;
  });
  if (error) throw error;
  return result;
}

/** Turtle of the triples (named graphs merged into one), deduplicated and sorted so subjects group. */
export function toTurtle(quads: Iterable<Quad>): string {
  return write(sortQuads(toDefaultGraph(quads)), 'Turtle');
}

/** TriG: one block per named graph, default-graph triples at the top. */
export function toTriG(quads: Iterable<Quad>): string {
  return write(sortQuads(quads), 'TriG');
}

/** N-Quads, canonical escaping, one quad per line, sorted. */
export function toNQuads(quads: Iterable<Quad>): string {
  return write(sortQuads(quads), 'N-Quads');
}

/** N-Triples of the merged triples (graphs dropped), sorted. */
export function toNTriples(quads: Iterable<Quad>): string {
  return write(sortQuads(toDefaultGraph(quads)), 'N-Quads');
}

// ---------------------------------------------------------------- JSON-LD

type JsonValue = { '@id': string } | { '@value': string; '@language'?: string; '@type'?: string };
type JsonNode = { '@id': string; '@type'?: string[]; [property: string]: unknown };

const RDF_TYPE = RDF + 'type';
// Escaped as \uXXXX so the JSON can sit inside an HTML <script> block (no `</script>`, no `<!--`)
// and be read as JavaScript (U+2028/2029 end lines there); JSON parsers read the same strings.
const UNSAFE_IN_HTML = /[<>&\u2028\u2029]/g;
const XSD_STRING = XSD + 'string';

const key = (iri: string) => compact(iri) ?? iri;
const nodeId = (t: { termType: string; value: string }) => (t.termType === 'BlankNode' ? '_:' + t.value : t.value);

function jsonValue(o: Quad_Object): JsonValue {
  if (o.termType !== 'Literal') return { '@id': nodeId(o) };
  if (o.language) return { '@value': o.value, '@language': o.language };
  if (o.datatype.value === XSD_STRING) return { '@value': o.value };
  return { '@value': o.value, '@type': key(o.datatype.value) };
}

/** Node objects of sorted quads of one graph, one per subject. */
function nodes(quads: Quad[]): JsonNode[] {
  const out: JsonNode[] = [];
  let cur: JsonNode | null = null;
  let curKey = '';
  for (const q of quads) {
    const sk = termKey(q.subject);
    if (!cur || sk !== curKey) {
      cur = { '@id': nodeId(q.subject) };
      curKey = sk;
      out.push(cur);
    }
    if (q.predicate.value === RDF_TYPE && q.object.termType === 'NamedNode') {
      (cur['@type'] ??= []).push(key(q.object.value));
    } else {
      const p = key(q.predicate.value);
      ((cur[p] ??= []) as JsonValue[]).push(jsonValue(q.object));
    }
  }
  return out;
}

/**
 * JSON-LD (1.1, compacted by hand): a @context of the used prefixes; default-graph nodes at the top
 * of @graph, each named graph as a {"@id", "@graph"} object. Properties and types use prefixed names.
 */
export function toJsonLd(quads: Iterable<Quad>): string {
  const sorted = sortQuads(quads);
  const byGraph = new Map<string, Quad[]>();
  for (const q of sorted) {
    const g = termKey(q.graph);
    let list = byGraph.get(g);
    if (!list) byGraph.set(g, (list = []));
    list.push(q);
  }
  const graph: unknown[] = [];
  for (const [g, qs] of byGraph) {
    if (g === '') graph.push(...nodes(qs));
    else graph.push({ '@id': nodeId(qs[0].graph), '@graph': nodes(qs) });
  }
  const doc = { '@context': usedPrefixes(sorted), '@graph': graph };
  return JSON.stringify(doc, null, 2).replace(UNSAFE_IN_HTML, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) + '\n';
}
