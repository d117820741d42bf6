// **iri** — IRIs of entities, articles, named graphs and text spans, minted from keys and document ids.
import { GRAPH, ID } from './namespaces.ts';

// What an IRI path segment may hold unescaped (RFC 3987 ipchar): unreserved ASCII, sub-delims, ':' '@',
// and the non-ASCII `ucschar` ranges, so CJK stays readable. Everything else — spaces, <>"{}|\^`,
// '%' (so the mapping stays one-to-one), '?' and '#' (they would end the path), controls,
// surrogates, noncharacters and Unicode spaces such as U+3000 — is percent-encoded as UTF-8.
const ASCII_OK = /[A-Za-z0-9\-._~!$&'()*+,;=:@]/;
function isUcschar(cp: number): boolean {
  return (
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xf900 && cp <= 0xfdcf) ||
    (cp >= 0xfdf0 && cp <= 0xffef) ||
    (cp >= 0x10000 && cp <= 0xdfffd && (cp & 0xfffe) !== 0xfffe) ||
    (cp >= 0xe1000 && cp <= 0xefffd)
  );
}
const UNICODE_SPACE = /\s/u;

function encodeChar(ch: string): string {
  return [...new TextEncoder().encode(ch)].map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join('');
}

/** Percent-encodes one path segment, keeping CJK and everything else an IRI allows. */
export function encodeSegment(segment: string): string {
  // '.' and '..' would be removed as dot segments when a reader resolves the IRI.
  if (segment === '.' || segment === '..') return segment.replace(/\./g, '%2E');
  let out = '';
  for (const ch of segment) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80 ? ASCII_OK.test(ch) : isUcschar(cp) && !UNICODE_SPACE.test(ch)) out += ch;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '%EF%BF%BD'; // a lone surrogate has no UTF-8 form: U+FFFD
    else out += encodeChar(ch);
  }
  return out;
}

/** Encodes a key path segment by segment; '/' separates segments and is kept. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeSegment).join('/');
}

/** IRI of an entity (or any resource) from its key: `place/140930` → `https://w3id.org/xiangcun-kg/id/place/140930`. */
export function entityIri(key: string): string {
  return ID + encodePath(key);
}

/** IRI of the article node of a document. */
export function articleIri(docId: string): string {
  return ID + 'article/' + encodeSegment(docId);
}

/** Named graph holding the facts one article states: `…/graph/article/<docId>`. */
export function articleGraphIri(docId: string): string {
  return GRAPH + 'article/' + encodeSegment(docId);
}

/** Named graph holding what the gazetteer says (parents of places, division codes, unmentioned places). */
export const GAZETTEER_GRAPH = GRAPH + 'gazetteer';

/** The NIF context (the decoded input text) of a document: `…/id/text/<docId>`. */
export function contextIri(docId: string): string {
  return ID + 'text/' + encodeSegment(docId);
}

/**
 * A NIF string of the document, named by the RFC 5147 fragment NIF uses:
 * `…/id/text/<docId>#char=<begin>,<end>`, offsets in code points of the decoded input.
 */
export function spanIri(docId: string, begin: number, end: number): string {
  return `${contextIri(docId)}#char=${begin},${end}`;
}

/** A position node: `…/id/position/<docId>/<hash>`. */
export function positionIri(docId: string, hash: string): string {
  return `${ID}position/${encodeSegment(docId)}/${hash}`;
}

/** A relation's evidence node: `…/id/evidence/<docId>/<hash>`. */
export function evidenceIri(docId: string, hash: string): string {
  return `${ID}evidence/${encodeSegment(docId)}/${hash}`;
}

/** Inverse of entityIri for IRIs below the id base; null for others. */
export function keyOf(iri: string): string | null {
  if (!iri.startsWith(ID)) return null;
  try {
    return decodeURIComponent(iri.slice(ID.length));
  } catch {
    return null;
  }
}
