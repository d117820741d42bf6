// **build** — `xckg build` and `xckg extract`: files in, RDF (and viewer data) out. Thin: arguments, then the stages.
import { readdirSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import type { ArticleGraph } from '../types.ts';
import { readDocument, IngestError } from '../ingest/index.ts';
import { extractArticle } from '../corpus/article.ts';
import { linkAcrossArticles } from '../corpus/merge.ts';
import { writeFileAtomic } from '../corpus/output.ts';
import { articleQuads } from '../rdf/article-quads.ts';
import { mergeDataset, mergeDefaultGraph } from '../rdf/merge.ts';
import { toJsonLd, toNQuads, toTriG, toTurtle } from '../rdf/serialize.ts';
import { viewerData, writeViewerData } from '../viewer/export.ts';

const INPUT_EXTENSIONS = new Set(['.txt', '.text', '.html', '.htm', '.shtml', '']);
/** Articles are a few thousand characters; anything this large is not one. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** Files named on the command line, folders expanded (sorted, so output order is stable). */
export function expandInputs(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      out.push(p); // reported as unreadable when read
      continue;
    }
    if (st.isDirectory()) {
      for (const f of readdirSync(p).sort()) {
        const full = join(p, f);
        if (!f.startsWith('.') && statSync(full).isFile() && INPUT_EXTENSIONS.has(extname(f).toLowerCase())) out.push(full);
      }
    } else out.push(p);
  }
  return out;
}

/** One article file to its graph, or a one-line reason why not. */
export async function processFile(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<ArticleGraph> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new Error('cannot read the file (no such file or not readable)');
  }
  if (size > maxBytes) throw new Error(`file is ${(size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit for one article (--max-bytes to raise it)`);
  const doc = await readDocument(path, { maxBytes });
  return extractArticle(doc);
}

function parse(argv: string[]) {
  const opts = { out: '', format: 'ttl', maxBytes: DEFAULT_MAX_BYTES, inputs: [] as string[], quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out' || a === '-o') opts.out = argv[++i] ?? '';
    else if (a === '--format' || a === '-f') opts.format = argv[++i] ?? '';
    else if (a === '--max-bytes') opts.maxBytes = Number(argv[++i]);
    else if (a === '--quiet' || a === '-q') opts.quiet = true;
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else opts.inputs.push(a);
  }
  return opts;
}

const oneLine = (e: unknown) => String((e as Error).message ?? e).split('\n')[0];
/** `xckg: <file>: <reason>` — ingest errors already open with the file name. */
const errorLine = (file: string, e: unknown) => (e instanceof IngestError ? `xckg: ${oneLine(e)}` : `xckg: ${file}: ${oneLine(e)}`);

export async function buildCommand(argv: string[]): Promise<number> {
  const opts = parse(argv);
  if (!opts.out || !opts.inputs.length) {
    console.error('usage: xckg build <files or folders…> --out DIR');
    return 2;
  }
  const files = expandInputs(opts.inputs);
  const graphs: ArticleGraph[] = [];
  let failed = 0;
  for (const f of files) {
    try {
      graphs.push(await processFile(f, opts.maxBytes));
    } catch (e) {
      failed++;
      console.error(errorLine(f, e));
    }
  }
  const linked = linkAcrossArticles(graphs);
  const perArticle = linked.map((g) => articleQuads(g));
  const dataset = mergeDataset(perArticle);
  const outputs: Array<[string, string]> = [
    ['graph.ttl', toTurtle(mergeDefaultGraph(perArticle))],
    ['graph.trig', toTriG(dataset)],
    ['graph.nq', toNQuads(dataset)],
  ];
  for (const [name, content] of outputs) writeFileAtomic(join(opts.out, name), content);
  writeViewerData(opts.out, viewerData(linked));
  const summary = summarize(linked, files.length, failed);
  writeFileAtomic(join(opts.out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  if (!opts.quiet) {
    console.log(`built ${summary.articles} of ${files.length} articles${failed ? ` (${failed} failed)` : ''}: ${Object.entries(summary.entities).map(([t, n]) => `${n} ${t}`).join(', ')}; ${summary.relations} relations, ${summary.positions} positions, ${dataset.length} quads`);
    for (const [name] of outputs) console.log(`  ${join(opts.out, name)}`);
    console.log(`  ${join(opts.out, 'viewer.json')}\n  ${join(opts.out, 'summary.json')}`);
  }
  return failed ? 1 : 0;
}

function summarize(graphs: ArticleGraph[], inputs: number, failed: number) {
  const entities: Record<string, number> = { Person: 0, Place: 0, Organization: 0, Program: 0 };
  const seen = new Set<string>();
  let relations = 0;
  let positions = 0;
  for (const g of graphs) {
    for (const e of g.entities) {
      if (seen.has(e.key)) continue;
      seen.add(e.key);
      entities[e.type]++;
    }
    relations += g.relations.length;
    positions += g.positions.length;
  }
  return { inputs, articles: graphs.length, failed, entities, relations, positions };
}

export async function extractCommand(argv: string[]): Promise<number> {
  const opts = parse(argv);
  if (opts.inputs.length !== 1) {
    console.error('usage: xckg extract FILE [--format ttl|trig|nq|jsonld]');
    return 2;
  }
  const writers: Record<string, (q: ReturnType<typeof articleQuads>) => string> = {
    ttl: (q) => toTurtle(mergeDefaultGraph([q])),
    trig: (q) => toTriG(q),
    nq: (q) => toNQuads(q),
    jsonld: (q) => toJsonLd(q),
  };
  const write = writers[opts.format];
  if (!write) {
    console.error(`xckg extract: unknown format '${opts.format}' (ttl, trig, nq, jsonld)`);
    return 2;
  }
  // A closed pipe (xckg extract … | head) ends the output quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  try {
    const g = await processFile(opts.inputs[0], opts.maxBytes);
    process.stdout.write(write(articleQuads(g)));
    return 0;
  } catch (e) {
    console.error(errorLine(opts.inputs[0], e));
    return 1;
  }
}
