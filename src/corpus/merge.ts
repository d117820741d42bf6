// **merge** links entities across articles held in memory (the library's form of what a corpus build does on disk).
// Places, organizations and programs already share keys (division codes, full names); persons are resolved by
// src/corpus/resolve.ts from the evidence each article gives (src/corpus/evidence.ts).
import type { ArticleGraph } from '../types.ts';
import { personEvidence } from './evidence.ts';
import { resolvePersons } from './resolve.ts';
import { articleQuads } from '../rdf/article-quads.ts';
import { entityIri } from '../rdf/iri.ts';
import { namedNode, quad, type Quad } from '../rdf/terms.ts';

/** Returns the graphs with person keys resolved across articles (the same answer a corpus build gives). */
export function linkAcrossArticles(graphs: ArticleGraph[]): ArticleGraph[] {
  const { rename } = resolvePersons(graphs.flatMap((g) => personEvidence(g).map((p) => ({ ...p, docId: g.doc.id }))));
  const r = (k: string) => rename.get(k) ?? k;
  return graphs.map((g) => ({
    ...g,
    entities: g.entities.map((e) => (rename.has(e.key) ? { ...e, key: r(e.key) } : e)),
    relations: g.relations.map((x) => ({ ...x, subject: r(x.subject), object: r(x.object) })),
    positions: g.positions.map((p) => ({ ...p, holder: r(p.holder), organization: p.organization && r(p.organization) })),
  }));
}

/**
 * One article's quads as a build of that article alone writes them: node IRIs minted from the article-local person
 * keys (as workers mint them), then person IRIs resolved.
 */
export function resolvedArticleQuads(g: ArticleGraph): Quad[] {
  const { rename } = resolvePersons(personEvidence(g).map((p) => ({ ...p, docId: g.doc.id })));
  const iris = new Map([...rename].map(([from, to]) => [entityIri(from), namedNode(entityIri(to))]));
  const term = <T extends Quad['subject'] | Quad['object']>(t: T): T => ((t.termType === 'NamedNode' && iris.get(t.value)) || t) as T;
  return articleQuads(g).map((q) => quad(term(q.subject), q.predicate, term(q.object), q.graph));
}
