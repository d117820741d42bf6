// **places** finds place mentions: administrative divisions from the gazetteer, resolved in the article's
// own context (a village is searched only under the counties and townships the article names), plus named
// sites (安置点, 小区, 产业园) read from their suffixes.
import type { PlaceLevel } from '../types.ts';
import type { Gazetteer, Division } from '../gazetteer/index.ts';
import { Trie } from './trie.ts';
import { wordStartsAt, wordAround, tokenBoundaryAt, nameLikePhrase, startsWithVerb, nameTail, isCommonPhrase, isPlaceWord, hasVerb, functionWordAt } from './words.ts';

export interface PlaceHit {
  start: number;
  end: number;
  text: string;
  level: PlaceLevel;
  /** Division code when the gazetteer resolved it. */
  code?: string;
}

const UPPER_LEVELS: PlaceLevel[] = ['Province', 'Prefecture', 'County'];
const RANK: Record<PlaceLevel, number> = { Province: 0, Prefecture: 1, County: 2, Township: 3, Village: 4, Settlement: 5 };
export const levelRank = (l: PlaceLevel): number => RANK[l];

const HAN = /[\u3400-\u9fff]/;
// Suffixes that make a full administrative name; a short alias (河曲) lacks them.
const MEASURE_WORDS = /[名个位座所家条只户间台辆项]/u;
const NUMERAL = /[0-9０-９零〇一二三四五六七八九十百千万两几多余]/u;
const COUNTY_SHORT_FORM = /^(?:[\u3400-\u9fff]+[县区旗]|[\u3400-\u9fff]{2,}州)$/u;
const FULL_SUFFIX = /(省|自治区|市|自治州|州|地区|盟|县|自治县|区|旗|自治旗|镇|乡|苏木|街道|村|社区|嘎查)$/;

let upperTrie: Trie<true> | null = null;
function upperNames(gaz: Gazetteer): Trie<true> {
  if (upperTrie) return upperTrie;
  upperTrie = new Trie<true>();
  for (const n of gaz.names(UPPER_LEVELS)) if (n.length >= 2) upperTrie.add(n, true);
  return upperTrie;
}

export interface SettlementRules {
  suffixes: string[];
  /** Words that make a site name generic rather than proper (集中安置点 is not a name). */
  genericHeads: string[];
}

/**
 * Find place mentions in the whole text. Two passes: province/prefecture/county names first (they give the
 * context), then townships and villages that lie under those, then suffix-read sites.
 */
export function findPlaces(text: string, gaz: Gazetteer, settlements: SettlementRules, stop: Set<string>): PlaceHit[] {
  const hits: PlaceHit[] = [];
  // Pass 1: upper levels.
  const raw: Array<{ start: number; end: number; surface: string }> = [];
  const trie = upperNames(gaz);
  const rawEnds = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    const m = trie.longestAt(text, i);
    // After a number the first character is a measure word, not a place's: 2000名|山区女孩 is no 名山区.
    if (m && MEASURE_WORDS.test(text[i]) && NUMERAL.test(text[i - 1] ?? '')) continue;
    // A name starting inside a word (顺应|城市 is no 应城市) is no place, unless a place ends there (河南濮阳市).
    if (m && HAN.test(text[i - 1] ?? '') && !rawEnds.has(i) && !tokenBoundaryAt(text, i)) continue;
    // A short form ending inside a common word (朝阳产业 is one word to jieba) is part of that word; inside a name
    // (南京大屠杀, 北京安贞医院) or before another place (甘肃兰州 is one word too) it is a place.
    if (m && HAN.test(text[m.end] ?? '') && !FULL_SUFFIX.test(text.slice(i, m.end)) && !trie.longestAt(text, m.end) && insideCommonWord(text, m.end - 1)) continue;
    if (m) {
      raw.push({ start: i, end: m.end, surface: text.slice(i, m.end) });
      rawEnds.add(m.end);
    }
  }
  // Provinces are unambiguous; they form the first context.
  const context = new Set<string>();
  for (const r of raw) for (const d of gaz.lookup(r.surface, { levels: ['Province'] })) context.add(d.code);
  const fullForms = new Set<string>();
  for (const r of raw) if (FULL_SUFFIX.test(r.surface)) fullForms.add(r.surface);

  const resolved: Array<{ r: (typeof raw)[number]; d: Division }> = [];
  // Resolve full names before short aliases, so that an alias can lean on the full form of the same place.
  const ordered = [...raw].sort((a, b) => Number(!FULL_SUFFIX.test(a.surface)) - Number(!FULL_SUFFIX.test(b.surface)) || a.start - b.start);
  const resolvedCodes = new Set<string>();
  for (const r of ordered) {
    const cands = gaz.resolve(r.surface, [...context], { levels: UPPER_LEVELS });
    if (!cands.length) continue;
    const d = cands[0];
    // A short form with a county's suffix (澜沧县 for 澜沧拉祜族自治县, 延边州) is as plain a place name as the full one;
    // 全州, 新乡 and 丰镇 are words too.
    if (!COUNTY_SHORT_FORM.test(r.surface) && !(FULL_SUFFIX.test(r.surface) && r.surface === d.name) && d.level !== 'Province') {
      // A short alias of a prefecture or county (河曲, 左权) is also a word or a name: accept it only when the
      // article prints the full name too, or when a place of a higher level stands right before it.
      // A prefecture's short form that the dictionary knows as a place name (福州, 厦门) stands on its own.
      const prev = resolved.find((x) => x.r.end === r.start && gaz.isAncestor(x.d.code, d.code));
      const knownPlace = d.level === 'Prefecture' && isPlaceWord(r.surface);
      if (!resolvedCodes.has(d.code) && !prev && !fullForms.has(d.name) && !knownPlace) continue;
    }
    if (d.level !== 'Province' && cands.length > 1 && !inContext(gaz, d.code, context)) {
      // Ambiguous name with no context to choose by: keep the mention, leave the code out.
      resolved.push({ r, d: { ...d, code: '' } });
      continue;
    }
    resolved.push({ r, d });
    resolvedCodes.add(d.code);
    context.add(d.code);
  }
  for (const { r, d } of resolved) {
    hits.push({ start: r.start, end: r.end, text: r.surface, level: d.level, code: d.code || undefined });
  }

  // Pass 2: townships and villages under the counties and townships in context. One name may stand for
  // several villages of a county (河南村 under two townships): the township printed right before it decides.
  const lower = new Trie<string[]>();
  const lowerCodes = new Map<string, string[]>();
  const addDivision = (c: Division, minLength: number) => {
    for (const n of [c.name, ...(c.aliases ?? []), ...upgradedForms(c)]) {
      if (n.length < minLength || !FULL_SUFFIX.test(n)) continue;
      const codes = lowerCodes.get(n) ?? [];
      if (!codes.includes(c.code)) codes.push(c.code);
      lowerCodes.set(n, codes);
      lower.add(n, codes);
    }
  };
  // Under a county: its townships and their villages. Under a prefecture: its counties' townships only, with
  // names of three or more characters (the villages of a whole prefecture are too many to guess among).
  const addUnder = (code: string, depth: number, minLength: number) => {
    for (const c of gaz.children(code)) {
      if (c.level === 'Township' || c.level === 'Village') addDivision(c, minLength);
      if (depth > 0) addUnder(c.code, depth - 1, minLength);
    }
  };
  for (const code of resolvedCodes) {
    const d = gaz.byCode(code);
    if (d?.level === 'County') addUnder(code, 1, 2);
    // Townships of a named prefecture (闽宁镇 in an article that names 银川市 but not its county).
    if (d?.level === 'Prefecture') for (const county of gaz.children(code)) addUnder(county.code, 0, 3);
  }
  const lowerHits: PlaceHit[] = [];
  for (let i = 0; i < text.length; i++) {
    const m = lower.longestAt(text, i);
    if (!m) continue;
    // A township name that runs on into a word (乡村, 镇上) is not the place; nor is one that starts inside a
    // word (范村 in 示范村). Two-character names (马村) are common words' tails: they need a clean left edge.
    // Unless one of its own villages or townships follows (庆祖镇西辛庄村: 镇西 is a word, but 西辛庄村 lies in 庆祖镇).
    const next = lower.longestAt(text, m.end);
    const childFollows = !!next && next.value.some((c) => m.value.includes(gaz.byCode(c)?.parent ?? ''));
    if (!childFollows && wordStartsAt(text, m.end - 1) && !wordStartsAt(text, i)) continue;
    if (i > 0 && HAN.test(text[i - 1]) && !stop.has(text[i - 1]) && !hits.some((h) => h.end === i) && !lowerHits.some((h) => h.end === i)) {
      if (m.end - i <= 2 || wordStartsAt(text, i - 1)) continue;
    }
    const before = [...hits, ...lowerHits].filter((h) => h.code && h.end === i).map((h) => h.code!);
    const code = m.value.find((c) => before.some((b) => gaz.isAncestor(b, c))) ?? m.value.find((c) => [...resolvedCodes, ...lowerHits.map((h) => h.code!)].some((b) => gaz.byCode(c)?.parent === b)) ?? m.value[0];
    const d = gaz.byCode(code);
    if (!d) continue;
    lowerHits.push({ start: i, end: m.end, text: text.slice(i, m.end), level: d.level, code: m.value.length > 1 && !before.length ? ambiguousCode(gaz, m.value, code) : d.code });
    i = m.end - 1;
  }
  hits.push(...lowerHits);

  // Pass 3: a township or village printed right after a place (河曲县巡镇河南村) but missing from the
  // gazetteer (merged, renamed or new since its snapshot): the text wins.
  sortHits(hits);
  const chained: PlaceHit[] = [];
  for (const h of hits) {
    if (levelRank(h.level) < levelRank('County')) continue;
    let end = h.end;
    for (;;) {
      const next = chainedUnit(text, end, stop);
      if (!next || hits.some((x) => x.start < next.end && end < x.end)) break;
      // 浮山县确定臣南河村: a verb after the county starts a clause, not a unit name.
      // (The name without its unit word: jieba reads 嘎查 as 嘎 | 查 "check".)
      if (!nameLikePhrase(text.slice(end, next.nameEnd)) || startsWithVerb(text.slice(end, next.end))) break;
      // 平遥县农业农村局: common words ending in 村 are no village name.
      if (isCommonPhrase(text.slice(end, next.end))) break;
      if (levelRank(next.level) <= levelRank(h.level)) break;
      chained.push({ start: end, end: next.end, text: text.slice(end, next.end), level: next.level });
      end = next.end;
    }
  }
  hits.push(...chained);

  // Pass 4: a village the gazetteer does not know (new since its snapshot), printed on its own: two name
  // characters and 村 at a clean left edge (，原隆村立兰酒庄), not an ordinary word (全村, 邻村).
  for (const m of text.matchAll(/[\u3400-\u9fff]{2}村/g)) {
    const s = m.index!;
    const e = s + 3;
    const prev = text[s - 1] ?? '';
    if (prev && /[\u3400-\u9fff]/.test(prev) && !stop.has(prev) && !hits.some((h) => h.end === s)) continue;
    if (hits.some((h) => h.start < e && s < h.end)) continue;
    if (/[民里委庄级集干组部务情]/.test(text[e] ?? '') || wordStartsAt(text, e - 1)) continue;
    const name = text.slice(s, s + 2);
    // 驻村, 农村, 新村: the second character and 村 make a word, so the first is not part of a name.
    if ([...name].some((c) => stop.has(c)) || functionWordAt(name, 0) || wordStartsAt(text, s) || wordStartsAt(text, s + 1) || startsWithVerb(name) || !nameLikePhrase(name)) continue;
    hits.push({ start: s, end: e, text: text.slice(s, e), level: 'Village' });
  }

  // Pass 5: named sites by suffix.
  hits.push(...findSettlements(text, settlements, stop, new Map(hits.map((h) => [h.end, h]))));
  return dedupe(hits);
}

/** Several villages of one county share the name and nothing printed picks one: keep the first code only when
 * all candidates agree on the township; otherwise leave the code out rather than guess. */
function ambiguousCode(gaz: Gazetteer, codes: string[], chosen: string): string | undefined {
  const parents = new Set(codes.map((c) => gaz.byCode(c)?.parent));
  return parents.size === 1 ? chosen : undefined;
}

/** A township renamed on upgrade (朱明乡 → 朱明镇) is still printed under its old name: match both. */
function upgradedForms(d: Division): string[] {
  if (d.level !== 'Township') return [];
  if (d.name.endsWith('镇') && d.name.length >= 3) return [d.name.slice(0, -1) + '乡'];
  if (d.name.endsWith('乡') && d.name.length >= 3) return [d.name.slice(0, -1) + '镇'];
  return [];
}

function inContext(gaz: Gazetteer, code: string, context: Set<string>): boolean {
  for (const c of context) if (c !== code && (gaz.isAncestor(c, code) || gaz.isAncestor(code, c))) return true;
  return false;
}


const UNIT_SUFFIXES: Array<[string, PlaceLevel]> = [
  ['街道', 'Township'],
  ['镇', 'Township'],
  ['乡', 'Township'],
  // Inner Mongolia's township and village: 苏木, 嘎查.
  ['苏木', 'Township'],
  ['社区', 'Village'],
  ['村', 'Village'],
  ['嘎查', 'Village'],
];

/** A 2–4 char unit name with a township/village suffix starting exactly at `start`. */
function chainedUnit(text: string, start: number, stop: Set<string>): { end: number; nameEnd: number; level: PlaceLevel } | null {
  for (let len = 2; len <= 5; len++) {
    const name = text.slice(start, start + len);
    if (name.length < len || [...name].some((c) => stop.has(c) || !HAN.test(c))) return null;
    for (const [suffix, level] of UNIT_SUFFIXES) {
      const e = start + len + suffix.length;
      if (text.slice(start + len, e) === suffix) {
        // 村 followed by 民/里/委/庄 is a word (村民, 村里), not a name's end.
        if (suffix === '村' && /[民里委庄级集]/.test(text[e] ?? '')) continue;
        // A one-character suffix that opens a word (镇上, 乡亲) ends no name; a word suffix (社区, 街道) is that word.
        if (suffix.length === 1 && wordStartsAt(text, start + len)) continue;
        return { end: e, nameEnd: start + len, level };
      }
    }
  }
  return null;
}

function findSettlements(text: string, rules: SettlementRules, stop: Set<string>, barriers: Map<number, PlaceHit>): PlaceHit[] {
  const out: PlaceHit[] = [];
  const suffixes = [...rules.suffixes].sort((a, b) => b.length - a.length);
  const generic = [...rules.genericHeads].sort((a, b) => b.length - a.length);
  for (const suffix of suffixes) {
    for (let at = text.indexOf(suffix); at >= 0; at = text.indexOf(suffix, at + 1)) {
      // Walk left over name characters, stopping at punctuation, function characters and the end of a place.
      let s = at;
      while (s > 0 && at - s < 12 && !barriers.has(s) && HAN.test(text[s - 1]) && !stop.has(text[s - 1])) s--;
      // Then keep only the name-like words next to the suffix: 推动安置区 and 走进小区 have a verb, not a name.
      // Right after a place (镇雄县呢噜坪易地扶贫搬迁安置点) the whole span is the name unless a verb is in it.
      if (!(barriers.has(s) && !hasVerb(text.slice(s, at)))) s = at - nameTail(text.slice(s, at));
      if (at - s < 2 || isGeneric(text.slice(s, at), generic)) continue;
      // 龙里县高新技术产业园区: a site named by common words after a place carries the place in its name.
      const before = barriers.get(s);
      if (before && before.level !== 'Province' && isCommonPhrase(text.slice(s, at))) s = before.start;
      out.push({ start: s, end: at + suffix.length, text: text.slice(s, at + suffix.length), level: 'Settlement' });
    }
  }
  return out;
}

/** True when the name is made only of generic words (县城集中 in 县城集中安置点). */
function isGeneric(name: string, generic: string[]): boolean {
  let rest = name;
  for (let changed = true; rest && changed; ) {
    changed = false;
    for (const g of generic) {
      if (rest.startsWith(g)) {
        rest = rest.slice(g.length);
        changed = true;
        break;
      }
    }
  }
  return rest.length === 0;
}

export function sortHits<T extends { start: number; end: number }>(hits: T[]): T[] {
  return hits.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Keep the longest of overlapping hits. */
function dedupe(hits: PlaceHit[]): PlaceHit[] {
  sortHits(hits);
  const out: PlaceHit[] = [];
  let lastEnd = -1;
  for (const h of hits) {
    if (h.start < lastEnd) continue;
    out.push(h);
    lastEnd = h.end;
  }
  return out;
}

/** True when the character at `i` lies in the middle of a word jieba tags as a common word, not a name (朝阳|产业). */
function insideCommonWord(text: string, i: number): boolean {
  const w = wordAround(text, i);
  return !!w && w.start < i && i + 1 < w.end && !/^n[rstz]/.test(w.tag);
}
