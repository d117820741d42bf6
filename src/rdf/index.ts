// **rdf** — public face of the rdf stage: ArticleGraph → quads, merging, serializers, SHACL validation.
export * from './namespaces.ts';
export { entityIri, articleIri, articleGraphIri, contextIri, spanIri, positionIri, evidenceIri, keyOf, encodePath, encodeSegment, GAZETTEER_GRAPH } from './iri.ts';
export { articleQuads, type ArticleQuadsOptions } from './article-quads.ts';
export { mergeDataset, mergeDefaultGraph, sortQuads, toDefaultGraph, termKey } from './merge.ts';
export { toTurtle, toTriG, toNQuads, toNTriples, toJsonLd } from './serialize.ts';
export { validateShapes, validateArticleQuads, ShapeChecker, violationLine, type ValidateOptions, type ValidationOutcome, type Violation } from './validate.ts';
export { validateGraphFiles, resolveGraphFile, type GraphValidation, type GraphValidationOptions } from './validate-graph.ts';
export { nifOffsets, type NifOffsets } from './offsets.ts';
export { namePinyin } from './pinyin.ts';
export type { Quad } from './terms.ts';
