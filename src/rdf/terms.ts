// **terms** — RDF/JS term constructors and the fixed vocabulary terms the rdf stage writes.
import N3 from 'n3';
import type { Literal, NamedNode, Quad, Quad_Graph, Quad_Object, Quad_Subject } from 'n3';
import { DCTERMS, ITSRDF, NIF, PROV, RDF, RDFS, SCHEMA, SKOS, XC, XSD } from './namespaces.ts';

const { namedNode, literal, quad, defaultGraph } = N3.DataFactory;

export { namedNode, literal, quad, defaultGraph };
export type { Quad, NamedNode, Literal, Quad_Graph, Quad_Object, Quad_Subject };

/** A term of our vocabulary: xc('Person'). */
export const xc = (local: string): NamedNode => namedNode(XC + local);

/** Language-tagged string; Chinese by default. */
export const zh = (value: string, lang = 'zh'): Literal => literal(value, lang);
/** Typed literal with an XML Schema datatype: typed('12', 'nonNegativeInteger'). */
export const typed = (value: string, xsdLocal: string): Literal => literal(value, namedNode(XSD + xsdLocal));
/** Plain xsd:string literal. */
export const str = (value: string): Literal => literal(value);
export const nonNeg = (n: number): Literal => typed(String(n), 'nonNegativeInteger');

export const T = {
  type: namedNode(RDF + 'type'),
  subject: namedNode(RDF + 'subject'),
  predicate: namedNode(RDF + 'predicate'),
  object: namedNode(RDF + 'object'),
  label: namedNode(RDFS + 'label'),
  altLabel: namedNode(SKOS + 'altLabel'),
  hiddenLabel: namedNode(SKOS + 'hiddenLabel'),
  title: namedNode(DCTERMS + 'title'),
  date: namedNode(DCTERMS + 'date'),
  source: namedNode(DCTERMS + 'source'),
  url: namedNode(SCHEMA + 'url'),
  datePublished: namedNode(SCHEMA + 'datePublished'),
  wasDerivedFrom: namedNode(PROV + 'wasDerivedFrom'),
  nifContext: namedNode(NIF + 'Context'),
  nifPhrase: namedNode(NIF + 'Phrase'),
  nifSentence: namedNode(NIF + 'Sentence'),
  beginIndex: namedNode(NIF + 'beginIndex'),
  endIndex: namedNode(NIF + 'endIndex'),
  anchorOf: namedNode(NIF + 'anchorOf'),
  referenceContext: namedNode(NIF + 'referenceContext'),
  sentence: namedNode(NIF + 'sentence'),
  taIdentRef: namedNode(ITSRDF + 'taIdentRef'),
} as const;
