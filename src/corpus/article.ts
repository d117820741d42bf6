// **article** is the pure per-article function: Document → ArticleGraph (entities, relations, positions).
// Only cross-article merging (src/corpus/merge.ts) looks at more than one article.
import type { ArticleGraph, Document } from '../types.ts';
import { recognize, loadResources, type Resources } from '../recognize/index.ts';
import { link } from '../link/index.ts';
import { relate } from '../relate/index.ts';

export function extractArticle(doc: Document, res: Resources = loadResources()): ArticleGraph {
  const mentions = recognize(doc, res);
  const linked = link(doc, mentions, res.gaz, res.lex);
  const related = relate(doc, mentions, linked, res.gaz, res.lex);
  const entities = [...linked.entities, ...related.gazetteerPlaces].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { doc, entities, relations: related.relations, positions: related.positions };
}
