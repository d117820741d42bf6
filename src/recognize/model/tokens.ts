// **tokens** — text to model tokens (one per code point, normalized) with their UTF-16 offsets; sentence splitting.
import { normalizeCodePoint } from './features.ts';

export interface Tokens {
  /** Normalized code points. */
  cps: Int32Array;
  n: number;
  /** The normalized tokens as a string (what jieba reads). */
  text: string;
  /** offsets[i] = UTF-16 offset of token i in the original text (relative to its start); offsets[n] = length. */
  offsets: Int32Array;
}

export function tokenize(text: string): Tokens {
  const cps = new Int32Array(text.length);
  const offsets = new Int32Array(text.length + 1);
  let n = 0;
  let astral = false;
  for (let u = 0; u < text.length; ) {
    const cp = text.codePointAt(u)!;
    offsets[n] = u;
    cps[n++] = normalizeCodePoint(cp);
    if (cp > 0xffff) {
      astral = true;
      u += 2;
    } else u += 1;
  }
  offsets[n] = text.length;
  let norm = '';
  if (!astral) {
    // Fast path: BMP only, build the string in chunks.
    const CH = 4096;
    for (let i = 0; i < n; i += CH) norm += String.fromCharCode(...cps.subarray(i, Math.min(n, i + CH)));
  } else {
    for (let i = 0; i < n; i++) norm += String.fromCodePoint(cps[i]);
  }
  return { cps, n, text: norm, offsets };
}

/** Sentence ends: entities never cross them. */
const ENDERS = new Set([...'。！？!?；;\n\r…']);
/** Where an overlong sentence may be cut. */
const SOFT = new Set([...'，,、：:']);
const MAX_SEGMENT = 400;

/** Splits text into [start, end) UTF-16 segments at sentence punctuation; overlong ones at commas. */
export function splitSegments(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  let lastSoft = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ENDERS.has(ch)) {
      push(out, text, start, i + 1);
      start = i + 1;
      lastSoft = -1;
    } else if (SOFT.has(ch)) {
      lastSoft = i + 1;
    }
    if (i + 1 - start >= MAX_SEGMENT) {
      // Cut at the last comma, else here (never inside a surrogate pair).
      let cut = lastSoft > start ? lastSoft : i + 1;
      if (cut < text.length && isLowSurrogate(text.charCodeAt(cut))) cut++;
      push(out, text, start, cut);
      start = cut;
      lastSoft = -1;
      if (cut > i + 1) i = cut - 1;
    }
  }
  push(out, text, start, text.length);
  return out;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function push(out: Array<[number, number]>, text: string, start: number, end: number): void {
  // Skip segments that are only whitespace or punctuation runs of enders.
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x20 && c !== 0x3000) {
      out.push([start, end]);
      return;
    }
  }
}
