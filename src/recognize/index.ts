// **recognize** turns a Document into typed mentions with offsets: places from the gazetteer, organizations,
// titles, persons and programs from lexicons and patterns, confirmed and extended where they overlap.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Document, Mention, MentionType, PlaceLevel, Sentence } from '../types.ts';
import { loadGazetteer, type Gazetteer } from '../link/gazetteer.ts';
import { loadLexicons, DATA_DIR, type Lexicons } from './lexicons.ts';
import { findPlaces, type SettlementRules } from './places.ts';
import { findOrganizations } from './organizations.ts';
import { findPersons, type PersonHit } from './persons.ts';
import { loadModel, type Labeler, type ModelMention } from './model/index.ts';
import { hasOrdinaryWord, isKnownWord, tokenBoundaryAt } from './words.ts';
import { findPrograms } from './programs.ts';

export interface Resources {
  lex: Lexicons;
  gaz: Gazetteer;
  settlements: SettlementRules;
  programHeads: string[];
  labeler: Labeler;
}

let resources: Resources | null = null;
export function loadResources(): Resources {
  if (resources) return resources;
  const dir = join(DATA_DIR, 'lexicons');
  resources = {
    lex: loadLexicons(dir),
    gaz: loadGazetteer(),
    settlements: JSON.parse(readFileSync(join(dir, 'settlements.json'), 'utf8')) as SettlementRules,
    programHeads: readFileSync(join(dir, 'program-suffixes.txt'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#')),
    labeler: loadModel(),
  };
  return resources;
}

/** Mention before sentence assignment; `code` rides along for places the gazetteer resolved. */
export interface RawMention {
  start: number;
  end: number;
  type: MentionType;
  source: Mention['source'];
  level?: PlaceLevel;
  code?: string;
  canonical?: string;
  /** A short form (青海 without 省) that a name read from a stronger context (村党支部书记鲁青海) may override. */
  weak?: boolean;
}

/** Mentions of the document, sorted by offset. Also returns gazetteer codes and program canonicals by mention. */
export function recognize(doc: Document, res: Resources = loadResources()): Array<Mention & { code?: string; canonical?: string }> {
  const { lex, gaz } = res;
  const text = analysisText(doc);
  const raw: RawMention[] = [];

  const places = findPlaces(text, gaz, res.settlements, lex.stopChars);
  for (const p of places) raw.push({ start: p.start, end: p.end, type: 'Place', source: p.code ? 'lexicon' : 'pattern', level: p.level, code: p.code, weak: !FULL_PLACE.test(p.text) });

  // Titles: leftmost-longest, but not the start of an organization head (委员 in 委员会).
  const titles: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < text.length; i++) {
    const m = lex.titles.longestAt(text, i);
    if (!m) continue;
    const head = longestOrgHeadAt(text, i, lex);
    if (head > m.end) continue;
    titles.push({ start: i, end: m.end });
    i = m.end - 1;
  }
  const titleStarts = new Set(titles.map((t) => t.start));
  const titleEnds = new Set(titles.map((t) => t.end));

  const orgStarts = places.filter((p) => p.level !== 'Settlement').map((p) => ({ start: p.start, prefixEnd: p.end, full: FULL_PLACE.test(p.text) }));
  const orgs = findOrganizations(text, lex, orgStarts, titleStarts);
  for (const o of orgs) raw.push({ start: o.start, end: o.end, type: 'Organization', source: 'pattern' });

  const occupied = (s: number, e: number) => raw.some((m) => m.start < e && s < m.end && m.type !== 'Title');
  const strongOccupied = (s: number, e: number) => raw.some((m) => m.start < e && s < m.end && m.type !== 'Title' && !m.weak);
  const persons = findPersons(text, lex, titleEnds, new Set(orgs.map((o) => o.end)), strongOccupied, titleStarts);
  // A name read after a title beats a short place form inside it (村党支部书记鲁青海 is not 青海).
  const overridden = (m: RawMention) => m.weak && persons.some((p) => p.cue === 'title' && m.start < p.end && p.start < m.end);
  for (let i = raw.length - 1; i >= 0; i--) if (overridden(raw[i])) raw.splice(i, 1);
  // The statistical labeler proposes names the patterns missed (韦前帮 after 群众, 欧珠罗布); rules confirm them.
  for (const p of modelPersons(doc, res, strongOccupied)) persons.push(p);
  // Byline and editor come from the metadata block.
  const metaNames: Array<{ start: number; end: number }> = [];
  for (const span of [...(doc.meta.spans.reporters ?? []), ...(doc.meta.spans.publisher ?? [])]) metaNames.push(span);
  const names = new Set<string>();
  for (const p of persons) names.add(p.text);
  for (const s of metaNames) names.add(doc.text.slice(s.start, s.end).replace(/\s+/g, ''));
  for (const s of metaNames) raw.push({ start: s.start, end: s.end, type: 'Person', source: 'meta' });
  // Every other occurrence of a recognized name is a mention too.
  for (const name of [...names].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))) {
    if (name.length < 2) continue;
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      const end = at + name.length;
      if (strongOccupied(at, end)) continue;
      for (let i = raw.length - 1; i >= 0; i--) if (raw[i].weak && raw[i].start < end && at < raw[i].end) raw.splice(i, 1);
      if (occupied(at, end)) continue;
      raw.push({ start: at, end, type: 'Person', source: 'pattern' });
    }
  }

  for (const p of findPrograms(text, lex, res.programHeads)) {
    if (occupied(p.start, p.end)) continue;
    raw.push({ start: p.start, end: p.end, type: 'Program', source: p.canonical ? 'lexicon' : 'pattern', canonical: p.canonical });
  }
  // The source paper or site named in the header is an organization.
  for (const s of doc.meta.spans.source ?? []) {
    const name = sourceName(doc.text.slice(s.start, s.end));
    if (name) raw.push({ start: s.start, end: s.start + name.length, type: 'Organization', source: 'meta' });
  }
  for (const t of titles) raw.push({ start: t.start, end: t.end, type: 'Title', source: 'lexicon' });

  return attach(doc, resolveOverlaps(raw));
}

/** Model spans for the body sentences, in document offsets. */
function modelSpans(doc: Document, res: Resources): ModelMention[] {
  const out: ModelMention[] = [];
  for (const s of doc.sentences) {
    if (s.zone !== 'body') continue;
    for (const m of res.labeler.tag(s.text)) out.push({ ...m, start: m.start + s.start, end: m.end + s.start });
  }
  return out;
}

/**
 * Person spans of the model, kept only where the name is well formed on its own: three or more characters with
 * a common surname (or four or more for transliterated names such as 欧珠罗布), no dictionary words inside, and
 * word boundaries at both ends. Two-character names need a cue; the labeler alone is too loose for them.
 */
function modelPersons(doc: Document, res: Resources, occupied: (s: number, e: number) => boolean): PersonHit[] {
  const { lex } = res;
  const out: PersonHit[] = [];
  for (const m of modelSpans(doc, res)) {
    if (m.type !== 'Person') continue;
    const name = doc.text.slice(m.start, m.end);
    const len = [...name.replace(/[·・•]/g, '')].length;
    if (len < 3 || len > 8 || occupied(m.start, m.end) || hasOrdinaryWord(name) || isKnownWord(name) || [...name].some((c) => lex.nameStopChars.has(c))) continue;
    const commonSurname = (lex.surnameRank.get(name[0]) ?? Infinity) <= 150 || lex.compoundSurnames.has(name.slice(0, 2));
    if (!commonSurname && len < 4) continue;
    if (len === 3 && !commonSurname) continue;
    if (!tokenBoundaryAt(doc.text, m.start) || !tokenBoundaryAt(doc.text, m.end)) continue;
    // Both edges must be clean: punctuation or a function character on the left (or a cue), and on the right
    // punctuation, a function character or a cue (说, 家, 表示 …).
    const prev = doc.text[m.start - 1] ?? '';
    const next = doc.text[m.end] ?? '';
    const leftClean = !/[\u3400-\u9fff]/.test(prev) || lex.stopChars.has(prev) || lex.cues.personBefore.some((c) => doc.text.endsWith(c, m.start)) || lex.titles.longestAt(doc.text.slice(Math.max(0, m.start - 8), m.start), 0) !== null;
    const rightClean = !/[\u3400-\u9fff]/.test(next) || lex.nameStopChars.has(next) || lex.cues.personAfter.some((c) => doc.text.startsWith(c, m.end));
    if (!leftClean || !rightClean) continue;
    out.push({ start: m.start, end: m.end, text: name, cue: 'model' });
  }
  return out;
}

/** The printed source without page or programme qualifiers: 人民日报（第14版：社会） → 人民日报. */
export function sourceName(source: string): string {
  return source.split(/[（(《〈\s:：,，|]/)[0].trim();
}

function longestOrgHeadAt(text: string, i: number, lex: Lexicons): number {
  let best = -1;
  for (const s of lex.orgSuffixList) if (s.length > 1 && text.startsWith(s, i)) best = Math.max(best, i + s.length);
  return best;
}

/** Text with everything outside sentences blanked (same length, so offsets hold). */
function analysisText(doc: Document): string {
  const chars = new Array<string>(doc.text.length).fill(' ');
  for (const s of doc.sentences) for (let i = s.start; i < s.end; i++) chars[i] = doc.text[i];
  return chars.join('');
}

const FULL_PLACE = /(省|自治区|市|州|地区|盟|县|区|旗|镇|乡|街道|村|社区|嘎查|点|园|园区|小区)$/;

const PRIORITY: Record<string, number> = { meta: 0, Organization: 1, Place: 2, Person: 3, Program: 4 };

/**
 * Organizations may nest (山西大学 in 山西大学乡村振兴研究院) and hold full place names; otherwise the
 * longer, higher-priority mention wins an overlap.
 */
function resolveOverlaps(raw: RawMention[]): RawMention[] {
  const uniq = new Map<string, RawMention>();
  for (const m of raw) {
    const k = `${m.start}:${m.end}:${m.type}`;
    if (!uniq.has(k)) uniq.set(k, m);
  }
  const titles = [...uniq.values()].filter((m) => m.type === 'Title');
  const ents = [...uniq.values()].filter((m) => m.type !== 'Title');
  const prio = (m: RawMention) => (m.source === 'meta' ? 0 : PRIORITY[m.type]);
  ents.sort((a, b) => prio(a) - prio(b) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: RawMention[] = [];
  for (const m of ents) {
    const clash = kept.find((k) => k.start < m.end && m.start < k.end);
    if (clash) {
      const inside = m.start >= clash.start && m.end <= clash.end;
      const nestedOrg = m.type === 'Organization' && clash.type === 'Organization' && inside;
      const placeInOrg = m.type === 'Place' && clash.type === 'Organization' && inside && !!m.code && m.start === clash.start;
      if (!nestedOrg && !placeInOrg) continue;
      // Also must not clash with anything else.
      if (kept.some((k) => k !== clash && k.start < m.end && m.start < k.end && !(m.start >= k.start && m.end <= k.end && k.type === 'Organization'))) continue;
    }
    kept.push(m);
  }
  // Titles inside a kept name are part of the name (书记 in 书记处 is rare; 队长 in 驻村工作队队长 is a title).
  for (const t of titles) if (!kept.some((k) => k.start < t.end && t.start < k.end && k.type !== 'Organization')) kept.push(t);
  return kept.sort((a, b) => a.start - b.start || b.end - a.end);
}

function attach(doc: Document, raw: RawMention[]): Array<Mention & { code?: string; canonical?: string }> {
  const out: Array<Mention & { code?: string; canonical?: string }> = [];
  for (const m of raw) {
    const s = sentenceAt(doc.sentences, m.start);
    if (!s || m.end > s.end) continue;
    out.push({ start: m.start, end: m.end, type: m.type, text: doc.text.slice(m.start, m.end), sentence: s.index, source: m.source, level: m.level, code: m.code, canonical: m.canonical });
  }
  return out;
}

export function sentenceAt(sentences: Sentence[], offset: number): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}
