// **build** — `xckg build` and `xckg extract`: inputs in, RDF (and viewer data) out. Thin: arguments, then the stages.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ArticleGraph } from '../types.ts';
import { IngestError } from '../ingest/index.ts';
import { extractArticle } from '../corpus/article.ts';
import { buildCorpus, parseShard } from '../corpus/build.ts';
import { progressReporter } from '../corpus/progress.ts';
import { DEFAULT_MAX_BYTES, inputBytes, readArticle } from '../corpus/read.ts';
import type { Outputs } from '../corpus/assemble.ts';
import { articleQuads } from '../rdf/article-quads.ts';
import { mergeDefaultGraph } from '../rdf/merge.ts';
import { toJsonLd, toNQuads, toTriG, toTurtle } from '../rdf/serialize.ts';

export { DEFAULT_MAX_BYTES };

/** One article file to its graph, or a one-line reason why not. */
export async function processFile(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<ArticleGraph> {
  const input = { kind: 'file' as const, ref: path, path };
  return extractArticle(readArticle(input, inputBytes(input, maxBytes), maxBytes));
}

const BUILD_USAGE = `usage: xckg build <files, folders or .jsonl[.gz]…> --out DIR [--workers N] [--shard I/N] [--quiet] [--max-bytes N]`;

const oneLine = (e: unknown) => String((e as Error).message ?? e).split('\n')[0];
/** `xckg: <file>: <reason>` — ingest errors already open with the file name. */
const errorLine = (file: string, e: unknown) => (e instanceof IngestError ? `xckg: ${oneLine(e)}` : `xckg: ${file}: ${oneLine(e)}`);

export async function buildCommand(argv: string[]): Promise<number> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        workers: { type: 'string', short: 'j' },
        shard: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        'max-bytes': { type: 'string' },
      },
    }));
  } catch (e) {
    console.error(`xckg build: ${oneLine(e)}\n${BUILD_USAGE}`);
    return 2;
  }
  if (!values.out || !positionals.length) {
    console.error(BUILD_USAGE);
    return 2;
  }
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1)) {
    console.error(`xckg build: --workers wants a whole number ≥ 1 (got '${values.workers}')`);
    return 2;
  }
  let shard;
  try {
    shard = values.shard === undefined ? undefined : parseShard(values.shard);
  } catch (e) {
    console.error(`xckg build: ${oneLine(e)}`);
    return 2;
  }
  const maxBytes = values['max-bytes'] === undefined ? DEFAULT_MAX_BYTES : Number(values['max-bytes']);
  const quiet = Boolean(values.quiet);
  const progress = progressReporter(process.stderr, quiet);
  const result = await buildCorpus(positionals, { out: values.out, workers, shard, maxBytes, onProgress: progress.update });
  progress.done();
  // Every failed input, one line each (also listed in summary.json).
  for (const f of result.summary.failures) console.error(`xckg: ${f.input}: ${f.reason}`);
  if (!quiet) report(values.out, result, `built ${result.summary.articles} articles of ${result.summary.inputs} inputs (${result.extracted} extracted, ${result.reused} reused)`);
  return result.summary.failed ? 1 : 0;
}

/** The closing summary: counts, then the files written. */
export function report(out: string, { summary, sizes }: Outputs, headline: string): void {
  const s = summary;
  const extra = [s.reprints ? `${s.reprints} reprints` : '', s.failed ? `${s.failed} failed` : ''].filter(Boolean).join(', ');
  console.log(`${headline}${extra ? ` (${extra})` : ''}: ${Object.entries(s.entities).map(([t, n]) => `${n} ${t}`).join(', ')}; ${s.relations} relations, ${s.positions} positions, ${s.quads} quads`);
  console.log(`persons: ${s.persons.nodes} nodes for ${s.persons.names} names, from ${s.persons.mentions} article mentions (${s.persons.merges} merges)`);
  for (const [name, bytes] of Object.entries(sizes)) console.log(`  ${join(out, name)}  ${(bytes / 1048576).toFixed(1)} MB`);
  if (s.failed) console.log(`failed inputs (${s.failed}): ${s.failures.slice(0, 5).map((f) => `${f.input}: ${f.reason}`).join('; ')}${s.failed > 5 ? '; …' : ''}`);
}

export async function extractCommand(argv: string[]): Promise<number> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { format: { type: 'string', short: 'f', default: 'ttl' }, 'max-bytes': { type: 'string' } },
    }));
  } catch (e) {
    console.error(`xckg extract: ${oneLine(e)}`);
    return 2;
  }
  if (positionals.length !== 1) {
    console.error('usage: xckg extract FILE [--format ttl|trig|nq|jsonld]');
    return 2;
  }
  const writers: Record<string, (q: ReturnType<typeof articleQuads>) => string> = {
    ttl: (q) => toTurtle(mergeDefaultGraph([q])),
    trig: (q) => toTriG(q),
    nq: (q) => toNQuads(q),
    jsonld: (q) => toJsonLd(q),
  };
  const write = writers[values.format!];
  if (!write) {
    console.error(`xckg extract: unknown format '${values.format}' (ttl, trig, nq, jsonld)`);
    return 2;
  }
  // A closed pipe (xckg extract … | head) ends the output quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const maxBytes = values['max-bytes'] === undefined ? DEFAULT_MAX_BYTES : Number(values['max-bytes']);
  try {
    const g = await processFile(positionals[0], maxBytes);
    process.stdout.write(write(articleQuads(g)));
    return 0;
  } catch (e) {
    console.error(errorLine(positionals[0], e));
    return 1;
  }
}
