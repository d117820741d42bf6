// **warnings** — what a Document's input lost or repeated, as one-line messages a batch log can print.
import type { Document } from '../types.ts';

/** Repeated text is worth a word when it is this share of the file and more than a heading or two. */
const NOTABLE_REPEAT_SHARE = 0.25;
const NOTABLE_REPEAT_CHARACTERS = 200;

/**
 * Warnings about one Document, each a line naming its file: damage repaired while decoding, and
 * repeated text dropped as furniture (the same article pasted several times gives one copy's graph).
 * Ordinary furniture (navigation, widgets) is counted on the Document but is no cause for a warning.
 */
export function documentWarnings(doc: Document): string[] {
  const out: string[] = [];
  const name = doc.path || doc.id;
  const d = doc.damage;
  if (d) {
    const parts = [
      d.invalidSequences ? `${d.invalidSequences} broken byte sequence${d.invalidSequences === 1 ? '' : 's'}` : '',
      d.controlCharacters ? `${d.controlCharacters} control byte${d.controlCharacters === 1 ? '' : 's'}` : '',
    ].filter(Boolean);
    out.push(`${name}: damaged input decoded as ${doc.encoding}: ${d.replaced} character${d.replaced === 1 ? '' : 's'} replaced with U+FFFD (${parts.join(', ')}), the first at character ${d.firstOffset}`);
  }
  const r = doc.dropped;
  if (r && r.repeatedCharacters >= NOTABLE_REPEAT_CHARACTERS && r.repeatedCharacters >= doc.text.length * NOTABLE_REPEAT_SHARE) {
    out.push(`${name}: ${r.repeatedLines} repeated line${r.repeatedLines === 1 ? '' : 's'} (${r.repeatedCharacters} of ${doc.text.length} characters) dropped as copies of text printed elsewhere in the file; the graph holds one copy`);
  }
  return out;
}
