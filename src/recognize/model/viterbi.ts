// **viterbi** — best BIOES tag path under emission and transition scores, optionally restricted per position.

/**
 * emit[i * T + t]: score of tag t at token i. trans[prev * T + cur], prev = T for the start.
 * tmask / fmask: allowed transitions and final tags. allowed (optional): bitmask of tags allowed at each token.
 */
export function viterbi(
  n: number,
  T: number,
  emit: Float64Array | Float32Array,
  trans: Float64Array | Float32Array,
  tmask: Uint8Array,
  fmask: Uint8Array,
  allowed: Int32Array | null,
  out: Int32Array,
): void {
  if (n === 0) return;
  const score = new Float64Array(n * T);
  const back = new Int32Array(n * T);
  const NEG = -Infinity;
  for (let t = 0; t < T; t++) {
    const ok = tmask[T * T + t] && (!allowed || allowed[0] & (1 << t));
    score[t] = ok ? trans[T * T + t] + emit[t] : NEG;
  }
  for (let i = 1; i < n; i++) {
    const base = i * T;
    const prevBase = base - T;
    const al = allowed ? allowed[i] : -1;
    for (let t = 0; t < T; t++) {
      if (!(al & (1 << t))) {
        score[base + t] = NEG;
        continue;
      }
      let best = NEG;
      let arg = 0;
      for (let p = 0; p < T; p++) {
        const sp = score[prevBase + p];
        if (sp === NEG || !tmask[p * T + t]) continue;
        const v = sp + trans[p * T + t];
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
    if (fmask[t] && score[last + t] > best) {
      best = score[last + t];
      arg = t;
    }
  }
  out[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * T + out[i]];
}
