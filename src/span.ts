// **span** — offsets as the spine of provenance: the one question several stages ask of spans.
import type { Span } from './types.ts';

/** True when `outer` contains `inner` and is longer than it (spans of equal bounds contain each other not). */
export function strictlyContains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end && outer.end - outer.start > inner.end - inner.start;
}

/**
 * The items whose span no longer span of another item contains: 山西大学乡村振兴研究院 but not 山西大学 inside it.
 * Items of equal bounds do not hide each other. Order is kept.
 */
export function outermost<T>(items: T[], span: (item: T) => Span): T[] {
  return items.filter((it) => !items.some((o) => o !== it && strictlyContains(span(o), span(it))));
}
