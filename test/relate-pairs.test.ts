// The learned half of relate: candidate pairs, their features, and how a model's probabilities become relations.
import { describe, expect, it } from 'vitest';
import { ingestText } from '../src/ingest/index.ts';
import { recognize, loadResources } from '../src/recognize/index.ts';
import { link } from '../src/link/index.ts';
import { relate } from '../src/relate/index.ts';
import { candidatePairs, loadPairModel, pairProbability, takePairs, type PairCandidate, type PairWeights } from '../src/relate/pairs.ts';

const res = loadResources();
function read(text: string) {
  const doc = ingestText(text, 'pairs.txt');
  const mentions = recognize(doc, res);
  const linked = link(doc, mentions, res.gaz, res.lex);
  const rules = relate(doc, mentions, linked, res.gaz, res.lex, null);
  return { doc, mentions, linked, rules, candidates: candidatePairs(doc, mentions, linked, res.lex, rules) };
}

describe('candidate pairs', () => {
  it('pairs each person with the titles, organizations and places of its sentence, and marks what the rules said', () => {
    const { mentions, candidates } = read('河北农业大学教授李保山带学生上山。村民王秀兰住在太行村。');
    const show = (c: PairCandidate) => `${c.kind}:${mentions[c.person].text}→${mentions[c.other].text}${c.byRules ? '(rule)' : ''}`;
    const shown = candidates.map(show);
    expect(shown).toContain('position:李保山→教授(rule)');
    expect(shown).toContain('memberOf:李保山→河北农业大学(rule)');
    // Pairs never cross a sentence.
    expect(shown.some((s) => s.includes('李保山') && s.includes('太行村'))).toBe(false);
    for (const c of candidates) expect(c.features[0]).toBe(`${c.kind}:bias`);
  });
});

describe('taking pairs', () => {
  const cand = (kind: PairCandidate['kind'], person: number, other: number, features: string[], byRules = false): PairCandidate => ({ kind, person, other, features, byRules, holder: `person/${person}` });
  const model: PairWeights = { bias: 0, threshold: 0.6, weights: { 'position:near': 3, 'position:far': 1, 'residesIn:x': 2, 'memberOf:x': 2 } };
  it('gives a title to its likeliest holder only, and never one the rules gave away', () => {
    const taken = takePairs(model, [cand('position', 1, 9, ['position:far']), cand('position', 2, 9, ['position:near']), cand('position', 3, 8, ['position:near']), cand('position', 4, 8, [], true)]);
    expect(taken.map((c) => [c.person, c.other])).toEqual([[2, 9]]);
  });
  it('keeps one residence per person and every affiliation above the threshold', () => {
    const taken = takePairs(model, [cand('residesIn', 1, 5, ['residesIn:x']), cand('residesIn', 1, 6, ['residesIn:x', 'residesIn:x']), cand('memberOf', 1, 5, ['memberOf:x']), cand('memberOf', 1, 6, ['memberOf:x']), cand('memberOf', 1, 7, [])]);
    expect(taken.filter((c) => c.kind === 'residesIn').map((c) => c.other)).toEqual([6]);
    expect(taken.filter((c) => c.kind === 'memberOf').map((c) => c.other)).toEqual([5, 6]);
  });
  it('is a logistic model: unknown features weigh nothing', () => {
    expect(pairProbability(model, ['nothing'])).toBeCloseTo(0.5);
    expect(pairProbability(model, ['position:near'])).toBeCloseTo(1 / (1 + Math.exp(-3)));
  });
});

describe('the shipped model', () => {
  it('is trained and keeps every relation the rules state, adding to them', () => {
    const model = loadPairModel();
    expect(model).not.toBeNull();
    expect(Object.keys(model!.weights).length).toBeGreaterThan(100);
    expect(model!.threshold).toBeGreaterThan(0);
    expect(model!.threshold).toBeLessThan(1);
    const { doc, mentions, linked, rules } = read('珍珠泉乡老年助餐服务中心，送餐员王永福熟练地行驶在山路上。村民刘春生是书屋的管理员，住在清溪村。');
    const withModel = relate(doc, mentions, linked, res.gaz, res.lex, model);
    const keys = (r: typeof rules) => [...r.relations.map((x) => `${x.type}|${x.subject}|${x.object}`), ...r.positions.map((p) => `pos|${p.holder}|${p.title}`)];
    expect(keys(withModel)).toEqual(expect.arrayContaining(keys(rules)));
  });
});
