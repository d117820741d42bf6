// **tagger** — the trained labeler at inference: features → weights → Viterbi → typed spans in UTF-16 offsets.
import { extractKeys, FEATURE_COUNT, FEATURE_VERSION, LEXICON_NAMES, type Lexicons } from './features.ts';
import { Lexicon } from './lexicon.ts';
import { finalMask, tagsToSpans, transitionMask } from './tags.ts';
import { splitSegments, tokenize } from './tokens.ts';
import { lattice, viterbi, type Lattice } from './viterbi.ts';
import type { ModelHeader, ModelParts } from './format.ts';

export type LabelType = 'Person' | 'Place' | 'Organization' | 'Title' | 'Program';

export interface ModelMention {
  /** UTF-16 offsets into the tagged text, end exclusive. */
  start: number;
  end: number;
  type: LabelType;
  score?: number;
}

export interface Labeler {
  tag(text: string): ModelMention[];
  readonly header: ModelHeader;
}

export class Tagger implements Labeler {
  readonly header: ModelHeader;
  readonly lexicons: Lexicons;
  private table: PackedWeights;
  /** Transitions divided by the weight scale, so emissions can stay in int16 units (argmax is scale-free). */
  private trans: Float32Array;
  private T: number;
  private lat: Lattice;
  private keyBuf = new Int32Array(0);
  private emit = new Int32Array(0);
  private path = new Int32Array(0);

  constructor(parts: ModelParts) {
    const h = parts.header;
    if (h.featureVersion !== FEATURE_VERSION) {
      throw new Error(`model features v${h.featureVersion} but code has v${FEATURE_VERSION}: retrain (npm run train)`);
    }
    this.header = h;
    this.T = h.tags.length;
    this.table = new PackedWeights(parts.keys, parts.weights, this.T);
    this.trans = parts.transitions.map((v) => v / h.weightScale);
    this.lat = lattice(this.T, transitionMask(h.labels.length), finalMask(h.labels.length));
    this.lexicons = Object.fromEntries(
      LEXICON_NAMES.map((name) => [name, new Lexicon(parts.lexicons[name] ?? [])]),
    ) as Lexicons;
  }

  tag(text: string): ModelMention[] {
    const out: ModelMention[] = [];
    for (const [s, e] of splitSegments(text)) this.tagSegment(text.slice(s, e), s, out);
    return out;
  }

  /** Tags one sentence; offsets of the result are shifted by `base`. */
  private tagSegment(seg: string, base: number, out: ModelMention[]): void {
    const tok = tokenize(seg);
    const n = tok.n;
    if (n === 0) return;
    const tags = this.decode(tok.cps, n, tok.text);
    for (const sp of tagsToSpans(tags.subarray(0, n))) {
      out.push({
        start: base + tok.offsets[sp.start],
        end: base + tok.offsets[sp.end],
        type: this.header.labels[sp.label] as LabelType,
      });
    }
  }

  /** Best tag path for normalized tokens (shared buffer: copy if kept). */
  decode(cps: Int32Array, n: number, normText: string): Int32Array {
    const F = FEATURE_COUNT;
    const T = this.T;
    if (this.keyBuf.length < n * F) {
      this.keyBuf = new Int32Array(n * F * 2);
      this.emit = new Int32Array(n * T * 2);
      this.path = new Int32Array(n * 2);
    }
    const keys = this.keyBuf;
    extractKeys(cps, n, normText, this.lexicons, keys);
    const emit = this.emit;
    emit.fill(0, 0, n * T);
    const table = this.table;
    const w16 = table.w16;
    const i32 = table.i32;
    const stride16 = table.stride16;
    const stride32 = table.stride32;
    const mask = table.mask;
    for (let i = 0; i < n; i++) {
      const eo = i * T;
      for (let f = 0; f < F; f++) {
        // Inlined PackedWeights.find: this loop is most of the tagging time.
        const key = keys[i * F + f];
        let slot = (key ^ (key >>> 13)) & mask;
        let k = i32[slot * stride32];
        while (k !== key && k !== -1) {
          slot = (slot + 1) & mask;
          k = i32[slot * stride32];
        }
        if (k === -1) continue;
        const wo = slot * stride16 + 2;
        for (let t = 0; t < T; t++) emit[eo + t] += w16[wo + t];
      }
    }
    viterbi(n, this.lat, emit, this.trans, null, this.path);
    return this.path;
  }
}

/**
 * Feature weights in one open-addressing table whose slot holds the key and its int16 weight row side by side:
 * one cache miss per feature instead of two or three (key table, row table, weight matrix).
 */
class PackedWeights {
  readonly i32: Int32Array;
  readonly w16: Int16Array;
  readonly stride32: number;
  readonly stride16: number;
  readonly mask: number;

  constructor(keys: Int32Array, weights: Int16Array, T: number) {
    this.stride32 = 1 + Math.ceil(T / 2);
    this.stride16 = this.stride32 * 2;
    let cap = 1024;
    while (cap < keys.length * 1.5) cap *= 2;
    this.mask = cap - 1;
    this.i32 = new Int32Array(cap * this.stride32);
    this.w16 = new Int16Array(this.i32.buffer);
    for (let s = 0; s < cap; s++) this.i32[s * this.stride32] = -1;
    for (let r = 0; r < keys.length; r++) {
      const key = keys[r];
      let slot = (key ^ (key >>> 13)) & this.mask;
      while (this.i32[slot * this.stride32] !== -1) slot = (slot + 1) & this.mask;
      this.i32[slot * this.stride32] = key;
      const to = slot * this.stride16 + 2;
      const from = r * T;
      for (let t = 0; t < T; t++) this.w16[to + t] = weights[from + t];
    }
  }

  /** Slot of `key`, or -1. */
  find(key: number): number {
    const i32 = this.i32;
    const stride = this.stride32;
    const mask = this.mask;
    let slot = (key ^ (key >>> 13)) & mask;
    for (;;) {
      const k = i32[slot * stride];
      if (k === key) return slot;
      if (k === -1) return -1;
      slot = (slot + 1) & mask;
    }
  }
}
