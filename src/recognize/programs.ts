// **programs** finds named programs: known national ones from the lexicon, quoted model names before
// 模式/工程/行动 (“村级小额工程集体建”新模式), and unquoted names ending in a program head (……专项行动).
import type { Lexicons } from './lexicons.ts';
import { nameLikePhrase, segmenter } from './words.ts';

export interface ProgramHit {
  start: number;
  end: number;
  text: string;
  /** Canonical name: the lexicon's, or the name as printed without quotation marks. */
  canonical?: string;
  /** Found in the lexicon of named programs. */
  known?: boolean;
}

const HAN = /[\u3400-\u9fff]/;
// A quoted name before 工程/行动/计划/试点 names a programme (“千万工程”); before 模式 or 项目 it is far more often a
// catchphrase (“人找货”模式, “入盒”项目) than a named government programme, so those are left to the lexicon.
const QUOTED = /“([\u3400-\u9fff]{2,16})”(工程|行动|计划|试点)/g;
const QUOTE = /[“”"]/;

export function findPrograms(text: string, lex: Lexicons, heads: string[]): ProgramHit[] {
  const out: ProgramHit[] = [];
  // Known programs are matched with quotation marks ignored (“组团式”帮扶 is 组团式帮扶); offsets map back.
  const kept: number[] = [];
  let bare = '';
  for (let i = 0; i < text.length; i++) {
    if (QUOTE.test(text[i])) continue;
    kept.push(i);
    bare += text[i];
  }
  kept.push(text.length);
  for (let i = 0; i < bare.length; i++) {
    const m = lex.programs.longestAt(bare, i);
    if (m) {
      const start = kept[i];
      const end = kept[m.end - 1] + 1;
      out.push({ start, end, text: text.slice(start, end), canonical: m.value, known: true });
      i = m.end - 1;
    }
  }
  // The head is part of the name as printed (“三北”工程 is the 三北工程), the quotation marks are not.
  // A quoted name the lexicon knows (“三支一扶”计划) keeps the lexicon's name.
  for (const m of text.matchAll(QUOTED)) {
    const known = lex.programs.longestAt(m[1], 0);
    if (known?.end === m[1].length) continue;
    out.push({ start: m.index!, end: m.index! + m[0].length, text: m[0], canonical: m[1] + m[2] });
  }
  const sorted = [...heads].sort((a, b) => b.length - a.length);
  for (const head of sorted) {
    for (let at = text.indexOf(head); at >= 0; at = text.indexOf(head, at + 1)) {
      let s = at;
      while (s > 0 && at - s < 20 && (HAN.test(text[s - 1]) || QUOTE.test(text[s - 1])) && !(lex.stopChars.has(text[s - 1]) && !QUOTE.test(text[s - 1]))) s--;
      while (s < at && QUOTE.test(text[s]) && !text.slice(s + 1, at).includes('”')) s++;
      // Verbs and adverbs that open the clause (实施, 深入, 有力有效落实) are not part of the name; a verb of the
      // name itself stays (打击非法捕猎……专项行动).
      if (!QUOTE.test(text[s])) {
        for (const w of segmenter().cut(text.slice(s, at), false)) {
          if (!lex.cues.programOpeners.includes(w) || s + w.length >= at) break;
          s += w.length;
        }
      }
      const name = text.slice(s, at).replace(/[“”"]/g, '');
      // Quoted parts are names of their own and may hold numerals (“四个一”林草产业试验示范).
      const unquoted = text.slice(s, at).replace(/“[^”]*”/g, '');
      if (name.length < 3 || (unquoted && !nameLikePhrase(unquoted))) continue;
      out.push({ start: s, end: at + head.length, text: text.slice(s, at + head.length) });
    }
  }
  return out;
}
