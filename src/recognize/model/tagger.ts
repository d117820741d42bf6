// **tagger** — the trained labeler at inference: features → weights → Viterbi → typed spans in UTF-16 offsets.
import { extractKeys, FEATURE_COUNT, FEATURE_TEMPLATES, FEATURE_VERSION, LEXICON_NAMES, type Lexicons } from './features.ts';
import { Lexicon } from './lexicon.ts';
import { finalMask, spansToTags, tagsToSpans, transitionMask } from './tags.ts';
import { splitSegments, tokenize } from './tokens.ts';
import { lattice, viterbi, viterbiBIOES, type Lattice } from './viterbi.ts';
import { expTransitions, forwardBackward, type Posterior } from './marginals.ts';
import type { ModelHeader, ModelParts } from './format.ts';

export type LabelType = 'Person' | 'Place' | 'Organization' | 'Title' | 'Program';

export interface ModelMention {
  /** UTF-16 offsets into the tagged text, end exclusive. */
  start: number;
  end: number;
  type: LabelType;
  /** Probability of exactly this span and label under the model (forward–backward), when asked for. */
  score?: number;
}

export interface Labeler {
  tag(text: string): ModelMention[];
  /** The same spans as `tag`, each with its marginal probability (`score`). */
  tagScored(text: string): ModelMention[];
  /** Scored spans plus the probability the model gives any other span of the text (0 across a segment break). */
  analyze(text: string): Analysis;
  readonly header: ModelHeader;
}

export interface Analysis {
  mentions: ModelMention[];
  /** Probability that [start, end) (UTF-16 offsets into the analyzed text) is exactly one span of `type`. */
  probability(start: number, end: number, type: LabelType): number;
}

/**
 * Temperature of the confidence: perceptron scores are not log-probabilities, so exp(score / temperature) is fitted
 * to held-out sentences (scripts/calibrate.ts prints the reliability table that chose it).
 */
export const CONFIDENCE_TEMPERATURE = 64;

export class Tagger implements Labeler {
  readonly header: ModelHeader;
  readonly lexicons: Lexicons;
  private table: PackedWeights;
  /** Transitions divided by the weight scale, so emissions can stay in int16 units (argmax is scale-free). */
  private trans: Float64Array;
  /** The tag set is plain BIOES (always, for models of this code): the written-out Viterbi applies. */
  private bioes: boolean;
  private T: number;
  private lat: Lattice;
  private keyBuf = new Int32Array(0);
  private emit = new Int32Array(0);
  private path = new Int32Array(0);

  constructor(parts: ModelParts) {
    const h = parts.header;
    if (h.featureVersion !== FEATURE_VERSION || h.featureTemplates.join('\n') !== FEATURE_TEMPLATES.join('\n')) {
      throw new Error(`model features v${h.featureVersion} differ from the code's v${FEATURE_VERSION}: retrain (npm run train)`);
    }
    this.header = h;
    this.T = h.tags.length;
    this.table = new PackedWeights(parts.keys, parts.weights, this.T);
    this.trans = Float64Array.from(parts.transitions, (v) => v / h.weightScale);
    this.bioes = h.tags.length === 1 + 4 * h.labels.length;
    this.lat = lattice(this.T, transitionMask(h.labels.length), finalMask(h.labels.length));
    this.lexicons = Object.fromEntries(
      LEXICON_NAMES.map((name) => [name, new Lexicon(parts.lexicons[name] ?? [])]),
    ) as Lexicons;
  }

  tag(text: string): ModelMention[] {
    const out: ModelMention[] = [];
    for (const [s, e] of splitSegments(text)) this.tagSegment(text.slice(s, e), s, out, false);
    return out;
  }

  tagScored(text: string): ModelMention[] {
    return this.analyze(text).mentions;
  }

  analyze(text: string): Analysis {
    const mentions: ModelMention[] = [];
    const segments: Array<{ start: number; end: number; tok: ReturnType<typeof tokenize>; posterior: () => Posterior | null }> = [];
    for (const [s, e] of splitSegments(text)) {
      const seg = this.tagSegment(text.slice(s, e), s, mentions, true);
      if (seg) segments.push({ start: s, end: e, ...seg });
    }
    const labels = this.header.labels as readonly string[];
    return {
      mentions,
      probability(start: number, end: number, type: LabelType): number {
        const seg = segments.find((g) => g.start <= start && end <= g.end);
        const label = labels.indexOf(type);
        const posterior = seg?.posterior();
        if (!seg || !posterior || label < 0 || end <= start) return 0;
        // UTF-16 offsets to token indices; a span that cuts a token has no probability.
        const offs = seg.tok.offsets;
        let a = -1;
        let b = -1;
        for (let k = 0; k <= seg.tok.n; k++) {
          if (seg.start + offs[k] === start) a = k;
          if (seg.start + offs[k] === end) b = k;
        }
        if (a < 0 || b <= a) return 0;
        return posterior.pathProbability(a, spansToTags(b - a, [{ start: 0, end: b - a, label }]));
      },
    };
  }

  /** Divides scores before exponentiation; see CONFIDENCE_TEMPERATURE. */
  get temperature(): number {
    return this.temp;
  }
  set temperature(t: number) {
    this.temp = t;
    this.expTrans = undefined;
  }
  private temp = CONFIDENCE_TEMPERATURE;
  /** exp() of the transitions at this temperature, computed once; null when out of range (log space is used). */
  private expTrans: Float64Array | null | undefined = undefined;

  /**
   * Tags one sentence; offsets of the result are shifted by `base`. When scored, the posterior is computed at once
   * if the sentence has spans to score, else only if a probability is asked of it later (most are not).
   */
  private tagSegment(seg: string, base: number, out: ModelMention[], scored: boolean): { tok: ReturnType<typeof tokenize>; posterior: () => Posterior | null } | null {
    const tok = tokenize(seg);
    const n = tok.n;
    if (n === 0) return null;
    const tags = this.decode(tok.cps, n, tok.text);
    const spans = tagsToSpans(tags.subarray(0, n));
    let posterior: Posterior | null = null;
    let later: (() => Posterior | null) = () => null;
    if (scored) {
      const scale = this.header.weightScale / this.temp;
      if (this.expTrans === undefined) this.expTrans = expTransitions(this.lat, this.trans, scale);
      const expTrans = this.expTrans;
      if (spans.length) posterior = forwardBackward(n, this.lat, this.emit, this.trans, scale, expTrans);
      else {
        // this.emit is reused by the next sentence: keep this one's emissions for a later question.
        const emit = this.emit.slice(0, n * this.T);
        later = () => (posterior ??= forwardBackward(n, this.lat, emit, this.trans, scale, expTrans));
      }
    }
    for (const sp of spans) {
      const m: ModelMention = {
        start: base + tok.offsets[sp.start],
        end: base + tok.offsets[sp.end],
        type: this.header.labels[sp.label] as LabelType,
      };
      if (posterior) m.score = posterior.pathProbability(sp.start, tags.subarray(sp.start, sp.end));
      out.push(m);
    }
    return { tok, posterior: posterior ? () => posterior : later };
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
    const table = this.table;
    const w16 = table.w16;
    const i32 = table.i32;
    const stride16 = table.stride16;
    const stride32 = table.stride32;
    const mask = table.mask;
    // Pass 1: every key to the offset of its weight row, or -1 (in place). The probes are independent of each other,
    // so the CPU overlaps their cache misses; interleaved with the sums below it waited for each one.
    const total = n * F;
    for (let k = 0; k < total; k++) {
      const key = keys[k];
      let slot = (key ^ (key >>> 13)) & mask;
      let found = i32[slot * stride32];
      while (found !== key && found !== -1) {
        slot = (slot + 1) & mask;
        found = i32[slot * stride32];
      }
      keys[k] = found === -1 ? -1 : slot * stride16 + 2;
    }
    // Pass 2: sum the rows per token.
    const emit = this.emit;
    if (T === 17) sumRows17(keys, n, F, w16, emit);
    else {
      for (let i = 0; i < n; i++) {
        const eo = i * T;
        for (let t = 0; t < T; t++) emit[eo + t] = 0;
        const ko = i * F;
        for (let f = 0; f < F; f++) {
          const wo = keys[ko + f];
          if (wo < 0) continue;
          for (let t = 0; t < T; t++) emit[eo + t] += w16[wo + t];
        }
      }
    }
    if (this.bioes) viterbiBIOES(n, this.header.labels.length, emit, this.trans, this.path);
    else viterbi(n, this.lat, emit, this.trans, null, this.path);
    return this.path;
  }

}

/**
 * Row sums for the 17 tags of the four-label model, accumulated in locals rather than by read-modify-writes of `emit`
 * (a quarter faster end to end).
 */
function sumRows17(rows: Int32Array, n: number, F: number, w: Int16Array, emit: Int32Array): void {
  for (let i = 0; i < n; i++) {
    const ko = i * F;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0;
    let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, b7 = 0;
    for (let f = 0; f < F; f++) {
      const o = rows[ko + f];
      if (o < 0) continue;
      a0 += w[o]; a1 += w[o + 1]; a2 += w[o + 2]; a3 += w[o + 3]; a4 += w[o + 4];
      a5 += w[o + 5]; a6 += w[o + 6]; a7 += w[o + 7]; a8 += w[o + 8];
      b0 += w[o + 9]; b1 += w[o + 10]; b2 += w[o + 11]; b3 += w[o + 12];
      b4 += w[o + 13]; b5 += w[o + 14]; b6 += w[o + 15]; b7 += w[o + 16];
    }
    const eo = i * 17;
    emit[eo] = a0; emit[eo + 1] = a1; emit[eo + 2] = a2; emit[eo + 3] = a3; emit[eo + 4] = a4;
    emit[eo + 5] = a5; emit[eo + 6] = a6; emit[eo + 7] = a7; emit[eo + 8] = a8;
    emit[eo + 9] = b0; emit[eo + 10] = b1; emit[eo + 11] = b2; emit[eo + 12] = b3;
    emit[eo + 13] = b4; emit[eo + 14] = b5; emit[eo + 15] = b6; emit[eo + 16] = b7;
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
