// **calibrate** — chooses the temperature of the labeler's span confidence on sentences it never trained on.
//
//   npm run calibrate [-- MODEL.gz]
//
// Held-out text: Resume NER's dev split (training uses only its train split; no benchmark reads it), person names
// only (the one type whose convention Resume shares with news; its organizations and places are cut differently). For each
// temperature it prints the expected calibration error (ECE, 10 bins) and the mean log loss of "this proposed span is
// exactly a gold span of that type", then the reliability table of the best one. The chosen value is written into
// src/recognize/model/tagger.ts (CONFIDENCE_TEMPERATURE) by hand, with this output in the commit.
import { resolve, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { RESUME_MAP, readCharTagged } from '../src/recognize/model/corpora.ts';
import { decodeModel } from '../src/recognize/model/format.ts';
import { Tagger } from '../src/recognize/model/tagger.ts';
import { codePointIndex } from '../src/cli/recognize.ts';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const shared = process.env.XCKG_SHARED ?? resolve(root, '../shared');
const modelPath = process.argv[2] ?? join(root, 'data/models/ner.model.gz');
const tagger = new Tagger(decodeModel(readFileSync(modelPath)));
const gold = readCharTagged(join(shared, 'datasets/resume_ner/dev.char.bmes'), RESUME_MAP);


interface Outcome {
  p: number;
  correct: boolean;
}
function outcomes(temperature: number): Outcome[] {
  tagger.temperature = temperature;
  const out: Outcome[] = [];
  for (const g of gold) {
    // The corpus readers count code points; the labeler, UTF-16 units.
    const cp = codePointIndex(g.text);
    const truth = new Set(g.mentions.map((m) => `${m.start}:${m.end}:${m.type}`));
    for (const m of tagger.tagScored(g.text)) if (m.type === 'Person') out.push({ p: m.score!, correct: truth.has(`${cp[m.start]}:${cp[m.end]}:${m.type}`) });
  }
  return out;
}

function bins(os: Outcome[]): Array<{ lo: number; n: number; meanP: number; accuracy: number }> {
  const b = Array.from({ length: 10 }, (_, k) => ({ lo: k / 10, n: 0, sumP: 0, hits: 0 }));
  for (const o of os) {
    const k = Math.min(9, Math.floor(o.p * 10));
    b[k].n++;
    b[k].sumP += o.p;
    b[k].hits += o.correct ? 1 : 0;
  }
  return b.map((x) => ({ lo: x.lo, n: x.n, meanP: x.n ? x.sumP / x.n : 0, accuracy: x.n ? x.hits / x.n : 0 }));
}

const rows = [1, 4, 16, 32, 64, 128, 256, 512].map((t) => {
  const os = outcomes(t);
  const ece = bins(os).reduce((s, x) => s + (x.n / os.length) * Math.abs(x.meanP - x.accuracy), 0);
  const logLoss = -os.reduce((s, o) => s + Math.log(Math.min(1 - 1e-9, Math.max(1e-9, o.correct ? o.p : 1 - o.p))), 0) / os.length;
  return { t, ece, logLoss, os };
});
console.log(`held-out: resume_ner/dev, ${gold.length} sentences, ${rows[0].os.length} proposed spans`);
console.log('temperature   ECE     log loss');
for (const r of rows) console.log(`${String(r.t).padStart(11)}  ${r.ece.toFixed(4)}  ${r.logLoss.toFixed(4)}`);
const best = rows.reduce((a, b) => (b.logLoss < a.logLoss ? b : a));
console.log(`\nbest by log loss: temperature ${best.t}; reliability:`);
console.log('  bin      spans  mean p  accuracy');
for (const x of bins(best.os)) if (x.n) console.log(`  ${x.lo.toFixed(1)}-${(x.lo + 0.1).toFixed(1)}  ${String(x.n).padStart(6)}  ${x.meanP.toFixed(3)}   ${x.accuracy.toFixed(3)}`);
