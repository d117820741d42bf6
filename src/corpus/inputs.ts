// **inputs** — what users name on the command line, as a stream of articles: files, folders (recursively) and
// JSON Lines files (plain or gzipped, one article a line), each article with a reference that says where it came from.
import { createReadStream, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/** Text and page extensions read as one article per file when a folder is expanded. */
const ARTICLE_EXTENSIONS = new Set(['.txt', '.text', '.html', '.htm', '.shtml', '']);
/** One article a line. */
const JSONL = /\.(jsonl|ndjson)(\.gz)?$/i;

/** The fields of one JSON Lines article; only `text` is required. */
export interface JsonlArticle {
  text: string;
  id?: string;
  title?: string;
  date?: string;
  url?: string;
  source?: string;
  /** A newspaper page (`第01版：要闻`): kept with the source when there is no source field. */
  page?: string;
}

/** One article as found: a file to read, or a JSON Lines record already read. */
export type ArticleInput =
  | { kind: 'file'; ref: string; path: string }
  | { kind: 'jsonl'; ref: string; path: string; line: number; record: JsonlArticle };

/** An input that is not an article, with a one-line reason (reported, and the build goes on). */
export interface InputFailure {
  ref: string;
  reason: string;
}

export type InputEvent = ArticleInput | { kind: 'failure'; failure: InputFailure };

export const isJsonLines = (path: string) => JSONL.test(path);

/**
 * The files behind the paths: folders expanded recursively in sorted order (hidden entries skipped, each real folder
 * entered once, so a symlink loop ends), files named directly always kept (their reading reports what is wrong).
 */
export function expandPaths(paths: string[]): string[] {
  const out: string[] = [];
  const entered = new Set<string>();
  const walk = (dir: string) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    if (entered.has(real)) return; // a loop, or the same folder named twice
    entered.add(real);
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const full = join(dir, name);
      let st;
      try {
        st = statSync(full);
      } catch {
        continue; // a dangling link
      }
      if (st.isDirectory()) walk(full);
      else if (st.isFile() && (ARTICLE_EXTENSIONS.has(extname(name).toLowerCase()) || isJsonLines(name))) out.push(full);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      out.push(p); // reported as unreadable when read
      continue;
    }
    if (st.isDirectory()) walk(p);
    else out.push(p);
  }
  return out;
}

/** Every article of the inputs, in order; JSON Lines are read as a stream, never whole. */
export async function* readInputs(paths: string[]): AsyncGenerator<InputEvent> {
  for (const path of expandPaths(paths)) {
    if (isJsonLines(path)) yield* readJsonLines(path);
    else yield { kind: 'file', ref: path, path };
  }
}

/** The articles of one JSON Lines file; a line that is not an article is a failure `file:line`. */
export async function* readJsonLines(path: string): AsyncGenerator<InputEvent> {
  const stream = createReadStream(path);
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  try {
    await opened;
  } catch (e) {
    yield { kind: 'failure', failure: { ref: path, reason: `cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})` } };
    return;
  }
  const gunzip = /\.gz$/i.test(path) ? createGunzip() : null;
  const source = gunzip ? stream.pipe(gunzip) : stream;
  let failed: Error | null = null;
  const fail = (e: Error) => (failed ??= e);
  stream.on('error', fail);
  gunzip?.on('error', fail);
  const lines = createInterface({ input: source, crlfDelay: Infinity });
  gunzip?.on('error', () => lines.close());
  let n = 0;
  try {
    for await (const text of lines) {
      n++;
      if (!text.trim()) continue;
      const parsed = parseArticleLine(text);
      if (typeof parsed === 'string') yield { kind: 'failure', failure: { ref: `${path}:${n}`, reason: parsed } };
      else yield { kind: 'jsonl', ref: `${path}:${n}`, path, line: n, record: parsed };
    }
  } catch (e) {
    fail(e as Error);
  }
  if (failed) yield { kind: 'failure', failure: { ref: `${path}:${n + 1}`, reason: `cannot read the rest of the file (${oneLine(failed)})` } };
}

const oneLine = (e: Error) => String(e.message ?? e).split('\n')[0];
const FIELDS = ['id', 'title', 'date', 'url', 'source', 'page'] as const;

/** One JSON Lines record, or why it is not an article. */
export function parseArticleLine(line: string): JsonlArticle | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return `not JSON (${oneLine(e as Error)})`;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object';
  const o = value as Record<string, unknown>;
  if (typeof o.text !== 'string') return o.text === undefined ? "no 'text' field" : "'text' is not a string";
  if (!o.text.trim()) return "'text' is empty";
  const article: JsonlArticle = { text: o.text };
  for (const f of FIELDS) {
    const v = o[f];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string' && typeof v !== 'number') return `'${f}' is not a string`;
    article[f] = String(v);
  }
  return article;
}
