// **pairs** is the learned half of relate: every (person, title | organization | place) pair that shares a sentence is
// a candidate, described by plain string features of the text between and around the two mentions, and a logistic
// model trained on the dev gold (scripts/train-relations.ts, cross-validated by article) says which pairs hold a
// position, an affiliation or a residence. The hand rules' own reading is one of the features, so the model learns
// where to trust them and adds what they miss (志愿者张立春, 送餐员王永龙 of a 服务中心, villagers of a 村).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Document, Entity, Position, Relation } from '../types.ts';
import type { Linked, RecognizedMention } from '../link/index.ts';
import { outermost } from '../span.ts';
import type { Lexicons } from '../recognize/lexicons.ts';
import { segmenter } from '../recognize/words.ts';

export type PairKind = 'position' | 'memberOf' | 'residesIn';

export interface PairCandidate {
  kind: PairKind;
  /** Index into the mentions given to candidatePairs: the person and the title, organization or place. */
  person: number;
  other: number;
  features: string[];
  /** The hand rules already state this relation. */
  byRules: boolean;
  /** The person's entity key (a person is one entity however many mentions it has). */
  holder: string;
}

/** Weights of one logistic model over string features, and the probability from which a pair is taken. */
export interface PairWeights {
  bias: number;
  threshold: number;
  weights: Record<string, number>;
}

export interface PairModel extends PairWeights {
  /** The same model trained without each fold of articles (for cross-validated figures; XCKG_RELATION_FOLD picks one). */
  perFold?: PairWeights[];
}

const MODEL_FILE = join(import.meta.dirname, '..', '..', 'data', 'models', 'relations.model.json');
let cached: PairWeights | null | undefined;

/**
 * The shipped model (data/models/relations.model.json), or the weights of one held-out fold under XCKG_RELATION_FOLD;
 * XCKG_RELATION_FOLD=none reads relations with the hand rules alone (as npm run tune does, before the classifier is
 * trained on top of the thresholds it chooses).
 */
export function loadPairModel(): PairWeights | null {
  if (cached !== undefined) return cached;
  if (process.env.XCKG_RELATION_FOLD === 'none') return (cached = null);
  let model: PairModel;
  try {
    model = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as PairModel;
  } catch {
    return (cached = null);
  }
  const fold = process.env.XCKG_RELATION_FOLD;
  cached = fold !== undefined && model.perFold ? model.perFold[Number(fold) % model.perFold.length] : model;
  return cached;
}

export function pairProbability(model: PairWeights, features: string[]): number {
  let z = model.bias;
  for (const f of features) z += model.weights[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}

const PUNCT = /[，。！？；：、,.!?;:（）()“”"‘’《》—…]/gu;
const PLACE_OF_RESIDENCE = new Set(['Village', 'Township', 'Settlement', 'County']);

function bucket(n: number, edges: number[]): string {
  for (const e of edges) if (n <= e) return `≤${e}`;
  return `>${edges[edges.length - 1]}`;
}

/** What the hand rules said, as sets of keys the candidates can be looked up in. */
export interface RuleReading {
  positions: Position[];
  relations: Relation[];
}

/**
 * Candidate pairs of one article with their features. `mentions` and `entityOf` are link's (tentative mentions are
 * ignored); `rules` is what relate's rules produced, which becomes a feature.
 */
export function candidatePairs(doc: Document, mentions: RecognizedMention[], linked: Linked, lex: Lexicons, rules: RuleReading): PairCandidate[] {
  const text = doc.text;
  const byKey = new Map(linked.entities.map((e) => [e.key, e]));
  const ruleTitles = new Map<number, string>(rules.positions.map((p) => [p.span.start, p.holder]));
  const ruleRelations = new Set(rules.relations.map((r) => `${r.type}|${r.subject}|${r.object}`));
  for (const p of rules.positions) if (p.organization) ruleRelations.add(`memberOf|${p.holder}|${p.organization}`);
  const holdersWithRuleTitle = new Set(rules.positions.map((p) => p.holder));
  const relSubjects = new Set(rules.relations.map((r) => `${r.type}|${r.subject}`));

  const bySentence = new Map<number, number[]>();
  mentions.forEach((m, i) => {
    if (m.tentative || doc.sentences[m.sentence]?.zone === 'meta') return;
    if (m.type !== 'Title' && !linked.entityOf[i]) return;
    if (!bySentence.has(m.sentence)) bySentence.set(m.sentence, []);
    bySentence.get(m.sentence)!.push(i);
  });

  const out: PairCandidate[] = [];
  for (const [, idx] of [...bySentence].sort((a, b) => a[0] - b[0])) {
    idx.sort((a, b) => mentions[a].start - mentions[b].start || mentions[b].end - mentions[a].end);
    // Mentions nested in a longer one (a place inside an organization's name) are parts of it, not partners.
    const top = outermost(idx, (i) => mentions[i]);
    const persons = top.filter((i) => mentions[i].type === 'Person');
    // A title followed by a verb is the subject of its clause (记者|见到…书记王智时): it names no later person.
    const opensClause = new Set(top.filter((i) => mentions[i].type === 'Title' && persons.some((pi) => mentions[i].end <= mentions[pi].start) && verbAt(text, mentions[i].end)));
    for (const pi of persons) {
      const p = mentions[pi];
      const pKey = linked.entityOf[pi]!;
      for (const oi of top) {
        const o = mentions[oi];
        if (oi === pi || o.type === 'Person' || o.type === 'Program') continue;
        if (o.end <= p.start && opensClause.has(oi)) continue;
        const entity = o.type === 'Title' ? undefined : byKey.get(linked.entityOf[oi]!);
        const kinds: PairKind[] = o.type === 'Title' ? ['position'] : o.type === 'Organization' ? ['memberOf'] : PLACE_OF_RESIDENCE.has(entity?.subtype as string) ? ['memberOf', 'residesIn'] : ['memberOf'];
        const shared = pairContext(text, mentions, top, p, o, pi, oi, entity, lex);
        for (const kind of kinds) {
          const byRules = kind === 'position' ? ruleTitles.get(o.start) === pKey : ruleRelations.has(`${kind}|${pKey}|${entity!.key}`);
          const ruleElsewhere = kind === 'position' ? ruleTitles.has(o.start) && !byRules : false;
          const personHasRule = kind === 'position' ? holdersWithRuleTitle.has(pKey) : relSubjects.has(`${kind}|${pKey}`);
          const f = [...shared];
          if (byRules) f.push('rule');
          if (ruleElsewhere) f.push('rule:other-holder');
          if (personHasRule) f.push('rule:person-has-one');
          out.push({ kind, person: pi, other: oi, byRules, holder: pKey, features: ['bias', ...f].map((x) => `${kind}:${x}`) });
        }
      }
    }
  }
  out.push(...articleResidences(doc, mentions, linked, lex, out, ruleRelations));
  return out;
}

/**
 * Residence beyond one sentence: every person of the article paired with the village (else township) the article is
 * about, described by how the person is introduced (村民, 岁的, a post or none), how often named, and whether any of
 * its sentences names that place. Villagers of a profile are often placed once, at the top, and named alone after.
 */
function articleResidences(doc: Document, mentions: RecognizedMention[], linked: Linked, lex: Lexicons, sentencePairs: PairCandidate[], ruleRelations: Set<string>): PairCandidate[] {
  const home = linked.focus.Village ?? linked.focus.Township;
  if (!home) return [];
  const homeMentions = mentions.map((m, i) => i).filter((i) => linked.entityOf[i] === home.key && !mentions[i].tentative);
  if (!homeMentions.length) return [];
  const homeSentences = new Set(homeMentions.map((i) => mentions[i].sentence));
  const byPerson = new Map<string, number[]>();
  mentions.forEach((m, i) => {
    if (m.type !== 'Person' || m.tentative || !linked.entityOf[i] || doc.sentences[m.sentence]?.zone === 'meta') return;
    const k = linked.entityOf[i]!;
    if (!byPerson.has(k)) byPerson.set(k, []);
    byPerson.get(k)!.push(i);
  });
  const paired = new Set(sentencePairs.filter((c) => c.kind === 'residesIn' && linked.entityOf[c.other] === home.key).map((c) => c.holder));
  const out: PairCandidate[] = [];
  for (const [key, idx] of [...byPerson].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (paired.has(key)) continue;
    const f = new Set<string>(['doc', `doc-level:${home.subtype}`, `doc-mentions:${bucket(idx.length, [1, 3])}`]);
    for (const i of idx) {
      const m = mentions[i];
      f.add(`doc-left2:${doc.text.slice(Math.max(0, m.start - 2), m.start)}`);
      f.add(`doc-right1:${doc.text.slice(m.end, m.end + 1)}`);
      if (homeSentences.has(m.sentence)) f.add('doc-same-sentence');
      if (lex.cues.residesVillager.some((w) => doc.text.slice(Math.max(0, m.start - 6), m.start).includes(w))) f.add('doc-cue:villager');
      if (/岁(的)?$/.test(doc.text.slice(Math.max(0, m.start - 2), m.start))) f.add('doc-cue:age');
    }
    const titled = mentions.some((t) => t.type === 'Title' && idx.some((i) => mentions[i].sentence === t.sentence && (t.end === mentions[i].start || mentions[i].end === t.start)));
    f.add(titled ? 'doc-titled' : 'doc-untitled');
    const byRules = ruleRelations.has(`residesIn|${key}|${home.key}`);
    if (byRules) f.add('rule');
    else if ([...ruleRelations].some((r) => r.startsWith(`residesIn|${key}|`))) f.add('rule:person-has-one');
    out.push({ kind: 'residesIn', person: idx[0], other: homeMentions[0], byRules, holder: key, features: ['bias', ...[...f].sort()].map((x) => `residesIn:${x}`) });
  }
  return out;
}

function verbAt(text: string, at: number): boolean {
  const first = segmenter().tag(text.slice(at, at + 6))[0];
  return !!first && first.tag === 'v';
}

function pairContext(text: string, mentions: RecognizedMention[], top: number[], p: RecognizedMention, o: RecognizedMention, pi: number, oi: number, entity: Entity | undefined, lex: Lexicons): string[] {
  const f: string[] = [];
  const before = o.end <= p.start;
  const [a, b] = before ? [o, p] : [p, o];
  const gap = text.slice(a.end, b.start);
  f.push(before ? 'dir:other-first' : 'dir:person-first');
  f.push(`gap-len:${bucket([...gap].length, [0, 1, 2, 4, 8, 16, 32])}`);
  if ([...gap].length <= 3) f.push(`gap:${gap}`);
  const puncts = new Set(gap.match(PUNCT) ?? []);
  if (!puncts.size) f.push('gap-punct:none');
  for (const c of [...puncts].sort()) f.push(`gap-punct:${c}`);
  const between = top.filter((i) => i !== pi && i !== oi && mentions[i].start >= a.end && mentions[i].end <= b.start).map((i) => mentions[i].type[0]);
  f.push(`between:${between.slice(0, 4).join('')}${between.length > 4 ? '+' : ''}`);
  f.push(`persons-between:${bucket(between.filter((t) => t === 'P').length, [0, 1])}`);
  // Is the partner the nearest of its type on its side of the person?
  const sameType = top.filter((i) => mentions[i].type === o.type && i !== oi && (before ? mentions[i].end <= p.start && mentions[i].start > o.start : mentions[i].start >= p.end && mentions[i].start < o.start));
  f.push(sameType.length ? 'nearest:no' : 'nearest:yes');
  f.push(`p-left2:${text.slice(Math.max(0, p.start - 2), p.start)}`, `p-left1:${text.slice(Math.max(0, p.start - 1), p.start)}`);
  f.push(`p-right1:${text.slice(p.end, p.end + 1)}`, `p-right2:${text.slice(p.end, p.end + 2)}`);
  f.push(`o-left1:${text.slice(Math.max(0, o.start - 1), o.start)}`, `o-right1:${text.slice(o.end, o.end + 1)}`);
  for (const [name, words] of [['hold', lex.cues.holdVerbs], ['villager', lex.cues.residesVillager], ['reside', lex.cues.reside], ['member', lex.cues.memberBefore]] as const) {
    if (words.some((w) => gap.includes(w))) f.push(`gap-cue:${name}`);
    if (words.some((w) => text.slice(Math.max(0, p.start - 4), p.start).endsWith(w))) f.push(`p-cue:${name}`);
  }
  if (o.type === 'Title') {
    const t = o.text;
    f.push(`title-end1:${t.slice(-1)}`, `title-end2:${t.slice(-2)}`, `title-source:${o.source}`);
  } else if (entity) {
    f.push(`type:${entity.type}`, `subtype:${entity.subtype ?? '-'}`, `name-end2:${entity.name.slice(-2)}`, `name-end1:${entity.name.slice(-1)}`);
  }
  return f;
}

/**
 * The pairs the model takes that the rules did not state: a title goes to its likeliest holder, a person lives in
 * the likeliest place of the sentence; affiliations may be several.
 */
export function takePairs<C extends PairCandidate>(model: PairWeights, candidates: C[]): Array<C & { probability: number }> {
  // A title the rules gave to someone stays theirs.
  const ruleTitles = new Set(candidates.filter((c) => c.kind === 'position' && c.byRules).map((c) => c.other));
  const scored = candidates.filter((c) => !c.byRules && !(c.kind === 'position' && ruleTitles.has(c.other))).map((c) => ({ ...c, probability: pairProbability(model, c.features) })).filter((c) => c.probability >= model.threshold);
  const best = new Map<string, (typeof scored)[number]>();
  const exclusive = (c: (typeof scored)[number]) => (c.kind === 'position' ? `position|${c.other}` : c.kind === 'residesIn' ? `residesIn|${c.holder}` : `memberOf|${c.holder}|${c.other}`);
  for (const c of scored) {
    const k = exclusive(c);
    const cur = best.get(k);
    if (!cur || c.probability > cur.probability) best.set(k, c);
  }
  return scored.filter((c) => best.get(exclusive(c)) === c);
}
