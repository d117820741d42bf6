// **format** — SELECT results as an aligned text table (CJK-aware), SPARQL 1.1 JSON, or the W3C CSV and TSV results formats.
import { PREFIXES } from '../rdf/namespaces.ts';
import { displayWidth, padEnd, truncate } from './width.ts';
import { isNumeric, termSyntax, toJsonTerm, type Row, type Term } from './terms.ts';

/** What the formatters need of a SELECT result. */
export interface Table {
  vars: string[];
  rows: Row[];
}

// Longest namespace first, so `id:` wins over a shorter namespace that happens to prefix it.
const NAMESPACES = Object.entries(PREFIXES).sort((a, b) => b[1].length - a[1].length);

/**
 * A term as a person reads it in a table: IRIs shortened with the project prefixes (`id:place/140930`,
 * a display form only: not always valid SPARQL), literals as their text, blank nodes as `_:label`.
 */
export function displayTerm(t: Term): string {
  if (t.type === 'iri') {
    for (const [p, ns] of NAMESPACES) if (t.value.startsWith(ns) && t.value.length > ns.length) return `${p}:${t.value.slice(ns.length)}`;
    return `<${t.value}>`;
  }
  if (t.type === 'bnode') return '_:' + t.value;
  return t.value;
}

// Tabs and line breaks would break the grid: shown as visible escapes.
const cellText = (s: string) => s.replace(/\r\n|[\r\n]/g, '\\n').replace(/\t/g, ' ');

export interface TableOptions {
  /** Cut cells wider than this many columns with '…' (0 = never). */
  maxWidth?: number;
  /** Add a last line with the number of rows. Default true. */
  count?: boolean;
}

/**
 * An aligned table: a header of variable names, a rule, one line per row. Widths are counted in terminal
 * columns (a Chinese character takes two), numeric columns are right-aligned, unbound cells are empty.
 */
export function formatTable(t: Table, options: TableOptions = {}): string {
  const max = options.maxWidth ?? 0;
  const fit = (s: string) => (max > 0 ? truncate(s, max) : s);
  const cells = t.rows.map((r) => t.vars.map((v) => (r[v] ? fit(cellText(displayTerm(r[v]))) : '')));
  const widths = t.vars.map((v, i) => Math.max(displayWidth(v), ...cells.map((c) => displayWidth(c[i]))));
  // A column is numeric when every bound value in it is an xsd number.
  const numeric = t.vars.map((v) => t.rows.some((r) => r[v]) && t.rows.every((r) => !r[v] || isNumeric(r[v])));
  const line = (cols: string[]) =>
    cols
      .map((c, i) => (numeric[i] ? ' '.repeat(widths[i] - displayWidth(c)) + c : i === cols.length - 1 ? c : padEnd(c, widths[i])))
      .join('  ')
      .trimEnd();
  const out = [line(t.vars), widths.map((w) => '-'.repeat(Math.max(w, 1))).join('  '), ...cells.map(line)];
  if (options.count ?? true) out.push(`(${t.rows.length} ${t.rows.length === 1 ? 'row' : 'rows'})`);
  return out.join('\n') + '\n';
}

/** SPARQL 1.1 Query Results JSON (application/sparql-results+json). */
export function formatJson(t: Table): string {
  const bindings = t.rows.map((r) => {
    const b: Record<string, unknown> = {};
    for (const v of t.vars) if (r[v]) b[v] = toJsonTerm(r[v]);
    return b;
  });
  return JSON.stringify({ head: { vars: t.vars }, results: { bindings } }, null, 2) + '\n';
}

/** The JSON results form of an ASK answer. */
export function formatAskJson(answer: boolean): string {
  return JSON.stringify({ head: {}, boolean: answer }, null, 2) + '\n';
}

// RFC 4180: a field holding a quote, comma or line break is quoted, with quotes doubled.
const csvField = (s: string) => (/[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s);

/**
 * SPARQL 1.1 Query Results CSV: a header of variable names (no `?`), each term as its plain string
 * (IRIs bare, literals without language or datatype, blank nodes `_:label`), CRLF line ends.
 */
export function formatCsv(t: Table): string {
  const lines = [t.vars.map(csvField).join(',')];
  for (const r of t.rows) lines.push(t.vars.map((v) => (r[v] ? csvField(r[v].type === 'bnode' ? '_:' + r[v].value : r[v].value) : '')).join(','));
  return lines.join('\r\n') + '\r\n';
}

/**
 * SPARQL 1.1 Query Results TSV: a header of `?var`s, each term in SPARQL/Turtle syntax on one line
 * (tabs and newlines escaped inside literals, bare numbers for xsd:integer/decimal/double), LF line ends.
 */
export function formatTsv(t: Table): string {
  const lines = [t.vars.map((v) => '?' + v).join('\t')];
  for (const r of t.rows) lines.push(t.vars.map((v) => (r[v] ? termSyntax(r[v]) : '')).join('\t'));
  return lines.join('\n') + '\n';
}

export type ResultFormat = 'table' | 'json' | 'csv' | 'tsv';
export const RESULT_FORMATS: ResultFormat[] = ['table', 'json', 'csv', 'tsv'];

export function formatSelect(t: Table, format: ResultFormat, options: TableOptions = {}): string {
  switch (format) {
    case 'json':
      return formatJson(t);
    case 'csv':
      return formatCsv(t);
    case 'tsv':
      return formatTsv(t);
    default:
      return formatTable(t, options);
  }
}
