// **train-relations** trains the pair classifier of relate (src/relate/pairs.ts) on the dev gold and writes
// data/models/relations.model.json, printing nested cross-validated figures by article.
//
//   npm run train:relations [-- --folds 5] [-- --dry]
//
// Each dev article is read with the recognizer's thresholds of its own held-out fold (data/models/thresholds.json,
// crossValidation) and with the hand rules alone; the candidate pairs are labelled by locating the gold relations'
// names. For each outer fold a model is trained on the other folds, its threshold chosen by an inner
// cross-validation on those same folds, and it is applied to the fold: the per-article F1 of position, affiliation
// and residence with and without the model are the honest figures. The model trained on all articles (threshold from
// a cross-validation over all) is what the pipeline ships; the outer-fold models are kept as perFold so that
// `npm run bench:accuracy` reports cross-validated figures. Deterministic: full-batch training, no sampling.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestFile } from '../src/ingest/index.ts';
import { recognize, loadResources, type Thresholds } from '../src/recognize/index.ts';
import { link } from '../src/link/index.ts';
import { relate } from '../src/relate/index.ts';
import { devArticles, goldPath } from './dev-set.ts';
import { candidatePairs, takePairs, type PairCandidate, type PairModel, type PairWeights } from '../src/relate/pairs.ts';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const shared = process.env.XCKG_SHARED ?? resolve(root, '../shared');
const args = process.argv.slice(2);
const FOLDS = args.includes('--folds') ? Number(args[args.indexOf('--folds') + 1]) : 5;
const dry = args.includes('--dry');
const EPOCHS = 300;
const L2 = 0.01;
const THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

interface GoldEntity {
  type: string;
  name: string;
  aliases?: string[];
}
interface Gold {
  entities: GoldEntity[];
  optional?: GoldEntity[];
  relations: Array<{ rel: string; s: string; o: string; oAliases?: string[] }>;
}

/** One article's candidates with their labels and what the rules alone predict, all as name keys. */
interface ArticleData {
  name: string;
  fold: number;
  candidates: Array<PairCandidate & { label: boolean; key: string }>;
  /** Gold relation keys (kind|subject|object as gold names) of the three kinds. */
  gold: Set<string>;
  /** Rule predictions mapped to gold keys where they match, else to a unique miss key. */
  rules: Set<string>;
}

const KIND_OF_GOLD: Record<string, string> = { position: 'position', affiliation: 'memberOf', residesIn: 'residesIn' };

const articles = devArticles(shared);

const res = loadResources();
const perFoldThresholds = (JSON.parse(readFileSync(join(root, 'data/models/thresholds.json'), 'utf8')) as { crossValidation?: { perFold: Array<Partial<Thresholds>> } }).crossValidation?.perFold;

function readArticle(file: string, fold: number): ArticleData {
  const gold = JSON.parse(readFileSync(goldPath(shared, file), 'utf8')) as Gold;
  const canonical = new Map<string, string>();
  for (const e of [...gold.entities, ...(gold.optional ?? [])]) for (const n of [e.name, ...(e.aliases ?? [])]) if (!canonical.has(n)) canonical.set(n, e.name);
  const goldKeys = new Set<string>();
  const titleAliases = new Map<string, string>();
  for (const r of gold.relations) {
    const kind = KIND_OF_GOLD[r.rel];
    if (!kind) continue;
    goldKeys.add(`${kind}|${r.s}|${r.o}`);
    if (kind === 'position') for (const a of r.oAliases ?? []) titleAliases.set(`${r.s}|${a}`, r.o);
  }
  const foldRes = perFoldThresholds ? { ...res, thresholds: { ...res.thresholds, ...perFoldThresholds[fold % perFoldThresholds.length] } } : res;
  const doc = ingestFile(join(shared, 'articles', file));
  const mentions = recognize(doc, foldRes);
  const linked = link(doc, mentions, res.gaz, res.lex);
  const rules = relate(doc, mentions, linked, res.gaz, res.lex, null);
  const byKey = new Map(linked.entities.map((e) => [e.key, e]));
  // An entity's gold name: the first of its names that the gold knows.
  const goldName = (key: string) => {
    const e = byKey.get(key);
    if (!e) return `?${key}`;
    for (const n of [e.name, ...e.aliases]) if (canonical.has(n)) return canonical.get(n)!;
    return `?${e.name}`;
  };
  const keyOf = (kind: string, person: string, object: string) => {
    const s = goldName(person);
    const o = kind === 'position' ? (titleAliases.get(`${s}|${object}`) ?? object) : goldName(object);
    return `${kind}|${s}|${o}`;
  };
  const ruleKeys = new Set<string>();
  for (const p of rules.positions) {
    ruleKeys.add(keyOf('position', p.holder, p.title));
    if (p.organization) ruleKeys.add(keyOf('memberOf', p.holder, p.organization));
  }
  for (const r of rules.relations) if (r.type === 'memberOf' || r.type === 'residesIn') ruleKeys.add(keyOf(r.type, r.subject, r.object));
  const candidates = candidatePairs(doc, mentions, linked, res.lex, rules).map((c) => {
    const key = keyOf(c.kind, linked.entityOf[c.person]!, c.kind === 'position' ? mentions[c.other].text : linked.entityOf[c.other]!);
    return { ...c, key, label: goldKeys.has(key) };
  });
  return { name: file, fold, candidates, gold: goldKeys, rules: ruleKeys };
}

/** L2-regularized logistic regression, full-batch gradient descent with AdaGrad steps: the same data gives the same weights. */
function train(examples: Array<{ features: string[]; label: boolean }>): Omit<PairWeights, 'threshold'> {
  const index = new Map<string, number>();
  const rows = examples.map((e) => e.features.map((f) => index.get(f) ?? (index.set(f, index.size), index.size - 1)));
  const w = new Float64Array(index.size);
  const g2 = new Float64Array(index.size).fill(1e-8);
  const rate = 0.5;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const grad = new Float64Array(index.size);
    for (let i = 0; i < rows.length; i++) {
      let z = 0;
      for (const j of rows[i]) z += w[j];
      const err = 1 / (1 + Math.exp(-z)) - (examples[i].label ? 1 : 0);
      for (const j of rows[i]) grad[j] += err;
    }
    for (let j = 0; j < w.length; j++) {
      const gj = grad[j] / rows.length + L2 * w[j];
      g2[j] += gj * gj;
      w[j] -= (rate * gj) / Math.sqrt(g2[j]);
    }
  }
  const weights: Record<string, number> = {};
  for (const [f, j] of [...index].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const v = Math.round(w[j] * 1e4) / 1e4;
    if (v !== 0) weights[f] = v;
  }
  // The bias lives in the per-kind 'bias' features; the model's own bias stays 0.
  return { bias: 0, weights };
}

/** Per-article F1 of the three kinds: rules alone, or rules plus the pairs the model takes. */
function articleF1(a: ArticleData, model: PairWeights | null): number {
  const predicted = new Set(a.rules);
  if (model) for (const c of takePairs(model, a.candidates)) predicted.add(c.key);
  let tp = 0;
  for (const k of predicted) if (a.gold.has(k)) tp++;
  if (!a.gold.size && !predicted.size) return 1;
  return (2 * tp) / (a.gold.size + predicted.size);
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / (xs.length || 1);
const examplesOf = (as: ArticleData[]) => as.flatMap((a) => a.candidates);

/** Threshold by cross-validation over `as` (folds as given), then weights trained on all of `as`. */
function fit(as: ArticleData[]): PairWeights {
  const folds = [...new Set(as.map((a) => a.fold))].sort((x, y) => x - y);
  const heldOut: Array<{ a: ArticleData; model: Omit<PairWeights, 'threshold'> }> = [];
  for (const k of folds) {
    const model = train(examplesOf(as.filter((a) => a.fold !== k)));
    for (const a of as.filter((x) => x.fold === k)) heldOut.push({ a, model });
  }
  let best = { threshold: 1.01, f1: mean(heldOut.map(({ a }) => articleF1(a, null))) };
  for (const t of THRESHOLDS) {
    const f1 = mean(heldOut.map(({ a, model }) => articleF1(a, { ...model, threshold: t })));
    if (f1 > best.f1 + 1e-9) best = { threshold: t, f1 };
  }
  return { ...train(examplesOf(as)), threshold: best.threshold };
}

const started = Date.now();
const data = articles.map((f, i) => readArticle(f, i % FOLDS));
console.log(`${data.length} articles, ${examplesOf(data).length} candidate pairs (${examplesOf(data).filter((c) => c.label).length} true), read in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const perFold: PairWeights[] = [];
const rows: Array<{ name: string; rules: number; model: number }> = [];
for (let k = 0; k < FOLDS; k++) {
  const model = fit(data.filter((a) => a.fold !== k));
  perFold.push(model);
  for (const a of data.filter((x) => x.fold === k)) rows.push({ name: a.name, rules: articleF1(a, null), model: articleF1(a, model) });
}
console.log('held-out F1 of position + affiliation + residence, per article (rules alone → rules + classifier):');
for (const r of rows.sort((a, b) => (a.name < b.name ? -1 : 1))) console.log(`  ${r.name.padEnd(26)} ${r.rules.toFixed(3)} → ${r.model.toFixed(3)}`);
for (const [label, pick] of [
  ['000-035', (n: string) => n < '036'],
  ['037-052', (n: string) => n >= '036'],
] as const) {
  const g = rows.filter((r) => pick(r.name));
  console.log(`${label}: ${mean(g.map((r) => r.rules)).toFixed(3)} → ${mean(g.map((r) => r.model)).toFixed(3)} (cross-validated, ${FOLDS} folds by article)`);
}
console.log(`per-fold thresholds: ${perFold.map((m) => m.threshold).join(' ')}`);

const shipped: PairModel = { ...fit(data), perFold };
console.log(`shipped model: ${Object.keys(shipped.weights).length} weights, threshold ${shipped.threshold}`);
if (!dry) {
  const file = join(root, 'data/models/relations.model.json');
  writeFileSync(file + '.tmp', JSON.stringify(shipped) + '\n');
  renameSync(file + '.tmp', file);
  console.log(`wrote ${file}`);
}
