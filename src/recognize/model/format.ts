// **format** — the model file: gzip of magic, JSON header, feature keys (int32), weights (int16, quantized), transitions (float32).
import { gzipSync, gunzipSync } from 'node:zlib';
import type { LexiconName } from './features.ts';

export const MODEL_FORMAT = 'xckg-ner';
export const MODEL_VERSION = 1;
const MAGIC = 'XCKGNER1';

export interface ModelHeader {
  format: typeof MODEL_FORMAT;
  version: number;
  featureVersion: number;
  labels: string[];
  tags: string[];
  featureTemplates: string[];
  /** Number of feature rows stored. */
  features: number;
  /** weight = int16 value * weightScale. */
  weightScale: number;
  training: {
    corpora: Array<{ name: string; path: string; sentences: number; weight: number; domain: string; partial?: string }>;
    epochs: number;
    seed: number;
    minFeatureCount: number;
    cost?: number;
    pruneBelow: number;
    trainedSentences: number;
    domains: string[];
    targetDomain: string;
    seconds?: number;
  };
  lexiconSizes: Record<string, number>;
}

export interface ModelParts {
  header: ModelHeader;
  lexicons: Record<LexiconName, string[]>;
  keys: Int32Array;
  weights: Int16Array;
  transitions: Float32Array;
}

export function encodeModel(parts: ModelParts): Buffer {
  const head = Buffer.from(JSON.stringify({ ...parts.header, lexicons: parts.lexicons }), 'utf8');
  const pad = (4 - ((MAGIC.length + 4 + head.length) % 4)) % 4;
  const chunks = [
    Buffer.from(MAGIC, 'latin1'),
    u32(head.length + pad),
    head,
    Buffer.alloc(pad, 0x20),
    bytes(parts.keys),
    bytes(parts.weights),
    Buffer.alloc(parts.weights.byteLength % 4),
    bytes(parts.transitions),
  ];
  return gzipSync(Buffer.concat(chunks), { level: 9 });
}

export function decodeModel(gz: Uint8Array): ModelParts {
  const buf = gunzipSync(gz);
  if (buf.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not an xckg NER model file');
  const headLen = buf.readUInt32LE(MAGIC.length);
  let off = MAGIC.length + 4;
  const parsed = JSON.parse(buf.toString('utf8', off, off + headLen));
  off += headLen;
  const { lexicons, ...header } = parsed as ModelHeader & { lexicons: Record<LexiconName, string[]> };
  if (header.format !== MODEL_FORMAT || header.version !== MODEL_VERSION) {
    throw new Error(`unsupported model ${header.format} v${header.version}`);
  }
  const n = header.features;
  const T = header.tags.length;
  // Copy out so the typed arrays are aligned regardless of the Buffer's pool offset.
  const keys = new Int32Array(n);
  new Uint8Array(keys.buffer).set(buf.subarray(off, off + n * 4));
  off += n * 4;
  const weights = new Int16Array(n * T);
  new Uint8Array(weights.buffer).set(buf.subarray(off, off + n * T * 2));
  off += n * T * 2 + ((n * T * 2) % 4);
  const transitions = new Float32Array((T + 1) * T);
  new Uint8Array(transitions.buffer).set(buf.subarray(off, off + transitions.byteLength));
  return { header, lexicons, keys, weights, transitions };
}

function u32(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v);
  return b;
}
function bytes(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}
