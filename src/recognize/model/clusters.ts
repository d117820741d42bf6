// **clusters** — distributional word classes from unlabelled text: words that occur between the same neighbours share a class.
import { mulberry32 } from './trainer.ts';

export interface ClusterOptions {
  /** Words seen fewer times are not clustered. */
  minCount: number;
  /** Context vocabulary: this many most frequent words, left and right. */
  contexts: number;
  /** Dimension of the random projection of PPMI context vectors. */
  dims: number;
  /** Number of classes. */
  k: number;
  iterations: number;
  seed: number;
}

/**
 * Clusters the words of `sentences` (already segmented) by their left and right neighbours: PPMI-weighted context counts,
 * projected to `dims` dimensions by a fixed random ±1 matrix, then spherical k-means from the `k` most frequent words.
 * Deterministic for a given input and seed. Returns word → class.
 */
export function clusterWords(sentences: Iterable<string[]>, opt: ClusterOptions): Map<string, number> {
  const freq = new Map<string, number>();
  const seqs: string[][] = [];
  for (const s of sentences) {
    seqs.push(s);
    for (const w of s) freq.set(w, (freq.get(w) ?? 0) + 1);
  }
  const byFreq = [...freq.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const vocab = byFreq.filter(([, c]) => c >= opt.minCount).map(([w]) => w);
  const vid = new Map(vocab.map((w, i) => [w, i]));
  const C = Math.min(opt.contexts, vocab.length);
  // Context ids: 0..C-1 left neighbours, C..2C-1 right neighbours, plus sentence boundaries as their own contexts.
  const BOS = 2 * C;
  const EOS = 2 * C + 1;
  const NC = 2 * C + 2;
  const counts: Array<Map<number, number>> = vocab.map(() => new Map());
  const ctxTotal = new Float64Array(NC);
  let total = 0;
  for (const s of seqs) {
    for (let i = 0; i < s.length; i++) {
      const v = vid.get(s[i]);
      if (v === undefined) continue;
      const l = i === 0 ? BOS : (vid.get(s[i - 1]) ?? -1);
      const r = i === s.length - 1 ? EOS : (vid.get(s[i + 1]) ?? -1);
      const m = counts[v];
      if (l === BOS || (l >= 0 && l < C)) {
        m.set(l, (m.get(l) ?? 0) + 1);
        ctxTotal[l]++;
        total++;
      }
      if (r === EOS || (r >= 0 && r < C)) {
        const key = r === EOS ? EOS : C + r;
        m.set(key, (m.get(key) ?? 0) + 1);
        ctxTotal[key]++;
        total++;
      }
    }
  }
  // Random projection of PPMI vectors.
  const D = opt.dims;
  const rand = mulberry32(opt.seed);
  const proj = new Float32Array(NC * D);
  for (let k = 0; k < proj.length; k++) proj[k] = rand() < 0.5 ? -1 : 1;
  const V = vocab.length;
  const X = new Float32Array(V * D);
  for (let v = 0; v < V; v++) {
    const m = counts[v];
    let rowTotal = 0;
    for (const c of m.values()) rowTotal += c;
    if (!rowTotal) continue;
    for (const [ctx, c] of m) {
      const pmi = Math.log((c * total) / (rowTotal * ctxTotal[ctx]));
      if (pmi <= 0) continue;
      const po = ctx * D;
      for (let d = 0; d < D; d++) X[v * D + d] += pmi * proj[po + d];
    }
    normalize(X, v * D, D);
  }
  // Spherical k-means, initialized with the k most frequent words.
  const K = Math.min(opt.k, V);
  const cent = new Float32Array(K * D);
  cent.set(X.subarray(0, K * D));
  const assign = new Int32Array(V);
  for (let it = 0; it < opt.iterations; it++) {
    for (let v = 0; v < V; v++) {
      let best = 0;
      let bestSim = -Infinity;
      for (let k = 0; k < K; k++) {
        let sim = 0;
        for (let d = 0; d < D; d++) sim += X[v * D + d] * cent[k * D + d];
        if (sim > bestSim) {
          bestSim = sim;
          best = k;
        }
      }
      assign[v] = best;
    }
    cent.fill(0);
    for (let v = 0; v < V; v++) for (let d = 0; d < D; d++) cent[assign[v] * D + d] += X[v * D + d];
    for (let k = 0; k < K; k++) normalize(cent, k * D, D);
  }
  return new Map(vocab.map((w, v) => [w, assign[v]]));
}

function normalize(a: Float32Array, off: number, D: number): void {
  let s = 0;
  for (let d = 0; d < D; d++) s += a[off + d] * a[off + d];
  if (!s) return;
  const inv = 1 / Math.sqrt(s);
  for (let d = 0; d < D; d++) a[off + d] *= inv;
}
