// **build-transliteration** — how strongly each character marks a transliterated name (Uyghur, Kazakh, Tibetan,
// foreign: 买买提, 阿布拉, 努尔兰), learned from the unlabelled corpus; writes data/lexicons/transliteration-chars.tsv.
//
//   npm run build:transliteration [-- CORPUS.jsonl.gz]
//
// The two characters on each side of a middle dot (X X·Y Y; each distinct string once) are nearly always the core of a
// transliterated name; a character's score is the log of its rate there over its rate in all text (add-½ / add-1
// smoothed). Characters of ordinary words (新, 时, 村, 民) score below zero even though slogans use the dot too
// (新时代·新征程), because they are far more frequent elsewhere. Deterministic: the same corpus gives the same bytes.
import { createReadStream, renameSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const corpus = process.argv[2] ?? join(process.env.XCKG_SHARED ?? resolve(root, '../shared'), 'corpus/rmrb-2026.jsonl.gz');
const out = join(root, 'data/lexicons/transliteration-chars.tsv');
/** Characters seen fewer times beside a dot are left out (they take the default score of the reader). */
const MIN_DOTTED = 3;

const HAN = /[\u3400-\u9fff]/u;
const all = new Map<string, number>();
const dotted = new Map<string, number>();
let total = 0;
let dottedTotal = 0;
let articles = 0;
const seen = new Set<string>();
for await (const line of createInterface({ input: createReadStream(corpus).pipe(createGunzip()), crlfDelay: Infinity })) {
  if (!line.trim()) continue;
  const text = (JSON.parse(line) as { text?: string }).text;
  if (typeof text !== 'string') continue;
  articles++;
  for (const c of text) {
    if (!HAN.test(c)) continue;
    all.set(c, (all.get(c) ?? 0) + 1);
    total++;
  }
  for (const m of text.matchAll(/([\u3400-\u9fff]{2})[·・•]([\u3400-\u9fff]{2})/gu)) {
    // Each distinct string once: a column name printed in every issue (科技·新知) must not make its words look foreign.
    if (seen.has(m[0])) continue;
    seen.add(m[0]);
    for (const c of m[1] + m[2]) {
      dotted.set(c, (dotted.get(c) ?? 0) + 1);
      dottedTotal++;
    }
  }
}
const rows = [...dotted]
  .filter(([, n]) => n >= MIN_DOTTED)
  .map(([c, n]) => [c, Math.log((n + 0.5) / dottedTotal / (((all.get(c) ?? 0) + 1) / total))] as const)
  .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const header = [
  `# Transliteration score per character (npm run build:transliteration): log of its rate in the two characters on each`,
  `# side of a middle dot over its rate in all text, from ${articles} articles of ${corpus.split('/').pop()}; characters seen`,
  `# fewer than ${MIN_DOTTED} times beside a dot are left out. char<TAB>score`,
].join('\n');
writeFileSync(`${out}.tmp`, `${header}\n${rows.map(([c, s]) => `${c}\t${s.toFixed(2)}`).join('\n')}\n`);
renameSync(`${out}.tmp`, out);
console.log(`${rows.length} characters from ${dottedTotal} beside a dot in ${articles} articles → ${out}`);
