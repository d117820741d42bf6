// **sidebar** — the legend (what the colours and sizes mean) and the filters (types, place levels, relations, article, neighbourhood).
// Built once; state changes only update labels and checked states, so keyboard focus stays where it is.
import type { EntityType, PlaceLevel } from '../../src/types.ts';
import type { ViewerEdgeType } from '../../src/viewer/types.ts';
import { EDGE_TYPES, ENTITY_TYPES, LEVEL_COLORS, PLACE_LEVELS, RELATION_COLORS, TYPE_COLORS } from './appearance.ts';
import type { Dataset } from './dataset.ts';
import { h, setChildren } from './dom.ts';
import { levelName, relationName, t, typeName, type UiKey } from './i18n.ts';
import type { Store } from './store.ts';
import { EMPTY_FILTERS, type AppState, type FilterState, type Lang } from './types.ts';

type Updater = (s: AppState) => void;

export function mountSidebar(root: HTMLElement, ds: Dataset, store: Store): void {
  const updaters: Updater[] = [];
  const text = (tag: 'h2' | 'h3' | 'span' | 'p' | 'legend' | 'button' | 'option', key: UiKey, attrs: Record<string, string> = {}) => {
    const el = h(tag, attrs);
    updaters.push((s) => { el.textContent = t(s.lang, key); });
    return el;
  };
  const setFilters = (patch: Partial<FilterState>) => store.set({ filters: { ...store.get().filters, ...patch } });

  // Counts make the legend double as a summary of the graph.
  const typeCount = countBy(ds.data.nodes, (n) => n.type);
  const levelCount = countBy(ds.data.nodes.filter((n) => n.type === 'Place'), (n) => n.subtype ?? '');
  const relationCount = countBy([...ds.edges.values()], (e) => e.type);

  // ---- legend
  const legendRows: HTMLElement[] = [];
  const nodeRow = (color: string, name: (lang: Lang) => string, count: number, indent = false) => {
    const label = h('span', { className: 'label' });
    updaters.push((s) => { label.textContent = name(s.lang); });
    const dot = h('span', { className: 'dot', 'aria-hidden': 'true' });
    dot.style.background = color;
    return h('li', { className: indent ? 'indent' : '' }, dot, label, h('span', { className: 'count' }, count));
  };
  for (const type of ENTITY_TYPES) {
    if (type === 'Place') {
      legendRows.push(nodeRow('transparent', (l) => typeName(l, 'Place'), typeCount.get('Place') ?? 0));
      for (const level of PLACE_LEVELS) {
        if (levelCount.get(level)) legendRows.push(nodeRow(LEVEL_COLORS[level], (l) => levelName(l, level), levelCount.get(level)!, true));
      }
    } else {
      legendRows.push(nodeRow(TYPE_COLORS[type], (l) => typeName(l, type), typeCount.get(type) ?? 0));
    }
  }
  const edgeRows = EDGE_TYPES.filter((r) => relationCount.get(r)).map((r) => {
    const label = h('span', { className: 'label' });
    updaters.push((s) => { label.textContent = relationName(s.lang, r); });
    const line = h('span', { className: 'line', 'aria-hidden': 'true' });
    line.style.background = RELATION_COLORS[r];
    return h('li', {}, line, label, h('span', { className: 'count' }, relationCount.get(r)!));
  });
  const legend = h('section', { className: 'legend', 'aria-labelledby': 'legend-title' },
    text('h2', 'legend', { id: 'legend-title' }),
    h('ul', { className: 'legend-nodes' }, ...legendRows),
    text('p', 'legendSize', { className: 'hint' }),
    text('h3', 'legendEdges'),
    h('ul', { className: 'legend-edges' }, ...edgeRows));

  // ---- filters
  const checkbox = (name: (lang: Lang) => string, isShown: (f: FilterState) => boolean, toggle: (f: FilterState, show: boolean) => Partial<FilterState>, count: number) => {
    const input = h('input', { type: 'checkbox' });
    const label = h('span');
    input.addEventListener('change', () => setFilters(toggle(store.get().filters, input.checked)));
    updaters.push((s) => { input.checked = isShown(s.filters); label.textContent = name(s.lang); });
    return h('label', { className: 'check' }, input, label, h('span', { className: 'count' }, count));
  };
  const without = <T>(list: T[], x: T, remove: boolean) => (remove ? [...new Set([...list, x])] : list.filter((y) => y !== x));

  const typeBoxes = ENTITY_TYPES.filter((x) => typeCount.get(x)).map((type: EntityType) => checkbox(
    (l) => typeName(l, type), (f) => !f.hiddenTypes.includes(type),
    (f, show) => ({ hiddenTypes: without(f.hiddenTypes, type, !show) }), typeCount.get(type)!));
  const levelBoxes = PLACE_LEVELS.filter((x) => levelCount.get(x)).map((level: PlaceLevel) => checkbox(
    (l) => levelName(l, level), (f) => !f.hiddenLevels.includes(level),
    (f, show) => ({ hiddenLevels: without(f.hiddenLevels, level, !show) }), levelCount.get(level)!));
  const relationBoxes = EDGE_TYPES.filter((x) => relationCount.get(x)).map((r: ViewerEdgeType) => checkbox(
    (l) => relationName(l, r), (f) => !f.hiddenRelations.includes(r),
    (f, show) => ({ hiddenRelations: without(f.hiddenRelations, r, !show) }), relationCount.get(r)!));

  const articleSelect = h('select', { id: 'article-filter' });
  const allOption = text('option', 'allArticles', { value: '' });
  articleSelect.append(allOption, ...ds.data.articles.map((a) => {
    const label = [a.date, a.title ?? a.id].filter(Boolean).join(' ');
    return h('option', { value: a.id, title: label }, label.length > 40 ? `${label.slice(0, 39)}…` : label);
  }));
  articleSelect.addEventListener('change', () => setFilters({ article: articleSelect.value || null }));
  updaters.push((s) => { articleSelect.value = s.filters.article ?? ''; });

  const egoRadios = ([0, 1, 2] as const).map((depth) => {
    const input = h('input', { type: 'radio', name: 'ego', value: String(depth) });
    input.addEventListener('change', () => { if (input.checked) setFilters({ ego: depth }); });
    const label = h('span');
    const key: UiKey = depth === 0 ? 'egoOff' : depth === 1 ? 'ego1' : 'ego2';
    updaters.push((s) => { input.checked = s.filters.ego === depth; label.textContent = t(s.lang, key); });
    return h('label', { className: 'radio' }, input, label);
  });
  const egoHint = h('p', { className: 'hint' });
  updaters.push((s) => {
    egoHint.textContent = s.filters.ego > 0 && s.selection?.kind !== 'node' ? t(s.lang, 'egoNeedsSelection') : '';
  });

  const reset = text('button', 'resetFilters', { type: 'button', className: 'reset' });
  reset.addEventListener('click', () => store.set({ filters: EMPTY_FILTERS }));

  const fieldset = (key: UiKey, ...children: HTMLElement[]) => h('fieldset', {}, text('legend', key), ...children);
  const filters = h('section', { className: 'filters', 'aria-labelledby': 'filters-title' },
    text('h2', 'filters', { id: 'filters-title' }),
    fieldset('entityTypes', ...typeBoxes),
    levelBoxes.length ? fieldset('placeLevels', ...levelBoxes) : null,
    fieldset('relationTypes', ...relationBoxes),
    fieldset('article', h('label', { className: 'visually-hidden', for: 'article-filter' }, 'article'), articleSelect),
    fieldset('neighbourhood', ...egoRadios, egoHint),
    reset);

  const downloads = h('section', { className: 'downloads', hidden: true }, text('h2', 'downloads'), h('ul'));
  setChildren(root, legend, filters, downloads);
  void listDownloads(downloads);

  const update = (s: AppState) => updaters.forEach((u) => u(s));
  store.subscribe((s, prev) => { if (s.lang !== prev.lang || s.filters !== prev.filters || s.selection !== prev.selection) update(s); });
  update(store.get());
}

/** The server lists the built RDF files beside viewer.json; without a server list the section stays hidden. */
async function listDownloads(section: HTMLElement): Promise<void> {
  try {
    const res = await fetch('files.json');
    if (!res.ok) return;
    const files = (await res.json()) as Array<{ name: string; size: number }>;
    if (!Array.isArray(files) || files.length === 0) return;
    setChildren(section.querySelector('ul')!, ...files.map((f) =>
      h('li', {}, h('a', { href: `files/${encodeURIComponent(f.name)}`, download: f.name }, f.name), h('span', { className: 'count' }, formatSize(f.size)))));
    section.hidden = false;
  } catch {
    // Served without the xckg server (e.g. vite preview): no downloads, nothing to report.
  }
}

function formatSize(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

function countBy<T>(items: T[], key: (x: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const x of items) counts.set(key(x), (counts.get(key(x)) ?? 0) + 1);
  return counts;
}
