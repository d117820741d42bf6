// **decode** — bytes to text: UTF-8 (with or without BOM) or GB18030/GBK, refusing binary and garbage.

import type { Encoding } from '../types.ts';
import { IngestError } from './errors.ts';

export interface Decoded {
  /** The decoded text; a UTF-8 BOM is not part of it. */
  text: string;
  encoding: Encoding;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
// GB18030 is a superset of GBK and GB2312, so one decoder reads all three (Node ships full ICU).
const gb18030 = new TextDecoder('gb18030', { fatal: true });

/**
 * Decode a file's bytes. Strict UTF-8 is tried first because a GBK file almost never
 * happens to be valid UTF-8, while UTF-8 Chinese often decodes "cleanly" as GB18030 garbage.
 * Throws IngestError (reason 'binary' or 'undecodable'); `path` only labels the message.
 */
export function decode(bytes: Uint8Array, path = ''): Decoded {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new IngestError(path, 'undecodable', 'UTF-16 text is not supported (convert it to UTF-8)');
  }
  const binary = binaryReason(bytes);
  if (binary) throw new IngestError(path, 'binary', `binary file (${binary})`);

  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return { text: utf8.decode(body), encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    // Not UTF-8: fall through to GB18030. A BOM with invalid UTF-8 behind it is corrupt, not GBK.
    if (hasBom) throw new IngestError(path, 'undecodable', 'invalid UTF-8 after a UTF-8 byte-order mark');
  }
  let text: string;
  try {
    text = gb18030.decode(bytes);
  } catch {
    throw new IngestError(path, 'undecodable', 'neither valid UTF-8 nor valid GB18030/GBK');
  }
  if (!looksLikeChinese(text)) {
    throw new IngestError(path, 'undecodable', 'not UTF-8, and as GB18030 it decodes to mostly non-Chinese garbage');
  }
  return { text, encoding: 'gb18030' };
}

/**
 * NUL bytes, or C0 control bytes beyond a stray one, mean binary data. Bytes below 0x80 are
 * ASCII in both UTF-8 and GB18030 (no trail byte is < 0x30), so the check runs before decoding.
 */
function binaryReason(bytes: Uint8Array): string | null {
  let controls = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b >= 0x20) continue;
    if (b === 0) return `NUL byte at offset ${i}`;
    // Tab, LF, VT, FF, CR, and ESC/SUB (old DOS files end in ^Z) occur in real text.
    if (b === 0x09 || b === 0x0a || b === 0x0b || b === 0x0c || b === 0x0d || b === 0x1a || b === 0x1b) continue;
    controls++;
  }
  if (controls > 0 && controls * 1000 > bytes.length) return `${controls} control bytes`;
  return null;
}

/**
 * GB18030 maps almost every byte sequence to some code point, so "decoded without error" proves
 * little: Latin-1 or random bytes come out as rare symbols, Thai, private-use characters. Real GBK
 * text is CJK ideographs and CJK/full-width punctuation. Require that for most non-ASCII characters.
 */
function looksLikeChinese(text: string): boolean {
  let nonAscii = 0;
  let chinese = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    nonAscii++;
    if (
      (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
      (c >= 0x3400 && c <= 0x4dbf) || // extension A
      (c >= 0x3000 && c <= 0x303f) || // CJK punctuation
      (c >= 0xff00 && c <= 0xffef) || // full-width forms
      (c >= 0x2010 && c <= 0x2027) || // dashes, quotes, ellipsis
      c === 0xb7 || c === 0xd7 || c === 0xa0
    ) {
      chinese++;
    }
  }
  return chinese >= nonAscii * 0.8;
}
