// **marginals** — forward–backward over the same tag lattice Viterbi searches, so that each span the labeler
// proposes carries a probability: the share of all tag paths (weighted by exp(score / temperature)) that label
// exactly that span. Computed with per-position scaling instead of logs (one exp per tag and token).
import type { Lattice } from './viterbi.ts';

/** Forward–backward tables of one sequence (its own arrays: it may be asked after other sequences were tagged). */
export interface Posterior {
  n: number;
  T: number;
  /**
   * Probability that tokens [start, end) carry exactly the tags `tags[0..]` (B, I…, E or S) and that nothing
   * constrains what lies outside them.
   */
  pathProbability(start: number, tags: ArrayLike<number>): number;
}

/** The scaled recursions over exp(emit · scale) and the precomputed exp(trans · scale); null when out of range. */
function scaledForwardBackward(n: number, lat: Lattice, emit: ArrayLike<number>, scale: number, expTrans: Float64Array): Posterior | null {
  const T = lat.T;
  const alpha = new Float64Array(n * T);
  const beta = new Float64Array(n * T);
  const expEmit = new Float64Array(n * T);
  const scaleAt = new Float64Array(n);
  // Each token's emissions are shifted by the best score reachable there (incoming mass included), so exp() neither
  // overflows nor underflows to zero for every reachable tag; the shift is a constant factor that the per-position
  // scaling cancels.
  const st = T * T;
  const incoming = new Float64Array(T);
  for (let i = 0; i < n; i++) {
    const o = i * T;
    const po = o - T;
    for (let t = 0; t < T; t++) {
      if (i === 0) incoming[t] = lat.start[t] ? expTrans[st + t] : 0;
      else {
        const prevs = lat.prevOf[t];
        let acc = 0;
        for (let k = 0; k < prevs.length; k++) acc += alpha[po + prevs[k]] * expTrans[prevs[k] * T + t];
        incoming[t] = acc;
      }
    }
    let max = -Infinity;
    for (let t = 0; t < T; t++) if (incoming[t] > 0) max = Math.max(max, emit[o + t] * scale + Math.log(incoming[t]));
    let sum = 0;
    for (let t = 0; t < T; t++) {
      // A tag no path reaches gets no weight (its shifted score could overflow, and 0 × ∞ is NaN).
      const e = incoming[t] > 0 ? Math.exp(emit[o + t] * scale - max) : 0;
      expEmit[o + t] = e;
      const v = incoming[t] * e;
      alpha[o + t] = v;
      sum += v;
    }
    scaleAt[i] = sum;
    for (let t = 0; t < T; t++) alpha[o + t] /= sum;
  }
  const last = (n - 1) * T;
  let z = 0;
  for (let t = 0; t < T; t++) z += lat.final[t] ? alpha[last + t] : 0;
  for (let t = 0; t < T; t++) beta[last + t] = lat.final[t] ? 1 / z : 0;
  for (let i = n - 2; i >= 0; i--) {
    const o = i * T;
    const no = o + T;
    for (let p = 0; p < T; p++) beta[o + p] = 0;
    for (let t = 0; t < T; t++) {
      const w = (expEmit[no + t] * beta[no + t]) / scaleAt[i + 1];
      if (w === 0) continue;
      const prevs = lat.prevOf[t];
      for (let k = 0; k < prevs.length; k++) beta[o + prevs[k]] += expTrans[prevs[k] * T + t] * w;
    }
  }
  for (let k = 0; k < n * T; k++) if (!Number.isFinite(beta[k])) return null;
  return {
    n,
    T,
    pathProbability(start: number, tags: ArrayLike<number>): number {
      let p = alpha[start * T + tags[0]];
      for (let k = 1; k < tags.length; k++) {
        const i = start + k;
        p *= (expTrans[tags[k - 1] * T + tags[k]] * expEmit[i * T + tags[k]]) / scaleAt[i];
      }
      return p * beta[(start + tags.length - 1) * T + tags[tags.length - 1]];
    },
  };
}

/**
 * Posterior of one sequence. emit[i * T + t] and trans[prev * T + cur] (prev = T for the start) are scores in the
 * same units; `scale` turns them into log-potentials (the model's weight scale divided by the temperature);
 * `expTrans` is expTransitions(lat, trans, scale). The scaled recursions are exact in exact arithmetic; when the
 * transitions (expTrans null) or a sentence (a tag reachable only by a very unlikely path yet scored very high) leave
 * floating-point range, the log-space recursions take over.
 */
export function forwardBackward(
  n: number,
  lat: Lattice,
  emit: ArrayLike<number>,
  trans: ArrayLike<number>,
  scale: number,
  expTrans: Float64Array | null,
): Posterior {
  const fast = expTrans ? scaledForwardBackward(n, lat, emit, scale, expTrans) : null;
  return fast ?? logForwardBackward(n, lat, emit, trans, scale);
}

function logSumExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

function logForwardBackward(n: number, lat: Lattice, emit: ArrayLike<number>, trans: ArrayLike<number>, scale: number): Posterior {
  const T = lat.T;
  const st = T * T;
  const la = new Float64Array(n * T).fill(-Infinity);
  const lb = new Float64Array(n * T).fill(-Infinity);
  const allowed = (p: number, t: number): boolean => lat.prevOf[t].includes(p);
  for (let t = 0; t < T; t++) if (lat.start[t]) la[t] = (trans[st + t] + emit[t]) * scale;
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < T; t++) {
      let acc = -Infinity;
      for (const p of lat.prevOf[t]) acc = logSumExp(acc, la[(i - 1) * T + p] + trans[p * T + t] * scale);
      la[i * T + t] = acc + emit[i * T + t] * scale;
    }
  }
  let logZ = -Infinity;
  for (let t = 0; t < T; t++) if (lat.final[t]) logZ = logSumExp(logZ, la[(n - 1) * T + t]);
  for (let t = 0; t < T; t++) if (lat.final[t]) lb[(n - 1) * T + t] = 0;
  for (let i = n - 2; i >= 0; i--) {
    for (let t = 0; t < T; t++) {
      const w = lb[(i + 1) * T + t] + emit[(i + 1) * T + t] * scale;
      if (w === -Infinity) continue;
      for (const p of lat.prevOf[t]) lb[i * T + p] = logSumExp(lb[i * T + p], trans[p * T + t] * scale + w);
    }
  }
  return {
    n,
    T,
    pathProbability(start: number, tags: ArrayLike<number>): number {
      let lp = la[start * T + tags[0]];
      for (let k = 1; k < tags.length; k++) {
        if (!allowed(tags[k - 1], tags[k])) return 0;
        lp += (trans[tags[k - 1] * T + tags[k]] + emit[(start + k) * T + tags[k]]) * scale;
      }
      return Math.exp(lp + lb[(start + tags.length - 1) * T + tags[tags.length - 1]] - logZ);
    },
  };
}

/**
 * exp((trans - max) * scale) with disallowed moves as 0, laid out like `trans` ((T + 1) × T); null when an allowed
 * move underflows to 0 or overflows, since the scaled recursions would then treat it as forbidden.
 */
export function expTransitions(lat: Lattice, trans: ArrayLike<number>, scale: number): Float64Array | null {
  const T = lat.T;
  const out = new Float64Array((T + 1) * T);
  // Every path takes the same number of steps, so one shift for all transitions cancels and keeps exp() finite.
  let max = -Infinity;
  for (let cur = 0; cur < T; cur++) {
    for (const p of lat.prevOf[cur]) max = Math.max(max, trans[p * T + cur]);
    if (lat.start[cur]) max = Math.max(max, trans[T * T + cur]);
  }
  const representable = (v: number) => v > 0 && Number.isFinite(v);
  for (let cur = 0; cur < T; cur++) {
    for (const p of lat.prevOf[cur]) {
      out[p * T + cur] = Math.exp((trans[p * T + cur] - max) * scale);
      if (!representable(out[p * T + cur])) return null;
    }
    if (lat.start[cur]) {
      out[T * T + cur] = Math.exp((trans[T * T + cur] - max) * scale);
      if (!representable(out[T * T + cur])) return null;
    }
  }
  return out;
}
