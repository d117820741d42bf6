// **officials** — a runnable script over a built graph: officials of a place, its subtree, a person's relations, a pinyin search.
//
//   node bin/xckg.js build data/articles --out out
//   node --import tsx examples/officials.ts out 山西省
import { findEntities, officialsIn, openGraph, relationsOf, subtreeOf } from '../src/query/index.ts';

const [graph = 'out', place = '山西省'] = process.argv.slice(2);
const store = await openGraph(graph); // a build directory (its graph.trig) or graph files

// 1. Officials of the place, grouped by person: 张玉宏 — 党组书记、局长 @ 山西省乡村振兴局
const byPerson = new Map<string, string[]>();
for (const o of officialsIn(store, place)) {
  const line = `${o.title} @ ${o.organizationName}`;
  byPerson.set(o.name, [...(byPerson.get(o.name) ?? []), line]);
}
console.log(`Officials of ${place}:`);
for (const [name, titles] of byPerson) console.log(`  ${name}: ${titles.join('; ')}`);

// 2. The administrative subtree, indented by depth.
console.log(`\nPlaces in ${place}:`);
for (const p of subtreeOf(store, place)) console.log(`  ${'  '.repeat(p.depth)}${p.name}${p.level ? ` (${p.level})` : ''}`);

// 3. Find a person by pinyin, then list their relations with the sentence each comes from.
const [person] = findEntities(store, 'zhang nai tian', { type: 'Person' });
if (person) {
  console.log(`\n${person.name} (${person.entity}):`);
  for (const r of relationsOf(store, person.entity)) {
    const other = r.direction === 'out' ? r.objectName : r.subjectName;
    const arrow = r.direction === 'out' ? '→' : '←';
    console.log(`  ${r.predicate} ${arrow} ${other} [${r.source}]${r.sentence ? `\n      “${r.sentence}”` : ''}`);
  }
}

// 4. Any SPARQL: rows come back typed; `plain` gives JS values (numbers for counts, strings for IRIs and text).
const { plain } = store.select(`
  SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
    ?e a ?type . FILTER(?type IN (xc:Person, xc:Place, xc:Organization, xc:Program))
  } GROUP BY ?type ORDER BY DESC(?n)`);
console.log('\nEntities:', plain.map((r) => `${String(r.type).replace(/.*#/, '')} ${r.n}`).join(', '));

store.close();
