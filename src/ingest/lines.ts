// **lines** — a text cut into lines, each trimmed to its visible characters, offsets kept.

import type { Span } from '../types.ts';

/** One non-blank line: [start, end) is the trimmed content, `text` its characters. */
export interface Line extends Span {
  text: string;
}

/**
 * Characters we trim from the ends of lines and sentences: ASCII and Unicode spaces, the
 * ideographic space U+3000 that Chinese pages indent paragraphs with, NBSP, and the zero-width
 * space and BOM that scraped portals leave in front of bylines.
 */
export const isTrimmable = (c: number): boolean =>
  c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x3000 || c === 0x200b || c === 0xfeff ||
  c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f;

/** Shrink [start, end) of `text` past trimmable characters at both ends. */
export function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && isTrimmable(text.charCodeAt(start))) start++;
  while (end > start && isTrimmable(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

/** The non-blank lines of `text` in order. `\r\n` and lone `\r` end lines too. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let from = 0;
  const n = text.length;
  while (from <= n) {
    let to = from;
    while (to < n) {
      const c = text.charCodeAt(to);
      if (c === 0x0a || c === 0x0d) break;
      to++;
    }
    const { start, end } = trimSpan(text, from, to);
    if (end > start) lines.push({ start, end, text: text.slice(start, end) });
    if (to >= n) break;
    from = text.charCodeAt(to) === 0x0d && text.charCodeAt(to + 1) === 0x0a ? to + 2 : to + 1;
  }
  return lines;
}
