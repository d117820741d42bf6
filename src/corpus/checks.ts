// **checks** — the hook after each article's extraction, run in the worker: functions that look at one article's graph
// and quads and return findings (one line each) that the build's summary lists under the article.
// Add a check here (SHACL validation per article, for instance); an empty list costs nothing.
import type { ArticleGraph } from '../types.ts';
import type { Quad } from '../rdf/terms.ts';

/** One check: the article's extraction and its quads in, findings out (empty when all is well). */
export type ArticleCheck = (graph: ArticleGraph, quads: Quad[]) => string[];

export const ARTICLE_CHECKS: ArticleCheck[] = [];
