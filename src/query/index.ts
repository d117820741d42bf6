// **query** — public face of the query stage: open built graphs in oxigraph, run SPARQL, typed lookups, result formats.
export { openGraph, openGraphSync, resolveGraphFiles, GraphStore, GraphFileError, BUILD_OUTPUTS } from './store.ts';
export { GraphWorker, queryGraph, QueryTimeoutError, type QueryOptions } from './worker-store.ts';
export type { OpenOptions, LoadOptions, SelectResult, QueryResult } from './store.ts';
export { QueryError, withProjectPrefixes, readPrologue, type QueryForm } from './sparql.ts';
export { plainValue, plainRow, termSyntax, isNumeric, type Term, type Row, type PlainRow, type PlainValue } from './terms.ts';
export { officialsIn, subtreeOf, relationsOf, findEntities, resolveEntity, normalizePinyin } from './lookups.ts';
export type { EntityRef, Official, OfficialsOptions, PlaceNode, RelationFact, EntityMatch, FindOptions } from './lookups.ts';
export { formatTable, formatJson, formatAskJson, formatCsv, formatTsv, formatSelect, displayTerm, RESULT_FORMATS, type ResultFormat, type Table, type TableOptions } from './format.ts';
export { displayWidth, charWidth } from './width.ts';
