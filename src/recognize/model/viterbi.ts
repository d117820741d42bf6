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


let bscore = new Float64Array(0);
let bback = new Int32Array(0);

/**
 * The same best path as `viterbi` for the BIOES tag set of `L` labels (tag 0 = O; label l has B, I, E, S at 1 + 4l ..
 * 4 + 4l) without per-token restrictions, written out for that structure: O, B and S follow O, E or S (or the start);
 * I and E follow B or I of their own label. Inference only.
 */
export function viterbiBIOES(n: number, L: number, emit: Int32Array | Float64Array, trans: Float64Array, out: Int32Array): void {
  if (n === 0) return;
  const T = 1 + 4 * L;
  if (bscore.length < n * T) {
    bscore = new Float64Array(n * T * 2);
    bback = new Int32Array(n * T * 2);
  }
  const score = bscore;
  const back = bback;
  const NEG = -Infinity;
  const st = T * T;
  // Start: O, B, S allowed; I, E not.
  score[0] = trans[st] + emit[0];
  for (let l = 0; l < L; l++) {
    const b = 1 + 4 * l;
    score[b] = trans[st + b] + emit[b];
    score[b + 1] = NEG;
    score[b + 2] = NEG;
    score[b + 3] = trans[st + b + 3] + emit[b + 3];
  }
  for (let i = 1; i < n; i++) {
    const base = i * T;
    const pb = base - T;
    // Tags that may start after a closed one: O, then B and S of each label. Closed predecessors: O, E and S.
    for (let c = 0; c < T; c++) {
      if (c !== 0 && ((c - 1) & 3) !== 0 && ((c - 1) & 3) !== 3) continue;
      let best = score[pb] + trans[c];
      let arg = 0;
      for (let l = 0; l < L; l++) {
        const e = 3 + 4 * l;
        const ve = score[pb + e] + trans[e * T + c];
        if (ve > best) {
          best = ve;
          arg = e;
        }
        const s = e + 1;
        const vs = score[pb + s] + trans[s * T + c];
        if (vs > best) {
          best = vs;
          arg = s;
        }
      }
      score[base + c] = best + emit[base + c];
      back[base + c] = arg;
    }
    // I and E of label l follow B or I of l.
    for (let l = 0; l < L; l++) {
      const b = 1 + 4 * l;
      const iTag = b + 1;
      const sb = score[pb + b];
      const si = score[pb + iTag];
      for (let c = iTag; c <= iTag + 1; c++) {
        const vb = sb + trans[b * T + c];
        const vi = si + trans[iTag * T + c];
        if (vb >= vi) {
          score[base + c] = vb + emit[base + c];
          back[base + c] = b;
        } else {
          score[base + c] = vi + emit[base + c];
          back[base + c] = iTag;
        }
      }
    }
  }
  // Final: O, E, S.
  const last = (n - 1) * T;
  let best = score[last];
  let arg = 0;
  for (let l = 0; l < L; l++) {
    const e = 3 + 4 * l;
    if (score[last + e] > best) {
      best = score[last + e];
      arg = e;
    }
    if (score[last + e + 1] > best) {
      best = score[last + e + 1];
      arg = e + 1;
    }
  }
  out[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * T + out[i]];
}
