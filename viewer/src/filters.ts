// **filters** — dataset + filter state → the visible subgraph (sets of node keys and edge ids). Pure; the renderer only reads it.
import type { PlaceLevel } from '../../src/types.ts';
import type { Dataset } from './dataset.ts';
import type { FilterState, LayoutMode } from './types.ts';

export interface View {
  nodes: Set<string>;
  edges: Set<string>;
}

/**
 * A node is visible if its type, its place level and the chosen article let it through (and, in the tree layout,
 * if it is a place); an edge if its relation type is shown, both ends are visible and, with an article chosen,
 * that article is among its evidence. The ego filter then keeps what is within `ego` hops of `focus`.
 */
export function computeView(ds: Dataset, f: FilterState, focus: string | null, layout: LayoutMode): View {
  const hiddenTypes = new Set(f.hiddenTypes);
  const hiddenLevels = new Set<string>(f.hiddenLevels);
  const hiddenRelations = new Set<string>(f.hiddenRelations);
  const nodes = new Set<string>();
  for (const n of ds.data.nodes) {
    if (hiddenTypes.has(n.type)) continue;
    if (n.type === 'Place' && n.subtype && hiddenLevels.has(n.subtype as PlaceLevel)) continue;
    if (f.article && !n.articles.includes(f.article)) continue;
    if (layout === 'tree' && n.type !== 'Place') continue;
    nodes.add(n.key);
  }
  let edges = new Set<string>();
  for (const e of ds.edges.values()) {
    if (hiddenRelations.has(e.type) || !nodes.has(e.source) || !nodes.has(e.target)) continue;
    if (f.article && !e.evidence.some((ev) => ev.article === f.article)) continue;
    edges.add(e.id);
  }
  if (f.ego > 0 && focus !== null && nodes.has(focus)) {
    const reached = egoNetwork(ds, focus, f.ego, edges);
    edges = new Set([...edges].filter((id) => { const e = ds.edges.get(id)!; return reached.has(e.source) && reached.has(e.target); }));
    return { nodes: reached, edges };
  }
  return { nodes, edges };
}

/** Nodes within `depth` hops of `start`, walking visible edges in both directions. */
export function egoNetwork(ds: Dataset, start: string, depth: number, edges: Set<string>): Set<string> {
  const reached = new Set([start]);
  let frontier = [start];
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const key of frontier) {
      for (const e of ds.incident.get(key) ?? []) {
        if (!edges.has(e.id)) continue;
        const other = e.source === key ? e.target : e.source;
        if (!reached.has(other)) { reached.add(other); next.push(other); }
      }
    }
    frontier = next;
  }
  return reached;
}
