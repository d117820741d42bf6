// **layout** — decide what each line of an article is (title, metadata, body, furniture), read the
// metadata it carries, and cut the kept lines into sentences.

import type { ArticleMeta, DroppedText, InputFormat, Sentence, Span } from '../types.ts';
import { parseByline, parseDateline, trailingByline, type NameHit, type WireHit } from './byline.ts';
import { findDate, type FoundDate } from './dates.ts';
import { headerField, labelledFields, type Field } from './fields.ts';
import { isFurnitureLine, OPEN_GOV_DATE_LABEL, OPEN_GOV_LABEL, RELATED_HEADING } from './furniture.ts';
import { splitLines, trimSpan, type Line } from './lines.ts';
import { MAX_SENTENCE, splitSentences } from './sentences.ts';

export interface LayoutHints {
  format: InputFormat;
  /** <title> of an HTML page. */
  htmlTitle?: string;
  /** <meta> name/property → content of an HTML page, names lower-cased. */
  metas?: Record<string, string>;
  /** Text ranges already known to be furniture (HTML <nav>, footers). */
  furniture?: Span[];
}

export interface Layout {
  meta: ArticleMeta;
  furniture: Span[];
  sentences: Sentence[];
  dropped: DroppedText;
}

type Role = 'header' | 'title' | 'meta' | 'body' | 'furniture';

interface Slot {
  line: Line;
  role?: Role;
  /** For title and meta lines: the part that becomes the sentence, when not the whole line. */
  sentence?: Span;
  /** The line is a byline (本报记者 …). */
  byline?: boolean;
  /** The line carried labelled page metadata (来源：, 发布人：, 发布时间：). */
  labelled?: boolean;
  /** Furniture because the same text is printed again elsewhere in the file. */
  repeat?: boolean;
}

// Body sentences shorter than this may repeat legitimately (小标题, 他说。); longer repeats are copies.
const MIN_DEDUP_SENTENCE = 12;
// Paragraphs shorter than this are not judged duplicates of one another (headings, dates).
const MIN_DUP_PARAGRAPH = 20;
// A title, kicker or open-information value is a short line without a full stop.
const MAX_TITLE_LINE = 100;
const ENDS_SENTENCE = /[。！？!?]$/;
const BARE_DATE_LINE = /^(19|20)\d\d\s*([-/.]|年)\s*\d{1,2}\s*([-/.]|月)\s*\d{1,2}\s*日?(\s*\d{1,2}[:：]\d{2}([:：]\d{2})?)?$/;
const LEADING_STAMP = /^(19|20)\d\d\s*([-/.]|年)\s*\d{1,2}\s*([-/.]|月)\s*\d{1,2}\s*日?(\s*\d{1,2}[:：]\d{2}([:：]\d{2})?)?[\s\u3000\u00a0]+/;
const ORIGINAL_TITLE = /^原标题\s*[:：]\s*/;
// Separators between an article title and the site name in <title>: 标题_山西省人民政府, 标题 - 新华网.
// Splitting is greedy on purpose: a piece is only taken if the page prints it as a line.
const TITLE_SITE_SEPARATOR = /\s*[_|｜\-–—]+\s*/;

const collapse = (s: string) => s.replace(/[\s\u3000\u00a0]+/g, ' ').trim();

/** Collects metadata; the first value found for a field wins, since pages print the real one first. */
class MetaBuilder {
  readonly meta: ArticleMeta = { reporters: [], spans: {} };

  text(key: 'title' | 'originalTitle' | 'source' | 'publisher', value: string, span?: Span): void {
    const v = collapse(value);
    if (!v || this.meta[key] !== undefined) return;
    this.meta[key] = v;
    if (span) this.meta.spans[key] = [span];
  }

  /** `found.span` is relative to `base`. */
  date(found: FoundDate, base: number | null): void {
    if (this.meta.published !== undefined) {
      if (found.time && !this.meta.publishedTime && found.date === this.meta.published) this.meta.publishedTime = found.time;
      return;
    }
    this.meta.published = found.date;
    if (found.time) this.meta.publishedTime = found.time;
    if (base !== null) this.meta.spans.published = [{ start: base + found.span.start, end: base + found.span.end }];
  }

  reporters(hits: NameHit[]): void {
    for (const h of hits) {
      if (this.meta.reporters.includes(h.name)) continue;
      this.meta.reporters.push(h.name);
      (this.meta.spans.reporters ??= []).push(h.span);
    }
  }

  wire(hit: WireHit): void {
    if (this.meta.wire !== undefined) return;
    this.meta.wire = hit.name;
    this.meta.spans.wire = [hit.span];
  }
}

/** Lay out `text` (the whole document text) into metadata, furniture and sentences. */
export function layout(text: string, hints: LayoutHints): Layout {
  const slots: Slot[] = splitLines(text).map((line) => ({ line }));
  const mb = new MetaBuilder();
  const extraFurniture: Span[] = [];
  const fallbackDates: { found: FoundDate; base: number }[] = [];

  markKnownFurniture(slots, hints.furniture ?? []);
  const bodyFrom = readHeader(text, slots, mb);
  const cut = cutRelated(slots, bodyFrom);
  classifyLines(text, slots, bodyFrom, cut, mb, extraFurniture, fallbackDates);
  const titleIdx = findTitle(slots, bodyFrom, cut, mb, hints);
  resolveOriginalTitles(text, slots, bodyFrom, cut, mb);
  dropDuplicateParagraphs(slots, bodyFrom, cut);
  markKicker(slots, titleIdx, cut);
  for (const s of slots) s.role ??= 'body';

  const { sentences, repeatedSentences } = emitSentences(text, slots, mb);
  applyFallbacks(mb, fallbackDates, hints);

  const furniture = mergeSpans(
    text,
    slots.filter((s) => s.role === 'furniture').map((s) => ({ start: s.line.start, end: s.line.end })).concat(extraFurniture),
  );
  return { meta: mb.meta, furniture, sentences, dropped: countDropped(slots, repeatedSentences) };
}

const codePoints = (s: string) => {
  let n = s.length;
  for (let i = 0; i < s.length; i++) if ((s.charCodeAt(i) & 0xfc00) === 0xd800) n--;
  return n;
};

/**
 * Furniture lines and their characters (in code points), with the repeats counted apart: lines marked
 * as copies, and furniture lines printed again as a kept line (an article pasted twice loses its
 * second copy to the first copy's 相关文章 cut, not to the duplicate check).
 */
function countDropped(slots: Slot[], repeatedSentences: number): DroppedText {
  const dropped: DroppedText = { furnitureLines: 0, furnitureCharacters: 0, repeatedLines: 0, repeatedCharacters: 0, repeatedSentences };
  const kept = new Set<string>();
  for (const s of slots) if (s.role !== 'furniture' && s.role !== 'header') kept.add(s.line.text);
  for (const s of slots) {
    if (s.role !== 'furniture') continue;
    const n = codePoints(s.line.text);
    dropped.furnitureLines++;
    dropped.furnitureCharacters += n;
    if (s.repeat || kept.has(s.line.text)) {
      dropped.repeatedLines++;
      dropped.repeatedCharacters += n;
    }
  }
  return dropped;
}

function markKnownFurniture(slots: Slot[], known: Span[]): void {
  if (known.length === 0) return;
  for (const s of slots) {
    if (known.some((f) => s.line.start >= f.start && s.line.end <= f.end)) s.role = 'furniture';
  }
}

/** The dev-article header (`title:`, `source:`, `date:`, `url:` from the first line on). Returns the first line after it. */
function readHeader(text: string, slots: Slot[], mb: MetaBuilder): number {
  let i = 0;
  for (; i < slots.length; i++) {
    const { line } = slots[i];
    const f = headerField(text, line.start, line.end);
    if (!f) break;
    const value = text.slice(f.value.start, f.value.end);
    slots[i].role = 'header';
    if (f.kind === 'title') {
      mb.text('title', value, f.value);
      if (f.value.end > f.value.start) Object.assign(slots[i], { role: 'title', sentence: f.value });
    } else if (f.kind === 'source') {
      mb.text('source', value, f.value);
      if (f.value.end > f.value.start) Object.assign(slots[i], { role: 'meta', sentence: f.value });
    } else if (f.kind === 'published') {
      const d = findDate(value);
      if (d) mb.date(d, f.value.start);
    } else if (f.kind === 'url') {
      if (value) mb.meta.url ??= value;
    }
  }
  return i;
}

/**
 * Everything from a 相关文章 heading on is the related-stories list. Only after some prose has been
 * seen, so that a 相关新闻 tab in a page's top navigation does not swallow the article.
 */
function cutRelated(slots: Slot[], from: number): number {
  let sawProse = false;
  for (let j = from; j < slots.length; j++) {
    const t = slots[j].line.text;
    if (sawProse && slots[j].role === undefined && RELATED_HEADING.test(t)) {
      for (let k = j; k < slots.length; k++) slots[k].role = 'furniture';
      return j;
    }
    if (t.length >= 40 && slots[j].role !== 'furniture') sawProse = true;
  }
  return slots.length;
}

function classifyLines(
  text: string,
  slots: Slot[],
  from: number,
  cut: number,
  mb: MetaBuilder,
  extraFurniture: Span[],
  fallbackDates: { found: FoundDate; base: number }[],
): void {
  for (let j = from; j < cut; j++) {
    const slot = slots[j];
    if (slot.role !== undefined) continue;
    const { line } = slot;
    const t = line.text;

    const gov = OPEN_GOV_LABEL.exec(t);
    if (gov) {
      // The open-information block repeats what the page says elsewhere; its date is a fallback.
      slot.role = 'furniture';
      const isDate = OPEN_GOV_DATE_LABEL.test(t);
      if (gov[2] === '') {
        const next = slots[j + 1];
        if (next && next.role === undefined && isLabelValue(next.line.text)) {
          next.role = 'furniture';
          const d = isDate ? findDate(next.line.text) : null;
          if (d) fallbackDates.push({ found: d, base: next.line.start });
        }
      } else if (isDate) {
        const d = findDate(t);
        if (d) fallbackDates.push({ found: d, base: line.start });
      }
      continue;
    }

    if (ORIGINAL_TITLE.test(t)) continue; // decided once the rest of the page is known

    // A date stamp may stand before the labels: 2023-06-18 08:15:32　来源：新华网.
    const stamp = LEADING_STAMP.exec(t);
    const fields = labelledFields(text, line.start + (stamp ? stamp[0].length : 0), line.end);
    if (fields.length > 0) {
      applyFields(text, slot, fields, mb, extraFurniture);
      if (stamp) {
        const d = findDate(stamp[0]);
        if (d) mb.date(d, line.start);
      }
      continue;
    }

    if (isFurnitureLine(t)) {
      slot.role = 'furniture';
      continue;
    }

    if (BARE_DATE_LINE.test(t)) {
      // A date stamp under the title (2021-12-08 09:39:08): metadata, and the time if no label gave one.
      slot.role = 'meta';
      const d = findDate(t);
      if (d) fallbackDates.push({ found: d, base: line.start });
      continue;
    }

    const names = parseByline(text, line.start, line.end);
    if (names) {
      slot.role = 'meta';
      slot.byline = true;
      mb.reporters(names);
    }
  }
}

/** A line that can be the value of a bare open-information label: short, not prose, not a label itself. */
function isLabelValue(t: string): boolean {
  return t.length <= MAX_TITLE_LINE && !ENDS_SENTENCE.test(t) && !OPEN_GOV_LABEL.test(t) && !RELATED_HEADING.test(t);
}

function applyFields(text: string, slot: Slot, fields: Field[], mb: MetaBuilder, extraFurniture: Span[]): void {
  const { line } = slot;
  const widget = fields.find((f) => f.kind === 'furniture');
  if (widget && widget === fields[0]) {
    slot.role = 'furniture';
    return;
  }
  slot.role = 'meta';
  slot.labelled = true;
  if (widget) {
    // 发布时间：… 字号：[大][中][小] — the widget tail is furniture, the rest is the metadata sentence.
    slot.sentence = trimSpan(text, line.start, widget.start);
    extraFurniture.push({ start: widget.start, end: line.end });
  }
  for (const f of fields) {
    if (widget && f.start >= widget.start) break;
    const value = text.slice(f.value.start, f.value.end);
    if (f.kind === 'source') mb.text('source', value, f.value);
    else if (f.kind === 'publisher') mb.text('publisher', value, f.value);
    else if (f.kind === 'published') {
      const d = findDate(value);
      if (d) mb.date(d, f.value.start);
    }
  }
}

/**
 * The title line. Known already from a header; otherwise from the HTML head (the candidate that is
 * also printed in the page wins); otherwise, in plain text, a short line near the top that the page
 * repeats or that labelled metadata follows. Later copies of the title are furniture.
 * Returns the title line's index, or -1.
 */
function findTitle(slots: Slot[], from: number, cut: number, mb: MetaBuilder, hints: LayoutHints): number {
  let titleIdx = slots.findIndex((s) => s.role === 'title');
  if (mb.meta.title === undefined) {
    const candidates = htmlTitleCandidates(hints);
    for (const c of candidates) {
      const j = slots.findIndex((s, k) => k >= from && k < cut && s.role === undefined && collapse(s.line.text) === c);
      if (j >= 0) {
        titleIdx = j;
        break;
      }
    }
    if (titleIdx < 0 && candidates.length === 0) titleIdx = guessPlainTitle(slots, from, cut);
    if (titleIdx >= 0) {
      const { line } = slots[titleIdx];
      slots[titleIdx].role = 'title';
      mb.text('title', line.text, { start: line.start, end: line.end });
    } else if (candidates.length > 0) {
      mb.text('title', candidates[0]);
    }
  }
  const title = mb.meta.title;
  if (title !== undefined) {
    for (let k = from; k < slots.length; k++) {
      if (k !== titleIdx && slots[k].role === undefined && collapse(slots[k].line.text) === title) Object.assign(slots[k], { role: 'furniture', repeat: true });
    }
  }
  return titleIdx;
}

function htmlTitleCandidates(hints: LayoutHints): string[] {
  const m = hints.metas ?? {};
  const out: string[] = [];
  const add = (s: string | undefined) => {
    const c = s === undefined ? '' : collapse(s);
    if (c && !out.includes(c)) out.push(c);
  };
  add(m.articletitle);
  add(m['og:title']);
  add(m.title);
  if (hints.htmlTitle) {
    // The article part of "标题_站点名": pieces longest first, since site names are the short ones.
    const parts = hints.htmlTitle.split(TITLE_SITE_SEPARATOR).map(collapse).filter(Boolean);
    parts.sort((a, b) => b.length - a.length);
    for (const p of parts) add(p);
    add(hints.htmlTitle);
  }
  return out;
}

function guessPlainTitle(slots: Slot[], from: number, cut: number): number {
  const texts = new Map<string, number>();
  for (const s of slots) texts.set(collapse(s.line.text), (texts.get(collapse(s.line.text)) ?? 0) + 1);
  for (let j = from; j < Math.min(cut, from + 15); j++) {
    const s = slots[j];
    if (s.role !== undefined) continue;
    const t = s.line.text;
    if (t.length > MAX_TITLE_LINE || ENDS_SENTENCE.test(t)) return -1; // prose reached: no title block
    const repeated = (texts.get(collapse(t)) ?? 0) > 1;
    const labelledAfter = slots.slice(j + 1, j + 5).some((n) => n.labelled);
    if (repeated || labelledAfter) return j;
  }
  return -1;
}

/**
 * 原标题 lines. A line that is only the original title is a title line. A 原标题 line that runs on
 * into text printed later (a portal's summary: the original title, a heading and the first
 * paragraph glued into one line) is a duplicate: furniture, so no sentence is taken twice.
 */
function resolveOriginalTitles(text: string, slots: Slot[], from: number, cut: number, mb: MetaBuilder): void {
  const idx: number[] = [];
  for (let j = from; j < cut; j++) if (slots[j].role === undefined && ORIGINAL_TITLE.test(slots[j].line.text)) idx.push(j);
  let strayTitle: { value: string; span: Span } | null = null;
  for (const j of idx) {
    const { line } = slots[j];
    const prefix = ORIGINAL_TITLE.exec(line.text)![0].length;
    const valueStart = line.start + prefix;
    const value = line.text.slice(prefix);
    let runOn = -1;
    for (const k of idx) {
      if (k === j) continue;
      const other = slots[k].line.text.slice(ORIGINAL_TITLE.exec(slots[k].line.text)![0].length);
      if (other && value.length > other.length && value.startsWith(other)) runOn = other.length;
    }
    for (let k = j + 1; k < cut && runOn < 0; k++) {
      if (slots[k].role !== undefined || idx.includes(k)) continue;
      const probe = slots[k].line.text.slice(0, 12);
      if (probe.length < 6) continue;
      const at = value.indexOf(probe);
      if (at > 0) runOn = at;
    }
    if (runOn > 0) {
      slots[j].role = 'furniture';
      const head = trimSpan(text, valueStart, valueStart + runOn);
      strayTitle ??= { value: text.slice(head.start, head.end), span: head };
    } else {
      slots[j].role = 'title';
      mb.text('originalTitle', value, { start: valueStart, end: line.end });
    }
  }
  if (strayTitle) mb.text('originalTitle', strayTitle.value, strayTitle.span);
}

/** A paragraph printed again later (a summary above the article): the earlier copy is furniture. */
function dropDuplicateParagraphs(slots: Slot[], from: number, cut: number): void {
  const lastAt = new Map<string, number>();
  for (let j = from; j < cut; j++) {
    const s = slots[j];
    if (s.role === undefined && s.line.text.length >= MIN_DUP_PARAGRAPH) lastAt.set(s.line.text, j);
  }
  for (let j = from; j < cut; j++) {
    const s = slots[j];
    if (s.role === undefined && s.line.text.length >= MIN_DUP_PARAGRAPH && lastAt.get(s.line.text) !== j) Object.assign(s, { role: 'furniture', repeat: true });
  }
}

/**
 * Newspaper layout: title, then a kicker or subtitle or two, then the byline. Short lines between
 * the title and a byline that follows closely are title lines too.
 */
function markKicker(slots: Slot[], titleIdx: number, cut: number): void {
  if (titleIdx < 0) return;
  const between: number[] = [];
  for (let j = titleIdx + 1; j < cut && between.length <= 3; j++) {
    const s = slots[j];
    if (s.role === 'header' || s.role === 'furniture' || (s.role === 'meta' && !s.byline)) continue;
    if (s.byline) {
      for (const k of between) slots[k].role = 'title';
      return;
    }
    if (s.role !== undefined || s.line.text.length > MAX_TITLE_LINE / 2 || ENDS_SENTENCE.test(s.line.text)) return;
    between.push(j);
  }
}

function emitSentences(text: string, slots: Slot[], mb: MetaBuilder): { sentences: Sentence[]; repeatedSentences: number } {
  const sentences: Sentence[] = [];
  let repeatedSentences = 0;
  const seen = new Set<string>();
  const push = (span: Span, zone: Sentence['zone']) => {
    sentences.push({ index: sentences.length, start: span.start, end: span.end, text: text.slice(span.start, span.end), zone });
  };
  for (const slot of slots) {
    const { line, role } = slot;
    if (role === 'furniture' || role === 'header') continue;
    if (role === 'title' || role === 'meta') {
      const span = slot.sentence ?? line;
      if (span.end - span.start <= MAX_SENTENCE) push(span, role);
      else for (const s of splitSentences(text, span.start, span.end)) push(s, role);
      continue;
    }
    const dateline = parseDateline(text, line.start, line.end);
    if (dateline) {
      if (dateline.wire) mb.wire(dateline.wire);
      mb.reporters(dateline.names);
    }
    const trailing = trailingByline(text, line.start, line.end);
    if (trailing) mb.reporters(trailing);
    for (const s of splitSentences(text, line.start, line.end)) {
      const names = parseByline(text, s.start, s.end);
      if (names) {
        mb.reporters(names);
        push(s, 'meta');
        continue;
      }
      // One copy of every sentence: a repeat (a pull quote, a summary that escaped the paragraph
      // check) is skipped. It is not furniture, just not analysed twice.
      const key = text.slice(s.start, s.end);
      if (key.length >= MIN_DEDUP_SENTENCE) {
        if (seen.has(key)) {
          repeatedSentences++;
          continue;
        }
        seen.add(key);
      }
      push(s, 'body');
    }
  }
  return { sentences, repeatedSentences };
}

/** Values the page states only in its open-information block or its HTML head. */
function applyFallbacks(mb: MetaBuilder, fallbackDates: { found: FoundDate; base: number }[], hints: LayoutHints): void {
  for (const { found, base } of fallbackDates) mb.date(found, base);
  const m = hints.metas ?? {};
  const stripLabel = (s: string | undefined) => (s ?? '').replace(/^(来源|作者|发布人)\s*[:：]\s*/, '');
  for (const key of ['pubdate', 'publishdate', 'article:published_time', 'og:release_date', 'firstpublishedtime']) {
    const d = m[key] ? findDate(m[key]) : null;
    if (d) mb.date(d, null);
  }
  mb.text('source', stripLabel(m.contentsource ?? m.source));
  mb.text('publisher', stripLabel(m.author));
}

/** Sort spans and merge those separated only by whitespace. */
function mergeSpans(text: string, spans: Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && trimSpan(text, last.end, Math.max(last.end, s.start)).start >= s.start) {
      last.end = Math.max(last.end, s.end);
    } else {
      out.push({ start: s.start, end: s.end });
    }
  }
  return out;
}
