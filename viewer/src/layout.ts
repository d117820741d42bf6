// **layout** — positions: a seeded start, ForceAtlas2 in a web worker (run/stop/re-seed), and the place tree.
import { MultiUndirectedGraph } from 'graphology';
import fa2Module from 'graphology-layout-forceatlas2';
import supervisorModule from 'graphology-layout-forceatlas2/worker.js';
import type { Dataset } from './dataset.ts';
import { seedPositions, type XckgGraph } from './graph.ts';
import { treeLayout } from './tree.ts';
import type { LayoutMode } from './types.ts';

// These packages are CommonJS typed as ES modules: the bundler hands over module.exports as the default import,
// TypeScript (NodeNext) expects it under `.default`. Take whichever is there.
const interop = <T>(m: { default: T }): T => (m as unknown as { default?: T }).default ?? (m as unknown as T);
const forceAtlas2 = interop(fa2Module);
const FA2LayoutSupervisor = interop(supervisorModule);

/** Up to this size the first layout is computed before the first frame (a few hundred ms at most). */
const SYNC_LAYOUT_MAX_ORDER = 500;
const SYNC_ITERATIONS = 250;
/** Bounds of the interval between two copies of the running layout to the screen. */
const MIN_PUBLISH_MS = 50;
const MAX_PUBLISH_MS = 10_000;

export interface LayoutController {
  isRunning(): boolean;
  start(): void;
  stop(): void;
  /** New random positions (then ForceAtlas2 again if the graph is small, as on first load). */
  reseed(): void;
  setMode(mode: LayoutMode): void;
  mode(): LayoutMode;
  /** ForceAtlas2 rounds received from the worker since the page loaded (each round is one iteration). */
  iterations(): number;
  /** Called after a change of running state or mode, for the toolbar. */
  onChange(listener: () => void): void;
  /** Larger graphs start from random positions: let the worker run for a while, scaled to the size, then stop. */
  autoRun(): void;
  kill(): void;
}

/**
 * ForceAtlas2 runs on a structural copy of the graph, not on the one sigma draws: the worker goes as fast as it can,
 * and positions are copied to the drawn graph at a pace set by what a frame costs (a few times the last render
 * time), so that even where drawing is slow (software WebGL, huge graphs) the page keeps answering clicks and keys.
 */
export function createLayout(graph: XckgGraph, ds: Dataset, initialSeed: number, renderCost: () => number = () => 16): LayoutController {
  const settings = { ...forceAtlas2.inferSettings(graph), adjustSizes: false };
  // Built on first use: a page that is only looked at never pays for the copy or the worker.
  let worker: { layoutGraph: MultiUndirectedGraph<{ x: number; y: number }>; supervisor: InstanceType<typeof FA2LayoutSupervisor> } | null = null;
  const ensureWorker = () => {
    if (worker) return worker;
    const layoutGraph = new MultiUndirectedGraph<{ x: number; y: number }>({ allowSelfLoops: false });
    graph.forEachNode((key, a) => layoutGraph.addNode(key, { x: a.x, y: a.y }));
    graph.forEachEdge((_e, _a, source, target) => layoutGraph.addEdge(source, target));
    // The supervisor writes all positions at once after each worker round: one event per iteration.
    layoutGraph.on('eachNodeAttributesUpdated', () => { if (running()) rounds++; });
    worker = { layoutGraph, supervisor: new FA2LayoutSupervisor(layoutGraph, { settings, getEdgeWeight: null }) };
    return worker;
  };
  const running = () => worker?.supervisor.isRunning() ?? false;
  const listeners: Array<() => void> = [];
  const changed = () => listeners.forEach((l) => l());
  let seed = initialSeed;
  let mode: LayoutMode = 'force';
  let rounds = 0;
  /** Force-layout positions kept while the tree is shown, so going back restores the picture. */
  let saved: Map<string, { x: number; y: number }> | null = null;
  let autoStop: ReturnType<typeof setTimeout> | undefined;
  let pumpTimer: ReturnType<typeof setTimeout> | undefined;

  /** Layout graph → drawn graph (one sigma refresh). */
  const publish = () => {
    if (!worker) return;
    const { layoutGraph } = worker;
    graph.updateEachNodeAttributes((key, a) => {
      const p = layoutGraph.getNodeAttributes(key);
      a.x = p.x;
      a.y = p.y;
      return a;
    }, { attributes: ['x', 'y'] });
  };
  const pump = () => {
    if (!running()) return;
    publish();
    pumpTimer = setTimeout(pump, Math.min(Math.max(4 * renderCost(), MIN_PUBLISH_MS), MAX_PUBLISH_MS));
  };

  const settleSmall = () => {
    if (graph.order > SYNC_LAYOUT_MAX_ORDER || graph.size === 0) return;
    forceAtlas2.assign(graph, { iterations: SYNC_ITERATIONS, settings, getEdgeWeight: null });
    // A few more rounds that take node sizes into account, so that no two discs overlap.
    forceAtlas2.assign(graph, { iterations: 50, settings: { ...settings, adjustSizes: true }, getEdgeWeight: null });
  };

  const controller: LayoutController = {
    isRunning: running,
    start() {
      // Started by hand: the automatic first run no longer decides when to stop.
      clearTimeout(autoStop);
      if (mode !== 'force' || running()) return;
      const { layoutGraph, supervisor } = ensureWorker();
      // Start from what is drawn (re-seeded, or moved by an earlier run).
      layoutGraph.updateEachNodeAttributes((key, a) => {
        const p = graph.getNodeAttributes(key);
        a.x = p.x;
        a.y = p.y;
        return a;
      }, { attributes: ['x', 'y'] });
      supervisor.start();
      pumpTimer = setTimeout(pump, MIN_PUBLISH_MS);
      changed();
    },
    stop() {
      clearTimeout(autoStop);
      if (!worker || !running()) return;
      worker.supervisor.stop();
      clearTimeout(pumpTimer);
      publish();
      changed();
    },
    reseed() {
      controller.stop();
      seed = (seed * 1103515245 + 12345) >>> 0;
      seedPositions(graph, seed);
      if (mode === 'tree') saved = null;
      settleSmall();
      if (mode === 'tree') applyTree();
    },
    setMode(next) {
      if (next === mode) return;
      controller.stop();
      if (next === 'tree') {
        saved = new Map(graph.mapNodes((key, a) => [key, { x: a.x, y: a.y }] as const));
        applyTree();
      } else if (saved) {
        const back = saved;
        graph.updateEachNodeAttributes((key, a) => ({ ...a, ...back.get(key) }), { attributes: ['x', 'y'] });
        saved = null;
      }
      mode = next;
      changed();
    },
    mode: () => mode,
    iterations: () => rounds,
    onChange: (l) => void listeners.push(l),
    autoRun() {
      if (graph.order <= SYNC_LAYOUT_MAX_ORDER || mode !== 'force') return;
      controller.start();
      clearTimeout(autoStop);
      autoStop = setTimeout(() => controller.stop(), Math.min(4000 + graph.order / 5, 20_000));
    },
    kill() {
      clearTimeout(autoStop);
      clearTimeout(pumpTimer);
      worker?.supervisor.kill();
    },
  };

  function applyTree() {
    const positions = treeLayout(ds);
    // Non-places are hidden in the tree, but sigma fits the camera to every node: park them in the tree's middle.
    let cx = 0, cy = 0;
    for (const p of positions.values()) { cx += p.x; cy += p.y; }
    const middle = positions.size ? { x: cx / positions.size, y: cy / positions.size } : { x: 0, y: 0 };
    graph.updateEachNodeAttributes((key, a) => ({ ...a, ...(positions.get(key) ?? middle) }), { attributes: ['x', 'y'] });
  }

  settleSmall();
  return controller;
}
