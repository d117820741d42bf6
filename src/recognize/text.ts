// **text** recognizes mentions in a bare text (no page, no header): the hybrid recognizer behind
// `xckg recognize --jsonl`, where each input line is one text.
import type { Document, MentionType } from '../types.ts';
import { outermost } from '../span.ts';
import { splitSentences } from '../ingest/index.ts';
import { recognize, loadResources, type Resources } from './index.ts';

export interface TextMention {
  start: number;
  end: number;
  type: MentionType;
  /** The labeler's probability of the span, where the labeler proposed it. */
  confidence?: number;
  /** Below the graph's thresholds: a mention, but no node in a graph. */
  tentative?: boolean;
  /** The name the mention stands for, where it is not the text itself (三北工程 for “三北”工程). */
  canonical?: string;
}

/**
 * The mentions of one text, in UTF-16 offsets; titles are left out unless asked for. The graph keeps nested mentions
 * (山西大学 inside 山西大学乡村振兴研究院 is an organization of its own, 北京 inside 北京大学 a place); `outermost` gives
 * the flat convention of the MSRA and People's Daily corpora (see flatConvention).
 */
export function recognizeText(text: string, options: { titles?: boolean; outermost?: boolean } = {}, res: Resources = loadResources()): TextMention[] {
  const sentences = splitSentences(text, 0, text.length).map((s, index) => ({ ...s, index, text: text.slice(s.start, s.end), zone: 'body' as const }));
  const doc: Document = { id: 'text', path: '', encoding: 'utf-8', format: 'text', text, sourceOffsets: null, meta: { reporters: [], spans: {} }, furniture: [], sentences };
  const mentions = recognize(doc, res).filter((m) => options.titles || m.type !== 'Title');
  return (options.outermost ? flatConvention(text, outermost(mentions, (m) => m), mentions) : mentions)
    .map((m) => ({
      start: m.start,
      end: m.end,
      type: m.type,
      ...(m.confidence !== undefined ? { confidence: m.confidence } : {}),
      ...(m.tentative ? { tentative: true } : {}),
      ...(m.canonical !== undefined && m.canonical !== m.text ? { canonical: m.canonical } : {}),
    }));
}

/**
 * The flat convention of the MSRA and People's Daily corpora, where it differs from the graph's reading only in how a
 * span is typed: a government named by its territory (北京市政府, 俄罗斯政府) is that territory there, and one named by a
 * bare 县 or 市 (县政府) is nothing (both corpora annotate 北京市 and leave 政府 out, in every sentence of their four
 * files that prints one: 44 bare ones among them); the graph keeps the organization.
 */
function flatConvention<M extends { start: number; end: number; type: string }>(text: string, flat: M[], all: M[]): M[] {
  return flat.flatMap((m) => {
    const government = m.type === 'Organization' ? GOVERNMENT.exec(text.slice(m.start, m.end)) : null;
    if (!government) return [m];
    const end = m.end - government[0].length;
    // 县政府 alone names no place: nothing is left of it.
    if (end - m.start < 2) return [];
    // Only a place the recognizer read is a territory (武汉市新一届|政府 keeps its reading).
    const place = all.find((p) => p.type === 'Place' && p.start === m.start && p.end === end);
    return [place ?? m];
  });
}
const GOVERNMENT = /(?<=[\u3400-\u9fff])(?:人民)?政府$/u;
