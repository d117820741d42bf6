// **words** wraps jieba for the two things the rules ask of it: part-of-speech tags and "is a word here?".
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | null = null;
export function segmenter(): Jieba {
  return (jieba ??= Jieba.withDict(dict));
}

/** True when a dictionary word of two or more characters starts at `start`. */
export function wordStartsAt(text: string, start: number): boolean {
  const rest = text.slice(start, start + 6);
  if (rest.length < 2) return false;
  const first = segmenter().cut(rest, false)[0] ?? '';
  return first.length >= 2;
}

// Tags that never occur inside an organization's name: numerals, measure words, pronouns, adverbs, particles.
const NON_NAME_TAG = /^(m|q|r|d|u|y|e|o|t|z|ad|p)/;

// Age groups are time words to jieba (老年/t) but name who a body serves (老年助餐服务中心, 青年突击队, 少年宫).
const AGE_GROUP_WORDS = new Set(['老年', '青年', '少年', '中年']);

/** True when jieba finds only name-like words in `core` (no 首个, 这, 了 …). */
export function nameLikePhrase(core: string): boolean {
  // Ordinals belong to names (第一人民医院, 第十四批).
  for (const t of segmenter().tag(core.replace(/第[一二三四五六七八九十百0-9]+/g, ''))) {
    if (NON_NAME_TAG.test(t.tag) && t.tag !== 'zg' && t.word !== '与' && !AGE_GROUP_WORDS.has(t.word)) return false;
  }
  return true;
}

/** True when jieba finds a pronoun, particle, preposition, conjunction or interjection in `s` (我们, 的, 和). */
export function hasFunctionWord(s: string): boolean {
  return segmenter().tag(s).some((t) => /^(r|u|p|c|y|e|o)/.test(t.tag));
}

/** True when jieba knows `s` as one ordinary word (劳动, 师傅): not a personal name. */
export function isCommonWord(s: string): boolean {
  const tags = segmenter().tag(s);
  return tags.length === 1 && !tags[0].tag.startsWith('nr') && tags[0].tag !== 'x';
}

/** True when the first word of `s` is a verb (确定 in 确定臣南河村). */
export function startsWithVerb(s: string): boolean {
  const first = segmenter().tag(s)[0];
  return !!first && first.tag.startsWith('v') && first.word.length > 1;
}

// Tags that end a run of name words when walking left: verbs (not verbal nouns), prepositions, particles,
// conjunctions, pronouns, numerals, measure words, locatives and time words. Anything else may be part of a
// name, whatever jieba thinks of it (it tags 首都 in 首都医科大学 as an adverb).
const NOT_NAME_WORD_TAG = /^(v|p|u|c|r|m|q|y|e|o|f|t)/;

/** Length of the longest run of name-like words at the end of `s`. */
export function nameTail(s: string): number {
  const tags = segmenter().tag(s);
  let len = 0;
  for (let i = tags.length - 1; i >= 0; i--) {
    if (NOT_NAME_WORD_TAG.test(tags[i].tag) && tags[i].tag !== 'vn') break;
    len += tags[i].word.length;
  }
  return len;
}

/** True when `s` is made only of common nouns (高新技术): a description, not a proper name. */
export function isCommonPhrase(s: string): boolean {
  return segmenter().tag(s).every((t) => t.tag === 'n' || t.tag === 'vn' || t.tag === 'b');
}

/** 何回复, 李说明: a surname character followed by a verb or function word is not a name. */
export function isVerbGivenName(name: string): boolean {
  if (name.length !== 3) return false;
  const tags = segmenter().tag(name.slice(1));
  return tags.length === 1 && /^(v|d|p|c|u|r|m)/.test(tags[0].tag);
}

/** True when jieba tags a verb (not a verbal noun) in `s`. */
export function hasVerb(s: string): boolean {
  return segmenter().tag(s).some((t) => t.tag === 'v');
}

/** True when the last word of `s` is a verb or adverb of two or more characters (国务院部署 → 部署). */
export function endsInVerb(s: string): boolean {
  const last = segmenter().tag(s).at(-1);
  return !!last && last.word.length > 1 && /^(v|d|a$|ad)/.test(last.tag);
}

/** True when the text at `start` opens with an ordinary (non-name) dictionary word of two or more characters, or a
 * function character followed by a common word (和群众). */
export function ordinaryWordAt(text: string, start: number): boolean {
  const tags = segmenter().tag(text.slice(start, start + 5));
  const first = tags[0];
  if (!first) return false;
  if (first.word.length >= 2) return !/^(nr|x)/.test(first.tag);
  const second = tags[1];
  return /^(c|p|u|r|d)/.test(first.tag) && !!second && second.word.length >= 2 && /^n/.test(second.tag) && !/^nr/.test(second.tag);
}

/** A dictionary word of two or more characters that is not a name (展示, 执行官; not 阿布拉/nrt, 拉木江/x). */
const isOrdinaryWord = (t: { word: string; tag: string }): boolean => t.word.length >= 2 && !/^(nr|x)/.test(t.tag);

/** True when `s` holds a dictionary word of two or more characters that is not a name. */
export function hasOrdinaryWord(s: string): boolean {
  return segmenter().tag(s).some(isOrdinaryWord);
}

/**
 * Length of `s` without the ordinary words glued on at one side (执行官|卡洛斯, 亚森|展示; at the end one-character
 * function words too: 萨肯|笑呵呵|地), keeping at least two characters and the word at the other side.
 */
export function withoutOrdinaryWords(s: string, side: 'start' | 'end'): number {
  const words = segmenter().tag(s);
  const trimmed = side === 'end' ? words.slice(1).reverse() : words.slice(0, -1);
  let len = s.length;
  for (const w of trimmed) {
    const glued = isOrdinaryWord(w) || (side === 'end' && w.word.length < 2 && /^(u|p|c|d|r|y)/.test(w.tag));
    if (!glued || len - w.word.length < 2) break;
    len -= w.word.length;
  }
  return len;
}

/** True when jieba's dictionary knows `s` as one place name (福州/ns); 左权/n and 望谟/nr are not. */
export function isPlaceWord(s: string): boolean {
  const tags = segmenter().tag(s);
  return tags.length === 1 && tags[0].tag === 'ns';
}

/** True when a verb, preposition, adverb or conjunction starts at `start` (种 in 王桂兰种了). */
export function functionWordAt(text: string, start: number): boolean {
  const first = segmenter().tag(text.slice(start, start + 4))[0];
  return !!first && /^(v|p|d|c)/.test(first.tag);
}

/** Offsets in [from, from + span) where jieba puts a one-character word. */
export function loneCharStarts(text: string, from: number, span: number): Set<number> {
  const out = new Set<number>();
  let at = from;
  for (const w of segmenter().cut(text.slice(from, from + span), false)) {
    if (w.length === 1) out.add(at);
    at += w.length;
  }
  return out;
}

/** True when jieba starts a word at `i` in its surroundings (贯彻|习近平). */
export function tokenBoundaryAt(text: string, i: number): boolean {
  const from = Math.max(0, i - 4);
  let at = from;
  for (const w of segmenter().cut(text.slice(from, i + 4), false)) {
    if (at === i) return true;
    if (at > i) return false;
    at += w.length;
  }
  return false;
}

/**
 * True when jieba reads the character at `i` alone as a function word (particle, conjunction, preposition, adverb,
 * pronoun) and a verb follows it (过程中|所|感受, “石棺”|所|需): the particle 所, not a unit's head (信息所|智慧农业,
 * 动车所|检修库 keep theirs).
 */
export function functionCharBeforeVerbAt(text: string, i: number): boolean {
  const from = Math.max(0, i - 4);
  let at = from;
  const words = segmenter().tag(text.slice(from, i + 6));
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (at === i) return w.word.length === 1 && /^(c|u|p|d|r)/.test(w.tag) && /^v(?!n)/.test(words[k + 1]?.tag ?? '');
    if (at > i) return false;
    at += w.word.length;
  }
  return false;
}

/** The jieba word (with its tag) that holds the character at `i`, read in its surroundings. */
export function wordAround(text: string, i: number): { start: number; end: number; tag: string } | null {
  const from = Math.max(0, i - 6);
  let at = from;
  for (const w of segmenter().tag(text.slice(from, i + 7))) {
    const end = at + w.word.length;
    if (end > i) return { start: at, end, tag: w.tag };
    at = end;
  }
  return null;
}

/** The jieba word around `i` starts before it and ends neither at `titleEnd` nor after it. */
export function insideWordNotEndingIn(text: string, i: number, titleEnd: number): boolean {
  // 副 opens a title whatever jieba glues it to (农村部副|部长 reads 部副 as a word).
  if (i === 0 || !/[\u3400-\u9fff]/u.test(text[i - 1]) || text[i] === '副') return false;
  const from = Math.max(0, i - 4);
  let at = from;
  for (const w of segmenter().cut(text.slice(from, titleEnd + 2), false)) {
    const end = at + w.length;
    if (at < i && i < end) return end < titleEnd;
    if (at >= i) return false;
    at = end;
  }
  return false;
}

/** jieba's tag for `s` when its dictionary holds `s` as one word of any kind (王莽岭 is not, 农家乐 is), else undefined. */
export function knownWordTag(s: string): string | undefined {
  const tags = segmenter().tag(s);
  return tags.length === 1 && tags[0].word === s ? tags[0].tag : undefined;
}

/**
 * Walk left from `at` over at most `max` characters of whole jieba words, stopping at non-Han text and at a stop
 * character that stands as a word of its own (都 ends the walk, 首都 does not). Returns the new start.
 */
export function walkLeft(text: string, at: number, max: number, stop: Set<string>): number {
  const from = Math.max(0, at - max);
  const words = segmenter().cut(text.slice(from, at), false);
  let s = at;
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i];
    if (![...w].every((c) => /[\u3400-\u9fff]/.test(c))) break;
    if (w.length === 1 && stop.has(w)) break;
    s -= w.length;
  }
  return s;
}

/** The jieba word that starts at `start`. */
export function firstWord(text: string, start: number): string {
  return segmenter().cut(text.slice(start, start + 6), false)[0] ?? '';
}
