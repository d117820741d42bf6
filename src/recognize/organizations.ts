// **organizations** reads organization names as a territory or known body, then name words, then a head
// from the suffix lexicon (山西省 + 住房和城乡建设 + 厅). Nested heads give the parents (山西大学 in 山西大学乡村振兴研究院).
import type { Lexicons } from './lexicons.ts';
import { reverse } from './lexicons.ts';
import { functionCharBeforeVerbAt, hasFunctionWord, segmenter, wordAround, tokenBoundaryAt, nameLikePhrase, wordStartsAt, hasVerb, endsInVerb, loneCharStarts, nameTail, walkLeft, firstWord, startsWithVerb } from './words.ts';

export interface OrgHit {
  start: number;
  end: number;
  text: string;
}

const HAN = /[\u3400-\u9fff]/;
// Single characters that stand for "this article's county/city/…" before an agency (县民政局, 村委会).
const TERRITORY_CHARS = new Set(['省', '市', '县', '区', '州', '镇', '乡', '村', '旗']);
const MAX_CORE = 22;
// After an organization's own name only a unit's name follows (农业农村部 | 区域协作促进司): a short window.
const UNIT_CORE = 10;
const FULL_PLACE = /(省|自治区|市|州|地区|盟|县|区|旗|镇|乡|街道|村|社区)$/;
const COUNTED = /[一两二三几多数][所家个座间]$/u;
const QUOTED_NAME = /“[\u3400-\u9fff]{2,6}”(?=[\u3400-\u9fff])/gu;
const BRACKETED_PLACE = /[（(][\u3400-\u9fff]{2,5}[）)]$/u;

/** The organization head that ends exactly at `end`, or null. */
function headEndingAt(text: string, end: number, lex: Lexicons): string | null {
  const back = reverse(text.slice(Math.max(0, end - 10), end));
  const m = lex.orgSuffixes.longestAt(back, 0);
  return m ? m.value : null;
}

/**
 * Organization mentions. `starts` are offsets where a name may begin (places, known bodies), with the end of
 * that prefix; `titleStarts` cut names short (山西省乡村振兴局 | 党组书记).
 */
export function findOrganizations(text: string, lex: Lexicons, starts: Array<{ start: number; prefixEnd: number; full?: boolean }>, titleStarts: Set<number>): OrgHit[] {
  // A full place name inside a window starts another name (赫章县生态移民局并入赫章县农业农村局).
  const placeStarts = new Set(starts.filter((s) => s.full).map((s) => s.start));
  // So does a known body (中国共产党后任中国科学院…: 中国科学院 begins a new name).
  const out: OrgHit[] = [];
  const orgStop = lex.orgStopChars;
  // `named`: the prefix is an organization's own name (a known body, a name with a strong head), so a unit's head
  // begins after it.
  const candidates: Array<{ start: number; prefixEnd: number; maxCore?: number; quoted?: boolean; named?: boolean }> = [...starts];
  // Known bodies are organizations on their own, and may start a longer name.
  for (let i = 0; i < text.length; i++) {
    const m = lex.nationalOrgs.longestAt(text, i);
    // 住房和城乡建设部门 is "the housing departments", not the ministry: the name must end where a word does.
    if (m && HAN.test(text[m.end] ?? '') && wordStartsAt(text, m.end - 1)) continue;
    // Nor may it start inside a word (实事|求是 holds no 求是).
    if (m && HAN.test(text[i - 1] ?? '') && !tokenBoundaryAt(text, i)) continue;
    if (m) {
      // 国务院新闻办公室 names 国务院 too: every known body that starts here under its own name is a mention.
      for (const x of lex.nationalOrgs.allAt(text, i)) if (x.end === m.end || (x.value === text.slice(i, x.end) && !wordStartsAt(text, x.end - 1))) out.push({ start: i, end: x.end, text: text.slice(i, x.end) });
      candidates.push({ start: i, prefixEnd: m.end, maxCore: UNIT_CORE, named: true });
      placeStarts.add(i);
      // Skip past it: 中央政治局 inside 中共中央政治局 is the same body again.
      i = m.end - 1;
    }
  }
  // Territory characters: 县 in 在县民政局, 村 in 村股份经济合作社.
  for (let i = 0; i < text.length - 2; i++) {
    if (!TERRITORY_CHARS.has(text[i])) continue;
    const before = i === 0 ? '' : text[i - 1];
    if (before && HAN.test(before) && !lex.stopChars.has(before) && !lex.cues.tenure.some((w) => text.endsWith(w, i)) && !agencyAfterHead(text, i, lex)) continue;
    // The last character of a place's own name (资中|县) is that place, not a territory standing for it.
    if (starts.some((p) => p.start < i && i < p.prefixEnd)) continue;
    // 乡村振兴, 县城, 市场: the character begins a word, it does not stand for a territory — unless that word is an
    // agency's name itself (县政府, 村委会).
    if (wordStartsAt(text, i) && !headEndingAt(firstWord(text, i), firstWord(text, i).length, lex)) continue;
    // Nor is a character in the middle of a word (上市公司 has no 市公司).
    if (before && HAN.test(before)) {
      const w = wordAround(text, i);
      if (w && w.start < i && w.end > i + 1) continue;
    }
    candidates.push({ start: i, prefixEnd: i + 1 });
  }
  // A unit named at the start of a clause right before a title: ，质量安全站科长.
  for (const t of titleStarts) {
    const s = afterTenure(text, afterDateline(text, walkLeft(text, t, 12, lex.orgStopChars)), lex);
    // Without a territory before it such a name is short and plain (no verbs: 社区干部义务担任物业公司 is a clause).
    const head = headEndingAt(text, t, lex);
    if (head && t - s >= 3 && t - s <= 8 && !hasVerb(text.slice(s, t - head.length))) candidates.push({ start: s, prefixEnd: s });
  }
  // A quoted name before a head (“节节高”旅游专业合作社, “夕阳红”舞蹈队): the quotes open the organization's name.
  // Any words make a brand (节节高 is adverbial to jieba) but pronouns and particles (“我们”合作社); numbers make
  // slogans (“一县一企”稳岗就业基地 is a programme).
  for (const m of text.matchAll(QUOTED_NAME)) if (!hasFunctionWord(m[0].slice(1, -1)) && !/[一二三四五六七八九十百千万两0-9]/u.test(m[0])) candidates.push({ start: m.index!, prefixEnd: m.index! + m[0].length, maxCore: UNIT_CORE, quoted: true });
  // A publication's title in brackets with a media head after it is that publication's organization (《散文诗》杂志).
  for (const m of text.matchAll(/《([\u3400-\u9fff]{2,12})》/gu)) {
    const at = m.index! + m[0].length;
    const head = lex.mediaHeads.find((h) => text.startsWith(h, at));
    // A known body (《求是》杂志 is 求是) keeps its own name.
    const known = lex.nationalOrgs.longestAt(m[1], 0)?.end === m[1].length;
    if (head && !known) out.push({ start: m.index!, end: at + head.length, text: text.slice(m.index!, at + head.length) });
  }
  // Strong heads: the name words before 大学, 集团, 医院 … make a name with no territory in front.
  for (const head of lex.orgStrongHeads) {
    for (let at = text.indexOf(head); at >= 0; at = text.indexOf(head, at + 1)) {
      // (A tenure word opening the run is not part of the name: 现任|北京教育学院.)
      let s = afterTenure(text, afterDateline(text, walkLeft(text, at, 10, lex.orgStopChars)), lex);
      // A strong head ends where a word does (索非亚大学|生 is 大学生; 三中学|生 is 学生), unless a title runs on from it.
      if (HAN.test(text[at + head.length] ?? '') && !tokenBoundaryAt(text, at + head.length) && !titleAcross(text, at + head.length, lex)) continue;
      // A place in brackets inside a company's name (乐聚智能（深圳）股份有限公司): the name goes on before it.
      // (腾讯（北京）科技有限公司 too.) A brand is any run of name characters up to a stop character (乐聚 is a verb
      // phrase to jieba).
      let bracket = BRACKETED_PLACE.exec(text.slice(Math.max(0, s - 8), s));
      if (bracket) {
        const open = s - bracket[0].length;
        const before = brandStart(text, open, lex);
        if (open - before >= 2 && !hasVerb(text.slice(s, at))) s = before;
        else bracket = null;
      }
      // A title opening inside the head takes its characters (对外友协|会长: no 协会 here).
      if ([...titleStarts].some((t) => at < t && t < at + head.length)) continue;
      const tail = bracket ? at - s : nameTail(text.slice(s, at));
      // A known body inside the run opens the name (先后任 | 中国科学院半导体研究所).
      const known = [...placeStarts].filter((p) => p > at - tail && p < at).sort((a, b) => a - b)[0];
      const nameStart = known ?? at - tail;
      if (tail < 2 || candidates.some((c) => c.start <= nameStart && nameStart < c.prefixEnd) || (!bracket && hasVerb(text.slice(nameStart, at))) || hasClauseVerb(text.slice(nameStart, at), lex)) continue;
      const words = text.slice(nameStart, at);
      if (!bracket && lex.orgGenericWords.some((g) => words.includes(g))) continue;
      // Nor does a name start inside a word (上市|公司 has no 市公司).
      if (HAN.test(text[nameStart - 1] ?? '') && !tokenBoundaryAt(text, nameStart)) continue;
      // A numeral and measure word before it make a kind (一所师范大学, 两家|商业银行), not a name.
      if (COUNTED.test(text.slice(Math.max(0, nameStart - 2), nameStart))) continue;
      // The strong head ends a name of its own, which may open a unit's name in turn (首都医科大学 | 宣武医院).
      out.push({ start: nameStart, end: at + head.length, text: text.slice(nameStart, at + head.length) });
      candidates.push({ start: nameStart, prefixEnd: at + head.length, maxCore: UNIT_CORE, named: true });
    }
  }
  for (const { start, prefixEnd, maxCore = MAX_CORE, quoted, named } of candidates) {
    if (titleStarts.has(prefixEnd)) {
      // A title that opens with a unit's head (驻村工作队队员 after 小王村) names that unit too.
      const head = lex.orgSuffixList.filter((h) => h.length >= 2 && text.startsWith(h, prefixEnd)).sort((a, b) => b.length - a.length)[0];
      if (head) out.push({ start, end: prefixEnd + head.length, text: text.slice(start, prefixEnd + head.length) });
      continue;
    }
    // A place right after a place is a chain (偏坡布依族乡下院村), not an organization's name.
    if (placeStarts.has(prefixEnd)) continue;
    // 赫章县原房产局: "former" sits between the territory and the name.
    const formerAt = text[prefixEnd] === '原' && prefixEnd - start > 1 ? 1 : 0;
    // The window of name characters after the prefix.
    const from = prefixEnd + formerAt;
    // Stop characters end the window only where jieba makes them a word of their own (等 ends it, 中等 does not).
    const lone = loneCharStarts(text, from, maxCore);
    let w = from;
    while (w < text.length && w - from < maxCore && HAN.test(text[w]) && !titleStarts.has(w) && !(placeStarts.has(w) && w > from) && !(w > from && agencyAfterHead(text, w, lex)) && !(orgStop.has(text[w]) && lone.has(w)) && !(isConjunction(text[w]) && (!isInnerConjunction(text, w) || headEndingAt(text, w, lex))) && !clauseVerbAt(text, w, lex)) w++;
    // Furthest head ending inside the window at a word boundary.
    const inner: Array<{ e: number; head: string }> = [];
    for (let e = from + 1; e <= w; e++) {
      const head = headEndingAt(text, e, lex);
      if (!head) continue;
      const excluded = lex.orgHeadExclusions.longestAt(reverse(text.slice(Math.max(start, e - 8), e)), 0);
      if (excluded) continue;
      if (e - head.length < start) continue;
      // A head reaching back into the name's own head is that head read again (南京大学|校门 is no 学校, 十五大|所).
      if (named && e - head.length < from) continue;
      // (Judged in context: 南京大学|校门 ends a word at 大学 though 学校 is a word too.)
      if (e < w && wordStartsAt(text, e - 1) && !atHeadBoundary(text, e, lex) && !tokenBoundaryAt(text, e)) continue;
      // A one-character head fused with the word before it into a verb (部署, 办理) is no head.
      if (head.length === 1 && (endsInVerb(text.slice(from, e)) || afterOneCharVerb(text.slice(from, e)))) continue;
      // Nor is one that jieba reads as a function word before a verb (“石棺”所需, 过程中所感受到: the particle 所).
      if (head.length === 1 && HAN.test(text[e] ?? '') && functionCharBeforeVerbAt(text, e - 1)) continue;
      // A head starting inside the head before it re-reads that head's last character (南京大学|校门 is no 学校).
      const prev = inner[inner.length - 1];
      if (prev && prev.e - prev.head.length < e - head.length && e - head.length < prev.e) continue;
      inner.push({ e, head });
    }
    // The furthest head whose words are all name-like (中心 | 金融服务股 fails on the measure word 股).
    // After a place's short form (山西, 福建) names are short and plain: 山西大学, 福建农林大学, not 山西积极探索与……院.
    const shortPrefix = prefixEnd - start > 1 && !FULL_PLACE.test(text.slice(start, prefixEnd)) && !lex.nationalOrgs.longestAt(text.slice(start, prefixEnd), 0);
    if (shortPrefix) while (inner.length && (inner[0].e - inner[0].head.length - from > 6 || /[和与]/.test(text.slice(from, inner[inner.length - 1].e)))) inner.length = 0;
    const nameLike = (x: { e: number; head: string }) =>
      x.e - x.head.length <= from ? quoted || lex.orgBareHeads.has(text.slice(from, x.e)) || lex.orgStrongHeads.includes(text.slice(from, x.e)) || prefixEnd - start <= 1 : nameLikePhrase(text.slice(from, x.e - x.head.length));
    while (inner.length && !nameLike(inner[inner.length - 1])) inner.pop();
    // 贵州省应急管理厅联合省农业农村厅: a verb right after a head starts a clause; the name ends at that head.
    const cut = inner.findIndex((x, k) => k < inner.length - 1 && startsWithVerb(text.slice(x.e, inner[inner.length - 1].e)));
    if (cut >= 0) inner.length = cut + 1;
    if (!inner.length) continue;
    const best = inner[inner.length - 1].e;
    const core = text.slice(from, best);
    // 余江区农村学校: a kind of school in a place, not a named one.
    const coreWords = text.slice(from, best - inner[inner.length - 1].head.length);
    if (coreWords && isOnlyGeneric(coreWords, lex.orgGenericWords)) continue;
    // A lone territory character needs a real name behind it (县 + 环卫队, not 县 + 里).
    // (县委 is one: a bare head makes a Party committee of the territory the article is about.)
    if (prefixEnd - start === 1 && TERRITORY_CHARS.has(text[start]) && core.length < 2 && !lex.orgBareHeads.has(core)) continue;
    out.push({ start, end: best, text: text.slice(start, best) });
    // Inner heads that leave a name of two or more characters behind them make parent organizations.
    for (const { e, head } of inner) {
      if (e === best || e - start < 3 || best - e < 2) continue;
      // 春涛镇中心小学 is one school (中心小学 is one head), not a 小学 of a 中心.
      if (lex.orgSuffixList.includes(head + text.slice(e, best))) continue;
      if (!headEndingAt(text, best, lex)) continue;
      out.push({ start, end: e, text: text.slice(start, e) });
    }
  }
  // A numbered division of a body (社会工作部|一处, 办公厅|二处) before a title or the end of the clause is a unit of it.
  for (const o of [...out]) {
    const unit = NUMBERED_UNIT.exec(text.slice(o.end, o.end + 5));
    if (!unit) continue;
    const end = o.end + unit[0].length;
    if (titleStarts.has(end) || !HAN.test(text[end] ?? '')) out.push({ start: o.start, end, text: text.slice(o.start, end) });
  }
  // However a name was read, 原 ("former") opening it is not part of it (原|沈阳自动化研究所所长), unless jieba reads
  // it into the name's first word or a place starts there (原隆村).
  return dedupeSame(out.map((o) => (o.text[0] === '原' && o.end - o.start >= 4 && !starts.some((p) => p.start === o.start) && tokenBoundaryAt(text, o.start + 1) ? { start: o.start + 1, end: o.end, text: o.text.slice(1) } : o)));
}

/** A one-character head after a one-character verb (突击队|建|队) is the object of that verb, not a unit's head. */
function afterOneCharVerb(s: string): boolean {
  const words = segmenter().tag(s);
  const before = words.at(-2);
  return words.at(-1)?.word.length === 1 && !!before && before.word.length === 1 && before.tag === 'v';
}

const NUMBERED_UNIT = /^[一二三四五六七八九十]{1,3}[处科室股]/u;

/**
 * Where a company's brand before a bracketed place begins: back over name characters to a stop character, but not
 * over a verb (顺利进入 | 海尔电器) or a word for a kind of firm (牵头研发企业 | 中科卫星, 经销商 | 北京同仁堂).
 */
function brandStart(text: string, open: number, lex: Lexicons): number {
  const from = walkLeft(text, open, 10, lex.orgStopChars);
  const words = segmenter().tag(text.slice(from, open));
  let s = open;
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i];
    if ((w.tag.startsWith('v') && w.tag !== 'vn' && w.word.length > 1) || FIRM_KIND_WORDS.has(w.word) || lex.orgGenericWords.includes(w.word)) break;
    s -= w.word.length;
  }
  return s;
}
const FIRM_KIND_WORDS = new Set(['企业', '公司', '经销商', '供应商', '厂商', '厂家', '品牌', '集团', '单位', '商家']);

/** A territory's agency right after another body's head (省委|省政府, 县委|县政府): the second name of a pair. */
function agencyAfterHead(text: string, i: number, lex: Lexicons): boolean {
  if (!TERRITORY_CHARS.has(text[i]) || !headEndingAt(text, i, lex) || !wordStartsAt(text, i)) return false;
  const word = firstWord(text, i);
  return headEndingAt(word, word.length, lex) !== null;
}

/** A word of tenure opening the run (时任|省委书记) is not part of the name. */
function afterTenure(text: string, s: number, lex: Lexicons): number {
  const word = lex.cues.tenure.find((w) => text.startsWith(w, s));
  return word ? s + word.length : s;
}

/** A title that starts at or up to two characters before `at` and ends after it (外交部|长, 大学党委|书记). */
export function titleAcross(text: string, at: number, lex: Lexicons): boolean {
  for (let k = 0; k <= 2; k++) if ((lex.titles.longestAt(text, at - k)?.end ?? 0) > at) return true;
  return false;
}

/** A wire dateline ends in 日电 (新华社北京1月1日电): a name walked back to it starts after it (日电|外交部). */
function afterDateline(text: string, s: number): number {
  return text.startsWith('日电', s) && /[0-9０-９一二三四五六七八九十]/u.test(text[s - 1] ?? '') ? s + 2 : s;
}

function isOnlyGeneric(words: string, generic: string[]): boolean {
  let rest = words;
  for (let changed = true; rest && changed; ) {
    changed = false;
    for (const g of generic) if (rest.startsWith(g)) {
      rest = rest.slice(g.length);
      changed = true;
    }
  }
  return rest === '';
}

const isConjunction = (c: string) => c === '和' || c === '与';

/**
 * A verb that opens a clause about an organization rather than a word of its name (江苏|成立|研发公司, 非洲大学|开设|孔子学院,
 * 梁家河大队|插队): data/lexicons/org-clause-verbs.txt, taken where jieba reads it as a word of its own.
 */
function clauseVerbAt(text: string, i: number, lex: Lexicons): boolean {
  const verb = lex.orgClauseVerbs.find((v) => text.startsWith(v, i));
  return !!verb && segmenter().tag(text.slice(i, i + verb.length + 4))[0]?.word === verb;
}

/** True when a clause verb (clauseVerbAt) stands as a word anywhere in `name`. */
export function hasClauseVerb(name: string, lex: Lexicons): boolean {
  return [...name].some((_, k) => clauseVerbAt(name, k, lex));
}

/** 和/与 inside a name (住房和城乡建设厅) rather than between two names: a name character follows. */
function isInnerConjunction(text: string, i: number): boolean {
  return HAN.test(text[i + 1] ?? '') && HAN.test(text[i - 1] ?? '');
}

/** An end is a boundary when what follows is a title, punctuation or a new word, not the inside of one. */
function atHeadBoundary(text: string, e: number, lex: Lexicons): boolean {
  const next = text[e] ?? '';
  return !HAN.test(next) || lex.stopChars.has(next) || lex.titles.longestAt(text, e) !== null;
}

function dedupeSame(hits: OrgHit[]): OrgHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const k = `${h.start}:${h.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
