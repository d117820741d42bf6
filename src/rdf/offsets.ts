// **offsets** — maps Document.text spans (UTF-16 units) to NIF offsets (code points into the decoded input).
import type { Document, Span } from '../types.ts';

export interface NifOffsets {
  /** [begin, end) in Unicode code points of the decoded input; null when the span is empty or out of range. */
  span(s: Span): [number, number] | null;
  /** Code-point length of the decoded input, when it is known. */
  length: number | null;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
// A character reference in HTML source: one text character stands for all of it.
const ENTITY_REF = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;

/** cp[i] = number of code points in s[0, i): an astral character (a surrogate pair) counts once. */
function codePointPrefix(s: string): Int32Array {
  const cp = new Int32Array(s.length + 1);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    cp[i] = n;
    if (!(isLow(s.charCodeAt(i)) && i > 0 && isHigh(s.charCodeAt(i - 1)))) n++;
  }
  cp[s.length] = n;
  return cp;
}

/**
 * NIF offsets of a document's spans.
 * - Plain text (sourceOffsets null): the text is the decoded input (minus a BOM), so offsets are exact.
 * - HTML with `input` (the decoded input): exact; a span ends after the source of its last character,
 *   including a whole entity reference (&amp;) when the character came from one.
 * - HTML without `input`: astral characters inside markup cannot be seen, so only those of the visible
 *   text are discounted; the end of a character that came from an entity reference is its first unit + 1.
 */
export function nifOffsets(doc: Document, input?: string): NifOffsets {
  const text = doc.text;
  const so = doc.sourceOffsets;
  const valid = (s: Span) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start < s.end && s.end <= text.length;

  if (!so) {
    const cp = codePointPrefix(text);
    return { span: (s) => (valid(s) ? [cp[s.start], cp[s.end]] : null), length: cp[text.length] };
  }

  if (input !== undefined) {
    const cp = codePointPrefix(input);
    const sourceEnd = (end: number): number => {
      const last = so[end - 1];
      ENTITY_REF.lastIndex = last;
      const ref = ENTITY_REF.exec(input);
      return ref ? last + ref[0].length : Math.min(input.length, last + 1);
    };
    return {
      span: (s) => {
        if (!valid(s)) return null;
        const b = cp[so[s.start]];
        const e = cp[sourceEnd(s.end)];
        return b < e ? [b, e] : null;
      },
      length: cp[input.length],
    };
  }

  // Without the input: a pair is literal in the source when its halves map to consecutive units.
  const pairsBefore = new Int32Array(text.length + 1);
  let pairs = 0;
  for (let i = 0; i < text.length; i++) {
    pairsBefore[i] = pairs;
    if (i > 0 && isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1)) && so[i] === so[i - 1] + 1) pairs++;
  }
  pairsBefore[text.length] = pairs;
  return {
    span: (s) => {
      if (!valid(s)) return null;
      const b = so[s.start] - pairsBefore[s.start];
      const e = so[s.end - 1] + 1 - pairsBefore[s.end];
      return b < e ? [b, e] : null;
    },
    length: null,
  };
}
