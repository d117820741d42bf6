// **decode** — bytes to text: UTF-8 (with or without BOM) or GB18030/GBK, damage repaired with U+FFFD, binary and garbage refused.

import type { DecodingDamage, Encoding } from '../types.ts';
import { IngestError } from './errors.ts';

export interface Decoded {
  /** The decoded text; a UTF-8 BOM is not part of it. Broken sequences and stray control bytes are U+FFFD. */
  text: string;
  encoding: Encoding;
  /** Present only when something had to be replaced. */
  damage?: DecodingDamage;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
// GB18030 is a superset of GBK and GB2312, so one decoder reads all three (Node ships full ICU).
const gb18030 = new TextDecoder('gb18030', { fatal: true });
const gb18030Lenient = new TextDecoder('gb18030', { fatal: false });
const big5 = new TextDecoder('big5', { fatal: true });

/**
 * Above this share of replaced characters the input is not damaged text but something else.
 * Measured: a 10 KB article with 50 random bytes flipped or inserted loses at most 5 % of its
 * characters; Latin-1 or random bytes read as UTF-8 lose 25–60 %.
 */
export const MAX_DAMAGED_SHARE = 0.1;
/**
 * Above this share of control bytes (NUL and C0 controls other than whitespace, ESC and SUB) the
 * input is binary. A few NULs or control bytes in 10 KB of text (0.01–0.5 %) are damage; random,
 * compressed or executable bytes carry 5–50 % (27 of every 256 random bytes are controls).
 */
export const MAX_CONTROL_SHARE = 0.01;

/** File signatures of formats that are never text, whatever their control-byte share happens to be. */
const SIGNATURES: Array<[string, number[]]> = [
  ['PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['gzip data', [0x1f, 0x8b]],
  ['ZIP archive (or docx/xlsx)', [0x50, 0x4b, 0x03, 0x04]],
  ['PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['bzip2 data', [0x42, 0x5a, 0x68]],
  ['xz data', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['7-Zip archive', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['zstd data', [0x28, 0xb5, 0x2f, 0xfd]],
  ['OLE document (doc/xls)', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['WebAssembly module', [0x00, 0x61, 0x73, 0x6d]],
];

/**
 * Decode a file's bytes. Strict UTF-8 is tried first because a GBK file almost never happens to be
 * valid UTF-8, while UTF-8 Chinese often decodes "cleanly" as GB18030 garbage. When neither decodes
 * strictly, the encoding whose lenient decoding replaces fewer characters is taken, if the share it
 * replaces is small (damage); otherwise the input is refused. Stray control bytes become U+FFFD too,
 * one for one, so offsets into the decoded text are unchanged by the repair.
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
  const utf8Encoding: Encoding = hasBom ? 'utf-8-bom' : 'utf-8';
  const strictUtf8 = tryDecode(utf8, body);
  if (strictUtf8 !== null) return repairControls(strictUtf8, utf8Encoding, 0);

  // Damaged UTF-8: a truncated download, a flipped byte. A BOM says UTF-8 whatever the damage.
  const lenientUtf8 = utf8Lenient.decode(body);
  const utf8Broken = countReplacements(lenientUtf8);
  if (hasBom || utf8Broken.count <= lenientUtf8.length * MAX_DAMAGED_SHARE) {
    if (utf8Broken.count > lenientUtf8.length * MAX_DAMAGED_SHARE) {
      throw new IngestError(path, 'undecodable', `invalid UTF-8 after a UTF-8 byte-order mark (${describeShare(utf8Broken.count, lenientUtf8)})`);
    }
    return repairControls(lenientUtf8, utf8Encoding, utf8Broken.count);
  }

  const strictGb = tryDecode(gb18030, bytes);
  if (strictGb !== null) {
    if (!looksLikeChinese(strictGb)) {
      throw refusal(path, bytes, 'not UTF-8, and as GB18030 it decodes to mostly non-Chinese garbage');
    }
    return repairControls(strictGb, 'gb18030', 0);
  }
  const lenientGb = gb18030Lenient.decode(bytes);
  const gbBroken = countReplacements(lenientGb);
  if (gbBroken.count <= lenientGb.length * MAX_DAMAGED_SHARE && looksLikeChinese(lenientGb)) {
    return repairControls(lenientGb, 'gb18030', gbBroken.count);
  }
  throw refusal(path, bytes, `neither valid UTF-8 nor valid GB18030/GBK (as UTF-8, ${describeShare(utf8Broken.count, lenientUtf8)})`);
}

/** Why undecodable bytes are refused; Big5 (traditional Chinese, Taiwan and Hong Kong) is named, as it is common and convertible. */
function refusal(path: string, bytes: Uint8Array, detail: string): IngestError {
  const asBig5 = tryDecode(big5, bytes);
  if (asBig5 !== null && looksLikeChinese(asBig5)) {
    return new IngestError(path, 'undecodable', 'neither UTF-8 nor GB18030/GBK; it reads as Big5, which is not supported (convert it to UTF-8)');
  }
  return new IngestError(path, 'undecodable', detail);
}

function tryDecode(decoder: TextDecoder, bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

const describeShare = (count: number, text: string) =>
  `${count} of ${text.length} characters would be replacements, over the ${MAX_DAMAGED_SHARE * 100} % a damaged text may have`;

function countReplacements(text: string): { count: number } {
  let count = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) count++;
  return { count };
}

/** C0 controls that real text carries: tab, LF, VT, FF, CR, and ESC/SUB (old DOS files end in ^Z). */
const isTextControl = (c: number) => c === 0x09 || c === 0x0a || c === 0x0b || c === 0x0c || c === 0x0d || c === 0x1a || c === 0x1b;

// Stray C0 controls, and UTF-16 surrogates without their partner (only a string can hold those).
const STRAY = /[\x00-\x08\x0e-\x19\x1c-\x1f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Replace stray C0 control characters (NUL among them) and lone surrogates with U+FFFD, one UTF-16
 * unit for one: they are damage in a text, and a NUL or ^A in a literal is refused by some RDF
 * stores. `invalid` replacements were made by the decoder already. The damage record counts both,
 * with the first one's offset in code points.
 */
export function repairControls(text: string, encoding: Encoding, invalid: number): Decoded {
  let controls = 0;
  let surrogates = 0;
  let out = text;
  STRAY.lastIndex = 0;
  if (STRAY.test(text)) {
    out = text.replace(STRAY, (c) => {
      if (c.charCodeAt(0) >= 0xd800) surrogates++;
      else controls++;
      return '\ufffd';
    });
  }
  invalid += surrogates;
  const replaced = invalid + controls;
  if (replaced === 0) return { text, encoding };
  const first = out.indexOf('\ufffd');
  return { text: out, encoding, damage: { replaced, invalidSequences: invalid, controlCharacters: controls, firstOffset: codePointOffset(out, first) } };
}

/** The code-point index of UTF-16 index `i` (astral characters count once). */
export function codePointOffset(text: string, i: number): number {
  let n = i;
  for (let k = 0; k < i; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdbff && k + 1 < i) {
      const d = text.charCodeAt(k + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        k++;
      }
    }
  }
  return n;
}

/**
 * Known binary signatures, or more control bytes than damaged text carries. Bytes below 0x80 are
 * ASCII in both UTF-8 and GB18030 (no trail byte is < 0x30), so the check runs before decoding.
 */
function binaryReason(bytes: Uint8Array): string | null {
  for (const [name, sig] of SIGNATURES) {
    if (bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b)) return name;
  }
  let controls = 0;
  let firstNul = -1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b >= 0x20 || isTextControl(b)) continue;
    if (b === 0 && firstNul < 0) firstNul = i;
    controls++;
  }
  if (controls > bytes.length * MAX_CONTROL_SHARE) {
    const nul = firstNul >= 0 ? `, the first NUL at offset ${firstNul}` : '';
    return `${controls} control bytes in ${bytes.length}${nul}`;
  }
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
    if (c < 0x80 || c === 0xfffd) continue;
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
  return nonAscii > 0 && chinese >= nonAscii * 0.8;
}
