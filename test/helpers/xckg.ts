// **xckg** — runs the real `xckg` CLI (and other programs) in child processes for end-to-end tests,
// a few at a time, and reads what they wrote back with n3.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import N3 from 'n3';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The read-only shared material sits beside the project (../shared), also in a fresh clone. */
export const SHARED = resolve(ROOT, '../shared');
/** The seed article, relative to ROOT (the CLI runs with cwd ROOT, as `npm start` does). */
export const SEED = 'data/articles/000_e65d613101e172c6.txt';

export const XC = 'https://w3id.org/xiangcun-kg/ns#';
export const NS = {
  rdfType: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type',
  label: 'http://www.w3.org/2000/01/rdf-schema#label',
  altLabel: 'http://www.w3.org/2004/02/skos/core#altLabel',
  hiddenLabel: 'http://www.w3.org/2004/02/skos/core#hiddenLabel',
  title: 'http://purl.org/dc/terms/title',
  date: 'http://purl.org/dc/terms/date',
  xsdDate: 'http://www.w3.org/2001/XMLSchema#date',
  wasDerivedFrom: 'http://www.w3.org/ns/prov#wasDerivedFrom',
  anchorOf: 'http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf',
  beginIndex: 'http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex',
  endIndex: 'http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#endIndex',
  referenceContext: 'http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext',
  nifPhrase: 'http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Phrase',
  nifContext: 'http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Context',
  taIdentRef: 'http://www.w3.org/2005/11/its/rdf#taIdentRef',
  xc: (local: string) => XC + local,
};
export const GAZETTEER_GRAPH = 'https://w3id.org/xiangcun-kg/graph/gazetteer';

export interface Run {
  /** Exit code; null when killed by a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program could not be started at all (ENOENT: not installed). */
  spawnError?: string;
}

// Two cores are shared by everyone: never more than this many children of ours at once.
const MAX_JOBS = Math.max(1, Number(process.env.XCKG_TEST_JOBS) || 2);
let running = 0;
const waiting: Array<() => void> = [];
async function slot<T>(f: () => Promise<T>): Promise<T> {
  if (running >= MAX_JOBS) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await f();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Runs a program with cwd ROOT; never rejects (a missing program gives spawnError). */
export function run(file: string, args: string[], options: { input?: string; cwd?: string } = {}): Promise<Run> {
  return slot(
    () =>
      new Promise<Run>((done) => {
        const child = execFile(file, args, { cwd: options.cwd ?? ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
          const e = err as (NodeJS.ErrnoException & { code?: number | string; signal?: string }) | null;
          if (e && typeof e.code === 'string') done({ code: null, stdout, stderr, spawnError: `${file}: ${e.code}` });
          else done({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, stdout, stderr });
        });
        if (options.input !== undefined) child.stdin?.end(options.input);
      }),
  );
}

/** `node bin/xckg.js …` from the project root. */
export function xckg(args: string[], input?: string): Promise<Run> {
  return run(process.execPath, ['bin/xckg.js', ...args], { input });
}

/** Starts a computation once, on first use; later calls share its promise. */
export function once<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
}

/** A run's outputs, for failure messages. */
export const show = (r: Run) => `exit ${r.code}${r.spawnError ? ` (${r.spawnError})` : ''}\n--- stdout\n${r.stdout.slice(0, 4000)}\n--- stderr\n${r.stderr.slice(0, 4000)}`;

// ---------------------------------------------------------------- reading RDF back

export type Format = 'Turtle' | 'TriG' | 'N-Quads';
const FORMAT_BY_EXT: Record<string, Format> = { ttl: 'Turtle', trig: 'TriG', nq: 'N-Quads' };

export function parseRdf(text: string, format: Format): N3.Quad[] {
  return new N3.Parser({ format }).parse(text);
}

export function readRdf(path: string): N3.Store {
  const format = FORMAT_BY_EXT[path.slice(path.lastIndexOf('.') + 1)];
  if (!format) throw new Error(`no RDF format for ${path}`);
  return new N3.Store(parseRdf(readFileSync(path, 'utf8'), format));
}

const nn = (iri: string) => N3.DataFactory.namedNode(iri);

/** Objects of (s, p) in any graph, deduplicated by value. */
export function objects(store: N3.Store, s: N3.Term | string, p: string): N3.Term[] {
  const subject = typeof s === 'string' ? nn(s) : s;
  const seen = new Map<string, N3.Term>();
  for (const q of store.getQuads(subject as N3.Quad_Subject, nn(p), null, null)) seen.set(N3.termToId(q.object), q.object);
  return [...seen.values()];
}

export function one(store: N3.Store, s: N3.Term | string, p: string): N3.Term | undefined {
  return objects(store, s, p)[0];
}

/** Subjects of (?, p, o) in any graph, deduplicated. */
export function subjects(store: N3.Store, p: string, o: N3.Term | string): N3.Term[] {
  const object = typeof o === 'string' ? nn(o) : o;
  const seen = new Map<string, N3.Term>();
  for (const q of store.getQuads(null, nn(p), object as N3.Quad_Object, null)) seen.set(N3.termToId(q.subject), q.subject);
  return [...seen.values()];
}

/** Resources whose rdfs:label is exactly `label` (any language tag). */
export function byLabel(store: N3.Store, label: string): N3.Term[] {
  const seen = new Map<string, N3.Term>();
  for (const q of store.getQuads(null, nn(NS.label), null, null)) if (q.object.value === label) seen.set(q.subject.value, q.subject);
  return [...seen.values()];
}

export const isA = (store: N3.Store, s: N3.Term, cls: string) => store.getQuads(s as N3.Quad_Subject, nn(NS.rdfType), nn(XC + cls), null).length > 0;

/** The xc:Article nodes, each with its xc:sourceFile. */
export function articles(store: N3.Store): Array<{ node: N3.Term; sourceFile: string }> {
  return subjects(store, NS.rdfType, XC + 'Article').map((node) => ({ node, sourceFile: one(store, node, XC + 'sourceFile')?.value ?? '' }));
}

/** The article node built from `file` (matched by xc:sourceFile as given on the command line). */
export function articleFrom(store: N3.Store, file: string): N3.Term {
  const found = articles(store).filter((a) => a.sourceFile === file);
  if (found.length !== 1) throw new Error(`expected one xc:Article from ${file}, found ${found.length} (articles: ${articles(store).map((a) => a.sourceFile).join(', ')})`);
  return found[0].node;
}

/** rdfs:label of the entities that have xc:mentionedIn `article`, sorted. */
export function mentionedLabels(store: N3.Store, article: N3.Term): string[] {
  return subjects(store, XC + 'mentionedIn', article)
    .map((e) => objects(store, e, NS.label).map((l) => l.value).join('|'))
    .sort();
}
