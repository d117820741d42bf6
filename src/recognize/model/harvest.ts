// **harvest** — entity lexicons mined from unlabelled text by a first-round model (self-training as features, not labels).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Lexicon } from './lexicon.ts';
import { Tagger } from './tagger.ts';
import { splitSegments, tokenize } from './tokens.ts';
import type { ModelParts } from './format.ts';

export interface HarvestOptions {
  /** Take every `stride`th article. */
  stride: number;
  /** Stop after this many characters of body text. */
  budget: number;
  /** A string enters a type's list when tagged that type at least this often… */
  minCount: number;
  /** …in at least this share of all its occurrences in the text (tagged or not)… */
  minShare: number;
  /** …and at least this share of its tagged occurrences. */
  minPurity: number;
}

export interface Harvest {
  lists: Record<string, string[]>;
  chars: number;
  articles: number;
}

/** Article bodies (after the header block) of a rmrb-style JSON-lines gzip file. */
export function* articleBodies(path: string, stride: number): Generator<string> {
  const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n');
  for (let a = 0; a < lines.length; a += stride) {
    if (!lines[a].trim()) continue;
    const text = (JSON.parse(lines[a]) as { text: string }).text;
    yield text.slice(text.indexOf('\n\n') + 2);
  }
}

/**
 * Tags the text with `parts`, counts each tagged string (normalized as the features see it) per type, then counts every
 * occurrence of the candidates: what the model calls a place nearly every time it sees it goes into the place list.
 */
export function harvestLexicons(parts: ModelParts, bodies: Iterable<string>, labels: string[], opt: HarvestOptions): Harvest {
  const tagger = new Tagger(parts);
  const tagged = new Map<string, Int32Array>();
  const texts: string[] = [];
  let chars = 0;
  let articles = 0;
  for (const body of bodies) {
    if (chars >= opt.budget) break;
    articles++;
    for (const [s, e] of splitSegments(body)) {
      const seg = body.slice(s, e);
      const tok = tokenize(seg);
      texts.push(tok.text);
      chars += seg.length;
      for (const m of tagger.tag(seg)) {
        const li = labels.indexOf(m.type);
        if (li < 0) continue;
        // Offsets are UTF-16 into seg; the normalized text has the same code points.
        const key = normalizedSlice(tok, m.start, m.end);
        let c = tagged.get(key);
        if (!c) tagged.set(key, (c = new Int32Array(labels.length)));
        c[li]++;
      }
    }
  }
  const candidates = [...tagged.entries()].filter(([, c]) => Math.max(...c) >= opt.minCount);
  const trie = new Lexicon(candidates.map(([k]) => k));
  const ids = new Map(candidates.map(([k], i) => [k, i]));
  const total = new Int32Array(candidates.length);
  for (const t of texts) {
    const cps = Int32Array.from([...t].map((ch) => ch.codePointAt(0)!));
    for (let i = 0; i < cps.length; i++) {
      for (const len of trie.matchLengthsAt(cps, i, cps.length)) {
        total[ids.get(String.fromCodePoint(...cps.subarray(i, i + len)))!]++;
      }
    }
  }
  const lists: Record<string, string[]> = Object.fromEntries(labels.map((l) => [l, []]));
  candidates.forEach(([key, c], k) => {
    let best = 0;
    let sum = 0;
    for (let l = 0; l < c.length; l++) {
      sum += c[l];
      if (c[l] > c[best]) best = l;
    }
    if (c[best] >= opt.minCount && c[best] >= opt.minShare * total[k] && c[best] >= opt.minPurity * sum) lists[labels[best]].push(key);
  });
  for (const l of labels) lists[l].sort();
  return { lists, chars, articles };
}

function normalizedSlice(tok: ReturnType<typeof tokenize>, start: number, end: number): string {
  let a = 0;
  while (tok.offsets[a] < start) a++;
  let b = a;
  while (b < tok.n && tok.offsets[b] < end) b++;
  return [...tok.text].slice(a, b).join('');
}
