// **byline** — reporter names and wire agencies in bylines and datelines (本报记者 苏 滨, 新华社北京3月5日电).

import type { Span } from '../types.ts';

export interface NameHit {
  /** The name with inner spaces removed (苏滨). */
  name: string;
  /** The printed form in the text, inner space included (苏 滨). */
  span: Span;
}

export interface WireHit {
  name: string;
  span: Span;
}

// Agencies whose datelines (新华社北京3月5日电) or news flashes (央视网消息) open a story. 本报
// is the paper itself, not a wire, and is left out on purpose.
const AGENCY = '新华社|中新社|中国新闻社|新华网|人民网|中新网|央视网|央广网|光明网|国际在线|中国日报网|中国日报|经济日报|光明日报|人民日报|中央广播电视总台';
// …电 after a place and date (新华社北京3月5日电), or 讯 right after the outlet (本报讯, 新华网讯).
const DATELINE = new RegExp(
  `^[（(]?\\s*据?\\s*(?:(${AGENCY}|本报|本刊)?([\\u4e00-\\u9fff]{0,12}?)\\d{1,2}月\\d{1,2}日(?:\\d{1,2}时)?电|(${AGENCY}|本报|本刊)讯)`,
);
const NEWSFLASH = new RegExp(`^(${AGENCY})消息`);
// The bracket right after a dateline holds the reporters: 本报北京4月26日电 （记者丁怡婷、李晓晴）.
const DATELINE_BRACKET = /^\s*[（(]([^（）()]{2,60})[）)]/;

// A role token: an optional outlet (本报, 新华社, 《环球人物》, 本报欧洲中心分社), then 记者 or
// 通讯员, then maybe a name glued on (本报记者窦瀚洋).
const ROLE = /^((?:《[^》]{1,12}》)?[\u4e00-\u9fff]{0,12}?)(?:特约|见习|实习)?(记者|通讯员|实习生)(.*)$/u;
const OUTLET = /^(?:本报|本刊|本台|本网|《[^》]{1,12}》|[\u4e00-\u9fff]{1,12}(?:报|社|台|网|刊|站|频道|集团|中心|杂志|周刊|媒体|新闻|客户端))$/u;
// A role closing a name-first credit: 王 瑨（本报记者）, 郭梓云 本报欧洲中心分社记者.
const TRAILING_ROLE = /^(.+?)[\s\u3000]*[（(]?((?:《[^》]{1,12}》)?[\u4e00-\u9fff]{1,12}?(?:特约|见习|实习)?(?:记者|通讯员))[）)]?$/u;
// What may follow a name in a credit: 整理 (compiled by), 摄 (photo by), 徐 靖/文, 供图 (picture from)…
const CREDIT_SUFFIX = /\/(?:文|图|摄影?)$|(?:翻译|采访|参与)?(?:整理|采写|报道)$|摄影报道$|摄影$|摄$|供图$|制图$|绘图$|翻译$/u;
// Credits that mark a photograph, which is what makes a trailing 文 mean "text by".
const PHOTO_CREDIT = /(?:摄|摄影|\/图|供图)$/u;
const HAN_NAME = /^[\u4e00-\u9fff]{2,4}$/u;
// Tibetan, Uyghur and Mongolian names run longer (旦增尼玛曲珠, 巴依斯古楞); trusted only when printed apart.
const LONG_NAME = /^[\u4e00-\u9fff]{5,6}$/u;
// Minority names with a middle dot (麦尔丹·木盖提).
const DOTTED_NAME = /^[\u4e00-\u9fff]{1,6}[·・][\u4e00-\u9fff]{1,6}$/u;
const SINGLE_HAN = /^[\u4e00-\u9fff]$/u;
// Words that follow 记者 in headings and look like two-character names (本报记者手记).
const NOT_NAME = new Set(['手记', '观察', '调查', '探访', '连线', '随笔', '札记', '日记', '专访', '采访', '问答', '视点', '感言', '见闻', '笔记']);
const SENTENCE_PUNCT = /[，。！？；,;:：!?“”"]/;

interface Token {
  text: string;
  start: number;
  end: number;
  /** Glued to its role (本报记者窦瀚洋): no space vouches for where the name starts. */
  glued?: boolean;
}

/** Tokens of [start, end): runs separated by whitespace or 、. */
function tokenize(text: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  const re = /[^\s\u3000\u00a0、]+/gu;
  const s = text.slice(start, end);
  for (let m = re.exec(s); m; m = re.exec(s)) tokens.push({ text: m[0], start: start + m.index, end: start + m.index + m[0].length });
  return tokens;
}

/**
 * Names from name tokens. Credit suffixes come off (陈思汗摄 → 陈思汗); a token that is only an
 * organization's credit (海南商业航天发射场供图) is skipped; consecutive single characters pair up
 * (苏 滨 → 苏滨), since two-character names are printed with a space to line up with longer ones.
 * Any other token that is not a name means this is prose, not a credit: null.
 */
function namesFromTokens(tokens: Token[]): NameHit[] | null {
  let lastPhoto = -1;
  tokens.forEach((t, i) => {
    if (PHOTO_CREDIT.test(t.text)) lastPhoto = i;
  });
  const cleaned: Token[] = [];
  for (const [i, t] of tokens.entries()) {
    const credited = CREDIT_SUFFIX.exec(t.text);
    let s = credited ? t.text.slice(0, credited.index) : t.text;
    // 姚雪青文 秦 飞摄 / 杨 迅文 新华社记者 陈思汗摄: 文 closes the writer's names when a photographer follows.
    if (!credited && i < lastPhoto && s.length >= 2 && s.endsWith('文')) s = s.slice(0, -1);
    if (s.length === 0) continue;
    if (credited && !SINGLE_HAN.test(s) && !isName(s, t.glued === true)) continue;
    cleaned.push({ ...t, text: s, end: t.start + s.length });
  }

  const hits: NameHit[] = [];
  for (let i = 0; i < cleaned.length; ) {
    if (SINGLE_HAN.test(cleaned[i].text)) {
      let j = i;
      while (j < cleaned.length && SINGLE_HAN.test(cleaned[j].text)) j++;
      const run = cleaned.slice(i, j);
      if (run.length === 1) return null;
      // Pairs; an odd run ends in a triple (王 小 明) rather than a lone character.
      for (let k = 0; k < run.length; ) {
        const size = run.length - k === 3 ? 3 : 2;
        const group = run.slice(k, k + size);
        hits.push({ name: group.map((g) => g.text).join(''), span: { start: group[0].start, end: group[size - 1].end } });
        k += size;
      }
      i = j;
      continue;
    }
    const tok = cleaned[i];
    if (!isName(tok.text, tok.glued === true)) return null;
    hits.push({ name: tok.text, span: { start: tok.start, end: tok.end } });
    i++;
  }
  return hits.length > 0 ? hits : null;
}

function isName(s: string, glued: boolean): boolean {
  if (NOT_NAME.has(s)) return false;
  return HAN_NAME.test(s) || DOTTED_NAME.test(s) || (!glued && LONG_NAME.test(s));
}

/**
 * Names in one role segment such as `本报记者 周人杰 郑洋洋`, `记者丁怡婷、李晓晴` or
 * `本报记者 张丹华 本报通讯员 王三合`. Returns null unless the segment starts with a role and
 * everything after it reads as names: one stray word means prose (记者逐户敲门), not a byline.
 * `loose` (inside a dateline bracket) lets a bare 记者 take a name without a space.
 */
export function parseRoleSegment(text: string, start: number, end: number, loose: boolean): NameHit[] | null {
  const tokens = tokenize(text, start, end);
  const names: Token[] = [];
  let sawRole = false;
  for (const tok of tokens) {
    const role = ROLE.exec(tok.text);
    if (role && (role[1] === '' || OUTLET.test(role[1]))) {
      const glued = role[3];
      // A name glued to a bare role (记者手记, 记者走访) is how prose starts; an outlet or a dateline vouches for it.
      if (glued && !loose && role[1] === '') return null;
      sawRole = true;
      if (glued) names.push({ text: glued, start: tok.end - glued.length, end: tok.end, glued: true });
      continue;
    }
    if (!sawRole) return null;
    names.push(tok);
  }
  if (!sawRole || names.length === 0) return null;
  return namesFromTokens(names);
}

/**
 * Names if [start, end) is, as a whole, a byline: `本报记者 苏 滨`, `（本报记者 杨珏）`,
 * `（作者为…研究员，本报记者窦瀚洋采访整理）`, `任姗姗（本报记者）`. Otherwise null.
 */
export function parseByline(text: string, start: number, end: number): NameHit[] | null {
  if (end - start > 80 || end <= start) return null;
  const first = text[start];
  let lastCh = text[end - 1];
  if ((first === '（' || first === '(') && (lastCh === '）' || lastCh === ')')) {
    // Inside brackets, commas may separate a note from the credit; each part is tried.
    const hits: NameHit[] = [];
    let segStart = start + 1;
    for (let i = start + 1; i <= end - 1; i++) {
      if (i === end - 1 || /[，,；;]/.test(text[i])) {
        const seg = parseRoleSegment(text, segStart, i, false);
        if (seg) hits.push(...seg);
        segStart = i + 1;
      }
    }
    return hits.length > 0 ? hits : null;
  }
  if (SENTENCE_PUNCT.test(text.slice(start, end))) return null;

  // Name first, role last: 王 瑨（本报记者）, 白紫微 本报记者.
  const trailing = TRAILING_ROLE.exec(text.slice(start, end));
  if (trailing && OUTLET.test(trailing[2].replace(/(?:特约|见习|实习)?(?:记者|通讯员)$/u, ''))) {
    const names = namesFromTokens(tokenize(text, start, start + trailing[1].length));
    if (names) return names;
  }

  // A picture agency in brackets may close a photo credit: 本报记者 秦 飞摄（人民视觉）.
  if (lastCh === '）' || lastCh === ')') {
    const open = Math.max(text.lastIndexOf('（', end - 1), text.lastIndexOf('(', end - 1));
    if (open > start) {
      end = open;
      lastCh = text[end - 1];
    }
  }
  // Unbracketed, the role must stand apart from the names (本报记者 苏 滨), or be a known outlet's.
  const role = ROLE.exec(text.slice(start, end));
  if (!role || (role[1] === '' && !/^[\s\u3000]/u.test(role[3]))) return null;
  return parseRoleSegment(text, start, end, false);
}

/** A byline in brackets closing a paragraph: `……示范基地(本报记者 杨珏)`. */
export function trailingByline(text: string, start: number, end: number): NameHit[] | null {
  const closer = text[end - 1];
  if (closer !== '）' && closer !== ')') return null;
  const open = Math.max(text.lastIndexOf('（', end - 1), text.lastIndexOf('(', end - 1));
  if (open <= start) return null;
  return parseByline(text, open, end);
}

/**
 * A dateline opening a paragraph: the wire agency (null for 本报) and the reporters in the
 * bracket after it. `新华社北京3月5日电 （记者王锦涛、宋朝）…`, `央视网消息（新闻联播）：…`.
 */
export function parseDateline(text: string, start: number, end: number): { wire: WireHit | null; names: NameHit[] } | null {
  const s = text.slice(start, Math.min(end, start + 120));
  const flash = NEWSFLASH.exec(s);
  if (flash) return { wire: { name: flash[1], span: { start, end: start + flash[1].length } }, names: [] };
  const m = DATELINE.exec(s);
  if (!m) return null;
  let wire: WireHit | null = null;
  const agency = m[1] ?? m[3];
  if (agency && agency !== '本报' && agency !== '本刊') {
    const at = start + m[0].indexOf(agency);
    wire = { name: agency, span: { start: at, end: at + agency.length } };
  }
  const after = start + m[0].length;
  const br = DATELINE_BRACKET.exec(text.slice(after, Math.min(end, after + 80)));
  let names: NameHit[] = [];
  if (br) {
    const inner = after + br[0].indexOf(br[1]);
    names = parseRoleSegment(text, inner, inner + br[1].length, true) ?? [];
  }
  return { wire, names };
}
