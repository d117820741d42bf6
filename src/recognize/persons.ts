// **persons** reads personal names from their contexts: after a title (局长张玉宏), after a kinship or role cue
// (老伴儿王爱花, 村民白福力), before a speech verb at a clause start (白继跃说), and from the byline.
import type { Lexicons } from './lexicons.ts';
import { wordStartsAt, isCommonWord, isVerbGivenName, ordinaryWordAt, hasOrdinaryWord, withoutOrdinaryWords, functionWordAt, tokenBoundaryAt } from './words.ts';

const HAN = /[\u3400-\u9fff]/;

/**
 * The end of a plausible Chinese name starting at `i` (surname + one or two given characters), or -1.
 * The given name stops before a stop character, or after one character when a dictionary word begins
 * right after it (刘勇 | 开门见山).
 */
export function nameEndAt(text: string, i: number, lex: Lexicons): number {
  let g: number;
  if (lex.compoundSurnames.has(text.slice(i, i + 2))) g = i + 2;
  else if (lex.surnames.has(text[i])) g = i + 1;
  else return -1;
  const nameStop = new Set(lex.cues.nameStop);
  const ok = (c: string | undefined) => c !== undefined && HAN.test(c) && !lex.nameStopChars.has(c);
  if (!ok(text[g])) return -1;
  const cueAt = (k: number) => lex.cues.personAfter.some((c) => text.startsWith(c, k));
  if (!ok(text[g + 1]) || cueAt(g + 1)) return g + 1; // 王兴说
  if (wordStartsAt(text, g + 1) && !wordStartsAt(text, g) && !cueAt(g + 2)) return g + 1; // 吴静 | 正在, 刘勇 | 开门见山
  if (!ok(text[g + 2]) || cueAt(g + 2) || lex.nameStopChars.has(text[g + 2])) return g + 2; // 张玉宏说, 贺天才要求
  if (nameStop.has(text[g + 1])) return g + 1;
  if (wordStartsAt(text, g + 1) && !wordStartsAt(text, g)) return g + 1; // 刘勇 | 开门见山
  if (lex.titles.longestAt(text, g + 1)) return g + 1;
  return g + 2;
}

/** Transliterated names: Han runs joined by a middle dot. */
// Surnames below this rank in data/lexicons/surnames.txt (ordered by frequency) cover over 90% of the population.
export const RARE_SURNAME_RANK = 150;
// Surnames that are also prepositions or conjunctions: 从, 向, 于 … begin clauses far more often than names.
const FUNCTION_SURNAMES = new Set(['从', '向', '于', '和', '与', '对', '把', '被', '给', '在', '为', '将', '以', '及', '同', '由', '自', '但', '而']);
const AGE = /[0-9０-９一二三四五六七八九十]+(?:周)?岁(?:的)?/g;
/**
 * Mean transliteration score (data/lexicons/transliteration-chars.tsv, a log rate ratio) at which a dotted name's
 * part reads as transliterated: e^0.5 ≈ 1.6 times more frequent beside a dot than in running text. Characters not
 * listed (too rare beside a dot) count as ordinary.
 */
const TRANSLITERATED = 0.5;
const UNSEEN_TRANSLITERATION = -1;

/** Transliteration score of a character (data/lexicons/transliteration-chars.tsv); unseen beside a dot counts as ordinary. */
export function transliterationScore(c: string, lex: Lexicons): number {
  return lex.transliteration.get(c) ?? UNSEEN_TRANSLITERATION;
}
const DOTTED = /[\u3400-\u9fff]{2,6}[·・•][\u3400-\u9fff]{2,6}/g;

export interface PersonHit {
  start: number;
  end: number;
  text: string;
  cue: 'title' | 'beforeTitle' | 'org' | 'before' | 'after' | 'dotted' | 'tibetan' | 'list' | 'model';
}

export function findPersons(text: string, lex: Lexicons, titleEnds: Set<number>, orgEnds: Set<number>, blocked: (s: number, e: number) => boolean, titleStarts: Set<number> = new Set()): PersonHit[] {
  const out: PersonHit[] = [];
  const push = (start: number, end: number, cue: PersonHit['cue']) => {
    // Cue words are weaker evidence than a title: a name that opens with an ordinary word (党建史, 权威, 养老) is not one.
    if (cue !== 'title' && cue !== 'dotted' && ordinaryWordAt(text.slice(start, end), 0)) return;
    // A rare surname (管, 初, 和 are also common words) needs a title before it.
    // (A compound surname or Yi clan name is no common word: 欧阳, 吉克.)
    if ((cue === 'before' || cue === 'after' || cue === 'org') && !lex.compoundSurnames.has(text.slice(start, start + 2)) && (lex.surnameRank.get(text[start]) ?? 0) > RARE_SURNAME_RANK) return;
    // In the running text, a surname that begins an ordinary word (关于新时代, 初心使命, 和群众) starts no name.
    if (cue !== 'dotted' && ordinaryWordAt(text, start)) return;
    // 高三 (a school grade), 李四: numerals make no given name outside a strong context.
    if (cue !== 'title' && /[一二三四五六七八九十百千]/.test(text.slice(start + 1, end))) return;
    // A word that introduces people is none of them (5岁的孙子: jieba tags 孙子 as a name, after 孙武).
    if (lex.cues.personBefore.includes(text.slice(start, end))) return;
    // 殷殷嘱托, 常常: a doubled character is a word, not a surname and a given name.
    if (end - start === 2 && text[start] === text[start + 1]) return;
    // 记者从雄安海关获悉: a surname that is also a preposition (从, 向, 于 …) needs a clean end after it.
    if (FUNCTION_SURNAMES.has(text[start]) && !(text[end] === undefined || !HAN.test(text[end]) || lex.nameStopChars.has(text[end]) || lex.cues.personAfter.some((c) => text.startsWith(c, end)))) return;
    // 欧洲左翼党副主席: a name ending in an organization's one-character head before a title is that organization.
    if (cue === 'beforeTitle' && /[党委局厅部院所队站办司厂社]$/.test(text.slice(start, end))) return;
    // 岳街道, 王社区: a head word of places or organizations is no given name.
    if (lex.orgSuffixList.includes(text.slice(end - 2, end)) || /^(街道|社区|村委|乡镇|县城|村里)$/.test(text.slice(end - 2, end))) return;
    if (end > start && !blocked(start, end) && !isCommonWord(text.slice(start, end)) && !isVerbGivenName(text.slice(start, end))) out.push({ start, end, text: text.slice(start, end), cue });
  };
  // After a title: 局长张玉宏, 队员白继跃.
  for (const e of titleEnds) {
    const end = nameEndAt(text, e, lex);
    if (end > 0) push(e, end, 'title');
  }
  // Right after an organization, ending where a word or punctuation begins: 金融服务股何利军将.
  for (const e of orgEnds) {
    const end = nameEndAt(text, e, lex);
    if (end > 0 && isNameEnd(text, end, lex)) push(e, end, 'org');
  }
  // Before a title, at a clean left edge: 习近平总书记, 李强总理.
  for (const t of titleStarts) {
    for (const len of [3, 2]) {
      const s = t - len;
      if (s < 0) continue;
      const prev = s === 0 ? '' : text[s - 1];
      if (prev && HAN.test(prev) && !lex.nameStopChars.has(prev) && !titleEnds.has(s) && !tokenBoundaryAt(text, s)) continue;
      if (nameEndAt(text, s, lex) === t) {
        push(s, t, 'beforeTitle');
        break;
      }
    }
  }
  // After a cue: 老伴儿王爱花.
  for (const cue of lex.cues.personBefore) {
    for (let at = text.indexOf(cue); at >= 0; at = text.indexOf(cue, at + 1)) {
      const s = at + cue.length;
      const end = nameEndAt(text, s, lex);
      // A full three-character name cannot run on; a two-character one must stop where a word begins.
      if (end > 0 && (end - s >= 3 || isNameEnd(text, end, lex))) push(s, end, 'before');
    }
  }
  // Before a cue at the start of a clause: 白继跃说 after a comma.
  for (const cue of lex.cues.personAfter) {
    for (let at = text.indexOf(cue); at >= 0; at = text.indexOf(cue, at + 1)) {
      for (const len of [3, 2, 4]) {
        const s = at - len;
        if (s < 0) continue;
        const prev = s === 0 ? '' : text[s - 1];
        if (prev && HAN.test(prev) && !lex.stopChars.has(prev) && !titleEnds.has(s)) continue;
        // 但大家都认为: the last character begins a word (大家) that runs past the cue's start.
        if (nameEndAt(text, s, lex) === at && !wordStartsAt(text, at - 1)) {
          push(s, at, 'after');
          break;
        }
      }
    }
  }
  // Ages introduce people: 47岁的韦前帮, 73岁的臣南河村村民乔发朝 (the latter caught by its own cue).
  for (const m of text.matchAll(AGE)) {
    const s = m.index! + m[0].length;
    const end = nameEndAt(text, s, lex);
    if (end > 0 && isNameEnd(text, end, lex)) push(s, end, 'before');
  }
  // Tibetan names: a run of two or three name parts (data/lexicons/tibetan-name-parts.txt) that is not inside a longer run.
  const single: Array<{ start: number; end: number }> = [];
  for (let i = 0; i + 4 <= text.length; i++) {
    if (!lex.tibetanNameParts.has(text.slice(i, i + 2))) continue;
    let e = i;
    let parts = 0;
    while (parts < 3) {
      const part = [3, 2].map((n) => text.slice(e, e + n)).find((p) => lex.tibetanNameParts.has(p));
      if (!part) break;
      e += part.length;
      parts++;
    }
    // Beside a middle dot the run is part of a transliterated name read whole (阿沛·阿旺晋美).
    const dotted = /[·・•]/u.test(text[i - 1] ?? '') || /[·・•]/u.test(text[e] ?? '');
    if (parts >= 2 && !dotted && !blocked(i, e)) out.push({ start: i, end: e, text: text.slice(i, e), cue: 'tibetan' });
    else if (parts === 1 && !dotted) single.push({ start: i, end: e });
    i = e - 1;
  }
  // One part is a name too where something introduces it — a title or a person cue (老党员卓嘎) — and then wherever
  // the article prints it, and so is a part listed after such a name (卓嘎、央宗); a lone part elsewhere is as often
  // a word (格桑花).
  const introduced = new Set(single.filter((r) => titleEnds.has(r.start) || lex.cues.personBefore.some((c) => text.endsWith(c, r.start))).map((r) => text.slice(r.start, r.end)));
  for (const r of single) {
    const before = single.find((x) => x.end === r.start - 1 && text[x.end] === '、');
    if (before && introduced.has(text.slice(before.start, before.end))) introduced.add(text.slice(r.start, r.end));
  }
  for (const r of single) if (introduced.has(text.slice(r.start, r.end)) && !blocked(r.start, r.end)) out.push({ start: r.start, end: r.end, text: text.slice(r.start, r.end), cue: 'tibetan' });
  // Transliterated names are strings of syllables, not words: 头雁领航·强村富民 is a slogan.
  for (const m of text.matchAll(DOTTED)) {
    const dot = m.index! + m[0].search(/[·・•]/);
    // Bounds: a title or punctuation on the left, a cue or punctuation on the right.
    let s = dot;
    while (s > 0 && dot - s < 6 && HAN.test(text[s - 1]) && !titleEnds.has(s) && !lex.nameStopChars.has(text[s - 1])) s--;
    // A cue word or a title opening the run (村民|买买提江·阿布拉) introduces the name; it is not part of it.
    let cued = titleEnds.has(s);
    for (let cue = leadingCue(text, s, dot, lex); cue; cue = leadingCue(text, s, dot, lex)) {
      s += cue;
      cued = true;
    }
    let e = dot + 1;
    while (e < text.length && e - dot - 1 < 6 && HAN.test(text[e]) && !lex.nameStopChars.has(text[e]) && !lex.cues.personAfter.some((c) => text.startsWith(c, e))) e++;
    // Words glued on before or after the name (执行官|卡洛斯·塔瓦雷斯, 亚森|展示) are cut, as long as two characters remain.
    if (hasOrdinaryWord(text.slice(s, dot))) s = dot - withoutOrdinaryWords(text.slice(s, dot), 'start');
    if (hasOrdinaryWord(text.slice(dot + 1, e))) e = dot + 1 + withoutOrdinaryWords(text.slice(dot + 1, e), 'end');
    const parts = [text.slice(s, dot), text.slice(dot + 1, e)];
    cued ||= lex.cues.personAfter.some((c) => text.startsWith(c, e));
    // Parts without ordinary words are names (夏提古丽·热合曼). After a title or a person cue, parts of characters that
    // mark transliterations are too, though jieba reads words in them (副镇长吾拉木江·买买提: 买买提 is a noun to it);
    // slogans and column names (头雁领航·强村富民, 探访·海湾) stand on their own and keep the stricter test.
    const transliterated = (p: string) => [...p].reduce((sum, c) => sum + transliterationScore(c, lex), 0) / [...p].length >= TRANSLITERATED;
    if (parts.every((p) => p.length >= 2) && (!parts.some(hasOrdinaryWord) || (cued && parts.every(transliterated)))) push(s, e, 'dotted');
  }
  // A name read inside a transliterated one (书记|夏提古 of 夏提古丽·热合曼) is that name cut short: it would make every
  // other 夏提古 of the article a person too.
  const dotted = out.filter((p) => p.cue === 'dotted');
  return out.filter((p) => p.cue === 'dotted' || !dotted.some((d) => d.start <= p.start && p.end <= d.end));
}

/** Length of a person cue or title at `at` that leaves at least two characters before `limit`, else 0. */
function leadingCue(text: string, at: number, limit: number, lex: Lexicons): number {
  const title = lex.titles.longestAt(text, at);
  if (title && limit - title.end >= 2) return title.end - at;
  const cue = lex.cues.personBefore.find((c) => text.startsWith(c, at) && limit - at - c.length >= 2);
  return cue?.length ?? 0;
}

/** A name taken after a cue must end where a word or punctuation begins. */
function isNameEnd(text: string, end: number, lex: Lexicons): boolean {
  const next = text[end];
  return next === undefined || !HAN.test(next) || lex.stopChars.has(next) || lex.cues.nameStop.includes(next) || wordStartsAt(text, end) || functionWordAt(text, end);
}
