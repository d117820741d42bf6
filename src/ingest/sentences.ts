// **sentences** — cut a stretch of text into sentence spans at Chinese and Western end marks.

import type { Span } from '../types.ts';
import { trimSpan } from './lines.ts';

/** Longest sentence we hand on; longer ones are cut at commas so taggers see bounded input. */
export const MAX_SENTENCE = 300;

// A sentence ends after one of these (a run of them: ？！ stays together)…
const END_MARKS = new Set(['。', '！', '？', '；', '!', '?']);
// …plus any closing quotes and brackets right after, which belong to the sentence they close:
// “……了。”他说 → “……了。” | 他说.
const CLOSERS = new Set(['”', '’', '」', '』', '）', ')', '】', '〕', '》', '"', "'"]);
const COMMAS = new Set(['，', ',']);

/**
 * Sentence spans inside [start, end) of `text`, trimmed, never empty, never crossing a newline.
 * Spans longer than `max` are cut after the last comma that keeps a piece within `max`,
 * or hard at `max` when a stretch has no comma at all.
 */
export function splitSentences(text: string, start: number, end: number, max = MAX_SENTENCE): Span[] {
  const spans: Span[] = [];
  let from = start;
  let i = start;
  const push = (a: number, b: number) => {
    const t = trimSpan(text, a, b);
    if (t.end > t.start) pushBounded(text, t, max, spans);
  };
  while (i < end) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r') {
      push(from, i);
      from = ++i;
      continue;
    }
    if (END_MARKS.has(ch)) {
      let j = i + 1;
      while (j < end && END_MARKS.has(text[j])) j++;
      while (j < end && CLOSERS.has(text[j])) j++;
      push(from, j);
      from = i = j;
      continue;
    }
    i++;
  }
  push(from, end);
  return spans;
}

function pushBounded(text: string, span: Span, max: number, out: Span[]): void {
  let { start } = span;
  const { end } = span;
  while (end - start > max) {
    let cut = -1;
    for (let k = start + max - 1; k > start; k--) {
      if (COMMAS.has(text[k])) {
        cut = k + 1;
        break;
      }
    }
    if (cut < 0) {
      cut = start + max;
      // Never cut between the halves of a surrogate pair.
      const c = text.charCodeAt(cut);
      if (c >= 0xdc00 && c <= 0xdfff) cut--;
    }
    const piece = trimSpan(text, start, cut);
    if (piece.end > piece.start) out.push(piece);
    start = trimSpan(text, cut, end).start;
  }
  if (end > start) out.push({ start, end });
}
