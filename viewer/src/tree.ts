// **tree** — the place hierarchy as a top-down tree (province → … → village): rows by level, leaves side by side.
import { LEVEL_RANK, type Dataset } from './dataset.ts';
import type { PlaceLevel } from '../../src/types.ts';

export interface Point {
  x: number;
  y: number;
}

/**
 * Positions for every place. Leaves take consecutive slots left to right (siblings ordered by division code, then
 * name), a parent sits above the middle of its children; the row is the level (so all counties share a row), or
 * one below the parent when the level is unknown. Rows are spaced in proportion to the width, so a wide tree
 * keeps visible rows after sigma fits it to the screen. Cycle-safe: a place is placed once.
 */
export function treeLayout(ds: Dataset): Map<string, Point> {
  const places = ds.data.nodes.filter((n) => n.type === 'Place');
  const order = (a: string, b: string) => {
    const na = ds.nodes.get(a)!, nb = ds.nodes.get(b)!;
    return (na.divisionCode ?? '~').localeCompare(nb.divisionCode ?? '~') || na.name.localeCompare(nb.name, 'zh');
  };
  const roots = places.filter((n) => !ds.parent.has(n.key) || ds.nodes.get(ds.parent.get(n.key)!)?.type !== 'Place').map((n) => n.key).sort(order);

  const slot = new Map<string, number>();
  const row = new Map<string, number>();
  const placed = new Set<string>();
  let next = 0;

  const visit = (root: string, parentRow: number) => {
    // Explicit stack: village chains are shallow, but a malformed file could make recursion deep.
    const stack: Array<{ key: string; parentRow: number; expanded: boolean }> = [{ key: root, parentRow, expanded: false }];
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (!top.expanded) {
        if (placed.has(top.key)) { stack.pop(); continue; }
        placed.add(top.key);
        top.expanded = true;
        const level = ds.nodes.get(top.key)!.subtype as PlaceLevel | undefined;
        const r = level !== undefined && level in LEVEL_RANK ? Math.max(LEVEL_RANK[level], top.parentRow + 1) : top.parentRow + 1;
        row.set(top.key, r);
        const kids = (ds.children.get(top.key) ?? []).filter((k) => !placed.has(k)).sort(order).reverse();
        for (const k of kids) stack.push({ key: k, parentRow: r, expanded: false });
        if (kids.length === 0) slot.set(top.key, next++);
      } else {
        stack.pop();
        if (!slot.has(top.key)) {
          const xs = (ds.children.get(top.key) ?? []).map((k) => slot.get(k)).filter((x): x is number => x !== undefined);
          slot.set(top.key, xs.length ? (Math.min(...xs) + Math.max(...xs)) / 2 : next++);
        }
      }
    }
  };
  for (const r of roots) visit(r, -1);
  // Whatever a cycle left unplaced still gets a spot.
  for (const p of places) if (!placed.has(p.key)) visit(p.key, -1);

  const rowGap = Math.max(1.5, next * 0.12);
  const positions = new Map<string, Point>();
  for (const p of places) positions.set(p.key, { x: slot.get(p.key)!, y: -row.get(p.key)! * rowGap });
  return positions;
}
