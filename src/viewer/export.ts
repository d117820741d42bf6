// **export** turns the per-article graphs into the viewer's data (merged by entity key) and writes `viewer.json`.
import { writeFileAtomic } from '../corpus/output.ts';
import { join } from 'node:path';
import { pinyin } from 'pinyin-pro';
import type { ArticleGraph, Document, Entity, Sentence } from '../types.ts';
import {
  VIEWER_DATA_VERSION,
  type ViewerArticle,
  type ViewerData,
  type ViewerEdge,
  type ViewerEvidence,
  type ViewerNode,
  type ViewerPinyin,
} from './types.ts';

/** Relations whose direction carries no meaning: one edge per pair, whichever article states it first. */
const SYMMETRIC = new Set(['spouse']);

/** Merge the graphs of all articles into one plain-JSON graph for the viewer. Pure: same input, same output. */
export function viewerData(graphs: ArticleGraph[]): ViewerData {
  const nodes = new Map<string, ViewerNode>();
  /** Keys whose node was mentioned (not only added from the gazetteer) in at least one article. */
  const mentioned = new Set<string>();
  const edges = new Map<string, ViewerEdge>();
  const cited = new Map<string, Set<number>>();
  const cite = (article: string, sentence: number) => {
    let set = cited.get(article);
    if (!set) cited.set(article, (set = new Set()));
    set.add(sentence);
  };

  for (const { doc, entities, relations, positions } of graphs) {
    const sentenceStart = sentencesByIndex(doc);
    const toSentence = (sentence: number, start: number, end: number) => {
      const s = sentenceStart.get(sentence);
      if (!s) return undefined;
      // A span outside its sentence would highlight the wrong characters: better none.
      return start >= s.start && end <= s.end && start <= end ? { start: start - s.start, end: end - s.start } : undefined;
    };

    for (const entity of entities) {
      const node = mergeNode(nodes, entity, doc.id);
      if (!entity.fromGazetteer) mentioned.add(entity.key);
      for (const m of entity.mentions) {
        const span = toSentence(m.sentence, m.start, m.end);
        if (!span) continue;
        if (node.mentions.some((x) => x.article === doc.id && x.sentence === m.sentence && x.start === span.start && x.end === span.end)) continue;
        node.mentions.push({ article: doc.id, sentence: m.sentence, ...span });
        cite(doc.id, m.sentence);
      }
    }

    for (const r of relations) {
      if (!nodes.has(r.subject) || !nodes.has(r.object)) continue;
      let [source, target] = [r.subject, r.object];
      if (SYMMETRIC.has(r.type) && source > target) [source, target] = [target, source];
      const id = `${r.type}|${source}|${target}`;
      let edge = edges.get(id);
      if (!edge) edges.set(id, (edge = { id, type: r.type, source: r.subject, target: r.object, evidence: [] }));
      if (r.source === 'gazetteer') addEvidence(edge, { source: 'gazetteer', article: doc.id });
      else if (r.sentence !== undefined && sentenceStart.has(r.sentence)) {
        addEvidence(edge, { source: 'text', article: doc.id, sentence: r.sentence });
        cite(doc.id, r.sentence);
      }
    }

    for (const p of positions) {
      const holder = nodes.get(p.holder);
      if (!holder) continue;
      const span = toSentence(p.sentence, p.span.start, p.span.end);
      const organization = p.organization !== undefined && nodes.has(p.organization) ? p.organization : undefined;
      const where = span ?? { start: 0, end: 0 };
      if (!holder.positions.some((x) => x.title === p.title && x.organization === organization && x.article === doc.id && x.sentence === p.sentence)) {
        holder.positions.push({ title: p.title, ...(organization ? { organization } : {}), article: doc.id, sentence: p.sentence, ...where });
      }
      if (sentenceStart.has(p.sentence)) cite(doc.id, p.sentence);
      if (!organization) continue;
      const id = `position|${p.holder}|${organization}|${p.title}`;
      let edge = edges.get(id);
      if (!edge) edges.set(id, (edge = { id, type: 'position', source: p.holder, target: organization, label: p.title, evidence: [] }));
      if (sentenceStart.has(p.sentence)) addEvidence(edge, { source: 'text', article: doc.id, sentence: p.sentence, ...span });
    }
  }

  for (const node of nodes.values()) {
    if (mentioned.has(node.key)) delete node.fromGazetteer;
    else node.fromGazetteer = true;
    node.pinyin = pinyinOf(node.name, node.type === 'Person');
  }

  const articles: ViewerArticle[] = graphs.map(({ doc }) => {
    const wanted = cited.get(doc.id) ?? new Set<number>();
    return {
      id: doc.id,
      ...(doc.meta.title !== undefined ? { title: doc.meta.title } : {}),
      ...(doc.meta.published !== undefined ? { date: doc.meta.published } : {}),
      ...(doc.meta.source !== undefined ? { source: doc.meta.source } : {}),
      ...(doc.meta.url !== undefined ? { url: doc.meta.url } : {}),
      reporters: [...doc.meta.reporters],
      sentences: doc.sentences.filter((s) => wanted.has(s.index)).map((s) => ({ index: s.index, text: s.text })),
    };
  });

  return { version: VIEWER_DATA_VERSION, nodes: [...nodes.values()], edges: [...edges.values()], articles };
}

/** Write `dir/viewer.json` atomically (temp file + rename), so a server never reads half a file. */
export function writeViewerData(dir: string, data: ViewerData): void {
  writeFileAtomic(join(dir, 'viewer.json'), JSON.stringify(data));
}

/**
 * Pinyin for search: with tones, without (ü as v, so `lv` can be typed), and initials.
 * `surname: 'head'` gives surname readings (单 shàn, 曾 zēng) and is right for person names only.
 */
export function pinyinOf(name: string, person: boolean): ViewerPinyin {
  const base = { nonZh: 'consecutive' as const, ...(person ? { surname: 'head' as const } : {}) };
  const tone = pinyin(name, { ...base, toneType: 'symbol' });
  const plain = pinyin(name, { ...base, toneType: 'none', v: true }).toLowerCase();
  const initials = pinyin(name, { ...base, pattern: 'first', toneType: 'none', separator: '' }).toLowerCase().replace(/\s+/g, '');
  return { tone, plain, initials };
}

function mergeNode(nodes: Map<string, ViewerNode>, e: Entity, article: string): ViewerNode {
  let node = nodes.get(e.key);
  if (!node) {
    node = {
      key: e.key,
      type: e.type,
      ...(e.subtype !== undefined ? { subtype: e.subtype } : {}),
      name: e.name,
      aliases: [],
      pinyin: { tone: '', plain: '', initials: '' },
      ...(e.divisionCode !== undefined ? { divisionCode: e.divisionCode } : {}),
      articles: [],
      mentions: [],
      positions: [],
    };
    nodes.set(e.key, node);
  } else {
    if (node.subtype === undefined && e.subtype !== undefined) node.subtype = e.subtype;
    if (node.divisionCode === undefined && e.divisionCode !== undefined) node.divisionCode = e.divisionCode;
  }
  for (const alias of [e.name, ...e.aliases]) {
    if (alias && alias !== node.name && !node.aliases.includes(alias)) node.aliases.push(alias);
  }
  if (!node.articles.includes(article)) node.articles.push(article);
  return node;
}

function addEvidence(edge: ViewerEdge, ev: ViewerEvidence): void {
  const same = edge.evidence.some((x) =>
    x.source === ev.source && x.article === ev.article && (x.source === 'gazetteer' || (ev.source === 'text' && x.sentence === ev.sentence)));
  if (!same) edge.evidence.push(ev);
}

/** Sentence index → sentence (indices are looked up, not assumed to equal array positions). */
function sentencesByIndex(doc: Document): Map<number, Sentence> {
  return new Map(doc.sentences.map((s) => [s.index, s]));
}

// ---------------------------------------------------------------- corpus merge (streaming)
// The corpus build keeps each article's viewer data apart and merges nodes and edges key by key, in article order,
// so the whole corpus never sits in memory: these are the steps it takes.

/** The same article's viewer data with person keys resolved across articles (edge ids follow their ends). */
export function renameViewerKeys(data: ViewerData, rename: (key: string) => string): ViewerData {
  const nodes = data.nodes.map((n) => ({
    ...n,
    key: rename(n.key),
    positions: n.positions.map((p) => (p.organization !== undefined ? { ...p, organization: rename(p.organization) } : p)),
  }));
  const edges = data.edges.map((e) => {
    const source = rename(e.source);
    const target = rename(e.target);
    let [a, b] = [source, target];
    if (SYMMETRIC.has(e.type) && a > b) [a, b] = [b, a];
    const id = e.type === 'position' ? `position|${source}|${target}|${e.label ?? ''}` : `${e.type}|${a}|${b}`;
    return { ...e, id, source, target };
  });
  return { ...data, nodes, edges };
}

/** Adds a later article's part of a node to the node (the first article's part opens it). */
export function mergeViewerNode(node: ViewerNode, part: ViewerNode): ViewerNode {
  if (node.subtype === undefined && part.subtype !== undefined) node.subtype = part.subtype;
  if (node.divisionCode === undefined && part.divisionCode !== undefined) node.divisionCode = part.divisionCode;
  for (const alias of [part.name, ...part.aliases]) {
    if (alias && alias !== node.name && !node.aliases.includes(alias)) node.aliases.push(alias);
  }
  for (const a of part.articles) if (!node.articles.includes(a)) node.articles.push(a);
  node.mentions.push(...part.mentions);
  node.positions.push(...part.positions);
  if (!part.fromGazetteer) delete node.fromGazetteer;
  return node;
}

/** Adds a later article's evidence to an edge. */
export function mergeViewerEdge(edge: ViewerEdge, part: ViewerEdge): ViewerEdge {
  for (const ev of part.evidence) addEvidence(edge, ev);
  return edge;
}
