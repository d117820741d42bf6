// **dom** — the only way views build markup: elements with attributes and text nodes, never HTML strings,
// so article text and names (which may contain `<img onerror=…>`) are always shown as text.
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined | null | ((e: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (name === 'className') el.className = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replace an element's content. */
export function setChildren(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/**
 * A sentence as text with the given ranges wrapped in <mark>; overlapping ranges are merged, out-of-range
 * ones clipped, so bad offsets can mis-highlight but never break the text.
 */
export function highlighted(text: string, ranges: Array<{ start: number; end: number }>): DocumentFragment {
  const clipped = ranges
    .map((r) => ({ start: Math.max(0, Math.min(r.start, text.length)), end: Math.max(0, Math.min(r.end, text.length)) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const merged: Array<{ start: number; end: number }> = [];
  for (const r of clipped) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  const out = document.createDocumentFragment();
  let at = 0;
  for (const r of merged) {
    if (r.start > at) out.append(document.createTextNode(text.slice(at, r.start)));
    out.append(h('mark', {}, text.slice(r.start, r.end)));
    at = r.end;
  }
  if (at < text.length) out.append(document.createTextNode(text.slice(at)));
  return out;
}

/** Only web links become clickable: a `javascript:` URL in the data must not run. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
