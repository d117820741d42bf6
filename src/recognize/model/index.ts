// **model** — public entry of the statistical sequence labeler: load the trained model once, tag text.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { decodeModel } from './format.ts';
import { Tagger, type Analysis, type Labeler, type LabelType, type ModelMention } from './tagger.ts';

export type { Analysis, Labeler, LabelType, ModelMention };
export type { ModelHeader } from './format.ts';

/** The committed model, found relative to this file so any working directory works. */
export const DEFAULT_MODEL_PATH = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../data/models/ner.model.gz');

const cache = new Map<string, Labeler>();

/** Loads (once per path) and returns the labeler. Throws if the file is missing or of another version. */
export function loadModel(path: string = DEFAULT_MODEL_PATH): Labeler {
  const key = resolve(path);
  let m = cache.get(key);
  if (!m) {
    m = new Tagger(decodeModel(readFileSync(key)));
    cache.set(key, m);
  }
  return m;
}
