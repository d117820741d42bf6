// **corpora** — readers for the public NER datasets (CLUENER2020 JSON lines, char-per-line BIO/BMES) into one gold shape.
import { readFileSync } from 'node:fs';

/** A labelled sentence. Offsets are code-point indices into `text`, end exclusive. */
export interface GoldSentence {
  text: string;
  mentions: GoldMention[];
  /** Spans of classes we drop but which may legitimately be one of `labels` (CLUENER scene may be a Place). */
  loose?: Array<{ start: number; end: number; labels: string[] }>;
}

export interface GoldMention {
  start: number;
  end: number;
  type: string;
}

/** Maps a corpus class to our type; classes absent from the map are dropped (or made loose via `loose`). */
export type ClassMap = Record<string, string>;

/**
 * CLUENER2020: `{"text", "label": {class: {entity: [[start, endInclusive], ...]}}}`,
 * offsets in code points (the corpus was made in Python).
 */
export function readCluener(path: string, map: ClassMap, loose: Record<string, string[]> = {}): GoldSentence[] {
  const out: GoldSentence[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const rec = JSON.parse(line) as { text: string; label?: Record<string, Record<string, number[][]>> };
    const mentions: GoldMention[] = [];
    const looseSpans: GoldSentence['loose'] = [];
    for (const [cls, ents] of Object.entries(rec.label ?? {})) {
      for (const spans of Object.values(ents)) {
        for (const [s, e] of spans) {
          if (map[cls]) mentions.push({ start: s, end: e + 1, type: map[cls] });
          else if (loose[cls]) looseSpans.push({ start: s, end: e + 1, labels: loose[cls] });
        }
      }
    }
    mentions.sort((a, b) => a.start - b.start || b.end - a.end);
    out.push({ text: rec.text, mentions: dropOverlaps(mentions), loose: looseSpans });
  }
  return out;
}

/**
 * One character per line, `char<space or tab>tag`, blank line between sentences; BIO (B-/I-) or BMES (B-/M-/E-/S-).
 */
export function readCharTagged(path: string, map: ClassMap): GoldSentence[] {
  const out: GoldSentence[] = [];
  let chars: string[] = [];
  let tags: string[] = [];
  const flush = (): void => {
    if (chars.length) out.push(fromCharTags(chars, tags, map));
    chars = [];
    tags = [];
  };
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) {
      flush();
      continue;
    }
    const m = /^(.+?)[ \t]+(\S+)$/u.exec(line);
    if (!m) continue;
    chars.push(m[1]);
    tags.push(m[2]);
  }
  flush();
  return out;
}

function fromCharTags(chars: string[], tags: string[], map: ClassMap): GoldSentence {
  const mentions: GoldMention[] = [];
  let start = -1;
  let cls = '';
  const close = (end: number): void => {
    if (start >= 0 && map[cls]) mentions.push({ start, end, type: map[cls] });
    start = -1;
  };
  // Offsets count code points: a line holds one character, which may be astral.
  let pos = 0;
  for (let i = 0; i < chars.length; i++) {
    const t = tags[i];
    const part = t[0];
    const c = t.slice(2);
    if (t === 'O' || t.length < 3) close(pos);
    else if (part === 'B' || part === 'S' || start < 0 || c !== cls) {
      close(pos);
      start = pos;
      cls = c;
    }
    pos += [...chars[i]].length;
    if (part === 'E' || part === 'S') close(pos);
  }
  close(pos);
  return { text: chars.join(''), mentions };
}

/** Keeps the first of overlapping mentions (input sorted by start, longer first). */
function dropOverlaps(ms: GoldMention[]): GoldMention[] {
  const out: GoldMention[] = [];
  let end = -1;
  for (const m of ms) {
    if (m.start >= end) {
      out.push(m);
      end = m.end;
    }
  }
  return out;
}

/** Class maps of the benchmarks and training sets onto the project's types. */
export const CLUENER_MAP: ClassMap = {
  name: 'Person',
  address: 'Place',
  government: 'Organization',
  organization: 'Organization',
  company: 'Organization',
  position: 'Title',
};
export const PKU_MAP: ClassMap = { PER: 'Person', LOC: 'Place', ORG: 'Organization' };
export const RESUME_MAP: ClassMap = { NAME: 'Person', ORG: 'Organization', TITLE: 'Title', LOC: 'Place' };
