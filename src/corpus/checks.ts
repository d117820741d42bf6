// **checks** — the hook after each article's extraction, run in the worker: functions that look at one article's graph
// and quads and return findings (one line each) that the build's summary lists under the article.
// Add a check here (SHACL validation per article, for instance); an empty list costs nothing.
import type { ArticleGraph } from '../types.ts';
import type { Quad } from '../rdf/terms.ts';
import { documentWarnings } from '../ingest/warnings.ts';
import { validateArticleQuadsSync, violationLine } from '../rdf/validate.ts';

/** One check: the article's extraction and its quads in, findings out (empty when all is well). */
export type ArticleCheck = (graph: ArticleGraph, quads: Quad[]) => string[];

/** What ingest repaired or set aside: damaged bytes decoded as U+FFFD, the same text printed several times. */
export const inputWarnings: ArticleCheck = (graph) => documentWarnings(graph.doc).map((w) => `warning: ${w}`);

/** The article's quads against ontology/shapes.ttl, as `xckg validate` checks a built graph. */
export const shapeViolations: ArticleCheck = (_graph, quads) => validateArticleQuadsSync(quads).map((v) => `shape violation: ${violationLine(v)}`);

export const ARTICLE_CHECKS: ArticleCheck[] = [inputWarnings, shapeViolations];

/**
 * What `xckg build` runs on every article; `--validate` adds the shapes. Validating each article costs more than
 * extracting it (measured: 27 s against 16 s for 200 corpus articles), so it is asked for, not paid by default.
 */
export const BUILD_CHECKS: ArticleCheck[] = [inputWarnings];
