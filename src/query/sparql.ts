// **sparql** — reading a query's text just enough to run it: its form, its prologue, the project prefixes it lacks, and error positions.
import { PREFIXES } from '../rdf/namespaces.ts';

export type QueryForm = 'select' | 'ask' | 'construct' | 'describe';

/** A query the engine rejected, with the position in the text the user wrote (1-based line and column, in characters). */
export class QueryError extends Error {
  constructor(
    /** The engine's reason, on one line, without the position. */
    readonly reason: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(line !== undefined ? `line ${line}, column ${column}: ${reason}` : reason);
    this.name = 'QueryError';
  }
}

/**
 * The query with string literals, IRIs and comments blanked out (same length, newlines kept), so that
 * keywords and prefixed names can be found with plain regular expressions and positions stay valid.
 */
export function maskQuery(q: string): string {
  const out = q.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let i = 0;
  while (i < q.length) {
    const c = q[i];
    if (c === '#') {
      const end = q.indexOf('\n', i);
      const stop = end < 0 ? q.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      const long = q.startsWith(c.repeat(3), i);
      const quote = long ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < q.length && !q.startsWith(quote, j)) {
        if (q[j] === '\\') j++;
        else if (!long && q[j] === '\n') break; // an unterminated short string: leave the rest to the engine
        j++;
      }
      const stop = Math.min(q.length, j + quote.length);
      blank(i, stop);
      i = stop;
    } else if (c === '<') {
      // An IRIREF has no spaces or quotes; anything else is the less-than operator.
      const m = /^<[^<>"{}|^`\\\s]*>/.exec(q.slice(i, i + 4096));
      if (m) {
        blank(i, i + m[0].length);
        i += m[0].length;
      } else i++;
    } else i++;
  }
  return out.join('');
}

export interface Prologue {
  /** The query form; 'update' for SPARQL Update operations, null when no form keyword follows the prologue. */
  form: QueryForm | 'update' | null;
  /** Prefix names the query declares itself ('' for the default prefix `PREFIX : <…>`). */
  declared: Set<string>;
}

const PROLOGUE_ITEM = /^\s*(?:BASE\s+<[^>]*>|PREFIX\s+([A-Za-z][\w.-]*)?:\s*<[^>]*>)/i;

/** The prologue's prefixes and the query form keyword after it (null for an update or garbage). */
export function readPrologue(q: string): Prologue {
  const masked = maskQuery(q);
  const declared = new Set<string>();
  // Read the prologue on the original text (IRIs intact) while skipping comments through the mask.
  let rest = q;
  let restMasked = masked;
  for (;;) {
    const lead = /^\s*/.exec(restMasked)![0].length;
    rest = rest.slice(lead);
    restMasked = restMasked.slice(lead);
    const m = PROLOGUE_ITEM.exec(rest);
    if (!m) break;
    if (m[0].toUpperCase().trimStart().startsWith('PREFIX')) declared.add(m[1] ?? '');
    rest = rest.slice(m[0].length);
    restMasked = restMasked.slice(m[0].length);
  }
  const kw = /^(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i.exec(restMasked);
  if (kw) return { form: kw[1].toLowerCase() as QueryForm, declared };
  const update = /^(INSERT|DELETE|WITH|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b/i.test(restMasked);
  return { form: update ? 'update' : null, declared };
}

export interface PreparedQuery {
  /** The text given to the engine. */
  text: string;
  form: Prologue['form'];
  /** Lines added in front of the user's text (to map error positions back). */
  addedLines: number;
}

/** The query with a PREFIX line for every project prefix it does not declare itself. */
export function withProjectPrefixes(q: string, prefixes: Readonly<Record<string, string>> = PREFIXES): PreparedQuery {
  const { form, declared } = readPrologue(q);
  const lines = Object.entries(prefixes)
    .filter(([p]) => !declared.has(p))
    .map(([p, ns]) => `PREFIX ${p}: <${ns}>`);
  return { text: lines.length ? lines.join('\n') + '\n' + q : q, form, addedLines: lines.length };
}

/** 1-based line and column (in code points, as the engine counts) of a UTF-16 index into the text. */
function positionAt(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: [...before.slice(before.lastIndexOf('\n') + 1)].length + 1 };
}

/** Prefixed names whose prefix is neither declared nor a project prefix, with their positions. */
export function unknownPrefixes(q: string, prefixes: Readonly<Record<string, string>> = PREFIXES): { prefix: string; line: number; column: number }[] {
  const masked = maskQuery(q);
  const { declared } = readPrologue(q);
  const out: { prefix: string; line: number; column: number }[] = [];
  // A prefixed name starts where no name character, variable sigil or '<' precedes it.
  const re = /(?<![\w?$.\-:])([A-Za-z][\w-]*(?:\.[\w-]+)*)?:(?=[^\s]|$)/g;
  for (const m of masked.matchAll(re)) {
    const p = m[1] ?? '';
    if (declared.has(p) || p in prefixes) continue;
    // The prologue's own `PREFIX x:` is a declaration, already in `declared`.
    out.push({ prefix: p, ...positionAt(masked, m.index!) });
  }
  return out;
}

const CLOSER: Record<string, string> = { '{': '}', '(': ')', '[': ']' };

/** The first unbalanced brace, parenthesis or bracket outside strings, IRIs and comments, as a QueryError. */
export function bracketError(q: string): QueryError | null {
  const masked = maskQuery(q);
  const stack: { ch: string; line: number; column: number }[] = [];
  let line = 1;
  let column = 0;
  for (const ch of masked) {
    if (ch === '\n') {
      line++;
      column = 0;
      continue;
    }
    column++;
    if (ch in CLOSER) stack.push({ ch, line, column });
    else if (ch === '}' || ch === ')' || ch === ']') {
      const open = stack.pop();
      if (!open) return new QueryError(`'${ch}' closes nothing`, line, column);
      if (CLOSER[open.ch] !== ch) return new QueryError(`'${ch}' where '${CLOSER[open.ch]}' should close the '${open.ch}' of line ${open.line}, column ${open.column}`, line, column);
    }
  }
  const open = stack.pop();
  return open ? new QueryError(`'${open.ch}' is never closed`, open.line, open.column) : null;
}

/** The user's text from a 1-based line and column (in code points, as the engine counts) to the end. */
function textAfter(text: string, line: number, column: number): string {
  const lines = text.split('\n');
  if (line > lines.length) return '';
  return [...lines[line - 1]].slice(column - 1).join('') + '\n' + lines.slice(line).join('\n');
}

/**
 * Prefixed names with an unescaped '/' in the local part (id:place/140930), with their positions. A '/'
 * followed by another prefixed name, an IRI, '^', '(' or 'a' is a property path (xc:holder/rdfs:label).
 */
function slashedNames(q: string): { name: string; prefix: string; local: string; line: number; column: number }[] {
  const masked = maskQuery(q);
  const out: { name: string; prefix: string; local: string; line: number; column: number }[] = [];
  for (const m of masked.matchAll(/(?<![\w?$.\-:\\])([A-Za-z][\w-]*)?:((?:[\w.\-%]|\\.)*)\/([^\s;,(){}<>^!|/*+?]*)/g)) {
    const tail = m[3];
    if (!tail || tail.includes(':') || tail === 'a') continue;
    out.push({ name: m[0], prefix: m[1] ?? '', local: `${m[2]}/${tail}`.replace(/\\(.)/g, '$1'), ...positionAt(masked, m.index!) });
  }
  return out;
}

const POSITION = /^error at (\d+):(\d+):\s*/;

/**
 * The engine's parse error as a QueryError positioned in the user's text: oxigraph reports
 * `error at L:C: …` counted in the text it was given, which has `addedLines` of prefixes in front.
 */
export function queryErrorOf(e: unknown, userText: string, addedLines: number): QueryError {
  const raw = String((e as Error)?.message ?? e);
  const oneLine = raw.replace(/\s*\n\s*/g, ' ').trim();
  const m = POSITION.exec(oneLine);
  if (!m) return new QueryError(oneLine);
  let reason = oneLine.slice(m[0].length);
  let line = Number(m[1]) - addedLines;
  let column = Number(m[2]);
  // An undeclared prefix is the likeliest cause whatever the engine says (its message then lists every
  // token it would have accepted), so it is reported first, at the prefix's own position.
  const unknown = unknownPrefixes(userText)[0];
  if (unknown) {
    const known = Object.keys(PREFIXES).join(', ');
    return new QueryError(`unknown prefix '${unknown.prefix}:' (declare it with PREFIX, or use one of: ${known})`, unknown.line, unknown.column);
  }
  // Our entity IRIs have '/' in their path (id:place/140930, as tables print them), which a prefixed name
  // cannot hold unescaped: the engine then stops at the '/' with a list of unrelated keywords.
  const slashed = slashedNames(userText)[0];
  if (slashed) {
    const full = (PREFIXES[slashed.prefix] ?? '') + slashed.local;
    return new QueryError(
      `'${slashed.name}': a prefixed name cannot contain '/'; write ${slashed.name.replace(/\//g, '\\/')} or <${full}>`,
      slashed.line,
      slashed.column,
    );
  }
  // Unbalanced brackets are certain and the engine reports them late: name the one left open or unmatched.
  const bracket = bracketError(userText);
  if (bracket) return bracket;
  if (line < 1) {
    // Inside the added prologue: cannot happen for well-formed prefixes, but never report a negative line.
    line = 1;
    column = 1;
  }
  if (reason.length > 300) reason = reason.slice(0, 297) + '…';
  // Nothing but blanks after the position: the engine ran off the end of the query.
  if (textAfter(userText, line, column).trim() === '') reason = `unexpected end of query: ${reason}`;
  return new QueryError(reason, line, column);
}
