// **viterbi** — best BIOES tag path under emission and transition scores, optionally restricted per position.

/** For each tag, the tags allowed before it (BIOES leaves ~9 of 17 for B/S/O and 2 for I/E): the inner loop visits only those. */
export interface Lattice {
  T: number;
  /** prevOf[cur] lists allowed previous tags. */
  prevOf: Int32Array[];
  /** Allowed first tags (after the start state). */
  start: Uint8Array;
  /** Allowed last tags. */
  final: Uint8Array;
}

export function lattice(T: number, tmask: Uint8Array, fmask: Uint8Array): Lattice {
  const prevOf: Int32Array[] = [];
  for (let cur = 0; cur < T; cur++) {
    const list: number[] = [];
    for (let p = 0; p < T; p++) if (tmask[p * T + cur]) list.push(p);
    prevOf.push(Int32Array.from(list));
  }
  return { T, prevOf, start: tmask.slice(T * T, T * T + T), final: fmask };
}

let score = new Float64Array(0);
let back = new Int32Array(0);

/**
 * emit[i * T + t]: score of tag t at token i. trans[prev * T + cur], prev = T for the start.
 * allowed (optional): bitmask of tags allowed at each token. Writes the best path into out[0..n).
 */
export function viterbi(
  n: number,
  lat: Lattice,
  emit: Float64Array | Float32Array | Int32Array,
  trans: Float64Array | Float32Array,
  allowed: Int32Array | null,
  out: Int32Array,
): void {
  if (n === 0) return;
  const T = lat.T;
  if (score.length < n * T) {
    score = new Float64Array(n * T * 2);
    back = new Int32Array(n * T * 2);
  }
  const NEG = -Infinity;
  for (let t = 0; t < T; t++) {
    const ok = lat.start[t] && (!allowed || allowed[0] & (1 << t));
    score[t] = ok ? trans[T * T + t] + emit[t] : NEG;
  }
  const prevOf = lat.prevOf;
  for (let i = 1; i < n; i++) {
    const base = i * T;
    const prevBase = base - T;
    const al = allowed ? allowed[i] : -1;
    for (let t = 0; t < T; t++) {
      if (!(al & (1 << t))) {
        score[base + t] = NEG;
        continue;
      }
      const prevs = prevOf[t];
      let best = NEG;
      let arg = 0;
      for (let k = 0; k < prevs.length; k++) {
        const p = prevs[k];
        const v = score[prevBase + p] + trans[p * T + t];
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      score[base + t] = best + emit[base + t];
      back[base + t] = arg;
    }
  }
  let best = NEG;
  let arg = 0;
  const last = (n - 1) * T;
  for (let t = 0; t < T; t++) {
    if (lat.final[t] && score[last + t] > best) {
      best = score[last + t];
      arg = t;
    }
  }
  out[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * T + out[i]];
}
