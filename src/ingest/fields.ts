// **fields** — labelled metadata printed in a page (来源：…  发布时间：…) and the dev-article header (`title: …`).

import type { Span } from '../types.ts';
import { trimSpan as trimmed } from './lines.ts';

export type FieldKind = 'title' | 'originalTitle' | 'source' | 'publisher' | 'published' | 'url' | 'other' | 'furniture';

export interface Field {
  kind: FieldKind;
  /** The label as printed (来源, 发布时间, source). */
  label: string;
  /** The value, trimmed: absolute offsets into the document text. May be empty (start === end). */
  value: Span;
  /** Where the label starts. */
  start: number;
}

// Labels → what they hold. Longer labels first so 文章来源 wins over 来源 at the same position.
const LABELS: [string, FieldKind][] = [
  ['文章来源', 'source'], ['信息来源', 'source'], ['稿件来源', 'source'], ['新闻来源', 'source'], ['来源', 'source'],
  ['发布人', 'publisher'], ['发布者', 'publisher'],
  ['发布时间', 'published'], ['发布日期', 'published'], ['发表时间', 'published'], ['发表日期', 'published'],
  ['更新时间', 'other'], ['时间', 'published'], ['日期', 'published'],
  ['原标题', 'originalTitle'],
  ['责任编辑', 'other'], ['编辑', 'other'], ['作者', 'other'], ['审核', 'other'], ['校对', 'other'],
  ['字号', 'furniture'], ['字体', 'furniture'], ['分享到', 'furniture'], ['分享', 'furniture'],
  ['浏览次数', 'furniture'], ['点击数', 'furniture'], ['阅读次数', 'furniture'], ['访问量', 'furniture'],
];
const KIND = new Map(LABELS);
const LABEL_RE = new RegExp(`(${LABELS.map(([l]) => l).join('|')})\\s*[:：]`, 'g');

const HEADER_RE = /^(title|source|date|url)\s*:\s*/i;
const HEADER_KIND: Record<string, FieldKind> = { title: 'title', source: 'source', date: 'published', url: 'url' };

/**
 * The labelled fields of a line that *starts* with a label (`发布时间：2021-12-08 来源：省乡村振兴局`).
 * Each value runs to the next label. Empty array when the line does not start with one.
 */
export function labelledFields(text: string, start: number, end: number): Field[] {
  const s = text.slice(start, end);
  const re = new RegExp(LABEL_RE.source, 'g');
  const hits: { label: string; at: number; valueAt: number }[] = [];
  for (let m = re.exec(s); m; m = re.exec(s)) hits.push({ label: m[1], at: m.index, valueAt: m.index + m[0].length });
  if (hits.length === 0 || hits[0].at !== 0) return [];
  return hits.map((h, i) => ({
    kind: KIND.get(h.label) ?? 'other',
    label: h.label,
    value: trimmed(text, start + h.valueAt, i + 1 < hits.length ? start + hits[i + 1].at : end),
    start: start + h.at,
  }));
}

/** The dev-article header field on this line (`title: …`, `source: …`, `date: …`, `url: …`), or null. */
export function headerField(text: string, start: number, end: number): Field | null {
  const m = HEADER_RE.exec(text.slice(start, end));
  if (!m) return null;
  return { kind: HEADER_KIND[m[1].toLowerCase()], label: m[1], value: trimmed(text, start + m[0].length, end), start };
}
