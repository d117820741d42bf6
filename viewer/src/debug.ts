// **debug** — a read-only handle on window.__xckg for tests and benchmarks: counts, selection, screen positions, timings.
import type { Dataset } from './dataset.ts';
import type { XckgGraph } from './graph.ts';
import type { LayoutController } from './layout.ts';
import type { Renderer } from './renderer.ts';
import type { Store } from './store.ts';

export interface Timings {
  /** ms since navigation start: viewer.json parsed, graph built, first frame drawn. */
  dataLoaded?: number;
  graphBuilt?: number;
  firstRender?: number;
}

export interface DebugHandle {
  readonly ready: boolean;
  readonly order: number;
  readonly size: number;
  readonly dataNodes: number;
  drawnNodes(): number;
  drawnEdges(): number;
  /** Keys of the nodes drawn (not hidden by filters). */
  drawnNodeKeys(): string[];
  selection(): unknown;
  state(): unknown;
  /** Page coordinates (CSS px) of a node's centre, or of an edge's midpoint. */
  nodePosition(key: string): { x: number; y: number } | null;
  edgePosition(id: string): { x: number; y: number } | null;
  /** What sigma draws for a node after the reducers (colour, hidden, label, highlighted). */
  nodeDisplay(key: string): { color: string; hidden: boolean; label: string | null; highlighted: boolean } | null;
  layoutRunning(): boolean;
  layoutIterations(): number;
  /** Duration of the last frame sigma drew (ms). */
  lastRenderMs(): number;
  timings(): Timings;
}

export function installDebugHandle(graph: XckgGraph, ds: Dataset, store: Store, renderer: Renderer, layout: LayoutController, timings: Timings): void {
  const sigma = renderer.sigma;
  const toPage = (p: { x: number; y: number }) => {
    const v = sigma.framedGraphToViewport(p);
    const rect = sigma.getContainer().getBoundingClientRect();
    return { x: rect.left + v.x, y: rect.top + v.y };
  };
  const shown = (key: string) => { const d = sigma.getNodeDisplayData(key); return !!d && !d.hidden; };
  const handle: DebugHandle = {
    ready: true,
    order: graph.order,
    size: graph.size,
    dataNodes: ds.data.nodes.length,
    drawnNodes: () => graph.filterNodes(shown).length,
    drawnEdges: () => graph.filterEdges((e) => { const d = sigma.getEdgeDisplayData(e); return !!d && !d.hidden; }).length,
    drawnNodeKeys: () => graph.filterNodes(shown),
    selection: () => structuredClone(store.get().selection),
    state: () => structuredClone(store.get()),
    nodePosition(key) {
      const d = sigma.getNodeDisplayData(key);
      return d ? toPage(d) : null;
    },
    edgePosition(id) {
      if (!graph.hasEdge(id)) return null;
      const [s, t] = graph.extremities(id).map((k) => sigma.getNodeDisplayData(k));
      return s && t ? toPage({ x: (s.x + t.x) / 2, y: (s.y + t.y) / 2 }) : null;
    },
    nodeDisplay(key) {
      const d = sigma.getNodeDisplayData(key);
      return d ? { color: d.color, hidden: d.hidden, label: d.label, highlighted: d.highlighted } : null;
    },
    layoutRunning: () => layout.isRunning(),
    layoutIterations: () => layout.iterations(),
    lastRenderMs: () => renderer.lastRenderMs(),
    timings: () => ({ ...timings }),
  };
  Object.defineProperty(window, '__xckg', { value: Object.freeze(handle), writable: false, configurable: false });
}
