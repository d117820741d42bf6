// **features** — per-character feature keys (n-grams, char type, jieba words and POS, lexicon marks), hashed to 30-bit ints.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { Lexicon } from './lexicon.ts';

/** Lexicons the features consult, in a fixed order (the order is part of the model). */
export const LEXICON_NAMES = ['surname', 'title', 'orgSuffix', 'placeFull', 'placeShort', 'autoPerson', 'autoPlace', 'autoOrg'] as const;
const BASE_LEXICONS = LEXICON_NAMES.slice(0, 5);
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
  ...BASE_LEXICONS.map((l) => `lex:${l}[-1..1]`),
  'surname[0]+title[-1]+type[1..2]',
] as const;
/** Experimental extra templates (XCKG_FEATS=comma list), appended after the base ones. */
const EXTRA_DEFS: Record<string, string[]> = {
  c3: ['c[-3]', 'c[3]'],
  skip: ['c[-1]+c[1]'],
  c4: ['c[-3..0]', 'c[0..3]'],
  wnb: ['word[-1]+wordPos', 'word[1]+wordPos'],
  shape: ['type[-2..2]'],
  lexall: ['lex[0]+wordPos'],
  name: ['surnameDist+wordLen+type[1]'],
  auto: LEXICON_NAMES.slice(5).map((l) => `lex:${l}[-1..1]`),
};
export const EXTRAS = (process.env.XCKG_FEATS ?? '').split(',').filter((x) => x && EXTRA_DEFS[x]);
export const EXTRA_TEMPLATES = EXTRAS.flatMap((x) => EXTRA_DEFS[x]);
export const FEATURE_COUNT = FEATURE_TEMPLATES.length + EXTRA_TEMPLATES.length;
const USES_AUTO = EXTRAS.includes('auto') || EXTRAS.includes('lexall');
export const FEATURE_VERSION = 1;

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
  wprevHash = new Int32Array(0);
  wnextHash = new Int32Array(0);
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
    this.wprevHash = new Int32Array(cap);
    this.wnextHash = new Int32Array(cap);
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
  if (EXTRA_TEMPLATES.length) {
    // Hashes of the previous and next jieba words, per token.
    let i = 0;
    let prevH = 0x1b873593;
    while (i < n) {
      const len = wordLenAt(s, i, n);
      const h = s.whash[i];
      const nextH = i + len < n ? s.whash[i + len] : 0x2f1e3d5c;
      for (let k = 0; k < len && i + k < n; k++) {
        s.wprevHash[i + k] = prevH;
        s.wnextHash[i + k] = nextH;
      }
      prevH = h;
      i += len;
    }
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
    if (l >= BASE_LEXICONS.length && !USES_AUTO) {
      m.fill(0, 0, n + 2);
      continue;
    }
    m[0] = 0;
    lex[LEXICON_NAMES[l]].mark(cps, n, m.subarray(1));
    m[n + 1] = 0;
  }
  const surname = s.lex[0];
  const title = s.lex[1];

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
    for (let l = 0; l < BASE_LEXICONS.length; l++) {
      const m = s.lex[l];
      out[o + 20 + l] = fin(mix(seed(20 + l), m[i] * 64 + m[i + 1] * 8 + m[i + 2]));
    }
    out[o + 25] = fin(mix(seed(25), ((surname[i + 1] * 8 + title[i]) * 8 + ty[c + 1]) * 8 + ty[c + 2]));
    let f = 26;
    for (const x of EXTRAS) {
      switch (x) {
        case 'c3':
          out[o + f++] = fin(mix(seed(26), i >= 3 ? fc[c - 3] : BOS));
          out[o + f++] = fin(mix(seed(27), i + 3 < n ? fc[c + 3] : EOS));
          break;
        case 'skip':
          out[o + f++] = fin(mix(mix(seed(28), b), d));
          break;
        case 'c4':
          out[o + f++] = fin(mix(mix(mix(mix(seed(29), i >= 3 ? fc[c - 3] : BOS), a), b), fc[c]));
          out[o + f++] = fin(mix(mix(mix(mix(seed(30), fc[c]), d), e), i + 3 < n ? fc[c + 3] : EOS));
          break;
        case 'wnb':
          out[o + f++] = fin(mix(mix(seed(31), wp), s.wprevHash[i]));
          out[o + f++] = fin(mix(mix(seed(32), wp), s.wnextHash[i]));
          break;
        case 'shape':
          out[o + f++] = fin(mix(seed(33), (((ty[c - 2] * 8 + ty[c - 1]) * 8 + ty[c]) * 8 + ty[c + 1]) * 8 + ty[c + 2]));
          break;
        case 'lexall': {
          let v = wp;
          for (let l = 0; l < LEXICON_NAMES.length; l++) v = v * 8 + s.lex[l][i + 1];
          out[o + f++] = fin(mix(seed(34), v));
          break;
        }
        case 'auto':
          for (let l = 5; l < LEXICON_NAMES.length; l++) {
            const m = s.lex[l];
            out[o + f++] = fin(mix(seed(31 + l), m[i] * 64 + m[i + 1] * 8 + m[i + 2]));
          }
          break;
        case 'name': {
          // Distance back to a surname mark (0..2, else 3), and whether the tokens between are Han.
          let dist = 3;
          for (let k = 0; k <= 2 && i - k >= 0; k++) {
            const m = surname[i - k + 1];
            if (m === 4 /* SINGLE */ || m === 1 /* BEGIN */) {
              dist = k;
              break;
            }
            if (ty[c - k] !== T_HAN) break;
          }
          out[o + f++] = fin(mix(seed(35), (dist * 8 + s.wlen[i]) * 8 + ty[c + 1]));
          break;
        }
      }
    }
  }
}

/** Length of the jieba word starting at token i. */
function wordLenAt(s: Scratch, i: number, n: number): number {
  if (s.wp[i] === 3) return 1;
  let j = i + 1;
  while (j < n - 1 && s.wp[j] !== 2) j++;
  return j - i + 1;
}
