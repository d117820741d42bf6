// **terms** — the plain-data RDF terms of query results, and their conversion to JS values and to result syntaxes.
import { XSD } from '../rdf/namespaces.ts';

/**
 * One RDF term of a result row, as plain data (it mirrors a binding of the SPARQL 1.1 JSON results format).
 * Literals keep their language tag (`"局长"@zh` → `{ type: 'literal', value: '局长', lang: 'zh' }`) or their
 * datatype when it is not xsd:string; blank node values are labels without `_:`.
 */
export interface Term {
  type: 'iri' | 'literal' | 'bnode' | 'triple';
  value: string;
  lang?: string;
  datatype?: string;
}

/** A solution: variable name (without `?`) → term. Unbound variables are absent. */
export type Row = Record<string, Term>;

/** What `plain` turns a term into: see plainValue. */
export type PlainValue = string | number | boolean | Date;
export type PlainRow = Record<string, PlainValue | undefined>;

const XSD_STRING = XSD + 'string';
const LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

// Numeric datatypes (xsd:decimal and everything derived from it, plus the two floating types).
const NUMERIC = new Set(
  [
    'integer', 'decimal', 'double', 'float', 'int', 'long', 'short', 'byte',
    'nonNegativeInteger', 'positiveInteger', 'nonPositiveInteger', 'negativeInteger',
    'unsignedLong', 'unsignedInt', 'unsignedShort', 'unsignedByte',
  ].map((l) => XSD + l),
);

/** True for a literal of an XML Schema numeric datatype. */
export function isNumeric(t: Term): boolean {
  return t.type === 'literal' && !!t.datatype && NUMERIC.has(t.datatype);
}

function toNumber(lexical: string): number {
  const s = lexical.trim();
  if (s === 'INF' || s === '+INF') return Infinity;
  if (s === '-INF') return -Infinity;
  return Number(s); // 'NaN' reads as NaN too
}

// A dateTime with a zone names one instant; without one, a Date would silently assume the machine's zone.
const ZONED = /(Z|[+-]\d{2}:\d{2})$/;

/**
 * A term as the JS value a script wants: IRIs as strings, blank nodes as `_:label`, xsd numeric literals
 * as numbers, xsd:boolean as a boolean, xsd:dateTime with a time zone as a Date, every other literal
 * (xsd:date included, which has no instant) as its lexical form; language tags are dropped (use the Term for them).
 */
export function plainValue(t: Term): PlainValue {
  if (t.type === 'bnode') return '_:' + t.value;
  if (t.type !== 'literal' || !t.datatype) return t.value;
  if (NUMERIC.has(t.datatype)) return toNumber(t.value);
  if (t.datatype === XSD + 'boolean') return t.value === 'true' || t.value === '1';
  if (t.datatype === XSD + 'dateTime' && ZONED.test(t.value)) {
    const d = new Date(t.value);
    return Number.isNaN(d.getTime()) ? t.value : d;
  }
  return t.value;
}

/** Every bound variable of a row through plainValue. */
export function plainRow(row: Row): PlainRow {
  const out: PlainRow = {};
  for (const k in row) out[k] = plainValue(row[k]);
  return out;
}

// ---------------------------------------------------------------- SPARQL 1.1 JSON results

/** A binding as the SPARQL 1.1 Query Results JSON format writes it. */
export interface JsonTerm {
  type: 'uri' | 'literal' | 'bnode' | 'triple';
  value: string | unknown;
  'xml:lang'?: string;
  datatype?: string;
}

/** A binding of the JSON results format to a Term; xsd:string and rdf:langString datatypes are left implicit. */
export function fromJsonTerm(j: JsonTerm): Term {
  const type = j.type === 'uri' ? 'iri' : j.type;
  // RDF-star triples carry an object as value; keep them readable rather than typed.
  const value = typeof j.value === 'string' ? j.value : JSON.stringify(j.value);
  const t: Term = { type, value };
  if (j['xml:lang']) t.lang = j['xml:lang'];
  else if (j.datatype && j.datatype !== XSD_STRING && j.datatype !== LANG_STRING) t.datatype = j.datatype;
  return t;
}

/** A Term back to a JSON results binding. */
export function toJsonTerm(t: Term): JsonTerm {
  const j: JsonTerm = { type: t.type === 'iri' ? 'uri' : t.type, value: t.value };
  if (t.lang) j['xml:lang'] = t.lang;
  else if (t.datatype) j.datatype = t.datatype;
  return j;
}

// ---------------------------------------------------------------- Turtle / SPARQL term syntax

// Escapes of a single-quoted Turtle string: the TSV format forbids raw tabs and newlines inside terms.
const STRING_ESCAPES: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f' };
// Characters an IRIREF may not hold raw (controls, space, <>"{}|^`\): written as \u escapes.
const IRI_UNSAFE = /[\u0000-\u0020<>"{}|^`\\]/g;

// Lexical forms Turtle can write bare, by datatype; others keep the "…"^^<datatype> form.
const BARE_NUMBER: Record<string, RegExp> = {
  [XSD + 'integer']: /^[+-]?\d+$/,
  [XSD + 'decimal']: /^[+-]?\d*\.\d+$/,
  [XSD + 'double']: /^[+-]?(\d+\.\d*|\.\d+|\d+)[eE][+-]?\d+$/,
};

export function iriSyntax(iri: string): string {
  return '<' + iri.replace(IRI_UNSAFE, (c) => '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')) + '>';
}

export function stringSyntax(s: string): string {
  return '"' + s.replace(/[\t\n\r"\\\b\f]/g, (c) => STRING_ESCAPES[c]) + '"';
}

/** A term in SPARQL/Turtle syntax, single-line: <iri>, "v"@lang, "v"^^<dt>, 12, _:b0. */
export function termSyntax(t: Term): string {
  if (t.type === 'iri') return iriSyntax(t.value);
  if (t.type === 'bnode') return '_:' + t.value;
  if (t.type === 'triple') return t.value;
  if (t.lang) return stringSyntax(t.value) + '@' + t.lang;
  if (!t.datatype) return stringSyntax(t.value);
  if (BARE_NUMBER[t.datatype]?.test(t.value)) return t.value;
  return stringSyntax(t.value) + '^^' + iriSyntax(t.datatype);
}

// ---------------------------------------------------------------- reading TSV results

// oxigraph writes TSV results faster than JSON (a third to half the time on large results); TSV is
// lossless here because the engine already stores every integer type as xsd:integer, which is what a
// bare number reads back as.
const UNESCAPE: Record<string, string> = { t: '\t', b: '\b', n: '\n', r: '\r', f: '\f', '"': '"', "'": "'", '\\': '\\' };

function unescapeString(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (_, e: string) =>
    e.length > 1 ? String.fromCodePoint(parseInt(e.slice(1), 16)) : (UNESCAPE[e] ?? e),
  );
}

/** One field of a TSV results row, in SPARQL term syntax, as a Term. */
export function parseTermSyntax(f: string): Term {
  const c = f[0];
  if (c === '<') return f[1] === '<' ? { type: 'triple', value: f } : { type: 'iri', value: f.slice(1, -1) };
  if (c === '_') return { type: 'bnode', value: f.slice(2) };
  if (c === '"' || c === "'") {
    let i = 1;
    while (i < f.length && f[i] !== c) i += f[i] === '\\' ? 2 : 1;
    const t: Term = { type: 'literal', value: unescapeString(f.slice(1, i)) };
    const rest = f.slice(i + 1);
    if (rest.startsWith('@')) t.lang = rest.slice(1);
    else if (rest.startsWith('^^<')) {
      const dt = rest.slice(3, -1);
      if (dt !== XSD_STRING && dt !== LANG_STRING) t.datatype = dt;
    }
    return t;
  }
  if (f === 'true' || f === 'false') return { type: 'literal', value: f, datatype: XSD + 'boolean' };
  const datatype = /^[+-]?\d+$/.test(f) ? 'integer' : /[eE]/.test(f) ? 'double' : 'decimal';
  return { type: 'literal', value: f, datatype: XSD + datatype };
}

/** SPARQL TSV results → variables and rows; null when there is no variable (a row count TSV cannot carry). */
export function parseTsvResults(tsv: string): { vars: string[]; rows: Row[] } | null {
  const nl = tsv.indexOf('\n');
  const header = nl < 0 ? tsv : tsv.slice(0, nl);
  if (!header) return null;
  const vars = header.split('\t').map((v) => v.slice(1));
  const body = nl < 0 ? '' : tsv.slice(nl + 1);
  // Every row ends with a newline, so an empty line is a row with nothing bound.
  const lines = body ? body.slice(0, body.endsWith('\n') ? -1 : undefined).split('\n') : [];
  const rows = lines.map((line) => {
    const row: Row = {};
    const fields = line.split('\t');
    for (let i = 0; i < vars.length; i++) if (fields[i]) row[vars[i]] = parseTermSyntax(fields[i]);
    return row;
  });
  return { vars, rows };
}
