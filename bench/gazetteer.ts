// **gazetteer** benchmark: load time and memory of the committed index, resolve() throughput, size on disk,
// and how many gold places (in ../shared/gold) the gazetteer knows by name.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlaceLevel } from '../src/types.ts';
import { GAZETTEER_DIR, loadGazetteer, type Division } from '../src/gazetteer/index.ts';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const goldDir = join(process.env.XCKG_SHARED ?? resolve(root, '../shared'), 'gold');
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1) + ' MB';

const rssBefore = process.memoryUsage().rss;
let t = performance.now();
const g = loadGazetteer();
const upperMs = performance.now() - t;
t = performance.now();
g.has('河南村', ['Village']); // forces the village level
const villageMs = performance.now() - t;
const rssAfter = process.memoryUsage().rss;

console.log(`load: ${(upperMs + villageMs).toFixed(0)} ms (upper levels ${upperMs.toFixed(0)} ms, villages ${villageMs.toFixed(0)} ms)`);
console.log(`RSS after load: ${mb(rssAfter)} (${mb(rssAfter - rssBefore)} more than before loading)`);

const files = readdirSync(GAZETTEER_DIR).filter((f) => !f.startsWith('.'));
const bytes = files.reduce((n, f) => n + statSync(join(GAZETTEER_DIR, f)).size, 0);
console.log(`index on disk: ${mb(bytes)} (${files.join(', ')})`);

// Queries drawn from the gazetteer itself, deterministically: every 7th county's subtree, each division's name
// resolved within its grandparent (or parent), so that resolve() has to walk up two levels and pick among namesakes.
const queries: Array<[string, string[], PlaceLevel[] | undefined]> = [];
const provinces = new Set([...g.names(['Province'])].flatMap((n) => g.lookup(n, { levels: ['Province'] }).map((d) => d.code)));
let counties = 0;
const walk = (d: Division, up: string[]) => {
  if (d.level === 'County' && counties++ % 7) return;
  if (up.length) queries.push([d.name, [up.at(-2) ?? up[0]], d.level === 'Township' || d.level === 'Village' ? [d.level] : undefined]);
  for (const c of g.children(d.code)) walk(c, [...up, d.code]);
};
for (const p of [...provinces].sort()) walk(g.byCode(p)!, []);
let hits = 0;
t = performance.now();
for (const [surface, within, levels] of queries) if (g.resolve(surface, within, { levels }).length) hits++;
const seconds = (performance.now() - t) / 1000;
console.log(
  `resolve(): ${Math.round(queries.length / seconds).toLocaleString('en')} lookups/s ` +
    `(${queries.length.toLocaleString('en')} queries, ${hits === queries.length ? 'all' : hits} resolved)`,
);

// Gold coverage: place entities at gazetteer levels, by canonical name at the gold level.
if (existsSync(goldDir)) {
  const levels = new Set<string>(['Province', 'Prefecture', 'County', 'Township', 'Village']);
  const seen = new Set<string>();
  const missing: string[] = [];
  for (const f of readdirSync(goldDir).filter((f) => f.endsWith('.json')).sort()) {
    const gold = JSON.parse(readFileSync(join(goldDir, f), 'utf8'));
    for (const e of [...(gold.entities ?? []), ...(gold.optional ?? [])]) {
      if (e.type !== 'Place' || !levels.has(e.level) || seen.has(e.level + e.name)) continue;
      seen.add(e.level + e.name);
      const found: Division[] = g.lookup(e.name, { levels: [e.level] });
      if (!found.length) missing.push(`${e.name} (${e.level})`);
    }
  }
  console.log(`gold places found by name: ${seen.size - missing.length}/${seen.size}` + (missing.length ? ` — missing: ${missing.join(', ')}` : ''));
}
