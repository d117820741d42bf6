// **graph** — the dataset as a graphology graph with visual attributes; positions are seeded here and moved by layouts.
import { MultiDirectedGraph } from 'graphology';
import type { ViewerEdgeType } from '../../src/viewer/types.ts';
import { nodeColor, nodeSize, RELATION_COLORS, UNDIRECTED } from './appearance.ts';
import type { Dataset } from './dataset.ts';

export interface NodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
}

export interface EdgeAttrs {
  size: number;
  color: string;
  /** Shown on the edge: the title for positions; set per language by the renderer for relations. */
  label: string;
  /** sigma's program: 'arrow' or 'line'. */
  type: 'arrow' | 'line';
  relation: ViewerEdgeType;
}

export type XckgGraph = MultiDirectedGraph<NodeAttrs, EdgeAttrs>;

export function buildGraph(ds: Dataset, seed: number): XckgGraph {
  const graph: XckgGraph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>({ allowSelfLoops: false });
  const order = ds.data.nodes.length;
  for (const n of ds.data.nodes) {
    graph.addNode(n.key, { x: 0, y: 0, size: nodeSize(ds.degree.get(n.key) ?? 0, order), color: nodeColor(n), label: n.name });
  }
  // Thick enough to hit with the pointer: sigma picks edges on a half-resolution buffer where hairlines break up.
  const edgeSize = order > 20_000 ? 1 : order > 2_000 ? 2 : 3;
  for (const e of ds.edges.values()) {
    if (e.source === e.target) continue;
    graph.addEdgeWithKey(e.id, e.source, e.target, {
      size: edgeSize,
      color: RELATION_COLORS[e.type] ?? '#adb5bd',
      label: e.label ?? e.type,
      type: UNDIRECTED.has(e.type) ? 'line' : 'arrow',
      relation: e.type,
    });
  }
  seedPositions(graph, seed);
  return graph;
}

/**
 * Seeded start positions that already put neighbours near each other: walking the graph breadth-first from its
 * best-connected nodes, each node is dropped at a short random distance from the neighbour that reached it; each
 * connected component starts somewhere in a disc sized for the whole graph. Short edges from the first frame
 * mean a readable first picture, a cheaper first render, and fewer iterations for ForceAtlas2.
 * The same seed gives the same picture (re-seed = new seed).
 */
export function seedPositions(graph: XckgGraph, seed: number): void {
  const random = mulberry32(seed);
  const order = graph.order;
  const placed = new Map<string, { x: number; y: number }>();
  const degree = new Map(graph.mapNodes((key) => [key, graph.degree(key)] as const));
  const byDegree = graph.nodes().sort((a, b) => degree.get(b)! - degree.get(a)!);
  const queue: string[] = [];
  for (const root of byDegree) {
    if (placed.has(root)) continue;
    placed.set(root, discPoint(random, order));
    queue.length = 0;
    queue.push(root);
    for (let head = 0; head < queue.length; head++) {
      const from = placed.get(queue[head])!;
      // Hubs spread their neighbours wider, so a county with 500 villages is a disc, not a blot.
      const reach = 2 + Math.sqrt(degree.get(queue[head])!);
      graph.forEachNeighbor(queue[head], (next) => {
        if (placed.has(next)) return;
        const r = reach * (0.5 + random());
        const a = random() * 2 * Math.PI;
        placed.set(next, { x: from.x + r * Math.cos(a), y: from.y + r * Math.sin(a) });
        queue.push(next);
      });
    }
  }
  graph.updateEachNodeAttributes((key, attrs) => {
    const p = placed.get(key)!;
    attrs.x = p.x;
    attrs.y = p.y;
    return attrs;
  }, { attributes: ['x', 'y'] });
}

function discPoint(random: () => number, order: number) {
  const radius = Math.sqrt(order) * 10;
  const r = radius * Math.sqrt(random());
  const a = random() * 2 * Math.PI;
  return { x: r * Math.cos(a), y: r * Math.sin(a) };
}

/** Small seeded PRNG: the same seed gives the same first layout, so a shared link shows the same picture. */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
