// **read** — the bytes of an input article, its hashes, and its Document: a file is ingested as it is; a JSON Lines
// record is ingested from its `text`, its other fields filling in what the text does not print.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Document } from '../types.ts';
import { decode, ingestBytes, ingestText, IngestError, documentId } from '../ingest/index.ts';
import { nameId } from '../ingest/id.ts';
import type { ArticleInput } from './inputs.ts';

/** Articles are a few thousand characters; anything this large is not one. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

/** The raw content of an input: the file's bytes, or the record's text as UTF-8. Throws with a one-line reason. */
export function inputBytes(input: ArticleInput, maxBytes = DEFAULT_MAX_BYTES): Uint8Array {
  if (input.kind === 'jsonl') return Buffer.from(input.record.text, 'utf8');
  let size: number;
  try {
    const st = statSync(input.path);
    if (!st.isFile()) throw new Error('not a regular file');
    size = st.size;
  } catch (e) {
    throw new Error((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'cannot read the file (no such file or not readable)' : `cannot read the file (${(e as Error).message})`);
  }
  if (size > maxBytes) throw new Error(`file is ${mb(size)}, over the ${mb(maxBytes)} limit for one article (--max-bytes to raise it)`);
  return readFileSync(input.path);
}

const NEWLINE = 0x0a;
// The small header articles may open with (`title: …`, `source: …`, `date: …`, `url: …`): it differs between two
// printings of one text, so it is left out of the text hash. ASCII keys, so the test works on GB18030 bytes too.
const HEADER_LINE = /^\s*(title|source|date|url)\s*:/i;

/** Hash of the text an article prints, its header left out: two printings of one text have the same. */
export function textHash(bytes: Uint8Array): string {
  let at = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) at = 3; // a UTF-8 BOM
  for (;;) {
    const end = bytes.indexOf(NEWLINE, at);
    const line = Buffer.from(bytes.subarray(at, end < 0 ? bytes.length : end)).toString('latin1');
    if (end < 0 || !(HEADER_LINE.test(line) || (at > 0 && !line.trim()))) break;
    at = end + 1;
  }
  return createHash('sha256').update(bytes.subarray(at)).digest('hex');
}

/** Hash of everything an input brings to its graph: content, reference and record fields. */
export function inputHash(input: ArticleInput, bytes: Uint8Array): string {
  const h = createHash('sha256').update(input.ref).update('\u0000');
  if (input.kind === 'jsonl') h.update(JSON.stringify({ ...input.record, text: undefined })).update('\u0000');
  return h.update(bytes).digest('hex');
}

/** A record's name: its `id`, else the file's and the line's. */
const recordName = (input: ArticleInput & { kind: 'jsonl' }) => input.record.id ?? `${basename(input.path).replace(/\.(jsonl|ndjson)(\.gz)?$/i, '')}-${input.line}`;

/**
 * The id readArticle gives an input's Document (before the build tells apart inputs that share it), or null for a
 * file that cannot be decoded (it fails when read). A file name without letters or digits costs a decoding here.
 */
export function candidateId(input: ArticleInput, bytes: Uint8Array): string | null {
  if (input.kind === 'jsonl') return documentId(`${recordName(input)}.txt`, input.record.text);
  const named = nameId(input.path);
  if (named) return named;
  try {
    return documentId(input.path, decode(bytes, input.path).text);
  } catch {
    return null;
  }
}

/** The Document of an input, from its bytes. Throws IngestError or Error with a one-line reason. */
export function readArticle(input: ArticleInput, bytes: Uint8Array, maxBytes = DEFAULT_MAX_BYTES): Document {
  if (input.kind === 'file') return ingestBytes(bytes, input.path, { maxBytes });
  const r = input.record;
  const name = recordName(input);
  // ingestText names the document by its path: give it the record's id, then record where it really came from.
  const doc = ingestText(r.text, `${name}.txt`);
  doc.id = documentId(`${name}.txt`, r.text);
  doc.path = input.ref;
  const meta = doc.meta;
  if (!meta.title && r.title) meta.title = r.title;
  if (!meta.published && r.date && /^\d{4}-\d{2}-\d{2}/.test(r.date)) meta.published = r.date.slice(0, 10);
  if (!meta.url && r.url) meta.url = r.url;
  if (!meta.source && (r.source || r.page)) meta.source = r.source ?? r.page;
  return doc;
}

/** One line for a failure: ingest errors already name the input, others get it prefixed by the caller. */
export const failureReason = (e: unknown): string => {
  const msg = String((e as Error)?.message ?? e).split('\n')[0];
  // An ingest error opens with the path it was given (`path: reason`): the caller names the input itself.
  if (e instanceof IngestError) return msg.startsWith(`${e.path || '(unnamed input)'}: `) ? msg.slice((e.path || '(unnamed input)').length + 2) : msg;
  return msg;
};
