// **accuracy** builds each dev article of ../shared/articles alone, scores it against its gold file with
// ../shared/tools/score.mjs, and prints one row per article (per-type P/R/F1) with the means of 000–035 and 037–052.
//   npm run bench:accuracy [-- --shared DIR] [-- -v] [-- --chosen]
// The recognizer's thresholds were tuned on these articles (npm run tune) and the relation classifier trained on their
// gold (npm run train:relations), so by default each article is built with the thresholds chosen and the classifier
// trained on the *other* folds (crossValidation in data/models/thresholds.json, perFold in relations.model.json): the
// figures are cross-validated. --chosen builds every article with the thresholds the pipeline ships (training-set figures).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { devArticles, goldPath } from '../scripts/dev-set.ts';

const args = process.argv.slice(2);
const shared = resolve(args.includes('--shared') ? args[args.indexOf('--shared') + 1] : '../shared');
const verbose = args.includes('-v');
const shipped = args.includes('--chosen');
const thresholds = JSON.parse(readFileSync(join(resolve(import.meta.dirname, '..'), 'data/models/thresholds.json'), 'utf8')) as {
  crossValidation?: { folds: number; perFold: object[] };
};
const only = args.filter((a) => !a.startsWith('-') && a !== shared && !a.endsWith('shared'));
const root = resolve(import.meta.dirname, '..');

const TYPES = ['Person', 'Place', 'Organization', 'Program'];
const RELS = ['position', 'affiliation', 'locatedIn', 'partOf', 'spouse', 'assists', 'residesIn'];

interface Row {
  doc: string;
  cells: Record<string, { p: number; r: number; f: number } | undefined>;
  entityF1: number;
  relationF1: number;
}

function scoreOne(article: string, gold: string, fold: number): Row {
  const cv = thresholds.crossValidation;
  // The relation classifier (data/models/relations.model.json) keeps one model per held-out fold as well.
  const env = !shipped && cv ? { ...process.env, XCKG_THRESHOLDS: JSON.stringify(cv.perFold[fold % cv.folds]), XCKG_RELATION_FOLD: String(fold % cv.folds) } : process.env;
  const out = mkdtempSync(join(tmpdir(), 'xckg-acc-'));
  try {
    try {
      execFileSync(process.execPath, [join(root, 'bin/xckg.js'), 'build', article, '--out', out, '--quiet'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
    } catch {
      /* a failed article still writes an empty graph; the score shows it */
    }
    let text: string;
    try {
      text = execFileSync(process.execPath, [join(shared, 'tools/score.mjs'), '--gold', gold, '--ontology', join(root, 'ontology'), join(out, 'graph.ttl'), ...(verbose ? ['-v'] : [])], { cwd: root, encoding: 'utf8' });
    } catch (e) {
      text = String((e as { stdout?: string }).stdout ?? '');
    }
    if (verbose) console.log(text);
    const cells: Row['cells'] = {};
    // A type with nothing in the gold and nothing predicted (tp, fp, fn all 0) has no score: shown as '-'.
    for (const m of text.matchAll(/^\s+(\w+)\s+P=([\d.]+) R=([\d.]+) F1=([\d.]+)\s+\(tp (\d+), fp (\d+), fn (\d+)\)/gm)) {
      if (+m[5] + +m[6] + +m[7] > 0) cells[m[1]] = { p: +m[2], r: +m[3], f: +m[4] };
    }
    const last = /entityF1=([\d.]+).*relationF1=([\d.]+)/.exec(text);
    return { doc: article.split('/').pop()!, cells, entityF1: last ? +last[1] : 0, relationF1: last ? +last[2] : 0 };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// Folds as scripts/tune.ts assigns them: the i-th article with gold (sorted names) is in fold i mod folds.
const withGold = devArticles(shared);
const rows: Row[] = [];
withGold.forEach((a, i) => {
  if (only.length && !only.some((o) => a.startsWith(o))) return;
  rows.push(scoreOne(join(shared, 'articles', a), goldPath(shared, a), i));
});
const f2 = (x: number | undefined) => (x === undefined ? '   - ' : x.toFixed(2).padStart(5));
const header = ['article'.padEnd(26), ...TYPES.map((t) => t.slice(0, 6).padStart(17)), ' entF1', ...RELS.map((r) => r.slice(0, 6).padStart(7)), ' relF1'].join(' ');
console.log('per-type cells: P/R/F1 (entities); F1 (relations)');
console.log(header);
for (const r of rows) {
  const ent = TYPES.map((t) => (r.cells[t] ? `${f2(r.cells[t]!.p)}/${f2(r.cells[t]!.r)}/${f2(r.cells[t]!.f)}` : '        -        ').padStart(17));
  const rel = RELS.map((t) => f2(r.cells[t]?.f).padStart(7));
  console.log([r.doc.padEnd(26), ...ent, f2(r.entityF1), ...rel, f2(r.relationF1)].join(' '));
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
const groups: Array<[string, Row[]]> = [
  ['000-035', rows.filter((r) => r.doc < '036')],
  ['037-052', rows.filter((r) => r.doc >= '037')],
  ['all', rows],
];
console.log(shipped || !thresholds.crossValidation ? 'thresholds and relation classifier: as shipped (tuned and trained on these articles)' : `cross-validated (${thresholds.crossValidation.folds} folds; each article built with the thresholds chosen and the relation classifier trained on the other folds)`);
for (const [name, rs] of groups) {
  if (!rs.length) continue;
  console.log(`mean ${name}: entity F1 ${mean(rs.map((r) => r.entityF1)).toFixed(3)}, relation F1 ${mean(rs.map((r) => r.relationF1)).toFixed(3)} over ${rs.length} articles`);
}
