// **main** — boot: load viewer.json, derive dataset → graph → sigma, mount the views, keep the URL in step with the state.
import './style.css';
import type { ViewerData } from '../../src/viewer/types.ts';
import { VIEWER_DATA_VERSION } from '../../src/viewer/types.ts';
import { indexDataset } from './dataset.ts';
import { installDebugHandle, type Timings } from './debug.ts';
import { exportPng } from './export-png.ts';
import { buildGraph } from './graph.ts';
import { hashToState, stateToHash } from './hash.ts';
import { t } from './i18n.ts';
import { bindKeyboard } from './keyboard.ts';
import { createLayout } from './layout.ts';
import { mountPanel } from './panel.ts';
import { createRenderer } from './renderer.ts';
import { mountSearchField } from './search-field.ts';
import { mountSidebar } from './sidebar.ts';
import { createStore } from './store.ts';
import { mountToolbar } from './toolbar.ts';
import { INITIAL_STATE, type AppState } from './types.ts';

/** Fixed first seed: the same data opens with the same picture. */
const SEED = 42;

const $ = (id: string) => document.getElementById(id)!;

async function main(): Promise<void> {
  const timings: Timings = {};
  const status = $('status-text');
  const lang0 = hashToState(location.hash).lang;
  status.textContent = t(lang0, 'loading');

  const res = await fetch('viewer.json');
  if (!res.ok) throw new Error(`viewer.json: HTTP ${res.status}`);
  const data = (await res.json()) as ViewerData;
  if (data.version !== VIEWER_DATA_VERSION) throw new Error(`viewer.json: version ${data.version}, expected ${VIEWER_DATA_VERSION}`);
  timings.dataLoaded = performance.now();

  const ds = indexDataset(data);
  const store = createStore({ ...INITIAL_STATE, ...hashToState(location.hash) });
  const graph = buildGraph(ds, SEED);
  // The layout paces its screen updates by what a frame costs, which the renderer measures.
  let frameCost = () => 16;
  const layout = createLayout(graph, ds, SEED, () => frameCost());
  if (store.get().layout === 'tree') layout.setMode('tree');
  timings.graphBuilt = performance.now();

  const graphEl = $('graph');
  // Sigma draws the first frame synchronously in its constructor.
  const renderer = createRenderer(graphEl, graph, ds, store);
  timings.firstRender = performance.now();
  frameCost = renderer.lastRenderMs;
  renderer.fit(false);
  layout.onChange(() => renderer.setLayoutRunning(layout.isRunning()));

  const chooseNode = (key: string) => {
    store.set({ selection: { kind: 'node', key }, hovered: null });
    renderer.centreOn(key);
  };
  const actions = {
    chooseNode,
    chooseEdge: (id: string) => store.set({ selection: { kind: 'edge', id }, hovered: null }),
    clear: () => store.set({ selection: null }),
  };
  const search = mountSearchField($('search-box'), ds, store, chooseNode);
  mountSidebar($('sidebar'), ds, store);
  mountPanel($('panel'), ds, store, actions);
  mountToolbar($('toolbar'), store, layout, {
    fit: () => renderer.fit(),
    exportPng: () => void exportPng(renderer.sigma),
  });
  bindKeyboard(store, search, renderer, layout, graphEl);

  // Layout mode, page language and the status line follow the state.
  const applyChrome = (s: AppState) => {
    document.documentElement.lang = s.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t(s.lang, 'appTitle');
    $('app-title').textContent = t(s.lang, 'appTitle');
    $('shortcuts').textContent = t(s.lang, 'shortcuts');
    graphEl.setAttribute('aria-label', t(s.lang, 'appTitle'));
    const view = renderer.view();
    status.textContent = t(s.lang, 'nodesShown', { shown: view.nodes.size, total: graph.order, edges: view.edges.size })
      + (s.layout === 'tree' ? ` · ${t(s.lang, 'treeNote')}` : '');
  };
  store.subscribe((s, prev) => {
    if (s.layout !== prev.layout) {
      layout.setMode(s.layout);
      renderer.fit();
    }
    if (s.lang !== prev.lang || s.filters !== prev.filters || s.layout !== prev.layout || s.selection !== prev.selection) applyChrome(s);
  });
  applyChrome(store.get());

  // URL ⇄ state: every shared change replaces the hash (no history spam); a pasted or edited hash is applied.
  let written = location.hash;
  store.subscribe((s, prev) => {
    if (s.filters === prev.filters && s.selection === prev.selection && s.lang === prev.lang && s.layout === prev.layout) return;
    const hash = stateToHash(s);
    if (hash === written) return;
    written = hash;
    history.replaceState(null, '', hash || `${location.pathname}${location.search}`);
  });
  window.addEventListener('hashchange', () => {
    if (location.hash === written) return;
    written = location.hash;
    store.set(hashToState(location.hash));
  });

  installDebugHandle(graph, ds, store, renderer, layout, timings);
  const initial = store.get().selection;
  if (initial?.kind === 'node' && graph.hasNode(initial.key)) renderer.centreOn(initial.key);
  layout.autoRun();
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  const status = document.getElementById('status-text');
  if (status) status.textContent = `${t(hashToState(location.hash).lang, 'loadError')}${message}`;
  document.body.classList.add('failed');
  console.error(err);
});
