// **lexicons** loads the domain vocabulary under data/lexicons: titles, organization heads, programs, cue words.
// Knowledge lives in those files; this module only parses them (once) into tries and sets.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Trie } from './trie.ts';

export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

export interface Cues {
  personBefore: string[];
  personAfter: string[];
  nameStop: string[];
  spouse: string[];
  assist: string[];
  helpedBy: string[];
  reside: string[];
  villager: string[];
  holdVerbs: string[];
  memberBefore: string[];
  residesVillager: string[];
  /** Origin nouns (游客, 市民): residence in the place printed right before them, never the article's village. */
  residesFrom: string[];
  /** Words of tenure before a post (时任, 现任): never the start of an organization's name. */
  tenure: string[];
  /** Verbs and adverbs that open a clause before a programme's name (深入实施 | 暖心民政三年行动). */
  programOpeners: string[];
  stopChars: string;
  /** Characters that end an organization name's window (narrower: 会 and 中 occur inside names). */
  orgStopChars: string;
  /** Characters that cannot be inside a personal name (narrowest: 中, 上, 正 occur in given names). */
  nameStopChars: string;
}

export interface Lexicons {
  titles: Trie<string>;
  titleSet: Set<string>;
  orgSuffixes: Trie<string>;
  orgSuffixList: string[];
  /** Heads allowed right after a place with no name words between (浮山县委, 县政府). */
  orgBareHeads: Set<string>;
  /** Heads that make a name of the words before them without a territory (首都医科大学). */
  orgStrongHeads: string[];
  /** Words that make an organization name generic (城镇学校, 全县…): such names without a territory are dropped. */
  orgGenericWords: string[];
  /** Heads of job and role nouns (员, 医师's 师, 志愿者's 者), longest first (data/lexicons/role-heads.txt). */
  roleHeads: string[];
  /** Parts of Tibetan personal names (data/lexicons/tibetan-name-parts.txt). */
  tibetanNameParts: Set<string>;
  /** Words ending in a role head that name no role (动员, 或者). */
  roleHeadExclusions: Set<string>;
  /** Words ending in a head that name no organization (干部, 网站, 举办), reversed for suffix lookup. */
  orgHeadExclusions: Trie<string>;
  /** Surface form → canonical name. */
  nationalOrgs: Trie<string>;
  programs: Trie<string>;
  /** Canonical program → all printed forms known. */
  programForms: Map<string, string[]>;
  surnames: Set<string>;
  /** Position of each single surname in the frequency-ordered list (0 = most common). */
  surnameRank: Map<string, number>;
  compoundSurnames: Set<string>;
  cues: Cues;
  stopChars: Set<string>;
  orgStopChars: Set<string>;
  nameStopChars: Set<string>;
  /** Heads after a bracketed title that name the publication's organization (media-heads.txt: 杂志, 编辑部). */
  mediaHeads: string[];
  /** Verbs that open a clause about an organization, not a word of its name (org-clause-verbs.txt). */
  orgClauseVerbs: string[];
  /** How strongly a character marks a transliterated name (transliteration-chars.tsv, npm run build:transliteration). */
  transliteration: Map<string, number>;
}

function lines(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** Reverse a string by UTF-16 units; used for suffix tries (all lexicon entries are BMP Han). */
export const reverse = (s: string): string => s.split('').reverse().join('');

function reversedTrie(words: string[]): Trie<string> {
  const t = new Trie<string>();
  for (const w of words) t.add(reverse(w), w);
  return t;
}

let cached: Lexicons | null = null;

export function loadLexicons(dir = join(DATA_DIR, 'lexicons')): Lexicons {
  if (cached) return cached;
  const titles = new Trie<string>();
  const titleSet = new Set<string>();
  for (const t of lines(join(dir, 'titles.txt'))) {
    titles.add(t, t);
    titleSet.add(t);
  }
  // Organization heads are matched backwards from a candidate end, so the trie holds them reversed.
  const orgSuffixes = new Trie<string>();
  const orgSuffixList = lines(join(dir, 'org-suffixes.txt'));
  for (const s of orgSuffixList) orgSuffixes.add(reverse(s), s);
  const nationalOrgs = new Trie<string>();
  for (const l of lines(join(dir, 'national-orgs.txt'))) {
    const [name, alt = ''] = l.split('\t');
    nationalOrgs.add(name, name);
    for (const a of alt.split('|').filter(Boolean)) nationalOrgs.add(a, name);
  }
  const programs = new Trie<string>();
  const programForms = new Map<string, string[]>();
  for (const l of lines(join(dir, 'programs.tsv'))) {
    const [name, alt = ''] = l.split('\t');
    const forms = [name, ...alt.split('|').filter(Boolean)];
    programForms.set(name, forms);
    for (const f of forms) programs.add(f.replace(/[“”"]/g, ''), name);
  }
  const surnames = new Set<string>();
  const compoundSurnames = new Set<string>();
  const surnameRank = new Map<string, number>();
  for (const l of lines(join(dir, 'surnames.txt'))) {
    for (const s of l.split(/\s+/)) {
      if (s.length === 1 && !surnameRank.has(s)) surnameRank.set(s, surnameRank.size);
      if (s.length === 1) surnames.add(s);
      else if (s.length === 2) compoundSurnames.add(s);
    }
  }
  // Yi clan names open a name as compound surnames do (吉克|阿呷).
  for (const l of lines(join(dir, 'yi-clan-names.txt'))) compoundSurnames.add(l.trim());
  const cues = JSON.parse(readFileSync(join(dir, 'cues.json'), 'utf8')) as Cues;
  cached = {
    titles,
    titleSet,
    orgSuffixes,
    orgSuffixList,
    orgBareHeads: new Set(lines(join(dir, 'org-bare-heads.txt'))),
    orgStrongHeads: lines(join(dir, 'org-strong-heads.txt')).sort((a, b) => b.length - a.length),
    orgGenericWords: lines(join(dir, 'org-generic-words.txt')),
    roleHeads: lines(join(dir, 'role-heads.txt')).sort((a, b) => b.length - a.length),
    tibetanNameParts: new Set(lines(join(dir, 'tibetan-name-parts.txt'))),
    roleHeadExclusions: new Set(lines(join(dir, 'role-head-exclusions.txt'))),
    orgHeadExclusions: reversedTrie(lines(join(dir, 'org-head-exclusions.txt'))),
    nationalOrgs,
    programs,
    programForms,
    surnames,
    surnameRank,
    compoundSurnames,
    cues,
    stopChars: new Set(cues.stopChars),
    orgStopChars: new Set(cues.orgStopChars),
    nameStopChars: new Set(cues.nameStopChars),
    orgClauseVerbs: lines(join(dir, 'org-clause-verbs.txt')),
    mediaHeads: lines(join(dir, 'media-heads.txt')).sort((a, b) => b.length - a.length),
    transliteration: new Map(lines(join(dir, 'transliteration-chars.tsv')).map((l) => {
      const [c, score] = l.split('\t');
      return [c, Number(score)] as const;
    })),
  };
  return cached;
}
