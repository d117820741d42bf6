// **validate** — checks quads against ontology/shapes.ttl with rdf-validate-shacl, one article graph at a time.
//
// Why per article: SHACL over one giant dataset holds the whole corpus in memory (and rdf-validate-shacl
// is about 40 k triples/s); every shape here looks only at a node's own facts and at the types of the
// nodes it points to, all of which an article graph states itself, except places known only from the
// gazetteer. So an article graph is checked together with the gazetteer facts it reaches (see
// src/rdf/validate-graph.ts), which gives the same verdict as checking the union, at a bounded cost.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import N3 from 'n3';
import type SHACLValidator from 'rdf-validate-shacl';
import { toDefaultGraph } from './merge.ts';
import { QuadIndex } from './quad-index.ts';
import { RDFS } from './namespaces.ts';
import type { Quad } from './terms.ts';

export interface ValidateOptions {
  /** Turtle of the shapes; default ontology/shapes.ttl. */
  shapes?: string;
  /** Turtle of the ontology, added to the data so sh:targetClass and sh:class see rdfs:subClassOf; default ontology/xiangcun.ttl. */
  ontology?: string;
  /** Stop after this many violations (default: all). */
  maxErrors?: number;
}

export interface ValidationOutcome {
  conforms: boolean;
  /** One line per violation: focus node, path, message. */
  results: string[];
}

/** One SHACL result, as plain data. */
export interface Violation {
  /** The node shape it belongs to (for a property constraint, the node shape that holds the property). */
  shape: string;
  focus: string;
  /** rdfs:label of the focus node (or nif:anchorOf of a NIF string), when the data gives one. */
  focusLabel?: string;
  path?: string;
  value?: string;
  message: string;
  /** sh:Violation, sh:Warning or sh:Info (local name). */
  severity: string;
  /** The named graph the focus node is stated in (the article's graph), when known. */
  graph?: string;
}

const SH = 'http://www.w3.org/ns/shacl#';
const NIF_ANCHOR = 'http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf';
const RDFS_SUBCLASS = RDFS + 'subClassOf';
const RDFS_LABEL = RDFS + 'label';

const ONTOLOGY_DIR = new URL('../../ontology/', import.meta.url);
const defaults = new Map<string, string>();
function ontologyFile(name: string): string {
  let text = defaults.get(name);
  if (text === undefined) defaults.set(name, (text = readFileSync(new URL(name, ONTOLOGY_DIR), 'utf8')));
  return text;
}

const parseTurtle = (ttl: string) => new N3.Parser({ format: 'text/turtle' }).parse(ttl);

/**
 * rdf-validate-shacl, loaded on first use and synchronously (require of an ES module, Node 20.19 and later).
 * Why not a static import: through rdf-validate-datatype it imports the @tpluscode/rdf-ns-builders barrel, 348
 * vocabulary modules, which costs every command that never validates most of a second, and which the ES module
 * loader opens concurrently, in every worker thread at once: a build under `ulimit -n 256` (macOS's default)
 * failed at start with EMFILE. require() reads them one at a time.
 */
let validatorClass: typeof SHACLValidator | null = null;
function loadValidator(): typeof SHACLValidator {
  if (validatorClass) return validatorClass;
  try {
    const mod = createRequire(import.meta.url)('rdf-validate-shacl') as { default: typeof SHACLValidator };
    return (validatorClass = mod.default);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_REQUIRE_ESM') throw new Error('SHACL validation needs Node 20.19 or later (it loads rdf-validate-shacl with require)');
    throw e;
  }
}

/**
 * A reusable checker: the shapes are parsed once and the validator built once, so checking many small
 * graphs costs only the data. Of the ontology only the rdfs:subClassOf triples are added to the data
 * (sh:targetClass and sh:class follow them); the rest never changes a verdict and would cost per graph.
 */
export class ShapeChecker {
  private readonly validator: SHACLValidator;
  private readonly subClassOf: N3.Quad[];
  /** Blank property shape → its node shape, so each result can be counted under a named shape. */
  private readonly ownerShape = new Map<string, string>();

  constructor(options: ValidateOptions = {}) {
    const shapes = new N3.Store(parseTurtle(options.shapes ?? ontologyFile('shapes.ttl')));
    for (const q of shapes.getQuads(null, N3.DataFactory.namedNode(SH + 'property'), null, null)) {
      this.ownerShape.set(q.object.value, q.subject.value);
    }
    this.subClassOf = parseTurtle(options.ontology ?? ontologyFile('xiangcun.ttl')).filter((q) => q.predicate.value === RDFS_SUBCLASS);
    const Validator = loadValidator();
    this.validator = new Validator(shapes, options.maxErrors ? { maxErrors: options.maxErrors } : undefined);
  }

  /** validate() without its await: the steps it takes (rdf-validate-shacl 0.6), checked to exist. */
  private run(data: QuadIndex): Awaited<ReturnType<SHACLValidator['validate']>> {
    const engine = this.validator as unknown as Engine;
    if (typeof engine.setDataGraph !== 'function' || typeof engine.validationEngine?.validateAll !== 'function') {
      throw new Error('rdf-validate-shacl changed: SHACLValidator.setDataGraph/validationEngine.validateAll are gone (see src/rdf/validate.ts)');
    }
    engine.setDataGraph(data);
    engine.validationEngine.validateAll(engine.$data);
    if (engine.validationEngine.validationError) throw engine.validationEngine.validationError;
    return engine.validationEngine.getReport();
  }

  /**
   * Violations of the union of `quads` (graph names dropped: SHACL sees one data graph). `graphOf`
   * names the graph a focus node is reported in; by default the first graph it is a subject in.
   */
  async check(input: Iterable<Quad>): Promise<Violation[]> {
    return this.checkSync(input);
  }

  /**
   * The same check, synchronously, for callers that cannot wait (the build's per-article hook runs in
   * a worker between synchronous steps). rdf-validate-shacl's validate() is async only to load
   * owl:imports, which our shapes do not have; its engine itself is synchronous.
   */
  checkSync(input: Iterable<Quad>): Violation[] {
    const quads = Array.isArray(input) ? (input as Quad[]) : [...input];
    const graphOf = new Map<string, string>();
    for (const q of quads) {
      if (q.graph.termType === 'NamedNode' && !graphOf.has(q.subject.value)) graphOf.set(q.subject.value, q.graph.value);
    }
    const data = QuadIndex.of([...toDefaultGraph(quads), ...this.subClassOf]);
    const report = this.run(data);
    if (report.conforms) return [];
    const labelOf = (iri: string): string | undefined => {
      const node = N3.DataFactory.namedNode(iri);
      const label = [...data.match(node, N3.DataFactory.namedNode(RDFS_LABEL)), ...data.match(node, N3.DataFactory.namedNode(NIF_ANCHOR))][0];
      return label?.object.value;
    };
    return report.results.map((r) => {
      const focus = r.focusNode?.value ?? '?';
      const source = r.sourceShape?.value ?? '';
      const v: Violation = {
        shape: this.ownerShape.get(source) ?? source,
        focus,
        message: r.message.map((m) => m.value).join('; ') || localName(r.sourceConstraintComponent?.value ?? 'violation'),
        severity: localName(r.severity?.value ?? SH + 'Violation'),
      };
      const label = r.focusNode?.termType === 'NamedNode' ? labelOf(focus) : undefined;
      if (label !== undefined) v.focusLabel = label;
      if (r.path) v.path = r.path.value;
      if (r.value) v.value = r.value.value;
      const graph = graphOf.get(focus);
      if (graph) v.graph = graph;
      return v;
    });
  }
}

interface Engine {
  setDataGraph(data: unknown): void;
  $data: unknown;
  validationEngine: { validateAll(data: unknown): boolean; getReport(): Awaited<ReturnType<SHACLValidator['validate']>>; validationError: Error | null };
}

const localName = (iri: string) => iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);

let defaultChecker: ShapeChecker | null = null;
/** The checker for the project's own shapes and ontology, built on first use and kept. */
export function projectChecker(): ShapeChecker {
  return (defaultChecker ??= new ShapeChecker());
}

/**
 * The check the build runs on each article: the quads articleQuads gave for one article (its named
 * graph and its gazetteer facts), against the project's shapes. Resolves to the violations, [] if none.
 */
export async function validateArticleQuads(quads: Quad[]): Promise<Violation[]> {
  return projectChecker().check(quads);
}

/** validateArticleQuads, synchronously (for the build's per-article checks, src/corpus/checks.ts). */
export function validateArticleQuadsSync(quads: Quad[]): Violation[] {
  return projectChecker().checkSync(quads);
}

/** One line per violation: focus node, path, message (sorted, for tests and logs). */
export function violationLine(v: Violation): string {
  return `${v.focus}${v.path ? ` ${v.path}` : ''}: ${v.message}`;
}

/**
 * Validates the union of the quads (graph names dropped: SHACL sees one data graph) plus the ontology.
 * The validator's own factory is used (its `factory` option left out, as the library expects).
 */
export async function validateShapes(quads: Iterable<Quad>, options: ValidateOptions = {}): Promise<ValidationOutcome> {
  const checker = options.shapes || options.ontology || options.maxErrors ? new ShapeChecker(options) : projectChecker();
  const violations = await checker.check(quads);
  return { conforms: violations.length === 0, results: violations.map(violationLine).sort() };
}
