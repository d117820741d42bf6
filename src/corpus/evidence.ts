// **evidence** — what one article says about each person it names, as compact keys the corpus resolver compares:
// posts, organizations, specific places, page credits, national posts, and the division codes the person is tied to.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ArticleGraph, Entity } from '../types.ts';

/** One person entity of one article and what ties it to the world. Plain data: it crosses worker boundaries. */
export interface PersonEvidence {
  /** The entity key in the article (article-local: `person/王兴_<docId>`). */
  key: string;
  name: string;
  /**
   * Keys that name one person together with the name, sorted: `post:<org key>|<title>`, `org:<org key>`,
   * `place:<place key>` (a village, township or site lived in), `credit:<paper>|<role>`, `national:<title>`.
   */
  keys: string[];
  /** Division codes of the places the person is tied to (posts held there, units there, residence), sorted. */
  codes: string[];
  /**
   * Division codes of the places named in the sentences that name the person, sorted: not evidence to join on,
   * but enough to refuse a join (a 王兴 in a sentence about 偏关县 is not the 王兴 of 河曲县).
   */
  context: string[];
}

/** Vocabulary the keys are read with (data/corpus). */
export interface EvidenceLexicon {
  creditRoles: Set<string>;
  nationalPosts: Set<string>;
  bylineTitles: Set<string>;
  /** Organization keys of the central leadership bodies (org/全国人大常委会). */
  centralBodies: Set<string>;
}

const DATA = fileURLToPath(new URL('../../data/corpus/', import.meta.url));
const wordList = (file: string) =>
  new Set(readFileSync(DATA + file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));

let lexicon: EvidenceLexicon | undefined;
export function loadEvidenceLexicon(): EvidenceLexicon {
  return (lexicon ??= {
    creditRoles: wordList('credit-roles.txt'),
    nationalPosts: wordList('national-posts.txt'),
    bylineTitles: wordList('byline-titles.txt'),
    centralBodies: new Set([...wordList('central-bodies.txt')].map((name) => `org/${name}`)),
  });
}

/** Places this specific identify a person living there together with the name; a county has too many namesakes. */
const SPECIFIC_PLACE = new Set(['Township', 'Village', 'Settlement']);
/** `人民日报（第08版：经济）` → `人民日报`: the paper, without the page. */
const paperOf = (source: string | undefined) => (source ?? '').replace(/[（(].*$/u, '').trim();
// `版式设计：蔡华伟`, `版式设计　蔡华伟`, `版式设计：沈亦伶 蔡华伟`: the role, a colon or a space, the names.
const CREDIT_LINE = /^[（(]?\s*([\u4e00-\u9fff]{2,6}?)(?:\s*[：:]\s*|[\s\u3000]+)(.+?)\s*[）)]?$/u;
const sorted = (s: Set<string>) => [...s].sort();

/** The evidence of every person of one article, in key order. */
export function personEvidence(g: ArticleGraph, lex: EvidenceLexicon = loadEvidenceLexicon()): PersonEvidence[] {
  const byKey = new Map<string, Entity>(g.entities.map((e) => [e.key, e]));
  const persons = g.entities.filter((e) => e.type === 'Person');
  const keys = new Map<string, Set<string>>(persons.map((p) => [p.key, new Set()]));
  const codes = new Map<string, Set<string>>(persons.map((p) => [p.key, new Set()]));
  const addCode = (person: string, placeKey: string | undefined) => {
    const code = placeKey && byKey.get(placeKey)?.divisionCode;
    if (code) codes.get(person)?.add(code);
  };
  // Where the article puts an organization: its place (located in, or a unit of a place), else the place its name
  // opens with (河曲县委 → 河曲县: organization names make their territory explicit).
  const orgPlaces = new Map<string, string[]>();
  const places = g.entities.filter((e) => e.type === 'Place' && e.divisionCode);
  for (const r of g.relations) {
    if ((r.type === 'locatedIn' || r.type === 'partOf') && byKey.get(r.subject)?.type === 'Organization' && byKey.get(r.object)?.divisionCode) {
      orgPlaces.set(r.subject, [...(orgPlaces.get(r.subject) ?? []), r.object]);
    }
  }
  for (const org of g.entities) {
    if (org.type !== 'Organization' || orgPlaces.has(org.key)) continue;
    let best: Entity | undefined;
    let bestLength = 0;
    for (const place of places) {
      for (const form of [place.name, ...place.aliases]) {
        if (form.length >= 2 && form.length > bestLength && org.name.startsWith(form)) [best, bestLength] = [place, form.length];
      }
    }
    if (best) orgPlaces.set(org.key, [best.key]);
  }
  // The places each sentence names.
  const placesOfSentence = new Map<number, Set<string>>();
  for (const place of places) {
    for (const m of place.mentions) {
      if (!placesOfSentence.has(m.sentence)) placesOfSentence.set(m.sentence, new Set());
      placesOfSentence.get(m.sentence)!.add(place.divisionCode!);
    }
  }

  for (const p of g.positions) {
    const k = keys.get(p.holder);
    if (!k) continue;
    const title = p.title.trim();
    if (p.organization) {
      k.add(`post:${p.organization}|${title}`);
      const at = byKey.get(p.organization);
      if (at?.type === 'Organization') k.add(`org:${p.organization}`);
      addCode(p.holder, p.organization);
      for (const place of orgPlaces.get(p.organization) ?? []) addCode(p.holder, place);
    } else if (lex.nationalPosts.has(title)) k.add(`national:${title}`);
  }
  for (const r of g.relations) {
    const k = keys.get(r.subject);
    if (!k) continue;
    if (r.type === 'memberOf') {
      k.add(`org:${r.object}`);
      for (const place of orgPlaces.get(r.object) ?? []) addCode(r.subject, place);
    } else if (r.type === 'residesIn') {
      const place = byKey.get(r.object);
      if (place?.subtype && SPECIFIC_PLACE.has(place.subtype)) k.add(`place:${r.object}`);
      addCode(r.subject, r.object);
    }
  }
  // Page credits: a line `ROLE：NAME` under the article names a person of the paper's staff.
  const paper = paperOf(g.doc.meta.source);
  if (paper) {
    for (const p of persons) {
      for (const m of p.mentions) {
        const line = CREDIT_LINE.exec(g.doc.sentences[m.sentence]?.text.trim() ?? '');
        if (line && lex.creditRoles.has(line[1]) && line[2].replace(/[\s\u3000]/g, '').includes(p.name)) keys.get(p.key)!.add(`credit:${paper}|${line[1]}`);
      }
    }
  }
  return persons
    .map((p) => {
      const context = new Set<string>();
      for (const m of p.mentions) for (const c of placesOfSentence.get(m.sentence) ?? []) context.add(c);
      return { key: p.key, name: p.name, keys: sorted(keys.get(p.key)!), codes: sorted(codes.get(p.key)!), context: sorted(context) };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
