// **features** — per-character feature keys (n-grams, char type, jieba words and POS, lexicon marks), hashed to 30-bit ints.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { Lexicon } from './lexicon.ts';

/** Lexicons the features consult, in a fixed order (the order is part of the model). */
export const LEXICON_NAMES = ['surname', 'title', 'orgSuffix', 'placeFull', 'placeShort'] as const;
export type LexiconName = (typeof LEXICON_NAMES)[number];
export type Lexicons = Record<LexiconName, Lexicon>;

/** Feature templates per token; changing any template changes the model, so bump FEATURE_VERSION with it. */
export const FEATURE_TEMPLATES = [
  'bias',
  'c[-2]', 'c[-1]', 'c[0]', 'c[1]', 'c[2]',
  'c[-2..-1]', 'c[-1..0]', 'c[0..1]', 'c[1..2]',
  'c[-2..0]', 'c[-1..1]', 'c[0..2]',
  'type[0]', 'type[-1..1]',
  'wordPos+len', 'wordPos+pos', 'wordPos+c[0]', 'word+wordPos', 'pos[-1..1]+wordPos',
  ...LEXICON_NAMES.map((l) => `lex:${l}[-1..1]`),
  'surname[0]+title[-1]+type[1..2]',
  // Version 2: cues beyond the ±2 window, within the clause (no punctuation in between).
  'orgSuffixAhead+placeMark[0]',
  'orgSuffixAhead+wordPos+pos',
  'titleAhead+surname[0]+type[0]',
  'titleBehind+surname[0]+wordPos',
  'surnameDist+wordLen+type[1]',
] as const;
export const FEATURE_COUNT = FEATURE_TEMPLATES.length;
export const FEATURE_VERSION = 2;

/** Distance buckets: 0, 1, 2, 3-4, 5-6, 7-10, 11+; 7 when there is none. */
function bucket(d: number): number {
  return d < 0 ? 7 : d <= 2 ? d : d <= 4 ? 3 : d <= 6 ? 4 : d <= 10 ? 5 : 6;
}

// Character classes: han, digit, Chinese numeral, latin, punctuation/space, other, sentence start, sentence end.
const T_HAN = 0, T_DIGIT = 1, T_CNUM = 2, T_LATIN = 3, T_PUNCT = 4, T_OTHER = 5, T_BOS = 6, T_EOS = 7;
const CN_NUMERALS = new Set([...'〇一二三四五六七八九十百千万亿两零'].map((c) => c.codePointAt(0)!));
const BOS = -1;
const EOS = -2;

/** Full-width ASCII to ASCII, ideographic space to space, upper to lower case: corpora differ in these. */
export function normalizeCodePoint(cp: number): number {
  if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0;
  else if (cp === 0x3000) cp = 0x20;
  if (cp >= 0x41 && cp <= 0x5a) cp += 0x20;
  return cp;
}

function charType(cp: number): number {
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x3ffff)) {
    return CN_NUMERALS.has(cp) ? T_CNUM : T_HAN;
  }
  if (cp >= 0x30 && cp <= 0x39) return T_DIGIT;
  if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0xc0 && cp <= 0x24f)) return T_LATIN;
  if (cp <= 0x7f || (cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff00 && cp <= 0xffef)) {
    return T_PUNCT;
  }
  return T_OTHER;
}

/** Digits collapse to one symbol in n-grams: 1998年 and 2026年 should share evidence. */
function featChar(cp: number): number {
  return cp >= 0x30 && cp <= 0x39 ? 0x30 : cp;
}

function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0x5bd1e995);
  return h ^ (h >>> 15);
}
/** murmur3 finalizer, masked to 30 bits so keys stay small integers in V8. */
function fin(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & 0x3fffffff;
}
const SEEDS = Int32Array.from({ length: 64 }, (_, t) => Math.imul(t + 1, 0x9e3779b1));
function seed(template: number): number {
  return SEEDS[template];
}

let sharedJieba: Jieba | null = null;
export function jieba(): Jieba {
  if (!sharedJieba) sharedJieba = Jieba.withDict(dict);
  return sharedJieba;
}

const posIds = new Map<string, number>();
function posId(tag: string): number {
  let id = posIds.get(tag);
  if (id === undefined) {
    id = 0;
    for (let k = 0; k < tag.length; k++) id = id * 31 + tag.charCodeAt(k);
    posIds.set(tag, id);
  }
  return id;
}

/** Scratch buffers reused between sentences (one labeler runs on one thread). */
class Scratch {
  cap = 0;
  fc = new Int32Array(0);
  ty = new Int32Array(0);
  wp = new Int32Array(0);
  wlen = new Int32Array(0);
  wpos = new Int32Array(0);
  wprev = new Int32Array(0);
  wnext = new Int32Array(0);
  whash = new Int32Array(0);
  orgAhead = new Int32Array(0);
  titleAhead = new Int32Array(0);
  titleBehind = new Int32Array(0);
  lex: Uint8Array[] = [];
  ensure(n: number): void {
    if (n <= this.cap) return;
    const cap = Math.max(n, this.cap * 2, 256);
    this.cap = cap;
    this.fc = new Int32Array(cap + 4);
    this.ty = new Int32Array(cap + 4);
    this.wp = new Int32Array(cap);
    this.wlen = new Int32Array(cap);
    this.wpos = new Int32Array(cap);
    this.wprev = new Int32Array(cap);
    this.wnext = new Int32Array(cap);
    this.whash = new Int32Array(cap);
    this.orgAhead = new Int32Array(cap);
    this.titleAhead = new Int32Array(cap);
    this.titleBehind = new Int32Array(cap);
    this.lex = LEXICON_NAMES.map(() => new Uint8Array(cap + 2));
  }
}
const scratch = new Scratch();

/**
 * Writes FEATURE_COUNT keys per token into out[i * FEATURE_COUNT + f].
 * `cps` are normalized code points (normalizeCodePoint) and `text` is the same sequence as a string (for jieba).
 */
export function extractKeys(cps: Int32Array, n: number, text: string, lex: Lexicons, out: Int32Array): void {
  const s = scratch;
  s.ensure(n);
  // Padded char and type arrays: index i + 2 holds token i.
  const fc = s.fc;
  const ty = s.ty;
  fc[0] = fc[1] = BOS;
  ty[0] = ty[1] = T_BOS;
  for (let i = 0; i < n; i++) {
    fc[i + 2] = featChar(cps[i]);
    ty[i + 2] = charType(cps[i]);
  }
  fc[n + 2] = fc[n + 3] = EOS;
  ty[n + 2] = ty[n + 3] = T_EOS;

  // jieba words (HMM on: unknown names come out as one 'x' word, itself a cue).
  const words = jieba().tag(text, true);
  let pos = 0;
  let prevPos = posId('^');
  for (let w = 0; w < words.length && pos < n; w++) {
    const word = words[w].word;
    const cur = posId(words[w].tag);
    const next = w + 1 < words.length ? posId(words[w + 1].tag) : posId('$');
    let len = 0;
    let h = 0x2545f491;
    for (const ch of word) {
      h = mix(h, ch.codePointAt(0)!);
      len++;
    }
    const bucket = len > 4 ? 5 : len;
    for (let k = 0; k < len && pos + k < n; k++) {
      const p = pos + k;
      s.wp[p] = len === 1 ? 3 : k === 0 ? 0 : k === len - 1 ? 2 : 1;
      s.wlen[p] = bucket;
      s.wpos[p] = cur;
      s.wprev[p] = prevPos;
      s.wnext[p] = next;
      s.whash[p] = h;
    }
    pos += len;
    prevPos = cur;
  }
  for (; pos < n; pos++) {
    // jieba dropped something (should not happen); keep the arrays defined.
    s.wp[pos] = 3;
    s.wlen[pos] = 1;
    s.wpos[pos] = s.wprev[pos] = s.wnext[pos] = s.whash[pos] = 0;
  }

  // Lexicon marks, padded by one on each side.
  for (let l = 0; l < LEXICON_NAMES.length; l++) {
    const m = s.lex[l];
    m[0] = 0;
    lex[LEXICON_NAMES[l]].mark(cps, n, m.subarray(1));
    m[n + 1] = 0;
  }
  const surname = s.lex[0];
  const title = s.lex[1];
  const suffix = s.lex[2];
  const placeFull = s.lex[3];
  const placeShort = s.lex[4];

  // Clause-bounded distances: to the end of the next organization suffix, to the start of the next title, and since
  // the end of the last title (lexicon marks: 1 BEGIN, 3 END, 4 SINGLE).
  const orgAhead = s.orgAhead;
  const titleAhead = s.titleAhead;
  const titleBehind = s.titleBehind;
  let nextSuffix = -1;
  let nextTitle = -1;
  for (let i = n - 1; i >= 0; i--) {
    if (ty[i + 2] === T_PUNCT) nextSuffix = nextTitle = -1;
    else {
      if (suffix[i + 1] === 3 || suffix[i + 1] === 4) nextSuffix = i;
      if (title[i + 1] === 1 || title[i + 1] === 4) nextTitle = i;
    }
    orgAhead[i] = bucket(nextSuffix < 0 ? -1 : nextSuffix - i);
    titleAhead[i] = bucket(nextTitle < 0 ? -1 : nextTitle - i);
  }
  let lastTitle = -1;
  for (let i = 0; i < n; i++) {
    if (ty[i + 2] === T_PUNCT) lastTitle = -1;
    else if (i > 0 && (title[i] === 3 || title[i] === 4)) lastTitle = i;
    titleBehind[i] = bucket(lastTitle < 0 ? -1 : i - lastTitle);
  }

  const F = FEATURE_COUNT;
  for (let i = 0; i < n; i++) {
    const o = i * F;
    const c = i + 2;
    const a = fc[c - 2], b = fc[c - 1], x = fc[c], d = fc[c + 1], e = fc[c + 2];
    out[o] = fin(seed(0));
    out[o + 1] = fin(mix(seed(1), a));
    out[o + 2] = fin(mix(seed(2), b));
    out[o + 3] = fin(mix(seed(3), x));
    out[o + 4] = fin(mix(seed(4), d));
    out[o + 5] = fin(mix(seed(5), e));
    out[o + 6] = fin(mix(mix(seed(6), a), b));
    out[o + 7] = fin(mix(mix(seed(7), b), x));
    out[o + 8] = fin(mix(mix(seed(8), x), d));
    out[o + 9] = fin(mix(mix(seed(9), d), e));
    out[o + 10] = fin(mix(mix(mix(seed(10), a), b), x));
    out[o + 11] = fin(mix(mix(mix(seed(11), b), x), d));
    out[o + 12] = fin(mix(mix(mix(seed(12), x), d), e));
    out[o + 13] = fin(mix(seed(13), ty[c]));
    out[o + 14] = fin(mix(seed(14), ty[c - 1] * 64 + ty[c] * 8 + ty[c + 1]));
    const wp = s.wp[i];
    out[o + 15] = fin(mix(seed(15), wp * 8 + s.wlen[i]));
    out[o + 16] = fin(mix(mix(seed(16), wp), s.wpos[i]));
    out[o + 17] = fin(mix(mix(seed(17), wp), x));
    out[o + 18] = fin(mix(mix(seed(18), wp), s.whash[i]));
    out[o + 19] = fin(mix(mix(mix(mix(seed(19), wp), s.wprev[i]), s.wpos[i]), s.wnext[i]));
    for (let l = 0; l < LEXICON_NAMES.length; l++) {
      const m = s.lex[l];
      out[o + 20 + l] = fin(mix(seed(20 + l), m[i] * 64 + m[i + 1] * 8 + m[i + 2]));
    }
    out[o + 25] = fin(mix(seed(25), ((surname[i + 1] * 8 + title[i]) * 8 + ty[c + 1]) * 8 + ty[c + 2]));
    const pl = placeFull[i + 1] || placeShort[i + 1];
    const pm = pl ? 1 + Math.min(placeFull[i + 1], 1) : 0;
    out[o + 26] = fin(mix(seed(45), (orgAhead[i] * 8 + pm) * 8 + pl));
    out[o + 27] = fin(mix(mix(seed(46), orgAhead[i] * 8 + wp), s.wpos[i]));
    out[o + 28] = fin(mix(seed(48), (titleAhead[i] * 8 + surname[i + 1]) * 8 + ty[c]));
    out[o + 29] = fin(mix(seed(49), (titleBehind[i] * 8 + surname[i + 1]) * 8 + wp));
    // Distance back to a surname mark over Han tokens (0..2, else 3), with the jieba word length.
    let dist = 3;
    for (let k = 0; k <= 2 && i - k >= 0; k++) {
      const m = surname[i - k + 1];
      if (m === 4 /* SINGLE */ || m === 1 /* BEGIN */) {
        dist = k;
        break;
      }
      if (ty[c - k] !== T_HAN) break;
    }
    out[o + 30] = fin(mix(seed(35), (dist * 8 + s.wlen[i]) * 8 + ty[c + 1]));
  }
}
