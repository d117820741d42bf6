// **tagger** — the trained labeler at inference: features → weights → Viterbi → typed spans in UTF-16 offsets.
import { FeatureIndex } from './index-table.ts';
import { extractKeys, FEATURE_COUNT, FEATURE_VERSION, LEXICON_NAMES, type Lexicons } from './features.ts';
import { Lexicon } from './lexicon.ts';
import { finalMask, tagsToSpans, transitionMask } from './tags.ts';
import { splitSegments, tokenize } from './tokens.ts';
import { viterbi } from './viterbi.ts';
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
  private index: FeatureIndex;
  private weights: Float32Array;
  private trans: Float32Array;
  private T: number;
  private tmask: Uint8Array;
  private fmask: Uint8Array;
  private keyBuf = new Int32Array(0);
  private emit = new Float32Array(0);
  private path = new Int32Array(0);

  constructor(parts: ModelParts) {
    const h = parts.header;
    if (h.featureVersion !== FEATURE_VERSION) {
      throw new Error(`model features v${h.featureVersion} but code has v${FEATURE_VERSION}: retrain (npm run train)`);
    }
    this.header = h;
    this.T = h.tags.length;
    this.index = new FeatureIndex(h.features);
    for (let r = 0; r < h.features; r++) this.index.add(parts.keys[r]);
    this.weights = new Float32Array(parts.weights.length);
    for (let k = 0; k < parts.weights.length; k++) this.weights[k] = parts.weights[k] * h.weightScale;
    this.trans = parts.transitions;
    this.tmask = transitionMask(h.labels.length);
    this.fmask = finalMask(h.labels.length);
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
      this.emit = new Float32Array(n * T * 2);
      this.path = new Int32Array(n * 2);
    }
    const keys = this.keyBuf;
    extractKeys(cps, n, normText, this.lexicons, keys);
    const emit = this.emit;
    emit.fill(0, 0, n * T);
    const w = this.weights;
    for (let i = 0; i < n; i++) {
      const eo = i * T;
      for (let f = 0; f < F; f++) {
        const r = this.index.get(keys[i * F + f]);
        if (r < 0) continue;
        const wo = r * T;
        for (let t = 0; t < T; t++) emit[eo + t] += w[wo + t];
      }
    }
    viterbi(n, T, emit, this.trans, this.tmask, this.fmask, null, this.path);
    return this.path;
  }
}
