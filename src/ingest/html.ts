// **html** — an HTML page to its visible text, with each text character mapped back to the page source.

import { Parser } from 'htmlparser2';
import type { Span } from '../types.ts';
import { FURNITURE_CLASS, FURNITURE_ELEMENTS } from './furniture.ts';

export interface HtmlText {
  /** Visible text: block elements end lines, runs of HTML whitespace become one space. */
  text: string;
  /** sourceOffsets[i] = index in the HTML string of text[i]; the extra last entry is html.length. */
  sourceOffsets: Int32Array;
  /** Text of <title>, entities decoded, whitespace collapsed. */
  title?: string;
  /** <meta> content keyed by lower-cased `name` or `property` (articletitle, pubdate, og:title…); first one wins. */
  metas: Record<string, string>;
  /** Text ranges that came from navigation, share widgets or footers (<nav>, class="breadcrumb"…). */
  furniture: Span[];
}

// Elements whose content is never shown. <head> goes too; <title> and <meta> are read for metadata.
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'object', 'svg', 'canvas', 'select', 'textarea']);

// Elements that start and end a line in a rendered page. Table cells count: portals lay out
// label/value pairs (索引号 | …) in cells, and one per line is how scraped text shows them.
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'center', 'dd', 'details', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li',
  'main', 'nav', 'ol', 'option', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead',
  'tr', 'ul', 'html',
]);

const isHtmlSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c;
// CJK and full-width characters. A line break in the source between two of them renders as
// nothing, not a space (CSS Text, segment break transformation): 张乃⏎田 must stay 张乃田.
const isWide = (c: number) =>
  (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x3000 && c <= 0x303f);

/** Extract the visible text of `html`. Never throws: htmlparser2 recovers from any markup. */
export function htmlToText(html: string): HtmlText {
  // UTF-16 code units and their source offsets, built side by side (a string built by += and
  // trimmed by slice would be re-flattened on every trim).
  const out: number[] = [];
  const offsets: number[] = [];
  const metas: Record<string, string> = {};
  let title: string | undefined;

  // One frame per open element.
  const stack: { name: string; hidden: boolean; furniture: boolean }[] = [];
  const furniture: Span[] = [];
  let hiddenDepth = 0;
  let furnitureDepth = 0;
  let furnitureStart = 0;
  let preDepth = 0;
  let inTitle = false;
  let titleText = '';
  let pendingSpace = -1; // source offset of a whitespace run not yet written
  let spaceHadNewline = false;
  let lastEntityStart = 0;

  const emit = (code: number, at: number) => {
    out.push(code);
    offsets.push(at);
  };
  const last = () => (out.length > 0 ? out[out.length - 1] : -1);
  const lineBreak = (at: number) => {
    pendingSpace = -1;
    // Trailing spaces before a line end carry nothing.
    while (last() === 0x20) {
      out.pop();
      offsets.pop();
    }
    if (out.length > 0 && last() !== 0x0a) emit(0x0a, at);
  };
  const atLineStart = () => out.length === 0 || last() === 0x0a;

  const parser: Parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'meta') {
          const key = (attribs.name ?? attribs.property ?? attribs.itemprop ?? '').trim().toLowerCase();
          if (key && attribs.content !== undefined && !(key in metas)) metas[key] = attribs.content.trim();
        }
        if (name === 'title' && title === undefined) inTitle = true;
        const hidden =
          HIDDEN.has(name) ||
          attribs.hidden !== undefined ||
          /display\s*:\s*none|visibility\s*:\s*hidden/i.test(attribs.style ?? '');
        const isFurniture =
          FURNITURE_ELEMENTS.has(name) || FURNITURE_CLASS.test(attribs.class ?? '') || FURNITURE_CLASS.test(attribs.id ?? '');
        stack.push({ name, hidden, furniture: isFurniture });
        if (hidden) hiddenDepth++;
        if (isFurniture && furnitureDepth++ === 0) furnitureStart = out.length;
        if (name === 'pre') preDepth++;
        if (hiddenDepth === 0 && BLOCK.has(name)) lineBreak(parser.startIndex);
      },
      onclosetag(name) {
        // htmlparser2 closes every element it opened (implied ends included), so frames pair up.
        const frame = stack.pop();
        if (!frame) return;
        if (frame.name === 'title' && inTitle) {
          inTitle = false;
          const t = titleText.replace(/\s+/g, ' ').trim();
          if (t) title = t;
        }
        if (frame.hidden) hiddenDepth--;
        if (frame.name === 'pre') preDepth--;
        if (hiddenDepth === 0 && BLOCK.has(name)) lineBreak(parser.startIndex);
        if (frame.furniture && --furnitureDepth === 0) {
          const start = Math.min(furnitureStart, out.length);
          if (out.length > start) furniture.push({ start, end: out.length });
        }
      },
      ontext(data) {
        if (inTitle) titleText += data;
        if (hiddenDepth > 0) return;
        let start = parser.startIndex;
        const end = parser.endIndex + 1;
        // Literal text arrives verbatim; an entity reference arrives alone, decoded. Every character
        // of a decoded reference maps to the reference's '&'. A reference that decodes to two code
        // points arrives as two calls, the second with an empty source range.
        const literal = end - start === data.length && html.startsWith(data, start);
        if (!literal) {
          if (end <= start) start = lastEntityStart;
          lastEntityStart = start;
        }
        for (let k = 0; k < data.length; k++) {
          const at = literal ? start + k : start;
          const c = data.charCodeAt(k);
          if (preDepth > 0) {
            if (c === 0x0d) continue;
            emit(c, at);
          } else if (isHtmlSpace(c)) {
            if (pendingSpace < 0 && !atLineStart()) {
              pendingSpace = at;
              spaceHadNewline = false;
            }
            if (c === 0x0a || c === 0x0d) spaceHadNewline = true;
          } else {
            if (pendingSpace >= 0 && !(spaceHadNewline && isWide(last()) && isWide(c))) emit(0x20, pendingSpace);
            pendingSpace = -1;
            emit(c, at);
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  lineBreak(html.length);
  // Drop the final newline so the text ends with its last visible character.
  while (last() === 0x0a) {
    out.pop();
    offsets.pop();
  }
  offsets.push(html.length);
  let text = '';
  for (let i = 0; i < out.length; i += 8192) text += String.fromCharCode(...out.slice(i, i + 8192));
  const clipped = furniture
    .map((f) => ({ start: Math.min(f.start, text.length), end: Math.min(f.end, text.length) }))
    .filter((f) => f.end > f.start);
  return { text, sourceOffsets: Int32Array.from(offsets), title, metas, furniture: clipped };
}
