// **quad-index** — a small in-memory RDF/JS DatasetCore for the SHACL validator: an array of quads, indexed on first match.
//
// Why not n3's Store: the validator calls match() tens of thousands of times per article, and each call
// of N3.Store.match builds a new Store with a readable stream around it; most of the validation time went
// to building and collecting those. Here a match is a filter of one index bucket into a plain array.
import type * as RDF from '@rdfjs/types';

type Term = RDF.Term;
const key = (t: Term): string =>
  t.termType === 'Literal' ? `"${t.value}"@${t.language}^${t.datatype.value}` : t.termType === 'DefaultGraph' ? '' : `${t.termType[0]}${t.value}`;

export class QuadIndex implements RDF.DatasetCore {
  private readonly quads: RDF.Quad[];
  private bySubject: Map<string, RDF.Quad[]> | null = null;
  private byPredicate: Map<string, RDF.Quad[]> | null = null;
  private byObject: Map<string, RDF.Quad[]> | null = null;

  /** `quads` are taken as they are: use QuadIndex.of to drop duplicates. */
  constructor(quads: RDF.Quad[] = []) {
    this.quads = quads;
  }

  /** A dataset of the distinct quads (the same triple stated in two graphs and then merged counts once). */
  static of(quads: Iterable<RDF.Quad>): QuadIndex {
    const seen = new Set<string>();
    const out: RDF.Quad[] = [];
    for (const q of quads) {
      const k = `${key(q.subject)} ${key(q.predicate)} ${key(q.object)} ${key(q.graph)}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(q);
    }
    return new QuadIndex(out);
  }

  get size(): number {
    return this.quads.length;
  }

  [Symbol.iterator](): Iterator<RDF.Quad> {
    return this.quads[Symbol.iterator]();
  }

  add(q: RDF.Quad): this {
    if (this.has(q)) return this;
    this.quads.push(q);
    if (this.bySubject) {
      push(this.bySubject, key(q.subject), q);
      push(this.byPredicate!, key(q.predicate), q);
      push(this.byObject!, key(q.object), q);
    }
    return this;
  }

  delete(q: RDF.Quad): this {
    const i = this.quads.findIndex((x) => x.equals(q));
    if (i >= 0) {
      this.quads.splice(i, 1);
      this.bySubject = this.byPredicate = this.byObject = null;
    }
    return this;
  }

  has(q: RDF.Quad): boolean {
    return this.candidates(q.subject, q.predicate, q.object).some((x) => x.equals(q));
  }

  match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): QuadIndex {
    const out: RDF.Quad[] = [];
    for (const q of this.candidates(subject, predicate, object)) {
      if (subject && !q.subject.equals(subject)) continue;
      if (predicate && !q.predicate.equals(predicate)) continue;
      if (object && !q.object.equals(object)) continue;
      if (graph && !q.graph.equals(graph)) continue;
      out.push(q);
    }
    return new QuadIndex(out);
  }

  /** The smallest index bucket that can hold the matches (all quads when nothing is bound). */
  private candidates(subject?: Term | null, predicate?: Term | null, object?: Term | null): RDF.Quad[] {
    if (!subject && !predicate && !object) return this.quads;
    if (this.quads.length < 16) return this.quads;
    if (!this.bySubject) this.buildIndexes();
    let best: RDF.Quad[] | null = null;
    const consider = (map: Map<string, RDF.Quad[]>, t: Term | null | undefined) => {
      if (!t) return;
      const bucket = map.get(key(t)) ?? EMPTY;
      if (!best || bucket.length < best.length) best = bucket;
    };
    consider(this.bySubject!, subject);
    consider(this.byObject!, object);
    consider(this.byPredicate!, predicate);
    return best ?? this.quads;
  }

  private buildIndexes(): void {
    this.bySubject = new Map();
    this.byPredicate = new Map();
    this.byObject = new Map();
    for (const q of this.quads) {
      push(this.bySubject, key(q.subject), q);
      push(this.byPredicate, key(q.predicate), q);
      push(this.byObject, key(q.object), q);
    }
  }
}

const EMPTY: RDF.Quad[] = [];

function push(map: Map<string, RDF.Quad[]>, k: string, q: RDF.Quad): void {
  const list = map.get(k);
  if (list) list.push(q);
  else map.set(k, [q]);
}
