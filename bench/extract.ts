// **extract** — throughput of the whole per-article function (ingest → recognize → link → relate → quads) on
// real articles of the 人民日报 corpus in ../shared/corpus, one core.
//   npm run bench:extract [-- N]     (N articles, default 500)
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { ingestText } from '../src/ingest/index.ts';
import { extractArticle } from '../src/corpus/article.ts';
import { articleQuads } from '../src/rdf/article-quads.ts';
import { loadResources } from '../src/recognize/index.ts';

const n = Number(process.argv[2] ?? 500);
const corpus = resolve(import.meta.dirname, '../../shared/corpus/rmrb-2026.jsonl.gz');
const articles = gunzipSync(readFileSync(corpus))
  .toString('utf8')
  .split('\n')
  .filter(Boolean)
  .slice(0, n)
  .map((l) => JSON.parse(l) as { id: string; text: string });

let t = performance.now();
loadResources();
const startup = performance.now() - t;
// Warm up jieba and the labeler on one article, so the figure is the steady state.
extractArticle(ingestText(articles[0].text, 'warm.txt'));

let chars = 0;
let quads = 0;
let entities = 0;
t = performance.now();
for (const a of articles) {
  const g = extractArticle(ingestText(a.text, `${a.id}.txt`));
  quads += articleQuads(g).length;
  entities += g.entities.length;
  chars += a.text.length;
}
const s = (performance.now() - t) / 1000;
console.log(`start-up (lexicons, gazetteer, model): ${startup.toFixed(0)} ms`);
console.log(`extract: ${articles.length} articles, ${(chars / 1e6).toFixed(2)} M chars in ${s.toFixed(1)} s = ${(articles.length / s).toFixed(1)} articles/s, ${Math.round(chars / s).toLocaleString('en')} chars/s; ${entities} entities, ${quads} quads; RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
