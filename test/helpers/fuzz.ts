// **fuzz** — seeded hostile inputs and the oracle every one must satisfy: ingest → extract → every serializer,
// read back identically by n3 and oxigraph, conforming to the shapes, or refused with one line. Shared by
// test/fuzz.test.ts (a few thousand cases) and bench/fuzz.ts (as many as asked).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import N3 from 'n3';
import oxigraph from 'oxigraph';
import type { Document } from '../../src/types.ts';
import { ingestBytes, IngestError } from '../../src/ingest/index.ts';
import { extractArticle } from '../../src/corpus/article.ts';
import { mulberry32 } from '../../src/recognize/model/trainer.ts';
import { articleQuads, mergeDefaultGraph, toJsonLd, toNQuads, toTriG, toTurtle, validateArticleQuads, type Quad } from '../../src/rdf/index.ts';

// ---------------------------------------------------------------- seeded randomness

/** A seeded PRNG (the trainer's mulberry32): its whole state is one 32-bit number, so a case is named by its seed. */
export const rng = mulberry32;

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)];

// ---------------------------------------------------------------- material

const ROOT = new URL('../../', import.meta.url).pathname;
const ARTICLES = join(ROOT, '../shared/articles');

/** Lines of the seed and the dev articles: real headers, bylines and sentences to cut fragments from. */
function loadLines(): string[] {
  const files = [join(ROOT, 'data/articles/000_e65d613101e172c6.txt')];
  try {
    for (const f of readdirSync(ARTICLES).sort()) if (f.endsWith('.txt')) files.push(join(ARTICLES, f));
  } catch {
    // the seed alone is enough material
  }
  const lines: string[] = [];
  for (const f of files) for (const l of readFileSync(f, 'utf8').split('\n')) if (l.trim()) lines.push(l);
  return lines;
}
let material: string[] | null = null;
const lines = () => (material ??= loadLines());

/** A few consecutive lines of one article, cut to at most `max` characters: short, so a case costs milliseconds. */
function fragment(r: Rand, max = 250): string {
  const all = lines();
  const from = int(r, all.length);
  let out = '';
  for (let i = from; i < all.length && out.length < max; i++) out += all[i] + '\n';
  return out.slice(0, max);
}

const HEADER = () => 'title: 测试标题\nsource: 测试日报\ndate: 2024-03-05\n\n';
const SPECIAL = ['"', '\\', '>', '<', '@', '#', "'", '^^', '"""', '\\u0000', '\\"', '<http://example.org/x>', '_:b0', '@prefix', '.', ';', ',', '{', '}', '&', '&amp;', '</script>', '<!--', ']]>', '\u2028', '\u2029', '\t'];
// Astral and combining characters: CJK extensions B–H, emoji (with ZWJ and skin tones), variation selectors.
const RARE = ['𠀀', '𪚥', '𫠠', '𬺰', '𰀀', '𱍐', '𲎯', '😀', '👨‍👩‍👧', '👍🏽', '🇨🇳', '葛󠄀', '\u0301', '\u200d', '\ufeff', '\ufffd', '\uffff', '\u{10ffff}', '\u{e000}'];
const NAMES = ['张乃田', '王爱花', '河曲县', '山西省乡村振兴局', '巡镇', '河南村', '局长', '驻村工作队'];

function sprinkle(r: Rand, text: string, pool: readonly string[], n: number): string {
  const chars = [...text];
  for (let i = 0; i < n; i++) chars.splice(int(r, chars.length + 1), 0, pick(r, pool));
  return chars.join('');
}

// ---------------------------------------------------------------- legacy encoders (reverse maps of Node's decoders)

function reverseMap(label: string, leads: [number, number], trails: Array<[number, number]>): Map<string, number[]> {
  const dec = new TextDecoder(label, { fatal: true });
  const map = new Map<string, number[]>();
  for (let a = leads[0]; a <= leads[1]; a++) {
    for (const [lo, hi] of trails) {
      for (let b = lo; b <= hi; b++) {
        try {
          const ch = dec.decode(new Uint8Array([a, b]));
          if (ch.length === 1 && !map.has(ch)) map.set(ch, [a, b]);
        } catch {
          // not a character in this encoding
        }
      }
    }
  }
  return map;
}
let gbkMap: Map<string, number[]> | null = null;
let big5Map: Map<string, number[]> | null = null;

/** Encode to a two-byte legacy encoding; characters it lacks become '?'. */
function legacy(text: string, which: 'gbk' | 'big5'): Uint8Array {
  const map =
    which === 'gbk'
      ? (gbkMap ??= reverseMap('gbk', [0x81, 0xfe], [[0x40, 0x7e], [0x80, 0xfe]]))
      : (big5Map ??= reverseMap('big5', [0x81, 0xfe], [[0x40, 0x7e], [0xa1, 0xfe]]));
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else out.push(...(map.get(ch) ?? [0x3f]));
  }
  return new Uint8Array(out);
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** WTF-8: UTF-8 that also encodes lone surrogates (as invalid three-byte sequences), which TextEncoder cannot. */
function wtf8(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        out.push(...utf8(s.slice(i, i + 2)));
        i++;
        continue;
      }
      out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    } else out.push(...utf8(s[i]));
  }
  return new Uint8Array(out);
}

function mutateBytes(r: Rand, bytes: Uint8Array, n: number): Uint8Array {
  const b = [...bytes];
  for (let i = 0; i < n; i++) {
    const at = int(r, b.length + 1);
    const op = int(r, 3);
    if (op === 0 && at < b.length) b[at] = int(r, 256);
    else if (op === 1) b.splice(at, 0, int(r, 256));
    else b.splice(at, 1);
  }
  return new Uint8Array(b);
}

// ---------------------------------------------------------------- HTML

const TAGS = ['div', 'p', 'span', 'b', 'table', 'tr', 'td', 'ul', 'li', 'a', 'font', 'h1', 'section', 'article', 'nav', 'footer', 'br', 'img', 'script', 'style', 'title', 'textarea', 'pre', 'iframe', 'svg', 'math', 'template', 'noscript'];
const ENTITIES = ['&amp;', '&lt;', '&gt;', '&quot;', '&nbsp;', '&#x0;', '&#0;', '&#xD800;', '&#55296;', '&#1114112;', '&#x1F600;', '&#x20000;', '&#12288;', '&copy', '&unknown;', '&#;', '&#x;', '&'];

function html(r: Rand): string {
  const parts: string[] = [];
  const open: string[] = [];
  const depth = pick(r, [3, 10, 40, 400]);
  if (r() < 0.7) parts.push(pick(r, ['<!DOCTYPE html>', '<html>', '<html><head><meta charset="utf-8">', '<!-- 注释 -->', '']));
  if (r() < 0.5) parts.push(`<title>${fragment(r, 40).replace(/\n/g, ' ')}</title>`);
  const steps = 5 + int(r, 30);
  for (let i = 0; i < steps; i++) {
    const k = int(r, 10);
    if (k < 3 && open.length < depth) {
      const t = pick(r, TAGS);
      const attr = r() < 0.3 ? ` class="${pick(r, ['content', 'nav', 'footer', 'share', 'x"y', "a'b", 'TRS_Editor'])}"` : r() < 0.1 ? ' title="<b>" data-x=\'"\'' : '';
      parts.push(`<${t}${attr}>`);
      open.push(t);
    } else if (k < 5 && open.length) parts.push(`</${r() < 0.8 ? open.pop() : pick(r, TAGS)}>`);
    else if (k < 8) parts.push(fragment(r, 60));
    else if (k < 9) parts.push(pick(r, ENTITIES));
    else parts.push(pick(r, ['<', '>', '</', '<!--', '-->', '<![CDATA[', ']]>', '<?xml ?>', '<p <b>', '<a href="', '"', '<script>var s = "</div>";', '<br/>', '<style>p{}</style>']));
  }
  if (open.length > 300) parts.push('</div>'.repeat(int(r, open.length)));
  return parts.join(r() < 0.5 ? '' : '\n');
}

// ---------------------------------------------------------------- cases

export interface FuzzCase {
  /** The generator that made it, and its seed: `npm run bench:fuzz -- --seed N` replays it. */
  kind: string;
  seed: number;
  path: string;
  bytes: Uint8Array;
}

type Generator = (r: Rand) => { path: string; bytes: Uint8Array };

/** Every generator, named by what it makes. */
export const GENERATORS: Record<string, Generator> = {
  fragment: (r) => ({ path: 'a.txt', bytes: utf8((r() < 0.5 ? HEADER() : '') + fragment(r)) }),
  'truncated-utf8': (r) => {
    const b = utf8(HEADER() + fragment(r));
    return { path: 'a.txt', bytes: b.subarray(0, 1 + int(r, b.length - 1)) };
  },
  gbk: (r) => ({ path: 'a.txt', bytes: legacy(HEADER() + fragment(r), 'gbk') }),
  'truncated-gbk': (r) => {
    const b = legacy(HEADER() + fragment(r), 'gbk');
    return { path: 'a.txt', bytes: b.subarray(0, 1 + int(r, b.length - 1)) };
  },
  'damaged-gbk': (r) => ({ path: 'a.txt', bytes: mutateBytes(r, legacy(fragment(r, 400), 'gbk'), 1 + int(r, 4)) }),
  big5: (r) => ({ path: 'a.txt', bytes: legacy(fragment(r), 'big5') }),
  'random-bytes': (r) => ({ path: pick(r, ['a.txt', 'a.html', 'a']), bytes: new Uint8Array(1 + int(r, 300)).map(() => int(r, 256)) }),
  'ascii-bytes': (r) => ({ path: 'a.txt', bytes: new Uint8Array(1 + int(r, 300)).map(() => 0x20 + int(r, 0x5f)) }),
  'mutated-utf8': (r) => ({ path: 'a.txt', bytes: mutateBytes(r, utf8(HEADER() + fragment(r, 400)), 1 + int(r, 20)) }),
  'lone-surrogates': (r) => ({ path: 'a.txt', bytes: wtf8(sprinkle(r, fragment(r), ['\ud800', '\udfff', '\udbff', '\udc00'], 1 + int(r, 5))) }),
  'control-characters': (r) => ({ path: 'a.txt', bytes: utf8(sprinkle(r, HEADER() + fragment(r, 400), ['\0', '\x01', '\x07', '\x08', '\x0b', '\x0c', '\x1b', '\x1a', '\x7f', '\x85', '\r'], 1 + int(r, 4))) }),
  html: (r) => ({ path: pick(r, ['a.html', 'a.htm', 'a.txt']), bytes: utf8(html(r)) }),
  'html-gbk': (r) => ({ path: 'a.html', bytes: legacy(html(r), 'gbk') }),
  'special-characters': (r) => {
    const names = NAMES.map((n) => sprinkle(r, n, SPECIAL, int(r, 2)));
    const text = sprinkle(r, fragment(r) + `\n${names[0]}任${names[3]}${names[6]}。${names[1]}是${names[2]}${names[4]}${names[5]}人。\n`, SPECIAL, 3 + int(r, 30));
    return { path: pick(r, ['a.txt', 'x"y.txt', 'a b#c.txt', 'a<b>.txt', '张@三.txt']), bytes: utf8(text) };
  },
  'rare-characters': (r) => {
    const names = NAMES.map((n) => sprinkle(r, n, RARE, int(r, 2)));
    const text = sprinkle(r, `${fragment(r)}\n${names[0]}任${names[3]}${names[6]}。${names[1]}家住${names[2]}${names[4]}${names[5]}。\n`, RARE, 1 + int(r, 20));
    return { path: 'a.txt', bytes: utf8(text) };
  },
  repeated: (r) => ({ path: 'a.txt', bytes: utf8(fragment(r, 200).repeat(2 + int(r, 6))) }),
  // Half of them blank to JavaScript's \s (refused as empty), half with a zero-width space, which is not.
  whitespace: (r) => {
    const pool = [' ', '\n', '\u3000', '\u00a0', '\t', '\r\n', '\ufeff', ...(r() < 0.5 ? ['\u200b'] : [])];
    return { path: 'a.txt', bytes: utf8(Array.from({ length: 1 + int(r, 50) }, () => pick(r, pool)).join('')) };
  },
  'bom-and-utf16': (r) => {
    const body = utf8(fragment(r));
    const prefix = pick(r, [[0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb], []]);
    return { path: 'a.txt', bytes: new Uint8Array([...prefix, ...body]) };
  },
};

export const KINDS = Object.keys(GENERATORS);

/** Case number `i` of the run seeded with `seed`: kinds in turn, each from its own derived seed. */
export function makeCase(seed: number, i: number): FuzzCase {
  const kind = KINDS[i % KINDS.length];
  const caseSeed = (Math.imul(seed, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0;
  return { kind, seed: caseSeed, ...GENERATORS[kind](rng(caseSeed)) };
}

/** Replay one case from its kind and seed (as a failure message prints them). */
export function replayCase(kind: string, caseSeed: number): FuzzCase {
  return { kind, seed: caseSeed, ...GENERATORS[kind](rng(caseSeed)) };
}

// ---------------------------------------------------------------- the oracle

export type Outcome = 'built' | 'built-damaged' | `refused:${string}`;

export interface CaseResult {
  outcome: Outcome;
  /** Set when the case broke a rule: what went wrong, in one line. */
  failure?: string;
  /** Wall-clock time, and CPU time of this process (what the time limit applies to: it stays put when others share the cores). */
  ms: number;
  cpuMs: number;
  quads: number;
}

export interface OracleOptions {
  /** Run the SHACL shapes on every built case (the slowest check; on by default). */
  shapes?: boolean;
  /** A case that takes more CPU time than this has failed (catastrophic backtracking, quadratic loops). */
  timeLimitMs?: number;
}

/** One canonical line per quad, blank-node labels erased, so two parsers' output compares as a set. */
function canonical(q: { subject: RdfTerm; predicate: RdfTerm; object: RdfTerm; graph: RdfTerm }, dropGraph = false): string {
  return [q.subject, q.predicate, q.object, dropGraph ? null : q.graph].map(termText).join(' ');
}
interface RdfTerm {
  termType: string;
  value: string;
  language?: string;
  datatype?: { value: string };
}
function termText(t: RdfTerm | null): string {
  if (!t || t.termType === 'DefaultGraph') return '';
  if (t.termType === 'BlankNode') return '_';
  if (t.termType === 'Literal') {
    const dt = t.datatype?.value ?? '';
    return `${JSON.stringify(t.value)}@${(t.language ?? '').toLowerCase()}^${t.language ? '' : dt}`;
  }
  return `<${t.value}>`;
}

const sortedSet = (xs: Iterable<string>) => [...new Set(xs)].sort();

function sameSet(a: string[], b: string[]): string | null {
  if (a.length !== b.length) return `${a.length} vs ${b.length} quads`;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `first difference: ${a[i].slice(0, 200)} ≠ ${b[i].slice(0, 200)}`;
  return null;
}

const XSD_NNI = 'http://www.w3.org/2001/XMLSchema#nonNegativeInteger';
const NIF = 'http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#';

/**
 * Every NIF string lies inside the decoded input. In plain text its anchorOf is exactly the input's
 * code points [begin, end); in HTML the anchor is visible text (markup and line breaks between its
 * characters are left out or collapsed), so there it opens on its first character, or on the '&' of
 * the entity reference that printed it.
 */
function checkOffsets(doc: Document, quads: Quad[]): string | null {
  const input = [...(doc.input ?? doc.text)];
  const html = doc.format === 'html';
  const by = new Map<string, { b?: number; e?: number; a?: string }>();
  for (const q of quads) {
    const p = q.predicate.value;
    if (p !== NIF + 'beginIndex' && p !== NIF + 'endIndex' && p !== NIF + 'anchorOf') continue;
    const rec = by.get(q.subject.value) ?? {};
    if (p === NIF + 'anchorOf') rec.a = q.object.value;
    else {
      if ((q.object as { datatype: { value: string } }).datatype.value !== XSD_NNI) return `${p} not a nonNegativeInteger`;
      rec[p.endsWith('beginIndex') ? 'b' : 'e'] = Number(q.object.value);
    }
    by.set(q.subject.value, rec);
  }
  for (const [s, { b, e, a }] of by) {
    if (a === undefined || b === undefined || e === undefined) continue;
    if (!(b >= 0 && e > b && e <= input.length)) return `${s}: offsets [${b}, ${e}) outside the input of ${input.length} code points`;
    const slice = input.slice(b, e).join('');
    if (html) {
      const first = [...a][0];
      if (input[b] !== first && input[b] !== '&') return `${s}: anchorOf ${JSON.stringify(a.slice(0, 40))} does not open where [${b}, ${e}) does: ${JSON.stringify(slice.slice(0, 40))}`;
    } else if (slice !== a) return `${s}: anchorOf ${JSON.stringify(a)} is not the input's [${b}, ${e}) ${JSON.stringify(slice)}`;
  }
  return null;
}

const oneLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0];

/**
 * Runs one case through the whole pipeline and checks it. A refusal must be an IngestError with a
 * one-line message naming the file; a build must serialize to Turtle, TriG, N-Quads and JSON-LD that
 * n3 (not for JSON-LD) and oxigraph read back to exactly the quads built, with offsets that lead
 * back to the input, conforming to the shapes, all within the time limit.
 */
export async function runCase(c: FuzzCase, options: OracleOptions = {}): Promise<CaseResult> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const limit = options.timeLimitMs ?? 5000;
  const done = (r: Omit<CaseResult, 'ms' | 'cpuMs'>): CaseResult => {
    const ms = performance.now() - t0;
    const used = process.cpuUsage(cpu0);
    const cpuMs = (used.user + used.system) / 1000;
    if (!r.failure && cpuMs > limit) return { ...r, ms, cpuMs, failure: `took ${cpuMs.toFixed(0)} ms of CPU time, over the ${limit} ms limit` };
    return { ...r, ms, cpuMs };
  };
  let doc: Document;
  try {
    doc = ingestBytes(c.bytes, c.path);
  } catch (e) {
    if (!(e instanceof IngestError)) return done({ outcome: 'refused:crash', quads: 0, failure: `ingest threw ${(e as Error)?.name}: ${oneLine(e)}` });
    const m = e.message;
    if (m.includes('\n') || m.includes('\r')) return done({ outcome: `refused:${e.reason}`, quads: 0, failure: `refusal is not one line: ${JSON.stringify(m)}` });
    if (!m.startsWith(c.path + ': ')) return done({ outcome: `refused:${e.reason}`, quads: 0, failure: `refusal does not name the file: ${m}` });
    return done({ outcome: `refused:${e.reason}`, quads: 0 });
  }
  const outcome: Outcome = doc.damage ? 'built-damaged' : 'built';
  try {
    const quads = articleQuads(extractArticle(doc));
    const failure = await checkQuads(doc, quads, options.shapes ?? true);
    return done({ outcome, quads: quads.length, ...(failure && { failure }) });
  } catch (e) {
    return done({ outcome, quads: 0, failure: `pipeline threw: ${oneLine(e)}` });
  }
}

async function checkQuads(doc: Document, quads: Quad[], shapes: boolean): Promise<string | null> {
  if (doc.damage && !quads.some((q) => q.predicate.value.endsWith('#replacedCharacters') && q.object.value === String(doc.damage!.replaced))) {
    return 'damage is not recorded on the article (xc:replacedCharacters)';
  }
  const offsets = checkOffsets(doc, quads);
  if (offsets) return offsets;

  const expectedQuads = sortedSet(quads.map((q) => canonical(q)));
  const expectedTriples = sortedSet(quads.map((q) => canonical(q, true)));
  const outputs: Array<{ name: string; text: string; n3: string | null; ox: string; triples: boolean }> = [
    { name: 'N-Quads', text: toNQuads(quads), n3: 'N-Quads', ox: 'application/n-quads', triples: false },
    { name: 'Turtle', text: toTurtle(mergeDefaultGraph([quads])), n3: 'Turtle', ox: 'text/turtle', triples: true },
    { name: 'TriG', text: toTriG(quads), n3: 'TriG', ox: 'application/trig', triples: false },
    { name: 'JSON-LD', text: toJsonLd(quads), n3: null, ox: 'application/ld+json', triples: false },
  ];
  // oxigraph's terms live in WebAssembly and each property read crosses into it: its reading of the
  // N-Quads is compared term by term with what was built, and its readings of the others are compared
  // with that one through quad.toString() (its own canonical N-Quads form), one call per quad.
  let oxQuads: string[] = [];
  let oxTriples: string[] = [];
  for (const o of outputs) {
    const expected = o.triples ? expectedTriples : expectedQuads;
    if (o.n3) {
      let parsed: N3.Quad[];
      try {
        parsed = new N3.Parser({ format: o.n3 }).parse(o.text);
      } catch (e) {
        return `n3 cannot read the ${o.name}: ${oneLine(e)}`;
      }
      const diff = sameSet(expected, sortedSet(parsed.map((q) => canonical(q))));
      if (diff) return `n3 reads the ${o.name} differently: ${diff}`;
    }
    let parsed: oxigraph.Quad[];
    try {
      parsed = oxigraph.parse(o.text, { format: o.ox });
    } catch (e) {
      return `oxigraph cannot read the ${o.name}: ${oneLine(e)}`;
    }
    if (o.name === 'N-Quads') {
      const diff = sameSet(expected, sortedSet(parsed.map((q) => canonical(q as never))));
      if (diff) return `oxigraph reads the N-Quads differently: ${diff}`;
      const strings = parsed.map((q) => {
        const s = q.toString();
        const g = q.graph;
        return { quad: s, triple: g.termType === 'DefaultGraph' ? s : s.slice(0, s.length - g.value.length - 3) };
      });
      oxQuads = sortedSet(strings.map((x) => x.quad));
      oxTriples = sortedSet(strings.map((x) => x.triple));
      continue;
    }
    const diff = sameSet(o.triples ? oxTriples : oxQuads, sortedSet(parsed.map((q) => q.toString())));
    if (diff) return `oxigraph reads the ${o.name} differently from the N-Quads: ${diff}`;
  }
  if (shapes) {
    const violations = await validateArticleQuads(quads);
    if (violations.length) return `${violations.length} shape violations, first: ${violations[0].focus} ${violations[0].path ?? ''}: ${violations[0].message}`;
  }
  return null;
}
