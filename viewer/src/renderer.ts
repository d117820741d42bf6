// **renderer** — sigma on the graph: filters, hover and selection applied through reducers (the data is never mutated
// for display), language-dependent edge labels, and pointer events turned into state changes.
import Sigma from 'sigma';
import { EdgeLineProgram } from 'sigma/rendering';
import type { NodeDisplayData, EdgeDisplayData, PartialButFor } from 'sigma/types';
import type { Settings } from 'sigma/settings';
import { FADED, FONT_STACK } from './appearance.ts';
import type { Dataset } from './dataset.ts';
import { computeView, type View } from './filters.ts';
import type { EdgeAttrs, NodeAttrs, XckgGraph } from './graph.ts';
import { relationName } from './i18n.ts';
import type { Store } from './store.ts';
import type { AppState } from './types.ts';

/**
 * Above this many edges, edge labels and edge hover cost more than they give, and edges are drawn as 1-pixel
 * GL lines (one cheap program instead of a rectangle plus an arrow head, unreadable at that scale anyway).
 */
const EDGE_LABEL_MAX_EDGES = 20_000;
/** Up to this many nodes every label is drawn, so "fit" makes room for the labels, not only the nodes. */
const LABEL_FIT_MAX_ORDER = 300;
/** Above this many edges, edges are not drawn while the layout moves the nodes (frames get much cheaper). */
const EDGES_DURING_LAYOUT_MAX = 10_000;

export interface Renderer {
  sigma: Sigma<NodeAttrs, EdgeAttrs>;
  view(): View;
  /** Move the camera onto a node (used when it is chosen from search or the panel, not when clicked). */
  centreOn(key: string): void;
  /** Frame the visible nodes, and for small graphs their labels too. */
  fit(animate?: boolean): void;
  zoom(factor: number): void;
  pan(dx: number, dy: number): void;
  /** Duration of the last frame sigma drew, until the next animation frame, in ms. */
  lastRenderMs(): number;
  /** Told by the layout: large graphs hide their edges while it runs. */
  setLayoutRunning(running: boolean): void;
}

export function createRenderer(container: HTMLElement, graph: XckgGraph, ds: Dataset, store: Store): Renderer {
  let view = derive(store.get());
  let focus: string | null = null;
  let neighbours = new Set<string>();
  let selectedEdge: string | null = null;
  let selectedNode: string | null = null;
  let lang = store.get().lang;

  function derive(s: AppState): View {
    return computeView(ds, s.filters, s.selection?.kind === 'node' ? s.selection.key : null, s.layout);
  }

  function updateFocus(s: AppState) {
    selectedNode = s.selection?.kind === 'node' ? s.selection.key : null;
    selectedEdge = s.selection?.kind === 'edge' ? s.selection.id : null;
    focus = s.hovered ?? selectedNode;
    neighbours = new Set();
    if (focus !== null && graph.hasNode(focus)) {
      for (const n of graph.neighbors(focus)) if (view.nodes.has(n)) neighbours.add(n);
    } else if (selectedEdge !== null && graph.hasEdge(selectedEdge)) {
      neighbours = new Set(graph.extremities(selectedEdge));
    }
  }

  // Sigma hands reducers a shallow copy of the attributes: writing into it is safe and spares an allocation per item.
  const nodeReducer = (node: string, attrs: NodeAttrs): Partial<NodeDisplayData> => {
    const res = attrs as NodeAttrs & Partial<NodeDisplayData>;
    if (!view.nodes.has(node)) {
      res.hidden = true;
      return res;
    }
    if (node === selectedNode) {
      res.highlighted = true;
      res.forceLabel = true;
      res.zIndex = 3;
    }
    if (focus !== null || selectedEdge !== null) {
      if (node === focus) {
        res.highlighted = true;
        res.forceLabel = true;
        res.zIndex = 3;
      } else if (neighbours.has(node)) {
        res.forceLabel = true;
        res.zIndex = 2;
      } else if (node !== selectedNode) {
        res.color = FADED;
        res.label = '';
        res.zIndex = 0;
      }
    }
    return res;
  };

  const labelOf = (edge: string) => {
    const a = graph.getEdgeAttributes(edge);
    return a.relation === 'position' ? a.label : relationName(lang, a.relation);
  };
  // Parallel edges (张乃田 → 民政局: member of, and 门卫) are drawn on top of each other: one of them carries all labels.
  const edgeLabels = graph.size <= EDGE_LABEL_MAX_EDGES;
  const parallel = edgeLabels ? parallelGroups(graph) : new Map<string, string[]>();

  let edgesHidden = false;
  const edgeReducer = (edge: string, attrs: EdgeAttrs): Partial<EdgeDisplayData> => {
    const res = attrs as EdgeAttrs & Partial<EdgeDisplayData>;
    if (edgesHidden || !view.edges.has(edge)) {
      res.hidden = true;
      return res;
    }
    if (edgeLabels) {
      res.label = labelOf(edge);
      const group = parallel.get(edge);
      if (group) {
        const shown = group.filter((id) => view.edges.has(id));
        const owner = selectedEdge !== null && shown.includes(selectedEdge) ? selectedEdge : shown[0];
        res.label = edge === owner ? shown.map(labelOf).join(' · ') : '';
      }
    }
    if (edge === selectedEdge) {
      res.size = attrs.size + 3;
      res.forceLabel = true;
      res.zIndex = 2;
    } else if (focus !== null ? !touches(edge, focus) : selectedEdge !== null) {
      res.color = FADED;
      res.label = '';
    } else if (focus !== null) {
      res.size = attrs.size + 1;
      res.forceLabel = true;
      res.zIndex = 1;
    }
    return res;
  };

  const touches = (edge: string, node: string) => {
    const [s, t] = graph.extremities(edge);
    return s === node || t === node;
  };

  const settings: Partial<Settings<NodeAttrs, EdgeAttrs>> = {
    labelFont: FONT_STACK,
    labelSize: 13,
    labelWeight: 'normal',
    labelColor: { color: '#212529' },
    // Small graphs show every label; large ones one label per grid cell, the biggest node winning.
    labelDensity: graph.order <= LABEL_FIT_MAX_ORDER ? 4 : 0.9,
    labelGridCellSize: graph.order <= LABEL_FIT_MAX_ORDER ? 40 : 70,
    // Small graphs label every node, isolated ones included; large ones only nodes drawn big enough.
    labelRenderedSizeThreshold: graph.order <= LABEL_FIT_MAX_ORDER ? 0 : 6,
    edgeLabelFont: FONT_STACK,
    edgeLabelSize: 11,
    edgeLabelColor: { color: '#495057' },
    renderEdgeLabels: edgeLabels,
    ...(!edgeLabels ? { edgeProgramClasses: { arrow: EdgeLineProgram, line: EdgeLineProgram } } : {}),
    enableEdgeEvents: edgeLabels,
    defaultEdgeType: 'arrow',
    zIndex: true,
    minCameraRatio: 0.02,
    maxCameraRatio: 20,
    stagePadding: 50,
    defaultDrawNodeLabel: drawLabelWithHalo,
    nodeReducer,
    edgeReducer,
  };
  updateFocus(store.get());
  const sigma = new Sigma<NodeAttrs, EdgeAttrs>(graph, container, settings);

  store.subscribe((s, prev) => {
    const filtersChanged = s.filters !== prev.filters || s.layout !== prev.layout
      || (s.filters.ego > 0 && s.selection !== prev.selection);
    if (filtersChanged) view = derive(s);
    lang = s.lang;
    updateFocus(s);
    if (filtersChanged || s.selection !== prev.selection || s.lang !== prev.lang) sigma.refresh();
    // Hover follows the pointer: batch it into the next frame instead of redrawing on every event.
    else if (s.hovered !== prev.hovered) sigma.refresh({ schedule: true });
  });

  sigma.on('enterNode', ({ node }) => store.set({ hovered: node }));
  sigma.on('leaveNode', () => store.set({ hovered: null }));
  sigma.on('clickNode', ({ node }) => store.set({ selection: { kind: 'node', key: node }, hovered: null }));
  sigma.on('clickEdge', ({ edge }) => store.set({ selection: { kind: 'edge', id: edge } }));
  sigma.on('clickStage', () => store.set({ selection: null }));
  // A pointer cursor tells the user that nodes and edges can be clicked.
  sigma.on('enterEdge', () => { container.style.cursor = 'pointer'; });
  sigma.on('leaveEdge', () => { container.style.cursor = ''; });
  sigma.on('enterNode', () => { container.style.cursor = 'pointer'; });
  sigma.on('leaveNode', () => { container.style.cursor = ''; });

  let renderStart = 0;
  let renderMs = 16;
  sigma.on('beforeRender', () => { renderStart = performance.now(); });
  // Up to the next frame, not just the draw calls: with software WebGL the real cost is paid when the frame is
  // composited, and that is what a layout running at full speed must leave room for.
  sigma.on('afterRender', () => {
    const start = renderStart;
    requestAnimationFrame(() => { renderMs = performance.now() - start; });
  });

  const camera = sigma.getCamera();
  return {
    lastRenderMs: () => renderMs,
    setLayoutRunning(running) {
      const hide = running && graph.size > EDGES_DURING_LAYOUT_MAX;
      if (hide === edgesHidden) return;
      edgesHidden = hide;
      sigma.refresh({ schedule: true });
    },
    sigma,
    view: () => view,
    centreOn(key) {
      const d = sigma.getNodeDisplayData(key);
      if (!d) return;
      camera.animate({ x: d.x, y: d.y, ratio: Math.min(camera.ratio, 0.6) }, { duration: 400 });
    },
    fit(animate = true) {
      const small = graph.order <= LABEL_FIT_MAX_ORDER;
      // Positions may have just changed (tree, re-seed): bring sigma's display data up to date first.
      if (small) sigma.refresh();
      const state = small ? fitWithLabels(sigma, view.nodes) : { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
      if (animate) camera.animate(state, { duration: 300 });
      else camera.setState(state);
    },
    zoom: (factor) => void camera.animate({ ratio: camera.ratio / factor }, { duration: 200 }),
    pan(dx, dy) {
      const s = camera.getState();
      camera.animate({ x: s.x + dx * s.ratio, y: s.y + dy * s.ratio }, { duration: 150 });
    },
  };
}

/**
 * Camera state that frames the visible nodes *and their labels*: sigma frames node centres only, so labels of nodes
 * on the right edge run off the canvas. Measured at the default camera, then zoomed out (never in) and re-centred.
 */
function fitWithLabels(sigma: Sigma<NodeAttrs, EdgeAttrs>, visible: Set<string>): { x: number; y: number; ratio: number; angle: number } {
  const reset = { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
  const { width, height } = sigma.getDimensions();
  const settings = sigma.getSettings();
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const key of visible) {
    const d = sigma.getNodeDisplayData(key);
    if (!d || d.hidden) continue;
    const v = sigma.framedGraphToViewport(d, { cameraState: reset });
    const labelWidth = d.label ? measure.measureText(d.label).width + 3 : 0;
    minX = Math.min(minX, v.x - d.size);
    maxX = Math.max(maxX, v.x + d.size + labelWidth);
    minY = Math.min(minY, v.y - Math.max(d.size, settings.labelSize));
    maxY = Math.max(maxY, v.y + Math.max(d.size, settings.labelSize));
  }
  if (!Number.isFinite(minX)) return reset;
  const pad = 16;
  const ratio = Math.max(1, (maxX - minX) / Math.max(1, width - 2 * pad), (maxY - minY) / Math.max(1, height - 2 * pad));
  const centre = sigma.viewportToFramedGraph({ x: (minX + maxX) / 2, y: (minY + maxY) / 2 }, { cameraState: reset });
  return { x: centre.x, y: centre.y, ratio, angle: 0 };
}

/** Edges sharing both ends (in either direction), for edges that have company. */
function parallelGroups(graph: XckgGraph): Map<string, string[]> {
  const byPair = new Map<string, string[]>();
  graph.forEachEdge((edge, _a, source, target) => {
    const pair = source < target ? `${source}\u0000${target}` : `${target}\u0000${source}`;
    const list = byPair.get(pair);
    if (list) list.push(edge);
    else byPair.set(pair, [edge]);
  });
  const groups = new Map<string, string[]>();
  for (const list of byPair.values()) if (list.length > 1) for (const e of list) groups.set(e, list);
  return groups;
}

/**
 * Labels with a white halo: Chinese glyphs stay readable over edges and other nodes.
 * (Same placement as sigma's default: right of the node, vertically centred.)
 */
function drawLabelWithHalo(
  context: CanvasRenderingContext2D,
  data: PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'>,
  settings: Settings<NodeAttrs, EdgeAttrs>,
): void {
  if (!data.label) return;
  const size = settings.labelSize;
  context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
  const x = data.x + data.size + 3;
  const y = data.y + size / 3;
  context.lineJoin = 'round';
  context.lineWidth = 3;
  context.strokeStyle = 'rgba(255,255,255,0.9)';
  context.strokeText(data.label, x, y);
  context.fillStyle = settings.labelColor.color ?? '#212529';
  context.fillText(data.label, x, y);
}
