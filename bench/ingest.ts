// **bench/ingest** — ingest throughput over the 人民日报 2026 corpus: every text through ingestText, chars per second.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ingestText } from '../src/ingest/index.ts';

const CORPUS = process.argv[2] ?? '/work/shared/corpus/rmrb-2026.jsonl.gz';

const texts: { id: string; text: string }[] = gunzipSync(readFileSync(CORPUS))
  .toString('utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { id: string; text: string });
const chars = texts.reduce((n, t) => n + t.text.length, 0);

// One warm-up pass so the figure measures steady state, not JIT compilation.
for (const t of texts.slice(0, 200)) ingestText(t.text, `${t.id}.txt`);

let sentences = 0;
let withReporters = 0;
const t0 = performance.now();
for (const t of texts) {
  const doc = ingestText(t.text, `${t.id}.txt`);
  sentences += doc.sentences.length;
  if (doc.meta.reporters.length > 0) withReporters++;
}
const seconds = (performance.now() - t0) / 1000;

console.log(
  `ingest: ${texts.length} articles, ${(chars / 1e6).toFixed(1)} M chars in ${seconds.toFixed(2)} s = ` +
    `${((chars / seconds) / 1e6).toFixed(2)} M chars/s (${sentences} sentences, ${withReporters} articles with reporters)`,
);
