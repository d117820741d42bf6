// **appearance** — the visual getters: node colour by type (places by level), size by degree, edge colour by relation.
import type { EntityType, PlaceLevel } from '../../src/types.ts';
import type { ViewerEdgeType, ViewerNode } from '../../src/viewer/types.ts';

/** Canvas labels use the same stack as the page, CJK fonts first so that labels never fall back to boxes. */
export const FONT_STACK = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

export const TYPE_COLORS: Record<Exclude<EntityType, 'Place'>, string> = {
  Person: '#e8590c',
  Organization: '#2b8a3e',
  Program: '#9c36b5',
};

/** Places in shades of blue, darker for higher levels, so the hierarchy reads at a glance; sites in teal. */
export const LEVEL_COLORS: Record<PlaceLevel, string> = {
  Province: '#0b2e6f',
  Prefecture: '#1c4fa8',
  County: '#2f74d0',
  Township: '#4c98ea',
  Village: '#80b9f2',
  Settlement: '#1098ad',
};
/** A place whose level is not known. */
export const PLACE_COLOR = '#5c7cfa';

export const RELATION_COLORS: Record<ViewerEdgeType, string> = {
  locatedIn: '#a5b8d3',
  partOf: '#9cc9a4',
  spouse: '#e64980',
  assists: '#f59f00',
  residesIn: '#66a80f',
  memberOf: '#63c98a',
  position: '#868e96',
};

/** Colour of everything that is not in focus while a node is hovered or selected. */
export const FADED = '#e9ecef';

export const ENTITY_TYPES: EntityType[] = ['Person', 'Place', 'Organization', 'Program'];
export const PLACE_LEVELS: PlaceLevel[] = ['Province', 'Prefecture', 'County', 'Township', 'Village', 'Settlement'];
export const EDGE_TYPES: ViewerEdgeType[] = ['position', 'memberOf', 'assists', 'spouse', 'residesIn', 'locatedIn', 'partOf'];

/** Relations with no direction are drawn without an arrow head. */
export const UNDIRECTED: ReadonlySet<ViewerEdgeType> = new Set(['spouse']);

export function nodeColor(node: Pick<ViewerNode, 'type' | 'subtype'>): string {
  if (node.type !== 'Place') return TYPE_COLORS[node.type];
  return LEVEL_COLORS[node.subtype as PlaceLevel] ?? PLACE_COLOR;
}

/**
 * Size by degree on a square-root scale (area grows with degree), with a floor that keeps leaves clickable;
 * beyond a few thousand nodes everything shrinks with the square root of the count, so that a fitted view of a
 * large graph shows structure instead of overlapping discs.
 */
export function nodeSize(degree: number, order: number): number {
  const scale = order <= 2_000 ? 1 : Math.sqrt(2_000 / order);
  return Math.max(1.5, Math.min(5 + 2.2 * Math.sqrt(degree), 24) * scale);
}
