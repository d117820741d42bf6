// **dates** — read a printed date (2021-12-08, 2021年12月8日, 2021/12/8) and time into ISO form.

import type { Span } from '../types.ts';

export interface FoundDate {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM or HH:MM:SS, when printed right after the date. */
  time?: string;
  /** Where the date (and time, if any) stands in the searched string, relative to its start. */
  span: Span;
}

// Year 19xx/20xx, then month and day with -, /, . or 年月日; an optional time after a space or T.
const DATE = /((?:19|20)\d\d)\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?:\s*日)?(?:(?:\s+|T|(?<=日))(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?/;

const pad = (s: string) => s.padStart(2, '0');

/** The first plausible date in `s`, or null. Impossible dates (month 13, day 32) are skipped. */
export function findDate(s: string): FoundDate | null {
  const re = new RegExp(DATE.source, 'g');
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const [, y, mo, d, hh, mm, ss] = m;
    const month = Number(mo);
    const day = Number(d);
    if (month < 1 || month > 12 || day < 1 || day > 31) continue;
    const found: FoundDate = { date: `${y}-${pad(mo)}-${pad(d)}`, span: { start: m.index, end: m.index + m[0].length } };
    if (hh !== undefined && Number(hh) < 24 && Number(mm) < 60) {
      found.time = ss !== undefined ? `${pad(hh)}:${mm}:${ss}` : `${pad(hh)}:${mm}`;
    } else if (hh !== undefined) {
      // The "time" was not one; keep only the date part of the match.
      const dateOnly = /^[^]*?(?:19|20)\d\d\s*(?:[-/.]|年)\s*\d{1,2}\s*(?:[-/.]|月)\s*\d{1,2}(?:\s*日)?/.exec(m[0]);
      if (dateOnly) found.span.end = m.index + dateOnly[0].length;
    }
    return found;
  }
  return null;
}
