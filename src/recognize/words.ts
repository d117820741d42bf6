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
const NON_NAME_TAG = /^(m|q|r|d|u|y|e|o|t|z|a$|ad|p)/;

/** True when jieba finds only name-like words in `core` (no 首个, 这, 了 …). */
export function nameLikePhrase(core: string): boolean {
  for (const t of segmenter().tag(core)) {
    if (NON_NAME_TAG.test(t.tag) && t.tag !== 'zg' && t.word !== '与') return false;
  }
  return true;
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
