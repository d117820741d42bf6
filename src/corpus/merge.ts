// **merge** links entities across articles. Places, organizations and programs already share keys (division
// codes, full names); persons are per article until two articles tie the same name to the same organization or
// place, or to the same national post (a title held at no named body, such as 总书记).
import type { ArticleGraph } from '../types.ts';

/** Returns the graphs with person keys unified across articles where name and an affiliation agree. */
export function linkAcrossArticles(graphs: ArticleGraph[]): ArticleGraph[] {
  // person key → the organizations and places it is tied to
  const ties = new Map<string, Set<string>>();
  for (const g of graphs) {
    // The same name holding the same post at the same body (or the same national post: 总书记) is one person.
    for (const p of g.positions) tie(ties, p.holder, p.organization ? `${p.organization}|${p.title}` : `title:${p.title}`);
    for (const p of g.positions) if (p.organization) tie(ties, p.holder, p.organization);
    for (const r of g.relations) if (r.type === 'memberOf' || r.type === 'residesIn') tie(ties, r.subject, r.object);
  }
  // The first key (in article order) of each name+tie wins.
  const rename = new Map<string, string>();
  const firstByTie = new Map<string, string>();
  for (const g of graphs) {
    for (const e of g.entities) {
      if (e.type !== 'Person') continue;
      for (const t of [...(ties.get(e.key) ?? [])].sort()) {
        const k = `${e.name}|${t}`;
        const first = firstByTie.get(k);
        if (!first) firstByTie.set(k, e.key);
        else if (first !== e.key && !rename.has(e.key)) rename.set(e.key, rename.get(first) ?? first);
      }
    }
  }
  if (!rename.size) return graphs;
  const r = (k: string) => rename.get(k) ?? k;
  return graphs.map((g) => ({
    ...g,
    entities: g.entities.map((e) => (rename.has(e.key) ? { ...e, key: r(e.key) } : e)),
    relations: g.relations.map((x) => ({ ...x, subject: r(x.subject), object: r(x.object) })),
    positions: g.positions.map((p) => ({ ...p, holder: r(p.holder), organization: p.organization && r(p.organization) })),
  }));
}

function tie(ties: Map<string, Set<string>>, person: string, other: string): void {
  if (!person.startsWith('person/')) return;
  if (!ties.has(person)) ties.set(person, new Set());
  ties.get(person)!.add(other);
}
