// **dataset** — ViewerData indexed for lookups: nodes, edges and sentences by key, incident edges, degree, and the hierarchy.
import type { PlaceLevel } from '../../src/types.ts';
import type { ViewerArticle, ViewerData, ViewerEdge, ViewerNode } from '../../src/viewer/types.ts';

export interface Dataset {
  data: ViewerData;
  nodes: Map<string, ViewerNode>;
  edges: Map<string, ViewerEdge>;
  articles: Map<string, ViewerArticle>;
  /** Edges touching each node, in data order. */
  incident: Map<string, ViewerEdge[]>;
  degree: Map<string, number>;
  /** Each node's parent: a place's enclosing place; an organization's parent unit, else the place it is located in. */
  parent: Map<string, string>;
  /** Inverse of `parent`, places only (the tree). */
  children: Map<string, string[]>;
  sentence(article: string, index: number): string | undefined;
}

/** Depth of each level in the administrative tree; a parent must have a smaller rank than its child. */
export const LEVEL_RANK: Record<PlaceLevel, number> = { Province: 0, Prefecture: 1, County: 2, Township: 3, Village: 4, Settlement: 5 };

export function rankOf(node: ViewerNode | undefined): number | undefined {
  return node?.type === 'Place' ? LEVEL_RANK[node.subtype as PlaceLevel] : undefined;
}

export function indexDataset(data: ViewerData): Dataset {
  const nodes = new Map(data.nodes.map((n) => [n.key, n]));
  const edges = new Map<string, ViewerEdge>();
  const incident = new Map<string, ViewerEdge[]>(data.nodes.map((n) => [n.key, []]));
  for (const e of data.edges) {
    // An edge to an unknown node would crash the renderer; the exporter never writes one, a hand-edited file might.
    if (!nodes.has(e.source) || !nodes.has(e.target)) continue;
    edges.set(e.id, e);
    incident.get(e.source)!.push(e);
    if (e.target !== e.source) incident.get(e.target)!.push(e);
  }
  const degree = new Map([...incident].map(([k, list]) => [k, list.length]));

  const articles = new Map(data.articles.map((a) => [a.id, a]));
  const sentences = new Map(data.articles.map((a) => [a.id, new Map(a.sentences.map((s) => [s.index, s.text]))]));

  const parent = new Map<string, string>();
  for (const node of data.nodes) {
    const p = chooseParent(node, incident.get(node.key)!, nodes);
    if (p) parent.set(node.key, p);
  }
  const children = new Map<string, string[]>();
  for (const [child, p] of parent) {
    if (nodes.get(child)?.type !== 'Place' || nodes.get(p)?.type !== 'Place') continue;
    let list = children.get(p);
    if (!list) children.set(p, (list = []));
    list.push(child);
  }

  return {
    data, nodes, edges, articles, incident, degree, parent, children,
    sentence: (article, index) => sentences.get(article)?.get(index),
  };
}

/** The closest enclosing unit: among outgoing locatedIn (or partOf) targets, the one just above the node's level. */
function chooseParent(node: ViewerNode, incident: ViewerEdge[], nodes: Map<string, ViewerNode>): string | undefined {
  const out = (type: ViewerEdge['type']) => incident.filter((e) => e.type === type && e.source === node.key && e.target !== node.key);
  if (node.type === 'Place') {
    const own = rankOf(node) ?? Infinity;
    let best: string | undefined;
    let bestRank = -1;
    for (const e of out('locatedIn')) {
      const target = nodes.get(e.target);
      const rank = rankOf(target);
      if (target?.type !== 'Place') continue;
      // Unknown levels count as just above the child: better some parent than none.
      const r = rank ?? (Number.isFinite(own) ? own - 0.5 : 0);
      if (r < own && r > bestRank) [best, bestRank] = [e.target, r];
    }
    return best;
  }
  if (node.type === 'Organization') {
    const unit = out('partOf').find((e) => nodes.get(e.target)?.type === 'Organization');
    if (unit) return unit.target;
    return out('locatedIn').find((e) => nodes.get(e.target)?.type === 'Place')?.target;
  }
  return undefined;
}

/** Parents from the nearest up to the root (山西省 › 忻州市 › 河曲县 for 河曲县's chain is [忻州市, 山西省]). Cycle-safe. */
export function chainOf(dataset: Dataset, key: string): string[] {
  const chain: string[] = [];
  const seen = new Set([key]);
  for (let p = dataset.parent.get(key); p !== undefined && !seen.has(p); p = dataset.parent.get(p)) {
    chain.push(p);
    seen.add(p);
  }
  return chain;
}
