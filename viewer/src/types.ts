// **types** — the viewer's own state: what is filtered, selected, hovered, and how the graph is laid out.
// The data itself (ViewerData) is defined on the Node side, in src/viewer/types.ts, and only read here.
import type { EntityType, PlaceLevel } from '../../src/types.ts';
import type { ViewerEdgeType } from '../../src/viewer/types.ts';

export type Lang = 'zh' | 'en';
export type LayoutMode = 'force' | 'tree';

/** Filters are stored as what is *hidden*, so a value the data adds later is shown by default. */
export interface FilterState {
  hiddenTypes: EntityType[];
  hiddenLevels: PlaceLevel[];
  hiddenRelations: ViewerEdgeType[];
  /** Show only what this article holds; null for all articles. */
  article: string | null;
  /** Ego-network depth around the selected node; 0 shows everything. */
  ego: 0 | 1 | 2;
}

export type Selection = { kind: 'node'; key: string } | { kind: 'edge'; id: string } | null;

export interface AppState {
  filters: FilterState;
  selection: Selection;
  /** Node under the pointer (not part of the URL). */
  hovered: string | null;
  lang: Lang;
  layout: LayoutMode;
}

export const EMPTY_FILTERS: FilterState = { hiddenTypes: [], hiddenLevels: [], hiddenRelations: [], article: null, ego: 0 };

export const INITIAL_STATE: AppState = { filters: EMPTY_FILTERS, selection: null, hovered: null, lang: 'zh', layout: 'force' };
