// **xiangcun-kg** — the library entry: the pipeline stages as functions, and SPARQL over built graphs.
// Compiled to dist/ (`npm run compile`); the package exports dist/index.js with its .d.ts, and subpaths for the stages (./query, ./rdf, …).
export type * from './types.ts';
export { ingestFile, ingestBytes, ingestText, IngestError } from './ingest/index.ts';
export { recognize } from './recognize/index.ts';
export { recognizeText } from './recognize/text.ts';
export { extractArticle } from './corpus/article.ts';
export { linkAcrossArticles } from './corpus/merge.ts';
export { buildCorpus, mergeBuilds, type BuildOptions, type BuildResult } from './corpus/build.ts';
export { resolvePersons, type Resolution, type Merge as PersonMerge } from './corpus/resolve.ts';
export { articleQuads, mergeDataset, mergeDefaultGraph, toTurtle, toTriG, toNQuads, toJsonLd, validateShapes } from './rdf/index.ts';
export { loadGazetteer } from './gazetteer/index.ts';
export * from './query/index.ts';
export { pushGraphs, sparqlEndpointFor, StoreHttpError, PushInputError, type PushOptions, type PushReport } from './push/index.ts';
