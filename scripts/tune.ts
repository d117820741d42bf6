// **tune** — chooses the recognizer's confidence thresholds (src/recognize/index.ts, Thresholds) on the dev articles,
// by k-fold cross-validation over articles, and writes data/models/thresholds.json.
//
//   npm run tune [-- --folds 5] [-- --dry]
//
// Each dev article is extracted once per candidate setting (in process) and scored with ../shared/tools/score.mjs.
// For each fold the setting with the best mean (entity F1 + relation F1) on the *other* folds is applied to the fold's
// articles: those held-out figures are the honest estimate, printed per article and as means for 000–035 and 037–052.
// The setting chosen on all articles is what the pipeline uses; the per-fold choices are kept so that
// `npm run bench:accuracy` can report the same cross-validated figures.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestFile } from '../src/ingest/index.ts';
import { extractArticle } from '../src/corpus/article.ts';
import { articleQuads } from '../src/rdf/article-quads.ts';
import { toTurtle } from '../src/rdf/serialize.ts';
import { loadResources, type Thresholds } from '../src/recognize/index.ts';
import { devArticles, goldPath } from './dev-set.ts';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const shared = process.env.XCKG_SHARED ?? resolve(root, '../shared');
const args = process.argv.slice(2);
const FOLDS = args.includes('--folds') ? Number(args[args.indexOf('--folds') + 1]) : 5;
const dry = args.includes('--dry');
const ROUNDS = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 1;

/**
 * Candidate values per threshold. The search is coordinate ascent from START (each threshold in turn set to its best
 * value with the others held; --rounds, default 1): a full grid would be 216 settings of 27 extractions each.
 */
const CANDIDATES: Record<keyof Thresholds, number[]> = {
  person: [0.5, 0.8, 0.95, 1.01],
  personBounds: [0.9, 0.98, 1.01],
  personVeto: [0, 0.05, 0.2],
  organization: [0.7, 0.9, 1.01],
  organizationBounds: [0.9, 0.98, 1.01],
  place: [0.7, 0.9, 1.01],
  placeWithin: [0.9, 0.98, 1.01],
  title: [0.7, 0.9, 1.01],
  personCued: [0.3, 0.5, 0.8],
};
const START: Thresholds = { person: 0.8, personBounds: 1.01, personVeto: 0.05, organization: 0.9, organizationBounds: 1.01, place: 0.9, placeWithin: 0.9, title: 0.9, personCued: 0.5 };

const articles = devArticles(shared);
// Thresholds are chosen for the recognizer with the hand-written relation rules; the relation classifier is trained
// afterwards on what these thresholds recognize (npm run train:relations), so its model takes no part here.
process.env.XCKG_RELATION_FOLD = 'none';
const res = loadResources();
// The labeler's reading of a sentence does not depend on the thresholds: read each sentence once.
const labeler = res.labeler;
const readings = new Map<string, ReturnType<typeof labeler.analyze>>();
res.labeler = {
  header: labeler.header,
  tag: (t) => labeler.tag(t),
  tagScored: (t) => labeler.tagScored(t),
  analyze: (t) => {
    let r = readings.get(t);
    if (!r) readings.set(t, (r = labeler.analyze(t)));
    return r;
  },
};
/** Scores by graph content: most settings leave most articles' graphs unchanged. */
const scored = new Map<string, { entity: number; relation: number }>();
const docs = articles.map((a) => ingestFile(join(shared, 'articles', a)));
const work = mkdtempSync(join(tmpdir(), 'xckg-tune-'));

function score(articleIndex: number, th: Thresholds): { entity: number; relation: number } {
  res.thresholds = th;
  const ttl = join(work, `${articleIndex}.ttl`);
  const turtle = toTurtle(articleQuads(extractArticle(docs[articleIndex], res)));
  const key = `${articleIndex}:${createHash('sha256').update(turtle).digest('hex')}`;
  const known = scored.get(key);
  if (known) return known;
  writeFileSync(ttl, turtle);
  const gold = goldPath(shared, articles[articleIndex]);
  let out: string;
  try {
    out = execFileSync(process.execPath, [join(shared, 'tools/score.mjs'), '--gold', gold, '--ontology', join(root, 'ontology'), ttl], { cwd: root, encoding: 'utf8' });
  } catch (e) {
    out = String((e as { stdout?: string }).stdout ?? '');
  }
  const m = /entityF1=([\d.]+).*relationF1=([\d.]+)/.exec(out);
  const result = { entity: m ? +m[1] : 0, relation: m ? +m[2] : 0 };
  scored.set(key, result);
  return result;
}

const t0 = Date.now();
/** Scores of one setting on every article, computed once. */
const memo = new Map<string, Array<{ entity: number; relation: number }>>();
function scoresOf(th: Thresholds): Array<{ entity: number; relation: number }> {
  const key = JSON.stringify(th);
  let row = memo.get(key);
  if (!row) {
    row = articles.map((_, a) => score(a, th));
    memo.set(key, row);
    console.error(`[${((Date.now() - t0) / 1000).toFixed(0)}s] setting ${memo.size}: ${key}`);
  }
  return row;
}

const foldOf = (a: number) => a % FOLDS;
function objective(th: Thresholds, keep: (a: number) => boolean): number {
  const row = scoresOf(th);
  let s = 0;
  let n = 0;
  articles.forEach((_, a) => {
    if (!keep(a)) return;
    s += row[a].entity + row[a].relation;
    n++;
  });
  return n ? s / n : 0;
}
function best(keep: (a: number) => boolean): Thresholds {
  let cur = { ...START };
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of Object.keys(CANDIDATES) as Array<keyof Thresholds>) {
      let bestValue = cur[name];
      let bestScore = objective(cur, keep);
      for (const v of CANDIDATES[name]) {
        const score = objective({ ...cur, [name]: v }, keep);
        if (score > bestScore + 1e-12) {
          bestScore = score;
          bestValue = v;
        }
      }
      cur = { ...cur, [name]: bestValue };
    }
  }
  return cur;
}

const perFold = Array.from({ length: FOLDS }, (_, f) => best((a) => foldOf(a) !== f));
const chosen = best(() => true);
const heldOut = articles.map((_, a) => scoresOf(perFold[foldOf(a)])[a]);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
const groups: Array<[string, (name: string) => boolean]> = [
  ['000-035', (n) => n < '036'],
  ['037-052', (n) => n >= '037'],
];
rmSync(work, { recursive: true, force: true });
console.log(`${articles.length} articles, ${FOLDS} folds (article i in fold i mod ${FOLDS}), ${memo.size} settings tried`);
console.log('article                     fold  entF1  relF1   (held out: setting chosen on the other folds)');
articles.forEach((a, i) => console.log(`${a.padEnd(26)}  ${foldOf(i)}     ${heldOut[i].entity.toFixed(2)}   ${heldOut[i].relation.toFixed(2)}`));
const summary: Record<string, { entityF1: number; relationF1: number }> = {};
for (const [name, keep] of groups) {
  const idx = articles.map((a, i) => (keep(a) ? i : -1)).filter((i) => i >= 0);
  summary[name] = { entityF1: +mean(idx.map((i) => heldOut[i].entity)).toFixed(3), relationF1: +mean(idx.map((i) => heldOut[i].relation)).toFixed(3) };
  console.log(`cross-validated mean ${name}: entity F1 ${summary[name].entityF1.toFixed(3)}, relation F1 ${summary[name].relationF1.toFixed(3)} (${idx.length} articles)`);
}
perFold.forEach((g, f) => console.log(`fold ${f}: ${JSON.stringify(g)}`));
console.log(`chosen on all articles: ${JSON.stringify(chosen)}`);

if (!dry) {
  const file = join(root, 'data/models/thresholds.json');
  const body = {
    about: 'Confidence thresholds of the recognizer (src/recognize/index.ts, Thresholds), chosen by scripts/tune.ts (npm run tune).',
    chosen,
    crossValidation: {
      folds: FOLDS,
      assignment: 'article i (sorted file names with gold) is in fold i mod folds',
      perFold,
      heldOut: summary,
    },
  };
  writeFileSync(file + '.tmp', JSON.stringify(body, null, 2) + '\n');
  renameSync(file + '.tmp', file);
  console.log(`wrote ${file}`);
}
