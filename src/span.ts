// **span** — offsets as the spine of provenance: the one question several stages ask of spans.
import type { Span } from './types.ts';

/**
 * The items whose span no longer span of another item contains: 山西大学乡村振兴研究院 but not 山西大学 inside it.
 * Items of equal bounds do not hide each other. Order is kept.
 */
export function outermost<T>(items: T[], span: (item: T) => Span): T[] {
  const inside = (a: Span, b: Span) => b.start <= a.start && a.end <= b.end && b.end - b.start > a.end - a.start;
  return items.filter((it) => !items.some((o) => o !== it && inside(span(it), span(o))));
}
