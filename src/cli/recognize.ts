// **recognize** — `xckg recognize --jsonl`: one text per stdin line in, one JSON line of typed mentions (code-point offsets) out.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { loadModel } from '../recognize/model/index.ts';
import { runCommand, UsageError, type CommandSpec } from './args.ts';

/** A span in UTF-16 offsets of the text it was found in, end exclusive (what every recognizer in src/recognize returns). */
export interface RecognizedSpan {
  start: number;
  end: number;
  type: string;
  /** The labeler's probability of the span, where the labeler proposed it. */
  confidence?: number;
  /** Below the graph's thresholds: reported, but the graph makes no node of it. */
  tentative?: boolean;
}
/** `outermost`: leave out mentions nested in another (a flat labeler has none). */
export type Recognizer = (text: string, options: { outermost?: boolean }) => RecognizedSpan[];

export interface RecognizeIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

export const RECOGNIZE_SPEC = {
  name: 'recognize',
  synopsis: '--jsonl [--outermost] [--model PATH] < texts.txt',
  summary: 'Read one text per line on stdin and write one JSON line of its mentions per input line:\n' +
    '{"text": "...", "mentions": [{"start": 0, "end": 3, "type": "Person", "text": "...", "confidence": 0.98}]} (start/end in code points, end exclusive;\n' +
    'confidence: the labeler\'s probability where it proposed the span; tentative: below the graph\'s thresholds, no node in a graph).',
  options: {
    jsonl: { type: 'boolean', help: 'JSON Lines in and out (required: the only mode)' },
    model: { type: 'string', value: 'PATH', help: 'use the bare sequence labeler from this model file instead of the hybrid recognizer' },
    outermost: { type: 'boolean', help: 'leave out mentions nested in another (北京 in 北京大学): the flat convention of most NER corpora' },
  },
  maxPositionals: 0,
} as const satisfies CommandSpec;

/** The CLI body. `recognizer` defaults to the bare statistical model; the pipeline passes its hybrid recognizer. */
export async function recognizeCommand(
  argv: string[],
  recognizer?: Recognizer,
  io: RecognizeIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  return runCommand(RECOGNIZE_SPEC, argv, ({ values }) => {
    if (!values.jsonl) throw new UsageError('--jsonl is required (the only mode)');
    return recognizeLines(values.model, recognizer, { outermost: values.outermost }, io);
  }, io);
}

async function recognizeLines(modelPath: string | undefined, recognizer: Recognizer | undefined, options: { outermost?: boolean }, io: RecognizeIO): Promise<number> {
  if (!recognizer) {
    try {
      const labeler = loadModel(modelPath);
      recognizer = (text) => labeler.tag(text);
    } catch (e) {
      io.stderr.write(`xckg recognize: cannot load model: ${(e as Error).message}\n`);
      return 1;
    }
  }

  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const raw of lines) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const line = JSON.stringify(toJsonRecord(text, recognizer(text, options))) + '\n';
    if (!io.stdout.write(line)) await new Promise((r) => io.stdout.once('drain', r));
  }
  return 0;
}

/** The output record: offsets converted from UTF-16 units to code points, mentions in text order. */
export function toJsonRecord(
  text: string,
  spans: RecognizedSpan[],
): { text: string; mentions: Array<{ start: number; end: number; type: string; text: string; confidence?: number; tentative?: boolean }> } {
  const cp = codePointIndex(text);
  const mentions = [...spans]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((s) => ({
      start: cp[s.start],
      end: cp[s.end],
      type: s.type,
      text: text.slice(s.start, s.end),
      ...(s.confidence !== undefined ? { confidence: Math.round(s.confidence * 1000) / 1000 } : {}),
      ...(s.tentative ? { tentative: true } : {}),
    }));
  return { text, mentions };
}

/** cp[u] = number of code points before UTF-16 offset u (u = 0..length). */
export function codePointIndex(text: string): Int32Array {
  const cp = new Int32Array(text.length + 1);
  let n = 0;
  for (let u = 0; u < text.length; u++) {
    cp[u] = n;
    const c = text.charCodeAt(u);
    // A high surrogate followed by a low one is one code point: count it at the low half.
    if (!(c >= 0xd800 && c <= 0xdbff && u + 1 < text.length && (text.charCodeAt(u + 1) & 0xfc00) === 0xdc00)) n++;
  }
  cp[text.length] = n;
  return cp;
}
