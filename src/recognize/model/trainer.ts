// **trainer** — averaged, cost-augmented structured perceptron over BIOES paths, with latent gold paths for partially
// labelled corpora and per-corpus domain copies of every feature.
import { FeatureIndex } from './index-table.ts';
import { extractKeys, FEATURE_COUNT, FEATURE_TEMPLATES, FEATURE_VERSION, LEXICON_NAMES, type LexiconName, type Lexicons } from './features.ts';
import { MODEL_FORMAT, MODEL_VERSION, type ModelHeader, type ModelParts } from './format.ts';
import { Lexicon } from './lexicon.ts';
import { B, E, finalMask, I, MODEL_LABELS, O, S, spansToTags, tagId, tagNames, tagsToSpans, transitionMask, type TokenSpan } from './tags.ts';
import { tokenize } from './tokens.ts';
import { lattice, viterbi } from './viterbi.ts';

/** A training sentence: gold spans in code points, and which extra labels an unlabelled token may secretly carry. */
export interface TrainSentence {
  text: string;
  spans: TokenSpan[];
  /** Labels (indices into MODEL_LABELS) the corpus does not annotate: its O tokens may be one of them. */
  unannotated: number[];
  /** Spans that are, as a whole, one of these labels or else O (a title-lexicon match in a corpus without titles). */
  loose: Array<{ start: number; end: number; labels: number[] }>;
  /** Copies per epoch (oversampling small in-domain corpora). */
  weight: number;
  /** Index into TrainOptions.domains: the corpus's annotation convention. */
  domain: number;
}

export interface TrainOptions {
  epochs: number;
  seed: number;
  /** Features seen fewer times than this in the training data get no weights. */
  minFeatureCount: number;
  /**
   * Cost-augmented decoding during training: every tag but the gold one gets this much extra score, so the perceptron
   * keeps updating until gold wins by a margin (0 = plain perceptron).
   */
  cost: number;
  /** Rows whose largest averaged |weight| is below this are dropped from the saved model. */
  pruneBelow: number;
  lexicons: Record<LexiconName, string[]>;
  corpora: ModelHeader['training']['corpora'];
  /**
   * Annotation conventions (one per corpus family). Every feature also fires in a copy salted with the sentence's
   * domain ("frustratingly easy" domain adaptation); each saved model folds the copy of one target domain into the shared
   * weights, so inference costs nothing extra and follows that convention.
   */
  domains: string[];
  /** One saved model per target domain. */
  targetDomains: string[];
  /**
   * Held-out sentences (slices of the training corpora, never the benchmarks), scored with the averaged weights after
   * each epoch: exact-span F1 per set, for choosing the epoch count.
   */
  validation?: Array<{ name: string; sentences: TrainSentence[]; labels: number[] }>;
  log?: (line: string) => void;
}

interface Prepared {
  n: number;
  rows: Int32Array;
  gold: Int32Array;
  allowed: Int32Array | null;
  weight: number;
  domain: number;
}

/** The domain-salted copy of a feature key. */
function domainKey(key: number, domain: number): number {
  let h = Math.imul(key ^ (0x51ed27 + domain * 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & 0x3fffffff;
}

/** Deterministic PRNG (mulberry32): the same seed gives the same shuffles. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function train(sentences: TrainSentence[], opt: TrainOptions): ModelParts[] {
  const log = opt.log ?? (() => {});
  const F = FEATURE_COUNT;
  const F2 = 2 * F;
  const L = MODEL_LABELS.length;
  const T = 1 + L * 4;
  const labelBits = (l: number): number => (0xf << (1 + l * 4));
  const lexicons = Object.fromEntries(LEXICON_NAMES.map((k) => [k, new Lexicon(opt.lexicons[k])])) as Lexicons;

  // 1. Features once, counted.
  const t0 = Date.now();
  const counter = new FeatureIndex(1 << 20);
  let counts = new Int32Array(1 << 20);
  const keyed: Array<{ n: number; keys: Int32Array; s: TrainSentence }> = [];
  for (const s of sentences) {
    const tok = tokenize(s.text);
    if (tok.n === 0) continue;
    const base = new Int32Array(tok.n * F);
    extractKeys(tok.cps, tok.n, tok.text, lexicons, base);
    const keys = new Int32Array(tok.n * F2);
    for (let k = 0; k < base.length; k++) {
      keys[2 * k] = base[k];
      keys[2 * k + 1] = domainKey(base[k], s.domain);
    }
    for (let k = 0; k < keys.length; k++) {
      const r = counter.add(keys[k]);
      if (r >= counts.length) {
        const grown = new Int32Array(counts.length * 2);
        grown.set(counts);
        counts = grown;
      }
      counts[r] += s.weight;
    }
    keyed.push({ n: tok.n, keys, s });
  }
  const allKeys = counter.keysByRow();
  const index = new FeatureIndex(allKeys.length);
  for (let r = 0; r < allKeys.length; r++) if (counts[r] >= opt.minFeatureCount) index.add(allKeys[r]);
  log(`features: ${allKeys.length} distinct, ${index.size} kept (count >= ${opt.minFeatureCount}); ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // 2. Rows, gold tags and latent masks.
  const sharedKeys = new Set<number>();
  const data: Prepared[] = keyed.map(({ n, keys, s }) => {
    const rows = new Int32Array(n * F2);
    for (let k = 0; k < rows.length; k++) rows[k] = index.get(keys[k]);
    for (let k = 0; k < keys.length; k += 2) sharedKeys.add(keys[k]);
    const spans = s.spans.filter((sp) => sp.start >= 0 && sp.end <= n && sp.end > sp.start);
    const gold = spansToTags(n, spans);
    let allowed: Int32Array | null = null;
    if (s.unannotated.length || s.loose.length) {
      let extra = 0;
      for (const l of s.unannotated) extra |= labelBits(l);
      allowed = new Int32Array(n);
      for (let i = 0; i < n; i++) allowed[i] = gold[i] === O ? (1 << O) | extra : 1 << gold[i];
      for (const lp of s.loose) {
        // All of the span is one of the labels, or none of it is: B at its start, I inside, E at its end (S alone),
        // so a latent title is 副局长 or nothing, never 副局.
        const end = Math.min(lp.end, n);
        for (let i = lp.start; i < end; i++) {
          if (gold[i] !== O) continue;
          const part = end - lp.start === 1 ? S : i === lp.start ? B : i === end - 1 ? E : I;
          for (const l of lp.labels) allowed[i] |= 1 << tagId(part, l);
        }
      }
    }
    return { n, rows, gold, allowed, weight: s.weight, domain: s.domain };
  });
  keyed.length = 0;
  const valSets = (opt.validation ?? []).map((v) => ({
    name: v.name,
    labels: v.labels,
    data: v.sentences.map((s) => {
      const tok = tokenize(s.text);
      const base = new Int32Array(tok.n * F);
      if (tok.n) extractKeys(tok.cps, tok.n, tok.text, lexicons, base);
      const rows = new Int32Array(tok.n * F2);
      for (let k = 0; k < base.length; k++) {
        rows[2 * k] = index.get(base[k]);
        rows[2 * k + 1] = index.get(domainKey(base[k], s.domain));
      }
      return { n: tok.n, rows, spans: s.spans, domain: s.domain };
    }),
  }));

  // 3. Averaged perceptron: w the current weights, u the time-weighted sum of updates (average = w - u / c).
  const W = new Float32Array(index.size * T);
  const U = new Float64Array(index.size * T);
  // Transitions: shared, plus one copy per domain (folded like the features).
  const NT = (T + 1) * T;
  const TW = new Float64Array(NT * (1 + opt.domains.length));
  const TU = new Float64Array(TW.length);
  const transScratch = new Float64Array(NT);
  const lat = lattice(T, transitionMask(L), finalMask(L));
  let c = 1;
  const order: number[] = [];
  data.forEach((d, i) => {
    for (let k = 0; k < d.weight; k++) order.push(i);
  });
  const rand = mulberry32(opt.seed);
  let emit = new Float64Array(256 * T);
  let pred = new Int32Array(256);
  let latent = new Int32Array(256);

  /** Exact-span micro F1 of the averaged model on held-out sentences. */
  function validate(vs: Array<{ n: number; rows: Int32Array; spans: TokenSpan[]; domain: number }>, labels: number[]): number {
    let gold = 0, predicted = 0, hit = 0;
    for (const v of vs) {
      const n = v.n;
      if (!n) continue;
      if (emit.length < n * T) {
        emit = new Float64Array(n * T * 2);
        pred = new Int32Array(n * 2);
        latent = new Int32Array(n * 2);
      }
      emit.fill(0, 0, n * T);
      for (let i = 0; i < n; i++) {
        for (let f = 0; f < F2; f++) {
          const r = v.rows[i * F2 + f];
          if (r < 0) continue;
          for (let t = 0; t < T; t++) emit[i * T + t] += W[r * T + t] - U[r * T + t] / c;
        }
      }
      const dOff = NT * (1 + v.domain);
      for (let k = 0; k < NT; k++) transScratch[k] = TW[k] - TU[k] / c + TW[dOff + k] - TU[dOff + k] / c;
      viterbi(n, lat, emit, transScratch, null, pred);
      const got = new Set(
        tagsToSpans(pred.subarray(0, n)).filter((sp) => labels.includes(sp.label)).map((sp) => `${sp.start}:${sp.end}:${sp.label}`),
      );
      predicted += got.size;
      for (const sp of v.spans) {
        if (!labels.includes(sp.label)) continue;
        gold++;
        if (got.has(`${sp.start}:${sp.end}:${sp.label}`)) hit++;
      }
    }
    return hit ? (2 * hit) / (gold + predicted) : 0;
  }

  for (let epoch = 1; epoch <= opt.epochs; epoch++) {
    const te = Date.now();
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    let tokens = 0;
    let wrong = 0;
    for (const di of order) {
      const d = data[di];
      const n = d.n;
      if (emit.length < n * T) {
        emit = new Float64Array(n * T * 2);
        pred = new Int32Array(n * 2);
        latent = new Int32Array(n * 2);
      }
      emit.fill(0, 0, n * T);
      for (let i = 0; i < n; i++) {
        const eo = i * T;
        for (let f = 0; f < F2; f++) {
          const r = d.rows[i * F2 + f];
          if (r < 0) continue;
          const wo = r * T;
          for (let t = 0; t < T; t++) emit[eo + t] += W[wo + t];
        }
      }
      const dOff = NT * (1 + d.domain);
      for (let k = 0; k < NT; k++) transScratch[k] = TW[k] + TW[dOff + k];
      let gold = d.gold;
      if (d.allowed) {
        // The reference is the best path that agrees with the partial labels.
        viterbi(n, lat, emit, transScratch, d.allowed, latent);
        gold = latent;
      }
      if (opt.cost) for (let i = 0; i < n; i++) for (let t = 0; t < T; t++) if (t !== gold[i]) emit[i * T + t] += opt.cost;
      viterbi(n, lat, emit, transScratch, null, pred);
      let differs = false;
      for (let i = 0; i < n; i++) {
        if (gold[i] !== pred[i]) {
          differs = true;
          wrong++;
        }
      }
      tokens += n;
      if (differs) {
        for (let i = 0; i < n; i++) {
          const g = gold[i];
          const p = pred[i];
          if (g !== p) {
            for (let f = 0; f < F2; f++) {
              const r = d.rows[i * F2 + f];
              if (r < 0) continue;
              W[r * T + g] += 1;
              U[r * T + g] += c;
              W[r * T + p] -= 1;
              U[r * T + p] -= c;
            }
          }
          const gp = i === 0 ? T : gold[i - 1];
          const pp = i === 0 ? T : pred[i - 1];
          if (gp !== pp || g !== p) {
            for (const off of [0, dOff]) {
              TW[off + gp * T + g] += 1;
              TU[off + gp * T + g] += c;
              TW[off + pp * T + p] -= 1;
              TU[off + pp * T + p] -= c;
            }
          }
        }
      }
      c++;
    }
    const scores = valSets.map((v) => `${v.name} ${validate(v.data, v.labels).toFixed(4)}`).join(', ');
    log(`epoch ${epoch}: token error ${((100 * wrong) / tokens).toFixed(2)}%, ${((Date.now() - te) / 1000).toFixed(1)} s${scores ? `; held out: ${scores}` : ''}`);
  }

  // 4. Average, fold each target domain's copy into the shared weights, prune, quantize.
  const averaged = (r: number, t: number): number => W[r * T + t] - U[r * T + t] / c;
  return opt.targetDomains.map((targetDomain) => {
    const target = opt.domains.indexOf(targetDomain);
    if (target < 0) throw new Error(`target domain ${targetDomain} not among ${opt.domains.join(', ')}`);
    const trans = new Float32Array(NT);
    const tOff = NT * (1 + target);
    for (let k = 0; k < NT; k++) trans[k] = TW[k] - TU[k] / c + (TW[tOff + k] - TU[tOff + k] / c);
    // A shared key, its row and the row of its target-domain copy (either may be -1).
    const keep: Array<[number, number, number]> = [];
    let maxAbs = 0;
    for (const key of sharedKeys) {
      const r = index.get(key);
      const rd = index.get(domainKey(key, target));
      if (r < 0 && rd < 0) continue;
      let m = 0;
      for (let t = 0; t < T; t++) m = Math.max(m, Math.abs((r >= 0 ? averaged(r, t) : 0) + (rd >= 0 ? averaged(rd, t) : 0)));
      if (m >= opt.pruneBelow) {
        keep.push([key, r, rd]);
        if (m > maxAbs) maxAbs = m;
      }
    }
    keep.sort((a, b) => a[0] - b[0]);
    const scale = maxAbs / 32767 || 1;
    const keys = new Int32Array(keep.length);
    const weights = new Int16Array(keep.length * T);
    keep.forEach(([key, r, rd], k) => {
      keys[k] = key;
      for (let t = 0; t < T; t++) {
        const v = (r >= 0 ? averaged(r, t) : 0) + (rd >= 0 ? averaged(rd, t) : 0);
        weights[k * T + t] = Math.round(v / scale);
      }
    });
    log(`${targetDomain}: rows kept after pruning |w| < ${opt.pruneBelow}: ${keep.length} of ${sharedKeys.size}`);
    const header: ModelHeader = {
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      featureVersion: FEATURE_VERSION,
      labels: [...MODEL_LABELS],
      tags: tagNames(MODEL_LABELS),
      featureTemplates: [...FEATURE_TEMPLATES],
      features: keep.length,
      weightScale: scale,
      training: {
        corpora: opt.corpora,
        epochs: opt.epochs,
        seed: opt.seed,
        minFeatureCount: opt.minFeatureCount,
        cost: opt.cost,
        pruneBelow: opt.pruneBelow,
        trainedSentences: order.length,
        domains: opt.domains,
        targetDomain,
      },
      lexiconSizes: Object.fromEntries(LEXICON_NAMES.map((k) => [k, lexicons[k].size])),
    };
    return { header, lexicons: opt.lexicons, keys, weights, transitions: trans };
  });
}

