// **hash** — the shareable part of the state (selection, filters, layout, language) to and from the URL fragment.
import type { EntityType, PlaceLevel } from '../../src/types.ts';
import type { ViewerEdgeType } from '../../src/viewer/types.ts';
import { EDGE_TYPES, ENTITY_TYPES, PLACE_LEVELS } from './appearance.ts';
import { EMPTY_FILTERS, type AppState } from './types.ts';

type Shared = Pick<AppState, 'filters' | 'selection' | 'lang' | 'layout'>;

/** `#node=person%2F张乃田&hideTypes=Program&ego=1&lang=en`; defaults are left out so a plain view has an empty hash. */
export function stateToHash(s: Shared): string {
  const p = new URLSearchParams();
  if (s.selection?.kind === 'node') p.set('node', s.selection.key);
  if (s.selection?.kind === 'edge') p.set('edge', s.selection.id);
  const f = s.filters;
  if (f.hiddenTypes.length) p.set('hideTypes', f.hiddenTypes.join(','));
  if (f.hiddenLevels.length) p.set('hideLevels', f.hiddenLevels.join(','));
  if (f.hiddenRelations.length) p.set('hideRelations', f.hiddenRelations.join(','));
  if (f.article) p.set('article', f.article);
  if (f.ego) p.set('ego', String(f.ego));
  if (s.layout !== 'force') p.set('layout', s.layout);
  if (s.lang !== 'zh') p.set('lang', s.lang);
  const text = p.toString();
  return text ? `#${text}` : '';
}

/** Unknown names and malformed values are dropped: a shared link from an older build still opens. */
export function hashToState(hash: string): Shared {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const list = <T extends string>(name: string, allowed: readonly T[]): T[] =>
    (p.get(name) ?? '').split(',').filter((x): x is T => (allowed as readonly string[]).includes(x));
  const node = p.get('node');
  const edge = p.get('edge');
  const ego = Number(p.get('ego'));
  return {
    selection: node ? { kind: 'node', key: node } : edge ? { kind: 'edge', id: edge } : null,
    filters: {
      ...EMPTY_FILTERS,
      hiddenTypes: list<EntityType>('hideTypes', ENTITY_TYPES),
      hiddenLevels: list<PlaceLevel>('hideLevels', PLACE_LEVELS),
      hiddenRelations: list<ViewerEdgeType>('hideRelations', EDGE_TYPES),
      article: p.get('article') || null,
      ego: ego === 1 || ego === 2 ? ego : 0,
    },
    layout: p.get('layout') === 'tree' ? 'tree' : 'force',
    lang: p.get('lang') === 'en' ? 'en' : 'zh',
  };
}
