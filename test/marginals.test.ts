// Span probabilities of the labeler (forward–backward) against brute-force enumeration of every tag path.
import { describe, expect, it } from 'vitest';
import { expTransitions, forwardBackward } from '../src/recognize/model/marginals.ts';
import { lattice } from '../src/recognize/model/viterbi.ts';
import { finalMask, transitionMask } from '../src/recognize/model/tags.ts';
import { loadModel } from '../src/recognize/model/index.ts';

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Exact probability of tags[] at [start, …) by summing exp(score) over every allowed path. */
function bruteForce(n: number, T: number, tmask: Uint8Array, fmask: Uint8Array, emit: Float64Array, trans: Float64Array, scale: number, start: number, tags: number[]): number {
  const paths: Array<{ score: number; hit: boolean }> = [];
  const path = new Array<number>(n).fill(0);
  const visit = (i: number, score: number): void => {
    if (i === n) {
      if (fmask[path[n - 1]]) paths.push({ score: score * scale, hit: tags.every((t, k) => path[start + k] === t) });
      return;
    }
    for (let t = 0; t < T; t++) {
      const prev = i === 0 ? T : path[i - 1];
      if (!tmask[prev * T + t]) continue;
      path[i] = t;
      visit(i + 1, score + trans[prev * T + t] + emit[i * T + t]);
    }
  };
  visit(0, 0);
  // Shifted by the best path so that exp() stays finite at any scale.
  const max = Math.max(...paths.map((p) => p.score));
  let z = 0;
  let hit = 0;
  for (const p of paths) {
    const w = Math.exp(p.score - max);
    z += w;
    if (p.hit) hit += w;
  }
  return hit / z;
}

describe('span probabilities (forward–backward)', () => {
  const L = 1;
  const T = 1 + 4 * L;
  const tmask = transitionMask(L);
  const fmask = finalMask(L);
  const lat = lattice(T, tmask, fmask);
  const B = 1, I = 2, E = 3, S = 4;

  for (const [scale, label] of [[1, 'ordinary scores'], [400, 'scores far out of floating-point range (log-space fallback)']] as const) {
    it(`equal brute-force enumeration with ${label}`, () => {
      const random = rng(7 + scale);
      for (let trial = 0; trial < 20; trial++) {
        const n = 2 + Math.floor(random() * 5);
        const emit = Float64Array.from({ length: n * T }, () => random() * 4 - 2);
        const trans = Float64Array.from({ length: (T + 1) * T }, () => random() * 2 - 1);
        const post = forwardBackward(n, lat, emit, trans, scale, expTransitions(lat, trans, scale));
        for (const [start, tags] of [[0, [S]], [0, [B, E]], [1, [B, I, E]], [n - 1, [S]], [n - 2, [B, E]]] as Array<[number, number[]]>) {
          if (start < 0 || start + tags.length > n) continue;
          const exact = bruteForce(n, T, tmask, fmask, emit, trans, scale, start, tags);
          expect(post.pathProbability(start, tags)).toBeCloseTo(exact, 9);
        }
      }
    });
  }

  it('give each labeler span a probability in (0, 1], and the other readings of the text what is left', () => {
    const labeler = loadModel();
    const text = '村党支部书记游存明领办了旅游专业合作社。';
    const a = labeler.analyze(text);
    const person = a.mentions.find((m) => m.type === 'Person');
    expect(person && text.slice(person.start, person.end)).toBe('游存明');
    expect(person!.score).toBeGreaterThan(0.5);
    expect(person!.score).toBeLessThanOrEqual(1 + 1e-9);
    // A shorter reading of the same name is a different, less probable span.
    const shorter = a.probability(person!.start, person!.end - 1, 'Person');
    expect(shorter).toBeLessThan(person!.score!);
    expect(shorter + person!.score!).toBeLessThanOrEqual(1 + 1e-9);
    // Offsets that cut no token boundary have no probability.
    expect(a.probability(0, text.length + 5, 'Person')).toBe(0);
  });
});
