// **validate** — checks quads against ontology/shapes.ttl with rdf-validate-shacl.
import { readFileSync } from 'node:fs';
import N3 from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { toDefaultGraph } from './merge.ts';
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

const ONTOLOGY_DIR = new URL('../../ontology/', import.meta.url);
const defaults = new Map<string, string>();
function ontologyFile(name: string): string {
  let text = defaults.get(name);
  if (text === undefined) defaults.set(name, (text = readFileSync(new URL(name, ONTOLOGY_DIR), 'utf8')));
  return text;
}

const parseTurtle = (ttl: string) => new N3.Parser({ format: 'text/turtle' }).parse(ttl);

/**
 * Validates the union of the quads (graph names dropped: SHACL sees one data graph) plus the ontology.
 * The validator's own factory is used (its `factory` option left out, as the library expects).
 */
export async function validateShapes(quads: Iterable<Quad>, options: ValidateOptions = {}): Promise<ValidationOutcome> {
  const shapes = new N3.Store(parseTurtle(options.shapes ?? ontologyFile('shapes.ttl')));
  const data = new N3.Store();
  data.addQuads([...toDefaultGraph(quads)]);
  data.addQuads(parseTurtle(options.ontology ?? ontologyFile('xiangcun.ttl')));
  const validator = new SHACLValidator(shapes, options.maxErrors ? { maxErrors: options.maxErrors } : undefined);
  const report = await validator.validate(data);
  const results = report.results.map((r) => {
    const focus = r.focusNode?.value ?? '?';
    const path = r.path ? ` ${r.path.value}` : '';
    const msg = r.message.map((m) => m.value).join('; ') || r.sourceConstraintComponent?.value || 'violation';
    return `${focus}${path}: ${msg}`;
  });
  return { conforms: report.conforms, results: results.sort() };
}
