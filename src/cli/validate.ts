// **validate** — `xckg validate GRAPH… [--format table|json]`: SHACL shapes and a two-parser syntax check of built graphs.
import { formatTable, type Table } from '../query/format.ts';
import type { Term } from '../query/terms.ts';
import { GRAPH } from '../rdf/namespaces.ts';
import { validateGraphFiles, type GraphValidation } from '../rdf/validate-graph.ts';
import type { Violation } from '../rdf/validate.ts';
import { integerOption, runCommand, UsageError, type CommandSpec } from './args.ts';

export const VALIDATE_SPEC = {
  name: 'validate',
  synopsis: 'GRAPH… [--format table|json]',
  summary: 'Check built graphs against ontology/shapes.ttl (SHACL, one article graph at a time) and parse them with both n3 and oxigraph.',
  positionals: [{ name: 'GRAPH', help: 'graph files (.nq .trig .ttl .nt .jsonld) or a folder written by xckg build (its graph.nq)' }],
  options: {
    format: { type: 'string', value: 'FORMAT', choices: ['table', 'json'], help: 'table (default): one row per violation and a count per shape; json for scripts' },
    'max-width': { type: 'string', value: 'N', help: 'cut table cells wider than N columns (default 60, 0 = never)' },
  },
  epilog: 'Exit status: 0 when every graph conforms and parses, 1 on any violation or syntax error, 2 for a usage mistake.',
} as const satisfies CommandSpec;

const ARTICLE_GRAPH = GRAPH + 'article/';

/** The article a graph IRI stands for (its document id), or the graph's own name. */
function articleOf(graph: string | undefined): string {
  if (!graph) return '';
  if (graph.startsWith(ARTICLE_GRAPH)) return decodeURIComponent(graph.slice(ARTICLE_GRAPH.length));
  return graph === GRAPH + 'gazetteer' ? '(gazetteer)' : graph;
}

const iri = (value: string): Term => ({ type: 'iri', value });
const SHAPES = 'https://w3id.org/xiangcun-kg/shapes#';
/** Shapes by their prefixed name (xcsh:EntityShape), the way ontology/shapes.ttl writes them. */
const shapeName = (shape: string) => (shape.startsWith(SHAPES) ? 'xcsh:' + shape.slice(SHAPES.length) : shape);
const text = (value: string): Term => ({ type: 'literal', value });

/** Violations as table rows: focus node, its label, path, message, article. */
function violationTable(vs: Violation[]): Table {
  return {
    vars: ['focus', 'label', 'path', 'message', 'article'],
    rows: vs.map((v) => ({
      focus: v.focus === '?' ? text('?') : iri(v.focus),
      ...(v.focusLabel !== undefined && { label: text(v.focusLabel) }),
      ...(v.path && { path: iri(v.path) }),
      message: text(v.value ? `${v.message} (value: ${v.value})` : v.message),
      ...(v.graph && { article: text(articleOf(v.graph)) }),
    })),
  };
}

/** How many violations each shape has, most first. */
export function countPerShape(vs: Violation[]): Array<{ shape: string; violations: number }> {
  const counts = new Map<string, number>();
  for (const v of vs) counts.set(v.shape, (counts.get(v.shape) ?? 0) + 1);
  return [...counts].map(([shape, violations]) => ({ shape, violations })).sort((a, b) => b.violations - a.violations || (a.shape < b.shape ? -1 : 1));
}

/** Syntax errors printed one a line up to this many; a file broken throughout needs the first few, not all (JSON has all). */
const MAX_SYNTAX_LINES = 50;

function printTable(r: GraphValidation, maxWidth: number): void {
  for (const e of r.syntaxErrors.slice(0, MAX_SYNTAX_LINES)) process.stderr.write(`xckg validate: ${e}\n`);
  if (r.syntaxErrors.length > MAX_SYNTAX_LINES) process.stderr.write(`xckg validate: … and ${r.syntaxErrors.length - MAX_SYNTAX_LINES} more syntax errors (--format json lists them all)\n`);
  for (const n of r.notes) process.stderr.write(`xckg validate: note: ${n}\n`);
  if (r.violations.length) {
    process.stdout.write(formatTable(violationTable(r.violations), { maxWidth, count: false }) + '\n');
    const shapes: Table = {
      vars: ['shape', 'violations'],
      rows: countPerShape(r.violations).map((c) => ({ shape: text(shapeName(c.shape)), violations: { type: 'literal', value: String(c.violations), datatype: 'http://www.w3.org/2001/XMLSchema#integer' } })),
    };
    process.stdout.write(formatTable(shapes, { count: false }) + '\n');
  }
  const verdict = r.violations.length === 0 && r.syntaxErrors.length === 0 ? 'conforms' : 'does not conform';
  process.stdout.write(
    `${r.files.join(', ')}: ${verdict}: ${r.quads} quads in ${r.graphs} graphs, ${r.violations.length} violation${r.violations.length === 1 ? '' : 's'}, ${r.syntaxErrors.length} syntax error${r.syntaxErrors.length === 1 ? '' : 's'}\n`,
  );
}

function printJson(r: GraphValidation): void {
  const out = {
    conforms: r.violations.length === 0 && r.syntaxErrors.length === 0,
    files: r.files,
    quads: r.quads,
    graphs: r.graphs,
    syntaxErrors: r.syntaxErrors,
    notes: r.notes,
    shapes: countPerShape(r.violations),
    violations: r.violations.map((v) => ({ ...v, article: articleOf(v.graph) || undefined })),
  };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

export function validateCommand(argv: string[]): Promise<number> {
  return runCommand(VALIDATE_SPEC, argv, async ({ values, positionals }) => {
    if (!positionals.length) throw new UsageError('no graph file given');
    const maxWidth = integerOption('max-width', values['max-width'], 60);
    let result: GraphValidation;
    try {
      result = await validateGraphFiles(positionals);
    } catch (e) {
      process.stderr.write(`xckg validate: ${String((e as Error).message).split('\n')[0]}\n`);
      return 1;
    }
    if (values.format === 'json') printJson(result);
    else printTable(result, maxWidth);
    return result.violations.length === 0 && result.syntaxErrors.length === 0 ? 0 : 1;
  });
}
