// **lookups** — typed questions over a built graph, each one SPARQL query: officials of a place, a place's subtree, an entity's relations with evidence, entities by name or pinyin.
import { ID, XC, expand } from '../rdf/namespaces.ts';
import { GAZETTEER_GRAPH } from '../rdf/iri.ts';
import type { EntityType, RelationType } from '../types.ts';
import type { GraphStore } from './store.ts';
import { iriSyntax, stringSyntax, type Row } from './terms.ts';

/**
 * An entity given by IRI (`https://w3id.org/xiangcun-kg/id/place/14`), by CURIE (`id:place/14`) or by
 * name: a name matches rdfs:label or skos:altLabel exactly (山西省, or its alias 山西), so it can name several.
 */
export type EntityRef = string;

const ENTITY_TYPES: EntityType[] = ['Person', 'Place', 'Organization', 'Program'];
const RELATIONS: RelationType[] = ['locatedIn', 'partOf', 'spouse', 'assists', 'residesIn', 'memberOf'];
const PLACE_LEVELS = ['Province', 'Prefecture', 'County', 'Township', 'Village', 'Settlement'];

const v = (row: Row, k: string): string | undefined => row[k]?.value;
const xcLocal = (iri: string | undefined): string | undefined => (iri?.startsWith(XC) ? iri.slice(XC.length) : undefined);

/** The IRIs an EntityRef names (empty when nothing matches). */
export function resolveEntity(store: GraphStore, ref: EntityRef, type?: EntityType): string[] {
  const r = ref.trim();
  if (/^[a-z][\w+.-]*:\/\//i.test(r) || r.startsWith('urn:')) return [r];
  if (/^id:/.test(r)) return [expand(r)];
  const typed = type ? `?e a xc:${type} .` : '';
  const rows = store.select(`SELECT DISTINCT ?e WHERE {
    { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l }
    FILTER(STR(?l) = ${stringSyntax(r)})
    ${typed}
  } ORDER BY ?e`).rows;
  return rows.map((row) => row.e.value);
}

const values = (name: string, iris: string[]) => `VALUES ?${name} { ${iris.map(iriSyntax).join(' ')} }`;

// ---------------------------------------------------------------- officials

export interface Official {
  /** The person's IRI and name. */
  person: string;
  name: string;
  /** One title (a compound title 党组书记、局长 gives one row per part). */
  title: string;
  /** Where the title is held: an organization, or the place itself (省长 of 山西省). */
  organization: string;
  organizationName: string;
  /** The place the organization was matched through: the place asked for, or (with subtree) one below it. */
  place: string;
  placeName: string;
  /** The sentence that states the title, when the graph records it. */
  sentence?: string;
}

export interface OfficialsOptions {
  /** Also officials of places below (counties of a province, villages of a county…). Default false. */
  subtree?: boolean;
}

/**
 * Who holds which title in a place: positions held at the place itself, at an organization whose name
 * begins with the place's name (organization names make their territory explicit: 山西省乡村振兴局), or at
 * an organization that is xc:partOf such a body or xc:locatedIn the place. Without `subtree`, an
 * organization named after a place below (山西省河曲县… names 河曲县) is left to that place.
 */
export function officialsIn(store: GraphStore, place: EntityRef, options: OfficialsOptions = {}): Official[] {
  const places = resolveEntity(store, place, 'Place');
  if (!places.length) return [];
  const area = options.subtree ? '?area xc:locatedIn* ?root .' : 'BIND(?root AS ?area)';
  const ownName = options.subtree
    ? 'STRSTARTS(STR(?topName), STR(?areaName))'
    : `(STRSTARTS(STR(?topName), STR(?areaName)) && NOT EXISTS {
          ?below xc:locatedIn+ ?area ; rdfs:label ?belowName .
          FILTER(STRSTARTS(SUBSTR(STR(?topName), STRLEN(STR(?areaName)) + 1), STR(?belowName)))
        })`;
  const rows = store.select(`SELECT DISTINCT ?person ?name ?title ?org ?orgName ?area ?areaName ?sentence WHERE {
    ${values('root', places)}
    ${area}
    ?area rdfs:label ?areaName .
    ?pos a xc:Position ; xc:holder ?person ; xc:title ?title ; xc:organization ?org .
    ?org rdfs:label ?orgName .
    ?org xc:partOf* ?top .
    ?top rdfs:label ?topName .
    FILTER(?top = ?area || EXISTS { ?top xc:locatedIn ?area } || (EXISTS { ?top a xc:Organization } && ${ownName}))
    ?person rdfs:label ?name .
    OPTIONAL { ?pos prov:wasDerivedFrom ?s . ?s nif:anchorOf ?sentence }
  } ORDER BY ?name ?title ?orgName`).rows;
  // One row per (person, title, organization): several sentences or matching areas add nothing.
  const seen = new Set<string>();
  const out: Official[] = [];
  for (const r of rows) {
    const key = [v(r, 'person'), v(r, 'title'), v(r, 'org')].join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      person: r.person.value,
      name: r.name.value,
      title: r.title.value,
      organization: r.org.value,
      organizationName: r.orgName.value,
      place: r.area.value,
      placeName: r.areaName.value,
      ...(r.sentence ? { sentence: r.sentence.value } : {}),
    });
  }
  return out;
}

// ---------------------------------------------------------------- places

export interface PlaceNode {
  place: string;
  name: string;
  /** Province, Prefecture, County, Township, Village or Settlement, when the graph says. */
  level?: string;
  /** Statistical division code from the gazetteer. */
  code?: string;
  /** The parent on the way to the root (undefined for the root). */
  parent?: string;
  /** Steps below the root (0 for the root itself). */
  depth: number;
}

/**
 * The administrative subtree of a place (xc:locatedIn+) as an outline: the root, then each place followed
 * by its own subtree, siblings in pinyin order. A place with two parents (the text and the gazetteer may
 * differ) appears once, under the parent nearest the root.
 */
export function subtreeOf(store: GraphStore, place: EntityRef): PlaceNode[] {
  const roots = resolveEntity(store, place, 'Place');
  if (!roots.length) return [];
  const rows = store.select(`SELECT DISTINCT ?x ?parent ?name ?level ?code WHERE {
    ${values('root', roots)}
    { BIND(?root AS ?x) } UNION { ?x xc:locatedIn+ ?root . ?x xc:locatedIn ?parent . ?parent xc:locatedIn* ?root . }
    OPTIONAL { ?x rdfs:label ?name }
    OPTIONAL { ?x a ?level . FILTER(?level IN (${PLACE_LEVELS.map((l) => 'xc:' + l).join(', ')})) }
    OPTIONAL { ?x xc:divisionCode ?code }
  }`).rows;
  const nodes = new Map<string, PlaceNode>();
  const children = new Map<string, string[]>();
  for (const r of rows) {
    const x = r.x.value;
    if (!nodes.has(x)) nodes.set(x, { place: x, name: v(r, 'name') ?? x, depth: -1 });
    const n = nodes.get(x)!;
    n.level ??= xcLocal(v(r, 'level'));
    n.code ??= v(r, 'code');
    const p = v(r, 'parent');
    if (p) children.set(p, [...(children.get(p) ?? []), x]);
  }
  // Breadth-first from the roots gives each place its shallowest depth and the parent on that path.
  let frontier = roots.filter((r) => nodes.has(r));
  for (const r of frontier) nodes.get(r)!.depth = 0;
  const tree = new Map<string, string[]>();
  while (frontier.length) {
    const next: string[] = [];
    for (const f of frontier) {
      for (const c of children.get(f) ?? []) {
        const n = nodes.get(c)!;
        if (n.depth >= 0) continue;
        n.depth = nodes.get(f)!.depth + 1;
        n.parent = f;
        tree.set(f, [...(tree.get(f) ?? []), c]);
        next.push(c);
      }
    }
    frontier = next;
  }
  // Then depth-first over that tree, so each place is followed by its own subtree (an indented outline).
  const byName = (a: string, b: string) => nodes.get(a)!.name.localeCompare(nodes.get(b)!.name, 'zh');
  const out: PlaceNode[] = [];
  const visit = (x: string) => {
    out.push(nodes.get(x)!);
    for (const c of (tree.get(x) ?? []).sort(byName)) visit(c);
  };
  for (const r of roots.filter((r) => nodes.has(r)).sort(byName)) visit(r);
  return out;
}

// ---------------------------------------------------------------- relations

export interface RelationFact {
  subject: string;
  subjectName?: string;
  predicate: RelationType;
  object: string;
  objectName?: string;
  /** 'out' when the entity asked about is the subject. */
  direction: 'out' | 'in';
  /** The named graph that states the fact (an article's graph, or the gazetteer's). */
  graph?: string;
  source: 'text' | 'gazetteer';
  /** The evidence sentence, for facts read from the text. */
  sentence?: string;
  /** IRI of that sentence (a NIF string: …/id/text/{docId}#char=b,e). */
  sentenceIri?: string;
}

/**
 * The relations (locatedIn, partOf, spouse, assists, residesIn, memberOf) an entity takes part in, with the
 * sentence each text fact comes from. Spouse is stated both ways in the graph; it is reported once per pair.
 */
export function relationsOf(store: GraphStore, entity: EntityRef): RelationFact[] {
  const out: RelationFact[] = [];
  for (const e of resolveEntity(store, entity)) {
    const E = iriSyntax(e);
    const rows = store.select(`SELECT DISTINCT ?s ?p ?o ?g ?sName ?oName ?sentence ?sn WHERE {
      VALUES ?p { ${RELATIONS.map((r) => 'xc:' + r).join(' ')} }
      { GRAPH ?g { ${E} ?p ?o } BIND(${E} AS ?s) } UNION { GRAPH ?g { ?s ?p ${E} } BIND(${E} AS ?o) }
      OPTIONAL {
        GRAPH ?g {
          ?ev a xc:Evidence ; rdf:predicate ?p ; prov:wasDerivedFrom ?sn .
          { ?ev rdf:subject ?s ; rdf:object ?o . BIND(false AS ?reversed) }
          UNION { ?ev rdf:subject ?o ; rdf:object ?s . BIND(true AS ?reversed) }
          ?sn nif:anchorOf ?sentence .
        }
        # A symmetric fact's evidence may be written in the other direction.
        FILTER(!?reversed || ?p = xc:spouse)
      }
      OPTIONAL { ?s rdfs:label ?sName }
      OPTIONAL { ?o rdfs:label ?oName }
    } ORDER BY ?p ?s ?o ?g ?sn`).rows;
    const facts: RelationFact[] = rows.map((r) => ({
      subject: r.s.value,
      subjectName: v(r, 'sName'),
      predicate: xcLocal(r.p.value) as RelationType,
      object: r.o.value,
      objectName: v(r, 'oName'),
      direction: r.s.value === e ? 'out' : 'in',
      graph: v(r, 'g'),
      source: v(r, 'g') === GAZETTEER_GRAPH ? 'gazetteer' : 'text',
      sentence: v(r, 'sentence'),
      sentenceIri: v(r, 'sn'),
    }));
    // Spouse both ways: keep the outgoing statement of each pair (and its evidence).
    const outgoingSpouse = new Set(facts.filter((f) => f.predicate === 'spouse' && f.direction === 'out').map((f) => f.object + '\u0000' + f.graph));
    const seen = new Set<string>();
    for (const f of facts) {
      if (f.predicate === 'spouse' && f.direction === 'in' && outgoingSpouse.has(f.subject + '\u0000' + f.graph)) continue;
      // With no sentence, a fact appears once however many ways it was matched.
      const key = [f.subject, f.predicate, f.object, f.graph, f.sentenceIri ?? ''].join('\u0000');
      if (seen.has(key)) continue;
      seen.add(key);
      for (const k of ['subjectName', 'objectName', 'graph', 'sentence', 'sentenceIri'] as const) if (f[k] === undefined) delete f[k];
      out.push(f);
    }
  }
  return out;
}

// ---------------------------------------------------------------- search

export interface EntityMatch {
  entity: string;
  name: string;
  type: EntityType;
  /** The subclass (Province, GovernmentAgency…) when the graph states one. */
  subtype?: string;
  /** Which label matched: the name, an alias, or the pinyin (skos:hiddenLabel). */
  matchedBy: 'label' | 'altLabel' | 'pinyin';
  matched: string;
}

export interface FindOptions {
  /** Only entities of this type. */
  type?: EntityType;
  /** exact (default), prefix or contains; pinyin compares without spaces or tone marks. */
  match?: 'exact' | 'prefix' | 'contains';
  limit?: number;
}

/** Pinyin as the graph's hidden labels compare: lower case, no tone marks, ü as v, no spaces or apostrophes. */
export function normalizePinyin(s: string): string {
  return s
    .normalize('NFD')
    .replace(/u\u0308/gi, 'v') // ü decomposes to u + combining diaeresis
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s'’·-]/g, '');
}

const HAN = /\p{Script=Han}/u;

/**
 * Entities whose name, alias or pinyin matches: 张乃田, 山西 (an alias), "zhang nai tian", "ZhangNaitian",
 * "zhāng nǎi tián", or with match 'prefix' "heq" (河曲县 and the bodies named after it).
 * Sorted: name matches before aliases before pinyin, then shorter names first.
 */
export function findEntities(store: GraphStore, text: string, options: FindOptions = {}): EntityMatch[] {
  const needle = text.trim();
  if (!needle) return [];
  const mode = options.match ?? 'exact';
  const test = (key: string, lit: string) =>
    mode === 'exact' ? `${key} = ${lit}` : mode === 'prefix' ? `STRSTARTS(${key}, ${lit})` : `CONTAINS(${key}, ${lit})`;
  const py = HAN.test(needle) ? '' : normalizePinyin(needle);
  const pinyinBranch = py
    ? `UNION { ?e skos:hiddenLabel ?m . BIND("pinyin" AS ?via) BIND(REPLACE(LCASE(STR(?m)), "[\\\\s']", "") AS ?key) FILTER(${test('?key', stringSyntax(py))}) }`
    : '';
  const types = options.type ? [options.type] : ENTITY_TYPES;
  const rows = store.select(`SELECT DISTINCT ?e ?type ?sub ?name ?via ?m WHERE {
    {
      { ?e rdfs:label ?m . BIND("label" AS ?via) } UNION { ?e skos:altLabel ?m . BIND("altLabel" AS ?via) }
      FILTER(${test('STR(?m)', stringSyntax(needle))})
    } ${pinyinBranch}
    ?e a ?type .
    FILTER(?type IN (${types.map((t) => 'xc:' + t).join(', ')}))
    OPTIONAL { ?e a ?sub . FILTER(?sub != ?type && STRSTARTS(STR(?sub), STR(xc:))) }
    OPTIONAL { ?e rdfs:label ?name }
  }`).rows;
  const rank = { label: 0, altLabel: 1, pinyin: 2 } as const;
  const subtypes = new Map<string, string>();
  const best = new Map<string, EntityMatch>();
  for (const r of rows) {
    const e = r.e.value;
    const sub = xcLocal(v(r, 'sub'));
    if (sub) subtypes.set(e, sub);
    const via = r.via.value as EntityMatch['matchedBy'];
    const prev = best.get(e);
    if (prev && rank[prev.matchedBy] <= rank[via]) continue;
    best.set(e, { entity: e, name: v(r, 'name') ?? e.replace(ID, ''), type: xcLocal(r.type.value) as EntityType, matchedBy: via, matched: r.m.value });
  }
  const out = [...best.values()].map((m) => (subtypes.has(m.entity) ? { ...m, subtype: subtypes.get(m.entity) } : m));
  out.sort((a, b) => rank[a.matchedBy] - rank[b.matchedBy] || a.name.length - b.name.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return options.limit ? out.slice(0, options.limit) : out;
}
