// **resolve** — cross-article person resolution: which article-local persons are one real person, and why.
//
// Persons are grouped by name; within a name (records in sorted order, so the answer does not depend on input order
// or on how the work was split):
//   1. mentions sharing a key (the same post at the same body, the same organization, the same village lived in,
//      the same page credit of the same paper, the same national post) are joined, transitively (union-find);
//   2. joined groups tied to places are joined when their places nest (a county in its prefecture: an official
//      who moved up) and lie within one prefecture; groups tied to places that do not nest are namesakes and stay apart;
//   then, when some mention holds a national post (one holder in the country at a time: 总书记, 总理) or a post at
//      a central leadership body (全国人大常委会副委员长: data/corpus/central-bodies.txt), the name is
//      that person wherever it is printed: every other group joins it, except groups tied to a county or below
//      (a local namesake) and the paper's own staff (a reporter of that name);
//   3. when exactly one group of the name has any evidence, mentions with none join it (the name is unambiguous in
//      this corpus); when none has, mentions of a name of three characters or more are one person; otherwise they
//      stay apart, each its own person.
// Every join is kept as a Merge (the two mentions, the rule, the evidence), written to the graph for audit.
import { loadEvidenceLexicon, type EvidenceLexicon, type PersonEvidence } from './evidence.ts';

/** The rule that joined two mentions (local names of xc:MergeRule individuals). */
export type MergeRule = 'SamePost' | 'SameOrganization' | 'SameResidence' | 'SameCredit' | 'SameNationalPost' | 'NestedTerritory' | 'UniqueName';

export interface PersonMention extends PersonEvidence {
  docId: string;
}

export interface Merge {
  /** The resolved person's key. */
  person: string;
  /** The two mentions joined: article ids and their article-local keys. */
  from: { docId: string; key: string };
  to: { docId: string; key: string };
  rule: MergeRule;
  /** What they share: the key (`post:org/…|局长`), the division codes, or the name. */
  evidence: string;
  /** The entity key the evidence names (the organization, place or body), when there is one. */
  shared?: string;
}

export interface Resolution {
  /** Article-local person key → resolved key (every person mention is listed). */
  rename: Map<string, string>;
  merges: Merge[];
}

const RULE_OF_PREFIX: Record<string, MergeRule> = {
  post: 'SamePost', org: 'SameOrganization', place: 'SameResidence', credit: 'SameCredit', staff: 'SameCredit', national: 'SameNationalPost',
};
/** The entity a key names: `post:org/X|局长` → org/X, `org:org/X` → org/X, `place:place/1409…` → place/…. */
function sharedEntity(key: string): string | undefined {
  const m = /^(post|org|place|national):(org\/.+?|place\/.+?)(?:\|[^|]*)?$/.exec(key);
  return m?.[2] || undefined;
}

const KEY_ORDER = ['post', 'national', 'credit', 'staff', 'place', 'org'];
const keyRank = (k: string) => KEY_ORDER.indexOf(k.slice(0, k.indexOf(':')));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** A prefecture's code has four digits: places that nest below one are one neighbourhood. */
const NEIGHBOURHOOD = 4;
/** A county's code has six digits: ties at county level or below make a local person. */
const COUNTY = 6;
/** Characters from which a name without any evidence is taken as one person across the corpus. */
const DISTINCT_NAME = 3;

class UnionFind {
  parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]];
    return i;
  }
  /** Joins the sets; the smaller root (the earlier mention) stays root. False when already one set. */
  union(a: number, b: number): boolean {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra === rb) return false;
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
    return true;
  }
}

/** Every code of one set nests with every code of the other, and all lie below one prefecture. */
function nests(a: string[], b: string[]): boolean {
  for (const x of a) {
    for (const y of b) {
      if (!(x.startsWith(y) || y.startsWith(x))) return false;
      if (Math.min(x.length, y.length) < NEIGHBOURHOOD) return false;
    }
  }
  return true;
}

/** No places on one side, or some place of one nests with some place of the other (at county level or below). */
function near(context: string[], codes: string[]): boolean {
  if (!context.length || !codes.length) return true;
  return context.some((x) => codes.some((y) => x.startsWith(y) || (y.startsWith(x) && x.length >= 6)));
}

/** Resolves the persons of all articles. Pure and order-independent: the same mentions give the same answer. */
export function resolvePersons(mentions: Iterable<PersonMention>, lex: EvidenceLexicon = loadEvidenceLexicon()): Resolution {
  const byName = new Map<string, PersonMention[]>();
  for (const m of mentions) {
    let list = byName.get(m.name);
    if (!list) byName.set(m.name, (list = []));
    list.push(m);
  }
  const rename = new Map<string, string>();
  const merges: Merge[] = [];
  for (const name of [...byName.keys()].sort(cmp)) {
    const list = byName.get(name)!.sort((a, b) => cmp(a.docId, b.docId) || cmp(a.key, b.key));
    resolveName(name, list, rename, merges, lex);
  }
  return { rename, merges };
}

function resolveName(name: string, list: PersonMention[], rename: Map<string, string>, merges: Merge[], lex: EvidenceLexicon): void {
  // A national post held at its body (总书记 at 中共中央) is the national post; a post at a central leadership body
  // (副委员长 at 全国人大常委会) is a national leader's post.
  // A member of such a body is one too. Any staff role at a paper (a byline's 记者, a page credit's 版式设计 or 制图)
  // is the paper's staff: one person of that name at that paper.
  list = list.map((m) => {
    const national = m.keys.flatMap((k) => {
      const credit = /^credit:(.*)\|/.exec(k);
      if (credit) return [`staff:${credit[1]}`];
      const member = /^org:(.*)$/.exec(k);
      if (member) return lex.centralBodies.has(member[1]) ? [`national:${member[1]}`] : [];
      const post = /^post:(.*)\|(.+)$/.exec(k);
      if (!post) return [];
      if (lex.bylineTitles.has(post[2])) return [`staff:${post[1].replace(/^org\//, '')}`];
      if (lex.nationalPosts.has(post[2])) return [`national:${post[2]}`];
      return lex.centralBodies.has(post[1]) ? [`national:${post[1]}|${post[2]}`] : [];
    });
    return national.length ? { ...m, keys: [...new Set([...m.keys, ...national])].sort(cmp) } : m;
  });
  const uf = new UnionFind(list.length);
  const joins: Array<{ a: number; b: number; rule: MergeRule; evidence: string; shared?: string }> = [];
  const join = (a: number, b: number, rule: MergeRule, evidence: string, shared?: string) => {
    if (uf.union(a, b)) joins.push({ a, b, rule, evidence, ...(shared ? { shared } : {}) });
  };

  // 1. shared keys, the most telling first (so a join names the post rather than only the body)
  const firstWith = new Map<string, number>();
  list.forEach((m, i) => {
    for (const k of [...m.keys].sort((a, b) => keyRank(a) - keyRank(b) || cmp(a, b))) {
      const first = firstWith.get(k);
      if (first === undefined) firstWith.set(k, i);
      else join(first, i, RULE_OF_PREFIX[k.slice(0, k.indexOf(':'))] ?? 'SamePost', k, sharedEntity(k));
    }
  });

  // 2. nested territories, group by group in the order of their first mention
  const groups = () => {
    const byRoot = new Map<number, number[]>();
    list.forEach((_, i) => {
      const r = uf.find(i);
      if (!byRoot.has(r)) byRoot.set(r, []);
      byRoot.get(r)!.push(i);
    });
    return [...byRoot.entries()].sort((a, b) => a[0] - b[0]);
  };
  const codesOf = (members: number[]) => [...new Set(members.flatMap((i) => list[i].codes))].sort(cmp);
  const placed: Array<{ root: number; codes: string[] }> = [];
  for (const [root, members] of groups()) {
    const codes = codesOf(members);
    if (!codes.length) continue;
    // Only an unambiguous home: a prefecture official who nests with two namesakes' counties joins neither.
    const homes = placed.filter((p) => nests(p.codes, codes));
    const home = homes.length === 1 ? homes[0] : undefined;
    if (home) {
      join(home.root, root, 'NestedTerritory', [...new Set([...home.codes, ...codes])].sort(cmp).join(' '));
      home.codes = [...new Set([...home.codes, ...codes])].sort(cmp);
    } else placed.push({ root, codes });
  }

  // The holder of a national post: every other group of the name joins it, local namesakes and press staff excepted.
  const isPress = (m: PersonMention) => m.keys.some((k) => k.startsWith('staff:'));
  const nationalKey = (m: PersonMention) => m.keys.find((k) => k.startsWith('national:'));
  const holderIndex = list.findIndex((m) => nationalKey(m) && !isPress(m));
  if (holderIndex >= 0) {
    const holder = uf.find(holderIndex);
    const post = nationalKey(list[holderIndex])!;
    for (const [root, members] of groups()) {
      if (root === uf.find(holder)) continue;
      if (codesOf(members).some((c) => c.length >= COUNTY) || members.some((i) => isPress(list[i]))) continue;
      join(holder, root, 'SameNationalPost', post);
    }
  }

  // 3. mentions without evidence join the one evidenced person of the name, if there is exactly one; a name of
  //    three characters or more that no mention gives evidence for is taken as one person (two-character names
  //    are too common for that)
  const bare = (m: PersonMention) => !m.keys.length && !m.codes.length;
  const evidenced = groups().filter(([, members]) => members.some((i) => !bare(list[i])));
  const home = evidenced.length === 1 ? evidenced[0][0] : evidenced.length === 0 && [...name].length >= DISTINCT_NAME ? list.findIndex(bare) : -1;
  if (home >= 0) {
    // A mention whose sentences name only places away from the person's own stays apart: a namesake elsewhere.
    const homeCodes = codesOf(list.flatMap((_, i) => (uf.find(i) === uf.find(home) ? [i] : [])));
    list.forEach((m, i) => bare(m) && near(m.context, homeCodes) && join(home, i, 'UniqueName', name));
  }

  // Keys: the bare name when the corpus has one such person, else the name and the article of its first mention.
  const final = groups();
  const keyOf = new Map<number, string>();
  for (const [root] of final) keyOf.set(root, final.length === 1 ? `person/${name}` : `person/${name}_${list[root].docId}`);
  list.forEach((m, i) => rename.set(m.key, keyOf.get(uf.find(i))!));
  for (const j of joins) {
    merges.push({
      person: keyOf.get(uf.find(j.a))!,
      from: { docId: list[j.a].docId, key: list[j.a].key },
      to: { docId: list[j.b].docId, key: list[j.b].key },
      rule: j.rule,
      evidence: j.evidence,
      ...(j.shared ? { shared: j.shared } : {}),
    });
  }
}
