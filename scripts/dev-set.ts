// **dev-set** — the dev articles of ../shared that have gold, as the scripts and benchmarks that score, tune or train
// on them all list them: sorted file names, so that "the i-th article is in fold i mod k" means the same everywhere.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The gold file of a dev article (`002.txt` → gold/002.gold.json). */
export function goldPath(shared: string, article: string): string {
  return join(shared, 'gold', article.replace(/\.[^.]+$/, '') + '.gold.json');
}

/** File names (in ../shared/articles) of the dev articles that have gold, sorted. */
export function devArticles(shared: string): string[] {
  return readdirSync(join(shared, 'articles'))
    .filter((f) => existsSync(goldPath(shared, f)))
    .sort();
}
