// **recognize** turns a Document into typed mentions with offsets: places from the gazetteer, organizations,
// titles, persons and programs from lexicons and patterns, confirmed and extended where they overlap.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Document, Mention, MentionType, PlaceLevel, Sentence } from '../types.ts';
import { strictlyContains } from '../span.ts';
import { loadGazetteer, type Gazetteer } from '../gazetteer/index.ts';
import { loadLexicons, DATA_DIR, type Lexicons } from './lexicons.ts';
import { findPlaces, type PlaceHit, type SettlementRules } from './places.ts';
import { findOrganizations, hasClauseVerb, titleAcross, type OrgHit } from './organizations.ts';
import { findNameLists } from './name-lists.ts';
import { findPersons, transliterationScore, RARE_SURNAME_RANK, type PersonHit } from './persons.ts';
import { loadModel, type Analysis, type Labeler, type ModelMention } from './model/index.ts';
import { functionWordAt, insideWordNotEndingIn, knownWordTag, segmenter, tokenBoundaryAt } from './words.ts';
import { findPrograms } from './programs.ts';

export interface Resources {
  lex: Lexicons;
  gaz: Gazetteer;
  settlements: SettlementRules;
  programHeads: string[];
  labeler: Labeler;
  thresholds: Thresholds;
  /** Level of a place by the end of its name, longest first (data/lexicons/place-suffix-levels.json). */
  placeSuffixLevels: Array<[string, PlaceLevel]>;
}

/**
 * Confidence thresholds on the labeler's span probabilities, chosen on held-out articles by scripts/tune.ts (which
 * writes data/models/thresholds.json and prints the cross-validated figures). XCKG_THRESHOLDS (JSON) overrides them.
 */
export interface Thresholds {
  /** A person name the labeler proposes is taken at this probability or above, context or no context. */
  person: number;
  /** A labeler name this sure replaces a pattern-read name it overlaps with other bounds (林发 → 林发明). */
  personBounds: number;
  /** A pattern-read name the labeler gives less than this is dropped (刘芳穿). */
  personVeto: number;
  /** An organization the labeler proposes where the patterns found nothing is taken at this probability or above. */
  organization: number;
  /**
   * A labeler organization this sure gives its start to a pattern one that ends where it ends: the pattern glued a
   * word on (主办单位|中国国际象棋协会, 现任|北京教育学院) or cut the name short (中国|全国政协).
   */
  organizationBounds: number;
  /** Likewise for a place. */
  place: number;
  /**
   * A short gazetteer name inside a longer place the labeler is this sure of, which opens with no place of its own,
   * is a piece of that name, not the division: 白山 in 长白山, 眉山 in 峨眉山, 达州 in 佛罗里达州, 兰州 in 马里兰州.
   */
  placeWithin: number;
  /** A title or job name the labeler proposes where the title lexicon found none. */
  title: number;
  /**
   * A labeler name with a cue of its own is taken at this probability: a transliterated name (夏提古丽·热合曼) over a
   * pattern name cut short inside it (夏提古), or a name right after a job noun (送餐员王永福).
   */
  personCued: number;
}

export function loadThresholds(): Thresholds {
  const file = JSON.parse(readFileSync(join(DATA_DIR, 'models/thresholds.json'), 'utf8')) as { chosen: Thresholds };
  return { ...file.chosen, ...(process.env.XCKG_THRESHOLDS ? (JSON.parse(process.env.XCKG_THRESHOLDS) as Partial<Thresholds>) : {}) };
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
    thresholds: loadThresholds(),
    placeSuffixLevels: (JSON.parse(readFileSync(join(dir, 'place-suffix-levels.json'), 'utf8')) as { levels: Array<[string, PlaceLevel]> }).levels.sort((a, b) => b[0].length - a[0].length),
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
  confidence?: number;
  tentative?: boolean;
}

/** Mentions of the document, sorted by offset. Also returns gazetteer codes and program canonicals by mention. */
export function recognize(doc: Document, res: Resources = loadResources()): Array<Mention & { code?: string; canonical?: string }> {
  const { lex, gaz } = res;
  const text = analysisText(doc);
  const raw: RawMention[] = [];

  const model = analyzeSentences(doc, res);
  const read = withoutPiecesOfNames(findPlaces(text, gaz, res.settlements, lex.stopChars), modelMentions(model, 'Place'), res.thresholds.placeWithin, gaz);
  const repeated = new Set(repeatedPlaces(text, read));
  const places = repeated.size ? [...read, ...repeated].sort((a, b) => a.start - b.start || b.end - a.end) : read;
  for (const p of places) raw.push({ start: p.start, end: p.end, type: 'Place', source: p.code ? 'lexicon' : 'pattern', level: p.level, code: p.code, weak: !FULL_PLACE.test(p.text) });

  // Titles: leftmost-longest, but not the start of an organization head (委员 in 委员会).
  const titles: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < text.length; i++) {
    const m = lex.titles.longestAt(text, i);
    if (!m) continue;
    const head = longestOrgHeadAt(text, i, lex);
    if (head > m.end) continue;
    if (namesMeetingOrBody(text, m.end)) continue;
    // A title may not start inside a place name (庆春社区|党委书记 is not 庆春|社区党委书记): read on from the next character.
    if (places.some((p) => p.start < i && i < p.end && p.end < m.end)) continue;
    // Nor inside a word that does not end in it (片区|长江: no 区长 there; 县委书记 is one word ending in 书记).
    if (insideWordNotEndingIn(text, i, m.end)) continue;
    titles.push({ start: i, end: m.end });
    i = m.end - 1;
  }
  const titleStarts = new Set(titles.map((t) => t.start));
  const titleEnds = new Set(titles.map((t) => t.end));

  // (A place read again by its name alone starts no organization's name: the window after it runs over clauses.)
  const orgStarts = places.filter((p) => p.level !== 'Settlement' && !repeated.has(p)).map((p) => ({ start: p.start, prefixEnd: p.end, full: FULL_PLACE.test(p.text) }));
  // An organization read by its head that swallows a name the labeler is sure of has run over a clause
  // (宋家沟村党支部书记游存明领办…合作社, 庆春社区居民李文亚来到社区服务大厅): it is no name.
  const labelerNames = pooledNames(doc, model);
  const sureNames = labelerNames.filter((m) => (m.score ?? 0) >= res.thresholds.person);
  const orgs = rebound(findOrganizations(text, lex, orgStarts, titleStarts), modelMentions(model, 'Organization'), res.thresholds.organizationBounds, places, text).filter((o) => !sureNames.some((n) => o.start < n.start && n.end <= o.end));
  for (const o of orgs) raw.push({ start: o.start, end: o.end, type: 'Organization', source: 'pattern' });

  const occupied = (s: number, e: number) => raw.some((m) => m.start < e && s < m.end && m.type !== 'Title');
  const strongOccupied = (s: number, e: number) => raw.some((m) => m.start < e && s < m.end && m.type !== 'Title' && !m.weak);
  const persons = findPersons(text, lex, titleEnds, new Set(orgs.map((o) => o.end)), strongOccupied, titleStarts);
  // Names of a list printed without separators replace whatever other readings cut across them.
  for (const n of findNameLists(text, lex, labelerNames, (s, e) => probabilityOf(model, s, e, 'Person') ?? 0)) {
    if (strongOccupied(n.start, n.end)) continue;
    for (let i = persons.length - 1; i >= 0; i--) if (persons[i].start < n.end && n.start < persons[i].end) persons.splice(i, 1);
    for (let i = raw.length - 1; i >= 0; i--) if (raw[i].weak && raw[i].start < n.end && n.start < raw[i].end) raw.splice(i, 1);
    persons.push(n);
  }
  // A name read after a title beats a short place form inside it (村党支部书记鲁青海 is not 青海).
  const overridden = (m: RawMention) => m.weak && persons.some((p) => p.cue === 'title' && m.start < p.end && p.start < m.end);
  for (let i = raw.length - 1; i >= 0; i--) if (overridden(raw[i])) raw.splice(i, 1);
  // The labeler leads on names: it proposes names with a probability; patterns add what it missed, and a pattern
  // name the labeler finds improbable, or bounds differently with confidence, gives way.
  const tentativePersons = adjudicatePersons(doc, res, model, labelerNames, persons, strongOccupied);
  // A village printed without its suffix (陈家沟 for 陈家沟村, a surname and two characters) is that village, not a name.
  const placeStems = new Set(places.map((p) => p.text.replace(/(村|社区|镇|乡|县)$/u, '')).filter((t) => t.length >= 2));
  for (let i = persons.length - 1; i >= 0; i--) if (placeStems.has(persons[i].text)) persons.splice(i, 1);
  for (let i = tentativePersons.length - 1; i >= 0; i--) if (placeStems.has(text.slice(tentativePersons[i].start, tentativePersons[i].end))) tentativePersons.splice(i, 1);
  // Names in metadata lines are the byline parser's to read (四川日报全媒体记者 张三: 全媒体 is no name before 记者).
  const inMeta = (p: { start: number; end: number }) => doc.sentences.some((x) => x.zone === 'meta' && x.start <= p.start && p.end <= x.end);
  for (let i = persons.length - 1; i >= 0; i--) if (inMeta(persons[i])) persons.splice(i, 1);
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
    raw.push({ start: p.start, end: p.end, type: 'Program', source: p.known ? 'lexicon' : 'pattern', canonical: p.canonical });
  }
  // Then the labeler's organizations and places fill what is left; below the graph's thresholds they stay tentative.
  // A labeler organization may hold places (辽宁队, 江苏文艺出版社) and extend an organization's name into its unit
  // (联合国 | 安理会): they stay mentions nested in it, the organization its parent.
  const nestedIn = (m: RawMention, s: number, e: number) => s <= m.start && m.end <= e && (m.type === 'Place' || (m.type === 'Organization' && m.start === s && m.end < e));
  const occupiedBesidesPlaces = (s: number, e: number) => raw.some((m) => m.start < e && s < m.end && m.type !== 'Title' && !nestedIn(m, s, e));
  const placesIn = (s: number, e: number) => raw.filter((m) => m.type === 'Place' && s <= m.start && m.end <= e);
  for (const o of modelOrganizations(doc, res, model, occupiedBesidesPlaces, placesIn)) raw.push(o);
  // A labeler place that holds places already read (北京天文馆, 甘肃省博物馆) is reported too, as a tentative mention
  // around them: the graph keeps the places inside.
  const occupiedBesidesInnerPlaces = (s: number, e: number) => raw.some((m) => m.start < e && s < m.end && m.type !== 'Title' && !(m.type === 'Place' && strictlyContains({ start: s, end: e }, m)));
  for (const p of modelPlaces(doc, res, model, occupiedBesidesInnerPlaces)) raw.push(occupied(p.start, p.end) ? { ...p, tentative: true } : p);
  for (const p of tentativePersons) if (!occupied(p.start, p.end)) raw.push(p);
  // The source paper or site named in the header is an organization.
  for (const s of doc.meta.spans.source ?? []) {
    const name = sourceName(doc.text.slice(s.start, s.end));
    if (name) raw.push({ start: s.start, end: s.start + name.length, type: 'Organization', source: 'meta' });
  }
  for (const t of titles) raw.push({ start: t.start, end: t.end, type: 'Title', source: 'lexicon' });
  // Job and role nouns in apposition before a name (送餐员王永龙, 神经内科医师于忠敏), which no title lexicon lists.
  for (const p of raw.filter((m) => m.type === 'Person' && !m.tentative)) {
    if (titles.some((t) => t.end === p.start)) continue;
    const role = roleBefore(text, p.start, lex, (s, e) => raw.some((m) => m !== p && m.type !== 'Title' && m.start < e && s < m.end));
    if (role) raw.push({ start: role.start, end: p.start, type: 'Title', source: 'pattern' });
  }
  // Titles and job names the lexicon lacks (管护员, 高级农艺师, 代表性传承人), where the labeler is sure.
  for (const t of modelMentions(model, 'Title')) {
    if ((t.score ?? 0) < res.thresholds.title || titles.some((x) => x.start < t.end && t.start < x.end)) continue;
    if (!/^[\u3400-\u9fff]{2,12}$/u.test(doc.text.slice(t.start, t.end)) || namesMeetingOrBody(text, t.end)) continue;
    raw.push({ start: t.start, end: t.end, type: 'Title', source: 'model', confidence: t.score });
  }

  return attach(doc, resolveOverlaps(raw));
}

/**
 * The labeler leads on organization bounds: a pattern organization takes the start of a labeler organization at
 * `threshold` or above that ends where it ends. A place chain opening the labeler's span is
 * where the body is, not its name (as in modelOrganizations), and a reading the patterns also found stays theirs.
 */
function rebound(orgs: OrgHit[], labeled: ModelMention[], threshold: number, places: Array<{ start: number; end: number }>, text: string): OrgHit[] {
  // Each sure labeler name with its place chain passed, once (not once per pattern organization).
  const sure = labeled.filter((m) => (m.score ?? 0) >= threshold).map((m) => ({ start: afterPlaceChain(m.start, m.end, places), end: m.end }));
  if (!sure.length) return orgs;
  return orgs.map((o) => {
    for (const { start, end } of sure) {
      // Only the front is in question: the head at the end is what the patterns read best. A front the labeler drops
      // is part of the name when it holds a place, ends in a conjunction (民政和|人力资源社会保障局), opens a
      // bracket the rest closes (乐聚智能（|深圳）股份有限公司) or is a quoted brand (“节节高”|旅游专业合作社).
      if (end !== o.end || start === o.start) continue;
      const front = text.slice(o.start, Math.max(o.start, start));
      if (places.some((p) => p.start < start && o.start < p.end) || /[和与及、（(]$/.test(front) || /[（(][^）)]*$/.test(front) || /^“[^”]+”$/u.test(front)) continue;
      if (orgs.some((x) => x.start === start && x.end === end)) continue;
      return { start, end, text: text.slice(start, end) };
    }
    return o;
  });
}

/**
 * Where a name in [start, end) begins once the chain of places at its front is passed: at the chain's last place
 * (重庆|两江新区|邢家桥社区党委 begins at 邢家桥社区), which stays a mention of its own inside the name.
 */
function afterPlaceChain(start: number, end: number, places: ReadonlyArray<{ start: number; end: number }>): number {
  const inside = places.filter((p) => start <= p.start && p.end <= end);
  for (let p = inside.find((x) => x.start === start); p && inside.some((q) => q.start === p!.end); p = inside.find((x) => x.start === start)) start = p.end;
  return start;
}

/**
 * Every other occurrence of a village, township or community read once (湖南省益阳市赫山区清溪村 … 清溪村农民) is that
 * place too, as every other occurrence of a name is that person: the chain that placed it is printed only once.
 * Returns those other occurrences (copies of the reading), none overlapping a place already read.
 */
function repeatedPlaces(text: string, places: PlaceHit[]): PlaceHit[] {
  const copies: PlaceHit[] = [];
  const seen = new Set<string>();
  for (const p of places) {
    if ([...p.text].length < 3 || !/(村|镇|乡|社区|街道|苏木|嘎查)$/u.test(p.text) || seen.has(p.text)) continue;
    seen.add(p.text);
    // Two readings of one name (a village of this county, another of that one): which one a bare mention is, is open.
    if (new Set(places.filter((q) => q.text === p.text).map((q) => q.code ?? '')).size > 1) continue;
    for (let at = text.indexOf(p.text); at >= 0; at = text.indexOf(p.text, at + 1)) {
      const end = at + p.text.length;
      const overlaps = (q: PlaceHit) => q.start < end && at < q.end;
      if (!places.some(overlaps) && !copies.some(overlaps)) copies.push({ ...p, start: at, end });
    }
  }
  return copies;
}

/** Places less the short names that are pieces of a longer place name the labeler reads (see Thresholds.placeWithin). */
function withoutPiecesOfNames(places: PlaceHit[], labeled: ModelMention[], threshold: number, gaz: Gazetteer): PlaceHit[] {
  const sure = labeled.filter((m) => (m.score ?? 0) >= threshold);
  if (!sure.length) return places;
  // Only a short form (达州 for 达州市): a division's full name is not a piece of another name.
  const short = (p: PlaceHit) => !p.code || gaz.byCode(p.code)?.name !== p.text;
  return places.filter((p) => !short(p) || !sure.some((m) => m.start < p.start && p.end <= m.end && !places.some((q) => q.start === m.start)));
}

/** 常委会议, 代表大会: a title followed by 会 names a meeting or a body, not a post. */
function namesMeetingOrBody(text: string, titleEnd: number): boolean {
  return text[titleEnd] === '会';
}

// Words that open no role noun when walking left: verbs, prepositions, conjunctions, pronouns, particles, numerals.
const NOT_ROLE_WORD_TAG = /^(v|p|c|r|u|m|q|d|y|e|o|f|t)/;

/**
 * The role noun ending right before `end`, if any: the longest run of whole noun-like words (at most 6 characters)
 * ending in a role head (data/lexicons/role-heads.txt), not running into another mention; villager cues (村民) are
 * residence, not a post, and a verb ending in a head (动员) is no role.
 */
function roleBefore(text: string, end: number, lex: Lexicons, taken: (s: number, e: number) => boolean): { start: number } | undefined {
  const head = lex.roleHeads.find((h) => text.startsWith(h, end - h.length));
  if (!head) return undefined;
  let from = end - head.length;
  while (from > 0 && end - from < 12 && /[\u3400-\u9fff]/u.test(text[from - 1]) && !lex.nameStopChars.has(text[from - 1]) && !taken(from - 1, from)) from--;
  const words = segmenter().tag(text.slice(from, end));
  const last = words[words.length - 1];
  if (!last || (last.tag.startsWith('v') && last.word.length > 1) || lex.roleHeadExclusions.has(last.word)) return undefined;
  let len = 0;
  for (let i = words.length - 1; i >= 0; i--) {
    // A one-character verb is part of the compound (送|餐|员, 助|餐|志愿者); a longer one opens a clause.
    const verbInCompound = words[i].tag.startsWith('v') && words[i].word.length === 1;
    if (len >= head.length && ((NOT_ROLE_WORD_TAG.test(words[i].tag) && !verbInCompound) || len + words[i].word.length > 6)) break;
    len += words[i].word.length;
  }
  const role = text.slice(end - len, end);
  if ([...role].length < 2 || lex.cues.residesVillager.includes(role) || lex.cues.personBefore.includes(role)) return undefined;
  return { start: end - len };
}

/** The labeler's reading of each title and body sentence, in document offsets. */
interface SentenceAnalysis {
  start: number;
  end: number;
  analysis: Analysis;
}

function analyzeSentences(doc: Document, res: Resources): SentenceAnalysis[] {
  const out: SentenceAnalysis[] = [];
  for (const s of doc.sentences) if (s.zone !== 'meta') out.push({ start: s.start, end: s.end, analysis: res.labeler.analyze(s.text) });
  return out;
}

function modelMentions(model: SentenceAnalysis[], type: ModelMention['type']): ModelMention[] {
  const out: ModelMention[] = [];
  for (const s of model) for (const m of s.analysis.mentions) if (m.type === type) out.push({ ...m, start: m.start + s.start, end: m.end + s.start });
  return out;
}

/** Probability of a document span as one `type` span, or undefined outside the analysed sentences. */
function probabilityOf(model: SentenceAnalysis[], start: number, end: number, type: ModelMention['type']): number | undefined {
  const s = model.find((x) => x.start <= start && end <= x.end);
  return s ? s.analysis.probability(start - s.start, end - s.start, type) : undefined;
}

const NAME_SHAPE = /^[\u3400-\u9fff]+(?:[·・•][\u3400-\u9fff]+)*$/u;

/**
 * The labeler's person names with their evidence added up over the article: each occurrence is a separate reading
 * (noisy-OR), so a name it half-believes three times (桑杰曲巴 0.42, 0.87, 0.63) is as sure as one it believes once.
 */
function pooledNames(doc: Document, model: SentenceAnalysis[]): ModelMention[] {
  const names = modelMentions(model, 'Person');
  const doubt = new Map<string, number>();
  for (const m of names) {
    const name = doc.text.slice(m.start, m.end);
    doubt.set(name, (doubt.get(name) ?? 1) * (1 - (m.score ?? 0)));
  }
  return names.map((m) => ({ ...m, score: 1 - doubt.get(doc.text.slice(m.start, m.end))! }));
}

/** A labeler span that can be a name at all: Han characters (dotted parts allowed), not one dictionary word. */
function nameShaped(name: string, res: Resources, vouched = false): boolean {
  const len = [...name.replace(/[·・•]/g, '')].length;
  if (len < 2 || len > 16 || !NAME_SHAPE.test(name)) return false;
  if (res.lex.nameStopChars.has(name[0]) || res.lex.cues.personBefore.includes(name)) return false;
  // A dictionary word is no name (文明, 黄桃, 农家乐) unless the dictionary holds it as a name and it opens with a
  // common surname (费孝通; jieba also tags many ordinary words nr, so the tag alone is not enough).
  if (len > 3) return true;
  const tag = knownWordTag(name);
  if (tag === undefined) return true;
  // (Where a word introduces the person, a dictionary name of any origin passes: 牧民巴特尔.)
  return tag.startsWith('nr') && len === 3 && (vouched || (res.lex.surnameRank.get(name[0]) ?? Infinity) <= RARE_SURNAME_RANK);
}

/**
 * Names read whole by a pattern the labeler cannot follow (a dotted transliteration, a run of Tibetan name parts, a
 * name of an unseparated list): the labeler neither vetoes nor re-bounds them.
 */
function boundsFixed(p: PersonHit): boolean {
  return p.cue === 'dotted' || p.cue === 'tibetan' || p.cue === 'list';
}

/**
 * Merges the labeler's names with the pattern-read ones (in place): sure labeler names are added; a pattern name
 * overlapping a surer labeler name with other bounds is replaced by it; a pattern name the labeler all but rules
 * out is dropped unless a title or the byline vouches for it.
 */
function adjudicatePersons(doc: Document, res: Resources, model: SentenceAnalysis[], labelerNames: ModelMention[], persons: PersonHit[], occupied: (s: number, e: number) => boolean): RawMention[] {
  const th = res.thresholds;
  // Labeler names not taken stay tentative mentions (for `xckg recognize`), unless a taken name overlaps them.
  const tentative: RawMention[] = [];
  for (let i = persons.length - 1; i >= 0; i--) {
    const p = persons[i];
    if (boundsFixed(p)) continue;
    const prob = probabilityOf(model, p.start, p.end, 'Person');
    // A title vouches for where a name starts, not for where it ends: where the labeler reads a name of other length
    // from the same start and believes it more than the pattern's reading (副主席张万年|上将 1.00 against 张万 0.00;
    // 外长阿拉格齐 0.73 against 阿拉格 0.26), its reading is taken.
    if (p.cue === 'title' && prob !== undefined) {
      // (What the labeler adds must not open with a verb or a title: 总经理刘浩|说, 主席焦安|亲王.)
      const addsWord = (m: ModelMention) => m.end > p.end && (functionWordAt(doc.text, p.end) || res.lex.titles.longestAt(doc.text, p.end) !== null);
      const surer = (m: ModelMention) => {
        const q = probabilityOf(model, m.start, m.end, 'Person') ?? 0;
        return q >= th.personCued && q > prob;
      };
      const other = labelerNames.find((m) => m.start === p.start && m.end !== p.end && surer(m) && nameShaped(doc.text.slice(m.start, m.end), res) && tokenBoundaryAt(doc.text, m.end) && !addsWord(m));
      if (other && !persons.some((q) => q !== p && q.start < other.end && other.start < q.end)) {
        persons[i] = { ...p, end: other.end, text: doc.text.slice(p.start, other.end) };
        continue;
      }
    }
    // A title vouches for a name that opens with a common surname; 致富带头人都主动 still needs the labeler.
    if (p.cue === 'title' && (res.lex.surnameRank.get(p.text[0]) ?? Infinity) <= RARE_SURNAME_RANK) continue;
    // A title or a word introducing a person vouches for a four-character name opened by a compound surname or a Yi
    // clan name (村民吉克阿呷, 欧阳海燕), which the labeler, trained on Han names, cuts short.
    if ((p.cue === 'title' || p.cue === 'before') && [...p.text].length === 4 && res.lex.compoundSurnames.has(p.text.slice(0, 2))) continue;
    if (prob !== undefined && prob < th.personVeto) persons.splice(i, 1);
  }
  // A transliterated name read by the dot pattern runs on over the names printed against it in a list without
  // separators (王丙乾帕巴拉·格列朗杰王光英): a sure labeler name on one side of the dot ends the run there.
  for (let i = persons.length - 1; i >= 0; i--) {
    const p = persons[i];
    if (p.cue !== 'dotted') continue;
    const dot = p.start + p.text.search(/[·・•]/u);
    let { start, end } = p;
    for (const m of labelerNames) {
      if (m.end <= p.start || p.end <= m.start || (m.start <= dot && dot < m.end)) continue;
      // A name running across the pattern's edge, or a Han name (surname first) at it, shows the edge is wrong at a
      // lower bar than other names inside it.
      const name = doc.text.slice(m.start, m.end);
      const hanName = [...name].length <= 3 && (res.lex.surnameRank.get(name[0]) ?? Infinity) <= RARE_SURNAME_RANK;
      if ((m.score ?? 0) < (m.start < p.start || p.end < m.end || hanName ? th.personCued : th.person)) continue;
      if (m.end <= dot && m.start <= p.start) start = Math.max(start, m.end);
      else if (m.start > dot && m.end >= p.end) end = Math.min(end, m.start);
    }
    // A character of running text at an edge (女|卡尔·刘易斯, 卡尔·施泰勒|有) goes where the labeler leaves it out too.
    const sameDot = labelerNames.filter((m) => m.start <= dot && dot < m.end && (m.score ?? 0) >= th.personCued);
    const ordinary = (at: number) => transliterationScore(doc.text[at], res.lex) < 0;
    while (dot - start > 2 && ordinary(start) && sameDot.some((m) => m.start > start && m.start <= dot - 2)) start++;
    while (end - dot - 1 > 2 && ordinary(end - 1) && sameDot.some((m) => m.end < end && m.end >= dot + 3)) end--;
    if (start === p.start && end === p.end) continue;
    if (dot - start >= 2 && end - dot - 1 >= 2) persons[i] = { ...p, start, end, text: doc.text.slice(start, end) };
    else persons.splice(i, 1);
  }
  for (const m of labelerNames) {
    const name = doc.text.slice(m.start, m.end);
    const clashes = persons.filter((p) => p.start < m.end && m.start < p.end);
    const asTentative = () => {
      if (!clashes.length) tentative.push({ start: m.start, end: m.end, type: 'Person', source: 'model', confidence: m.score, tentative: true });
    };
    if (occupied(m.start, m.end) || clashes.some((p) => p.start === m.start && p.end === m.end)) continue;
    // A transliterated name (夏提古丽·热合曼) that covers a pattern name cut short inside it (夏提古) replaces it
    // at a lower bar than other bounds (personCued): the pattern cannot read across the dot.
    const dottedCover = /[·・•]/u.test(name) && clashes.length > 0 && clashes.every((p) => m.start <= p.start && p.end <= m.end);
    if (dottedCover && (m.score ?? 0) >= th.personCued && nameShaped(name, res)) {
      for (const c of clashes) persons.splice(persons.indexOf(c), 1);
      persons.push({ start: m.start, end: m.end, text: name, cue: 'model' });
      continue;
    }
    // A job noun vouches only for a name that opens with a surname (教师同研一主题 has none).
    const roleCued = !clashes.length && res.lex.surnameRank.has(name[0]) && (m.score ?? 0) >= th.personCued && roleBefore(doc.text, m.start, res.lex, occupied) !== undefined;
    // A word that introduces a person right before it (村民, 牧民, 群众) vouches for a name of any origin (牧民巴特尔,
    // 彝族群众阿说拉且), which the surname patterns cannot read.
    const introduced = !clashes.length && (m.score ?? 0) >= th.personCued && res.lex.cues.personBefore.some((c) => doc.text.endsWith(c, m.start));
    const sure = (m.score ?? 0) >= th.person;
    // jieba must see a word boundary at both ends (古海银|向, not 古海银向|…): the labeler alone glues verbs on.
    if ((!sure && !roleCued && !introduced) || !nameShaped(name, res, introduced) || !tokenBoundaryAt(doc.text, m.start) || !tokenBoundaryAt(doc.text, m.end)) {
      asTentative();
      continue;
    }
    if (clashes.length) {
      if ((m.score ?? 0) < th.personBounds) continue;
      for (const c of clashes) persons.splice(persons.indexOf(c), 1);
    }
    persons.push({ start: m.start, end: m.end, text: name, cue: 'model' });
  }
  // A name listed beside a taken name (周立波、王蒙、迟子建) has that name as its cue: taken at personCued.
  const listedBeside = (t: RawMention) =>
    (doc.text[t.start - 1] === '、' && persons.some((p) => p.end === t.start - 1)) || (doc.text[t.end] === '、' && persons.some((p) => p.start === t.end + 1));
  for (let k = tentative.length - 1; k >= 0; k--) {
    const t = tentative[k];
    const name = doc.text.slice(t.start, t.end);
    if ((t.confidence ?? 0) < th.personCued || !nameShaped(name, res) || !listedBeside(t) || !tokenBoundaryAt(doc.text, t.start) || !tokenBoundaryAt(doc.text, t.end)) continue;
    tentative.splice(k, 1);
    persons.push({ start: t.start, end: t.end, text: name, cue: 'model' });
  }
  // One name, one reading per article: a labeler name that is another name of the article plus one character
  // (吴亚琴 and 吴亚琴常) is that name.
  const names = new Set(persons.map((p) => p.text));
  for (let i = persons.length - 1; i >= 0; i--) {
    const p = persons[i];
    if (p.cue !== 'model') continue;
    const shorter = p.text.slice(0, -1);
    if (names.has(shorter)) persons[i] = { ...p, end: p.end - 1, text: shorter };
  }
  // A three-character reading glued to a verb (队长安锦举着手机) loses to its two-character prefix when the labeler
  // expects the prefix to be a name more often over the whole article (安锦说, 安锦蹲在…) than the longer reading.
  // (Counted once per name and article: a name is read at every one of its occurrences.)
  const counts = new Map<string, number>();
  const expectedCount = (name: string, notBefore = '') => {
    const key = `${name}\u0000${notBefore}`;
    let sum = counts.get(key);
    if (sum !== undefined) return sum;
    sum = 0;
    for (let at = doc.text.indexOf(name); at >= 0; at = doc.text.indexOf(name, at + 1)) {
      if (notBefore && doc.text.startsWith(notBefore, at + name.length)) continue;
      sum += probabilityOf(model, at, at + name.length, 'Person') ?? 0;
    }
    counts.set(key, sum);
    return sum;
  };
  for (let i = persons.length - 1; i >= 0; i--) {
    const p = persons[i];
    if (boundsFixed(p) || [...p.text].length !== 3) continue;
    const prefix = p.text.slice(0, -1);
    const prefixCount = expectedCount(prefix, p.text.slice(-1));
    if (prefixCount >= 1 && prefixCount > expectedCount(p.text)) persons[i] = { ...p, end: p.end - 1, text: prefix };
  }
  // And the other way: a two-character pattern name cut short (黄大|年毅然) grows by the next character when the
  // labeler expects the three-character name over the article (黄大年 0.96, 0.87 …) more often than the short one.
  for (let i = persons.length - 1; i >= 0; i--) {
    const p = persons[i];
    const next = doc.text[p.end] ?? '';
    if (p.cue === 'model' || boundsFixed(p) || [...p.text].length !== 2 || !/[\u3400-\u9fff]/u.test(next)) continue;
    const longer = p.text + next;
    const longerCount = expectedCount(longer);
    if (longerCount >= 1 && longerCount > expectedCount(p.text, next) && nameShaped(longer, res) && !occupied(p.end, p.end + 1)) persons[i] = { ...p, end: p.end + 1, text: longer };
  }
  return tentative;
}

/**
 * Places the labeler is sure of where neither the gazetteer nor the site patterns found one. The level comes from
 * the end of the name (data/lexicons/place-suffix-levels.json, site suffixes from settlements.json); without one the
 * mention carries no level and makes no node (see link).
 */
function modelPlaces(doc: Document, res: Resources, model: SentenceAnalysis[], occupied: (s: number, e: number) => boolean): RawMention[] {
  const out: RawMention[] = [];
  for (const m of modelMentions(model, 'Place')) {
    const name = doc.text.slice(m.start, m.end);
    if (!/^[\u3400-\u9fff]+$/u.test(name) || occupied(m.start, m.end)) continue;
    const site = res.settlements.suffixes.some((x) => name.endsWith(x) && name.length > x.length);
    const level = site ? 'Settlement' : res.placeSuffixLevels.find(([x]) => name.endsWith(x) && name.length > x.length)?.[1];
    const confidence = m.score ?? 0;
    out.push({ start: m.start, end: m.end, type: 'Place', source: 'model', level, confidence, tentative: !level || confidence < res.thresholds.place });
  }
  return out;
}

/** Organizations the labeler is sure of where the patterns found no name (companies, schools, papers, 抖音). */
function modelOrganizations(doc: Document, res: Resources, model: SentenceAnalysis[], occupied: (s: number, e: number) => boolean, placesIn: (s: number, e: number) => RawMention[]): RawMention[] {
  const out: RawMention[] = [];
  for (const found of modelMentions(model, 'Organization')) {
    if (!/^[\u3400-\u9fff（）()A-Za-z0-9·]+$/u.test(doc.text.slice(found.start, found.end)) || occupied(found.start, found.end)) continue;
    // Brackets must pair inside a name: 县（市）|综治中心 read from 市） on is a piece of a list.
    if (!bracketsBalanced(doc.text.slice(found.start, found.end))) continue;
    // A chain of places in front (重庆|两江新区|邢家桥社区党委) names where the body is, not the body: the name starts
    // at the last place of the chain, as a pattern organization's does.
    const m = { ...found, start: afterPlaceChain(found.start, found.end, placesIn(found.start, found.end)) };
    const name = doc.text.slice(m.start, m.end);
    const confidence = m.score ?? 0;
    // A bare head (加工厂, 股份有限公司, 合作社) or a head with a generic word (学校软件学院) is a fragment or a kind,
    // not a name: it stays tentative however sure the labeler is.
    const bare = res.lex.orgSuffixList.some((h) => name === h || (name.endsWith(h) && name.length - h.length <= 1));
    // 安徽芜湖实地参观工厂, 公安大学学者走进二分院: a clause verb inside makes a clause, not a name.
    const generic = res.lex.orgGenericWords.some((w) => name.includes(w)) || hasClauseVerb(name, res.lex);
    // A name ends where a word does (老城区党|员干部 is no 老城区党), or where a title runs on from its head (外交部|长,
    // 党委书记 one word to jieba).
    const cut = !tokenBoundaryAt(doc.text, m.end) && !titleAcross(doc.text, m.end, res.lex);
    // 白朗县第十四批驻村工作总领队 ends in a title: a person's post, not an organization.
    const titleAtEnd = [...name].some((_, k) => res.lex.titles.longestAt(name, k)?.end === name.length && longestOrgHeadAt(name, k, res.lex) < name.length);
    out.push({ start: m.start, end: m.end, type: 'Organization', source: 'model', confidence, tentative: [...name].length < 2 || bare || generic || cut || titleAtEnd || confidence < res.thresholds.organization });
  }
  return out;
}

function bracketsBalanced(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === '（' || c === '(') depth++;
    else if (c === '）' || c === ')') depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
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

const FULL_PLACE = /(省|自治区|市|州|地区|盟|县|区|旗|镇|乡|苏木|街道|村|社区|嘎查|点|园|园区|小区)$/;

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
  // Tentative mentions come last: a sure mention never gives way to one.
  ents.sort((a, b) => Number(!!a.tentative) - Number(!!b.tentative) || prio(a) - prio(b) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: RawMention[] = [];
  for (const m of ents) {
    const clash = kept.find((k) => k.start < m.end && m.start < k.end);
    // A tentative mention around kept ones only (北京天文馆 around 北京) is kept beside them.
    if (clash && m.tentative && kept.every((k) => !(k.start < m.end && m.start < k.end) || strictlyContains(m, k))) {
      kept.push(m);
      continue;
    }
    if (clash) {
      const inside = m.start >= clash.start && m.end <= clash.end;
      const nestedOrg = m.type === 'Organization' && clash.type === 'Organization' && inside;
      // A gazetteer place opening a pattern organization (河曲县 in 河曲县民政局), or any place in a labeler one
      // (两江新区 and 邢家桥社区 in 重庆两江新区邢家桥社区党委), is a place of its own too.
      const placeInOrg = m.type === 'Place' && clash.type === 'Organization' && inside && ((!!m.code && m.start === clash.start) || clash.source === 'model');
      if (!nestedOrg && !placeInOrg) continue;
      // Also must not clash with anything else.
      if (kept.some((k) => k !== clash && k.start < m.end && m.start < k.end && !(m.start >= k.start && m.end <= k.end && k.type === 'Organization'))) continue;
    }
    kept.push(m);
  }
  // Titles inside a kept name are part of the name (书记 in 书记处 is rare; 队长 in 驻村工作队队长 is a title).
  for (const t of titles) if (!kept.some((k) => k.start < t.end && t.start < k.end && k.type !== 'Organization' && !k.tentative)) kept.push(t);
  return kept.sort((a, b) => a.start - b.start || b.end - a.end);
}

function attach(doc: Document, raw: RawMention[]): Array<Mention & { code?: string; canonical?: string }> {
  const out: Array<Mention & { code?: string; canonical?: string }> = [];
  for (const m of raw) {
    const s = sentenceAt(doc.sentences, m.start);
    if (!s || m.end > s.end) continue;
    // Page text whose characters do not map back one by one to the input (a chunk decoded as a whole, as <title>
    // content can be) gives no provenance: a mention there could not point at itself in the input.
    if (!mapsBack(doc, m.start, m.end)) continue;
    const mention: Mention & { code?: string; canonical?: string } = { start: m.start, end: m.end, type: m.type, text: doc.text.slice(m.start, m.end), sentence: s.index, source: m.source, level: m.level, code: m.code, canonical: m.canonical };
    if (m.confidence !== undefined) mention.confidence = m.confidence;
    if (m.tentative) mention.tentative = true;
    out.push(mention);
  }
  return out;
}

/** True when the first and last characters of text[start, end) stand at their source offsets in the input. */
function mapsBack(doc: Document, start: number, end: number): boolean {
  if (!doc.sourceOffsets || doc.input === undefined) return true;
  const first = doc.sourceOffsets[start];
  const last = doc.sourceOffsets[end - 1];
  return doc.input.charCodeAt(first) === doc.text.charCodeAt(start) && doc.input.charCodeAt(last) === doc.text.charCodeAt(end - 1);
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
