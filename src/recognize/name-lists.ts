// **name-lists** reads Han names printed one against the next without separators (李鹏乔石李瑞环彭真…): lists of a
// committee's members are typeset with spaces that scraping and many corpora drop, and there neither jieba nor the
// labeler can tell where one name ends (the labeler reads 李鹏乔, and nothing of 乔石).
import type { Lexicons } from './lexicons.ts';
import { RARE_SURNAME_RANK, type PersonHit } from './persons.ts';
import { knownWordTag, segmenter } from './words.ts';

/** An annotation printed after a name in such lists: （女）, （藏族）, (回族). */
const ANNOTATION = /^[（(](?:女|[\u3400-\u9fff]{1,4}族)[）)]/u;
const HAN = /[\u3400-\u9fff]/u;
/** A list holds at least this many names (焦裕禄|初到|兰考 is a clause of three). */
const MIN_NAMES = 4;

/** Score of a stretch of the run that is no name (a dotted name's part, a word of a heading): allowed, but rare. */
const OTHER_CHUNK = -3;
/** Score of a border between two names that jieba reads a word across (巴金|钱学森 has 金钱). */
const CROSSED_BORDER = -1.5;

/**
 * Names of unseparated lists in `text`. `labelerNames` are the labeler's person spans (any confidence) and
 * `personProbability(start, end)` its probability that a span is one name (0 where unknown). A run of Han characters
 * between punctuation (an annotation such as （女） counts as part of the run, after a name) is split into
 * surname-led names of two to four characters and, rarely, other stretches; it is a list when it holds at least four
 * names, two in three of them known to jieba as names or read as names by the labeler more than by chance, and few
 * other stretches or borders that jieba reads a word across.
 */
export function findNameLists(text: string, lex: Lexicons, labelerNames: ReadonlyArray<{ start: number; end: number }>, personProbability: (start: number, end: number) => number): PersonHit[] {
  const out: PersonHit[] = [];
  let i = 0;
  while (i < text.length) {
    if (!HAN.test(text[i])) {
      i++;
      continue;
    }
    // One run: pieces of Han text, each ended by an annotation or by the run's end.
    const pieces: Array<[number, number]> = [];
    let s = i;
    let j = i;
    for (;;) {
      while (j < text.length && HAN.test(text[j])) j++;
      const note = ANNOTATION.exec(text.slice(j, j + 8));
      pieces.push([s, j]);
      if (!note) break;
      j += note[0].length;
      s = j;
      if (!HAN.test(text[j] ?? '')) break;
    }
    i = Math.max(j, i + 1);
    // Running text is dense with function characters (的, 了, 在, 和 …) that names of a list rarely hold: skip it
    // before any split.
    if (j - pieces[0][0] < 2 * MIN_NAMES || 10 * pieces.reduce((n, [a, b]) => n + nameStopChars(text, a, b, lex), 0) > j - pieces[0][0]) continue;
    // The labeler, lost in a list, still reads names in it (李鹏乔, 李瑞环, 朱镕基 …): a run where it reads fewer than
    // two is no list worth splitting.
    if (labelerNames.filter((n) => pieces[0][0] <= n.start && n.end <= j).length < 2) continue;
    const chunks = pieces.flatMap(([a, b]) => splitRun(text, a, b, lex, personProbability));
    const names = chunks.filter((c) => c.name);
    const others = chunks.length - names.length;
    const crossed = chunks.filter((c) => c.crossed).length;
    if (names.length < MIN_NAMES || others * 5 > names.length || crossed * 5 > names.length) continue;
    // Evidence across the list, not only name by name.
    const supported = names.filter((c) => c.score >= 1).length;
    if (supported * 3 < names.length * 2) continue;
    for (const c of names) out.push({ start: c.start, end: c.end, text: text.slice(c.start, c.end), cue: 'list' });
  }
  return out;
}

function nameStopChars(text: string, a: number, b: number, lex: Lexicons): number {
  let n = 0;
  for (let k = a; k < b; k++) if (lex.nameStopChars.has(text[k])) n++;
  return n;
}

interface Chunk {
  start: number;
  end: number;
  /** Read as a name (else another stretch). */
  name: boolean;
  score: number;
  /** jieba reads a word other than a name across the border this chunk starts at. */
  crossed: boolean;
}

/** The best split of text[a, b) into names and other stretches. */
function splitRun(text: string, a: number, b: number, lex: Lexicons, personProbability: (start: number, end: number) => number): Chunk[] {
  // Borders that a jieba word other than a name runs across.
  const crossedAt = new Set<number>();
  let at = a;
  for (const w of segmenter().tag(text.slice(a, b))) {
    const end = at + w.word.length;
    if (!w.tag.startsWith('nr')) for (let k = at + 1; k < end; k++) crossedAt.add(k);
    at = end;
  }
  // best[k]: the best total score of a split of text[a, a + k), with the chunk that ends it.
  const best: Array<{ total: number; chunk: Chunk | null } | null> = new Array(b - a + 1).fill(null);
  best[0] = { total: 0, chunk: null };
  for (let k = 0; k < b - a; k++) {
    if (!best[k]) continue;
    const start = a + k;
    const crossed = k > 0 && crossedAt.has(start);
    for (let len = 1; len <= 4 && start + len <= b; len++) {
      const named = len >= 2 ? nameScore(text, start, start + len, lex, personProbability) : null;
      const score = (named ?? OTHER_CHUNK) + (crossed ? CROSSED_BORDER : 0);
      const total = best[k]!.total + score;
      const to = k + len;
      if (!best[to] || total > best[to]!.total) best[to] = { total, chunk: { start, end: start + len, name: named !== null, score: named ?? OTHER_CHUNK, crossed } };
    }
  }
  const chunks: Chunk[] = [];
  for (let k = b - a; k > 0; ) {
    const c = best[k]!.chunk!;
    chunks.unshift(c);
    k = c.start - a;
  }
  return chunks;
}

/**
 * How much text[start, end) looks like one name, or null when it cannot be one: a surname (single or compound) and
 * one or two given characters, none of them a function character, not an ordinary dictionary word.
 */
function nameScore(text: string, start: number, end: number, lex: Lexicons, personProbability: (start: number, end: number) => number): number | null {
  const name = text.slice(start, end);
  const compound = lex.compoundSurnames.has(name.slice(0, 2));
  const surnameLen = compound ? 2 : lex.surnames.has(name[0]) ? 1 : 0;
  const given = name.length - surnameLen;
  if (!surnameLen || given < 1 || given > 2) return null;
  for (const c of name.slice(surnameLen)) if (lex.nameStopChars.has(c)) return null;
  const tag = knownWordTag(name);
  if (tag !== undefined && !tag.startsWith('nr')) return null;
  let score = 2 * personProbability(start, end);
  if (tag !== undefined) score += 2;
  if (compound || (lex.surnameRank.get(name[0]) ?? Infinity) <= RARE_SURNAME_RANK) score += 0.25;
  return score;
}
