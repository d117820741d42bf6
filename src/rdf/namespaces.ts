// **namespaces** — the one prefix table of the project: the rdf stage writes with it, query and viewer read with it.

/** Our vocabulary (classes and properties, defined in ontology/xiangcun.ttl). */
export const XC = 'https://w3id.org/xiangcun-kg/ns#';
/** Base of every resource IRI: an Entity.key is a path below it (`place/140930`, `person/张乃田`). */
export const ID = 'https://w3id.org/xiangcun-kg/id/';
/** Base of named-graph IRIs: `graph/article/<docId>` per article, `graph/gazetteer` for gazetteer facts. */
export const GRAPH = 'https://w3id.org/xiangcun-kg/graph/';

export const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
export const OWL = 'http://www.w3.org/2002/07/owl#';
export const XSD = 'http://www.w3.org/2001/XMLSchema#';
export const SKOS = 'http://www.w3.org/2004/02/skos/core#';
// schema.org over http: the form its own RDF releases and Wikidata use; both schemes name the same terms.
export const SCHEMA = 'http://schema.org/';
export const ORG = 'http://www.w3.org/ns/org#';
export const PROV = 'http://www.w3.org/ns/prov#';
export const DCTERMS = 'http://purl.org/dc/terms/';
export const NIF = 'http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#';
export const ITSRDF = 'http://www.w3.org/2005/11/its/rdf#';
export const FOAF = 'http://xmlns.com/foaf/0.1/';
export const SH = 'http://www.w3.org/ns/shacl#';

/** Prefix → namespace IRI, in the order serializers declare them. */
export const PREFIXES: Readonly<Record<string, string>> = Object.freeze({
  xc: XC,
  id: ID,
  rdf: RDF,
  rdfs: RDFS,
  owl: OWL,
  xsd: XSD,
  skos: SKOS,
  schema: SCHEMA,
  org: ORG,
  prov: PROV,
  dcterms: DCTERMS,
  nif: NIF,
  itsrdf: ITSRDF,
  foaf: FOAF,
  sh: SH,
});

/** `xc:Person` → full IRI; full IRIs pass through unchanged. Throws on an unknown prefix. */
export function expand(curie: string): string {
  const m = /^([A-Za-z][\w-]*):(.*)$/.exec(curie);
  if (!m || m[2].startsWith('//')) return curie;
  const ns = PREFIXES[m[1]];
  if (ns === undefined) throw new Error(`unknown prefix in ${curie}`);
  return ns + m[2];
}

/** Full IRI → `prefix:local` when a namespace matches and the rest is a plain local name, else null. */
export function compact(iri: string): string | null {
  let best: [string, string] | null = null;
  for (const [p, ns] of Object.entries(PREFIXES)) {
    if (iri.startsWith(ns) && (!best || ns.length > best[1].length)) best = [p, ns];
  }
  if (!best) return null;
  const local = iri.slice(best[1].length);
  // Only names every reader accepts unescaped (no '/', '#', '%' or CJK punctuation surprises).
  return /^[A-Za-z_][\w.-]*$/.test(local) && !local.endsWith('.') ? `${best[0]}:${local}` : null;
}
