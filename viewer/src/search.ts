// **search** — find nodes by Chinese name, alias, or pinyin typed with or without tones, spaced or not (张乃田, zhang naitian, znt).
import type { ViewerNode } from '../../src/viewer/types.ts';

export type MatchField = 'name' | 'alias' | 'pinyin' | 'initials';

export interface SearchHit {
  key: string;
  /** Lower is better. */
  score: number;
  field: MatchField;
  /** The alias that matched, when field is 'alias'. */
  alias?: string;
}

interface Entry {
  key: string;
  name: string;
  aliases: string[];
  /** Pinyin without tones or spaces (zhangnaitian). */
  compact: string;
  /** Offsets in `compact` where a syllable starts, so `naitian` matches at a syllable boundary. */
  syllableStarts: number[];
  initials: string;
  weight: number;
}

export interface SearchIndex {
  entries: Entry[];
}

const HAN = /\p{Script=Han}/u;

/**
 * Fold latin input for comparison: lower case, tone marks dropped, ü (however typed) as v, no spaces or apostrophes.
 * `Zhāng Nǎitián` → `zhangnaitian`, `lǚ` → `lv`.
 */
export function foldLatin(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/u\u0308/g, 'v')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s'’·\-_]+/g, '');
}

/** `weight` orders equal matches (the app passes degree, so the better-connected 河曲县 comes before a namesake). */
export function buildSearchIndex(nodes: ViewerNode[], weight: (key: string) => number = () => 0): SearchIndex {
  return {
    entries: nodes.map((n) => {
      const syllables = n.pinyin.plain.split(/\s+/).filter(Boolean).map(foldLatin);
      const syllableStarts: number[] = [];
      let at = 0;
      for (const s of syllables) { syllableStarts.push(at); at += s.length; }
      return {
        key: n.key,
        name: n.name,
        aliases: n.aliases,
        compact: syllables.join(''),
        syllableStarts,
        initials: foldLatin(n.pinyin.initials),
        weight: weight(n.key),
      };
    }),
  };
}

export function search(index: SearchIndex, query: string, limit = 10): SearchHit[] {
  const raw = query.trim();
  if (!raw) return [];
  const han = HAN.test(raw);
  const folded = foldLatin(raw);
  const hits: Array<SearchHit & { weight: number; length: number }> = [];
  for (const e of index.entries) {
    const hit = han ? matchChinese(e, raw) : matchLatin(e, raw, folded);
    if (hit) hits.push({ ...hit, key: e.key, weight: e.weight, length: e.name.length });
  }
  hits.sort((a, b) => a.score - b.score || b.weight - a.weight || a.length - b.length || a.key.localeCompare(b.key));
  return hits.slice(0, limit).map(({ key, score, field, alias }) => ({ key, score, field, ...(alias ? { alias } : {}) }));
}

function matchChinese(e: Entry, q: string): Omit<SearchHit, 'key'> | undefined {
  if (e.name === q) return { score: 0, field: 'name' };
  const exactAlias = e.aliases.find((a) => a === q);
  if (exactAlias) return { score: 1, field: 'alias', alias: exactAlias };
  if (e.name.startsWith(q)) return { score: 2, field: 'name' };
  const prefixAlias = e.aliases.find((a) => a.startsWith(q));
  if (prefixAlias) return { score: 3, field: 'alias', alias: prefixAlias };
  if (e.name.includes(q)) return { score: 4, field: 'name' };
  const anyAlias = e.aliases.find((a) => a.includes(q));
  if (anyAlias) return { score: 5, field: 'alias', alias: anyAlias };
  return undefined;
}

function matchLatin(e: Entry, raw: string, q: string): Omit<SearchHit, 'key'> | undefined {
  if (!q) return undefined;
  if (e.compact === q) return { score: 0, field: 'pinyin' };
  if (e.compact.startsWith(q)) return { score: 2, field: 'pinyin' };
  if (e.initials === q) return { score: 3, field: 'initials' };
  if (e.initials.startsWith(q)) return { score: 4, field: 'initials' };
  // Names written in latin letters or digits (G108国道) match as typed.
  if (e.name.toLowerCase().includes(raw.toLowerCase())) return { score: 4, field: 'name' };
  if (e.syllableStarts.some((s) => s > 0 && e.compact.startsWith(q, s))) return { score: 6, field: 'pinyin' };
  return undefined;
}
