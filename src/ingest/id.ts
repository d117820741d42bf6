// **id** — a document's stable id from its file name, safe as an IRI local part.

import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';

/**
 * The file's base name without extension, every character outside [A-Za-z0-9_.-] replaced by `_`
 * (one `_` per character, so 乡村振兴.txt → `____`). When nothing meaningful is left (no letter or
 * digit: an empty path, a name of only Chinese characters or dots), a short hash of the content
 * is used instead, so distinct inputs still get distinct ids.
 */
export function documentId(path: string, content: string): string {
  return nameId(path) ?? `doc-${createHash('sha256').update(content).digest('hex').slice(0, 12)}`;
}

/** The id the file name gives, or null when it gives none (the id is then a hash of the content). */
export function nameId(path: string): string | null {
  const base = basename(path.replace(/\\/g, '/'));
  const stem = extname(base) && extname(base) !== base ? base.slice(0, -extname(base).length) : base;
  const safe = Array.from(stem, (ch) => (/^[A-Za-z0-9_.-]$/.test(ch) ? ch : '_')).join('');
  return /[A-Za-z0-9]/.test(safe) ? safe : null;
}
