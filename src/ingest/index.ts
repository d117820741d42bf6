// **ingest** — the first stage: a file (bytes) in, a Document out: metadata, furniture, sentences,
// and offsets that always lead back to the original input.
//
// Offsets. For plain text, Document.text IS the decoded input (nothing is normalized) and
// sourceOffsets is null: offsets are identity. A UTF-8 byte-order mark is not part of the decoded
// text, so offsets count from the character after it (encoding 'utf-8-bom' says one was there).
// For HTML, Document.text is the visible text and sourceOffsets maps each of its characters to
// its index in the decoded page (an entity reference maps to its '&').

import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { DecodingDamage, Document, Encoding, InputFormat } from '../types.ts';
import { decode, repairControls } from './decode.ts';
import { IngestError } from './errors.ts';
import { htmlToText } from './html.ts';
import { documentId } from './id.ts';
import { layout } from './layout.ts';

export { decode, type Decoded, MAX_CONTROL_SHARE, MAX_DAMAGED_SHARE } from './decode.ts';
export { documentWarnings } from './warnings.ts';
export { IngestError, type IngestErrorReason } from './errors.ts';
export { documentId } from './id.ts';
export { htmlToText, type HtmlText } from './html.ts';
export { splitSentences, MAX_SENTENCE } from './sentences.ts';

export interface IngestOptions {
  /** Largest file accepted, in bytes; default 20 MB. Checked with stat before a file is read. */
  maxBytes?: number;
  /** Skip format detection (by extension, then by content). */
  format?: InputFormat;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

const HTML_EXTENSIONS = new Set(['.html', '.htm', '.shtml', '.xhtml', '.asp', '.aspx', '.jsp', '.php']);
const HTML_START = /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|<title[\s>]|<!--)/i;

/** `html` for page extensions or text that opens like a page; `text` otherwise. */
export function detectFormat(path: string, text: string): InputFormat {
  if (HTML_EXTENSIONS.has(extname(path).toLowerCase())) return 'html';
  return HTML_START.test(text.slice(0, 1024)) ? 'html' : 'text';
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Read the file at `path` and ingest it. Throws IngestError for empty, binary, oversize or textless files. */
export function ingestFile(path: string, options: IngestOptions = {}): Document {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new IngestError(path, 'unreadable', 'not a regular file');
    size = st.size;
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw new IngestError(path, 'unreadable', `cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  // Refuse before reading: a 50 MB dump should cost a stat, not 50 MB of memory.
  if (size > max) throw new IngestError(path, 'too-large', `file is ${mb(size)}, over the ${mb(max)} limit (raise options.maxBytes to allow it)`);
  if (size === 0) throw new IngestError(path, 'empty', 'empty file (0 bytes)');
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new IngestError(path, 'unreadable', `cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return ingestBytes(bytes, path, options);
}

/** Ingest bytes already in memory; `path` names the document (its id) and hints at the format. */
export function ingestBytes(bytes: Uint8Array, path: string, options: IngestOptions = {}): Document {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > max) throw new IngestError(path, 'too-large', `input is ${mb(bytes.length)}, over the ${mb(max)} limit (raise options.maxBytes to allow it)`);
  if (bytes.length === 0) throw new IngestError(path, 'empty', 'empty file (0 bytes)');
  const { text, encoding, damage } = decode(bytes, path);
  return build(text, encoding, path, options.format, damage);
}

/**
 * Ingest a string already decoded (tests, `xckg recognize` on stdin). A leading U+FEFF is dropped like
 * a BOM; lone surrogates and stray control characters become U+FFFD, as in decoded bytes.
 */
export function ingestText(text: string, path: string, options: Pick<IngestOptions, 'format'> = {}): Document {
  const bom = text.charCodeAt(0) === 0xfeff;
  const encoding: Encoding = bom ? 'utf-8-bom' : 'utf-8';
  const repaired = repairControls(bom ? text.slice(1) : text, encoding, 0);
  return build(repaired.text, encoding, path, options.format, repaired.damage);
}

function build(decoded: string, encoding: Encoding, path: string, format?: InputFormat, damage?: DecodingDamage): Document {
  if (!/\S/.test(decoded)) throw new IngestError(path, 'empty', 'empty file (only whitespace)');
  const fmt = format ?? detectFormat(path, decoded);
  let text = decoded;
  let sourceOffsets: Int32Array | null = null;
  let result;
  if (fmt === 'html') {
    const page = htmlToText(decoded);
    if (!/\S/.test(page.text)) throw new IngestError(path, 'no-text', 'HTML page has no visible text');
    text = page.text;
    sourceOffsets = page.sourceOffsets;
    result = layout(text, { format: fmt, htmlTitle: page.title, metas: page.metas, furniture: page.furniture });
  } else {
    result = layout(text, { format: fmt });
  }
  return {
    id: documentId(path, decoded),
    path,
    encoding,
    format: fmt,
    text,
    ...(fmt === 'html' ? { input: decoded } : {}),
    sourceOffsets,
    meta: result.meta,
    furniture: result.furniture,
    sentences: result.sentences,
    ...(damage ? { damage } : {}),
    dropped: result.dropped,
  };
}

/**
 * Promise-returning form of ingestFile, kept for callers written against the earlier draft of this
 * stage (src/cli/build.ts). Same checks, same result.
 */
export async function readDocument(path: string, options: IngestOptions = {}): Promise<Document> {
  return ingestFile(path, options);
}
