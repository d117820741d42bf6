// **build** — `xckg build` and `xckg extract`: inputs in, RDF (and viewer data) out. Thin: arguments, then the stages.
import { join } from 'node:path';
import { integerOption, runCommand, UsageError, type CommandSpec } from './args.ts';
import type { ArticleGraph } from '../types.ts';
import { IngestError } from '../ingest/index.ts';
import { documentWarnings } from '../ingest/warnings.ts';
import { extractArticle } from '../corpus/article.ts';
import { resolvedArticleQuads } from '../corpus/merge.ts';
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

export const BUILD_SPEC = {
  name: 'build',
  synopsis: '<files, folders or .jsonl[.gz]…> --out DIR [options]',
  summary:
    'Build the graph of the articles into DIR: graph.nq, graph.trig, graph.ttl, viewer.json, summary.json. ' +
    'Extraction runs in worker threads and is kept in DIR/.work, so a rebuild (or a build interrupted and started again) reuses what is done.',
  positionals: [{ name: 'INPUT', help: 'article files (text, HTML), folders (recursively), JSON Lines files (.jsonl, .jsonl.gz: one article a line)' }],
  minPositionals: 1,
  options: {
    out: { type: 'string', short: 'o', value: 'DIR', help: 'the output folder' },
    workers: { type: 'string', short: 'j', value: 'N', help: 'extraction threads (default: one per core)' },
    shard: { type: 'string', value: 'I/N', help: 'build only the I-th of N slices of the inputs (by text hash); join the shards with xckg merge' },
    quiet: { type: 'boolean', short: 'q', help: 'no progress and no summary (failed inputs are still reported)' },
    validate: { type: 'boolean', help: 'check every article graph against ontology/shapes.ttl (violations in summary.json; slower)' },
    'max-bytes': { type: 'string', value: 'N', help: `largest article file accepted, in bytes (default ${DEFAULT_MAX_BYTES})` },
  },
  epilog: 'JSON Lines records need `text`; `id`, `title`, `date`, `url`, `source` are used when present. A text printed twice is extracted once.',
} as const satisfies CommandSpec;

const oneLine = (e: unknown) => String((e as Error).message ?? e).split('\n')[0];
/** `xckg: <file>: <reason>` — ingest errors already open with the file name. */
const errorLine = (file: string, e: unknown) => (e instanceof IngestError ? `xckg: ${oneLine(e)}` : `xckg: ${file}: ${oneLine(e)}`);

export async function buildCommand(argv: string[]): Promise<number> {
  return runCommand(BUILD_SPEC, argv, async ({ values, positionals }) => {
    if (!values.out) throw new UsageError('--out DIR is required');
    const workers = values.workers === undefined ? undefined : integerOption('workers', values.workers, 1, 1);
    let shard;
    try {
      shard = values.shard === undefined ? undefined : parseShard(values.shard);
    } catch (e) {
      throw new UsageError(oneLine(e));
    }
    const maxBytes = integerOption('max-bytes', values['max-bytes'], DEFAULT_MAX_BYTES, 1);
    const quiet = Boolean(values.quiet);
    const progress = progressReporter(process.stderr, process.stdout, quiet);
    const result = await buildCorpus(positionals, { out: values.out, workers, shard, maxBytes, validate: Boolean(values.validate), onProgress: progress.update });
    progress.done();
    // Every failed input, one line each, and what the per-article checks found (all in summary.json).
    for (const f of result.summary.failures) console.error(`xckg: ${f.input}: ${f.reason}`);
    printFindings(result.summary.findings);
    if (!quiet) report(values.out, result, `built ${result.summary.articles} articles of ${result.summary.inputs} inputs (${result.extracted} extracted, ${result.reused} reused)`);
    return result.summary.failed ? 1 : 0;
  });
}

/** Findings of the per-article checks (src/corpus/checks.ts) on stderr, the first few of them. */
const FINDINGS_SHOWN = 20;
export function printFindings(findings: Array<{ article: string; finding: string }>): void {
  for (const f of findings.slice(0, FINDINGS_SHOWN)) console.error(`xckg: ${f.finding}`);
  if (findings.length > FINDINGS_SHOWN) console.error(`xckg: … ${findings.length - FINDINGS_SHOWN} more findings in summary.json`);
}

/** The closing summary: counts, then the files written. */
export function report(out: string, { summary, sizes }: Outputs, headline: string): void {
  const s = summary;
  const extra = [s.reprints ? `${s.reprints} reprints` : '', s.failed ? `${s.failed} failed` : ''].filter(Boolean).join(', ');
  console.log(`${headline}${extra ? ` (${extra})` : ''}: ${Object.entries(s.entities).map(([t, n]) => `${n} ${t}`).join(', ')}; ${s.relations} relations, ${s.positions} positions, ${s.quads} quads`);
  console.log(`persons: ${s.persons.nodes} nodes for ${s.persons.names} names, from ${s.persons.mentions} article mentions (${s.persons.merges} merges)`);
  const i = s.input;
  console.log(`input not analysed: ${i.furnitureLines} lines of page furniture (${i.furnitureCharacters} characters), ${i.repeatedLines} of them repeated copies; ${i.replacedCharacters} damaged characters replaced in ${i.damagedArticles} articles`);
  for (const name of Object.keys(sizes)) console.log(`  ${join(out, name)}`);
  console.log(`sizes: ${Object.entries(sizes).map(([name, bytes]) => `${name} ${(bytes / 1048576).toFixed(1)} MB`).join(', ')}`);
  if (s.failed) console.log(`failed inputs (${s.failed}): ${s.failures.slice(0, 5).map((f) => `${f.input}: ${f.reason}`).join('; ')}${s.failed > 5 ? '; …' : ''}`);
}

export const EXTRACT_SPEC = {
  name: 'extract',
  synopsis: 'FILE [--format ttl|trig|nq|jsonld]',
  summary: 'Print the graph of one article file (text or HTML) to stdout: what `xckg build` writes for that file alone.',
  positionals: [{ name: 'FILE', help: 'an article file' }],
  minPositionals: 1,
  maxPositionals: 1,
  options: {
    format: { type: 'string', short: 'f', value: 'FORMAT', default: 'ttl', choices: ['ttl', 'trig', 'nq', 'jsonld'], help: 'Turtle (default), TriG, N-Quads or JSON-LD' },
    'max-bytes': { type: 'string', value: 'N', help: `largest file accepted, in bytes (default ${DEFAULT_MAX_BYTES})` },
  },
} as const satisfies CommandSpec;

export async function extractCommand(argv: string[]): Promise<number> {
  return runCommand(EXTRACT_SPEC, argv, ({ values, positionals }) => extract(positionals[0], values.format, integerOption('max-bytes', values['max-bytes'], DEFAULT_MAX_BYTES, 1)));
}

async function extract(file: string, format: string, maxBytes: number): Promise<number> {
  const writers: Record<string, (q: ReturnType<typeof articleQuads>) => string> = {
    ttl: (q) => toTurtle(mergeDefaultGraph([q])),
    trig: (q) => toTriG(q),
    nq: (q) => toNQuads(q),
    jsonld: (q) => toJsonLd(q),
  };
  const write = writers[format];
  // A closed pipe (xckg extract … | head) ends the output quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  try {
    // Persons resolved as a build of this one file resolves them, so both print the same graph.
    const graph = await processFile(file, maxBytes);
    process.stdout.write(write(resolvedArticleQuads(graph)));
    // Damage repaired while decoding and repeated copies dropped are said on stderr, as `xckg build` says them.
    for (const w of documentWarnings(graph.doc)) console.error(`xckg: warning: ${w}`);
    return 0;
  } catch (e) {
    console.error(errorLine(file, e));
    return 1;
  }
}
