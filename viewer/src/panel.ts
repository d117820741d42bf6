// **panel** — details of the selected node or edge: identity, hierarchy, positions, relations by type, and the evidence
// sentences with the mention highlighted. All data goes into the DOM as text (see dom.ts).
import type { ViewerArticle, ViewerEdge, ViewerNode } from '../../src/viewer/types.ts';
import { nodeColor, RELATION_COLORS } from './appearance.ts';
import { chainOf, type Dataset } from './dataset.ts';
import { h, highlighted, safeHref, setChildren } from './dom.ts';
import { relationName, subtypeName, t, typeName } from './i18n.ts';
import type { Store } from './store.ts';
import type { AppState, Lang } from './types.ts';

/** Evidence sentences shown per node or edge; a county mentioned in hundreds of sentences would bury the rest. */
const MAX_SENTENCES = 40;
const MAX_CHILDREN = 60;

interface Actions {
  /** Select a node and bring it into view. */
  chooseNode(key: string): void;
  chooseEdge(id: string): void;
  clear(): void;
}

export function mountPanel(root: HTMLElement, ds: Dataset, store: Store, actions: Actions): void {
  const render = (s: AppState) => {
    const sel = s.selection;
    if (sel?.kind === 'node' && ds.nodes.has(sel.key)) setChildren(root, ...nodePanel(ds, ds.nodes.get(sel.key)!, s.lang, actions));
    else if (sel?.kind === 'edge' && ds.edges.has(sel.id)) setChildren(root, ...edgePanel(ds, ds.edges.get(sel.id)!, s.lang, actions));
    else setChildren(root, h('p', { className: 'empty' }, t(s.lang, 'panelEmpty')));
    root.scrollTop = 0;
  };
  store.subscribe((s, prev) => { if (s.selection !== prev.selection || s.lang !== prev.lang) render(s); });
  render(store.get());
}

function header(lang: Lang, title: string, badge: HTMLElement, actions: Actions): HTMLElement {
  const close = h('button', { type: 'button', className: 'close', 'aria-label': t(lang, 'close'), title: t(lang, 'close'), onclick: () => actions.clear() }, '×');
  return h('header', {}, h('h2', { id: 'panel-title' }, title), badge, close);
}

function nodeLink(ds: Dataset, key: string, actions: Actions): HTMLElement {
  const n = ds.nodes.get(key);
  const dot = h('span', { className: 'dot', 'aria-hidden': 'true' });
  if (n) dot.style.background = nodeColor(n);
  return h('button', { type: 'button', className: 'link', onclick: () => actions.chooseNode(key) }, dot, n?.name ?? key);
}

function nodePanel(ds: Dataset, n: ViewerNode, lang: Lang, actions: Actions): HTMLElement[] {
  const badge = h('span', { className: 'badge' }, [typeName(lang, n.type), subtypeName(lang, n.subtype)].filter(Boolean).join(' · '));
  badge.style.background = nodeColor(n);
  const out: HTMLElement[] = [header(lang, n.name, badge, actions)];
  if (n.fromGazetteer) out.push(h('p', { className: 'hint' }, t(lang, 'fromGazetteer')));

  const fields = h('dl', { className: 'fields' });
  const field = (key: Parameters<typeof t>[1], ...value: Array<Node | string>) => fields.append(h('dt', {}, t(lang, key)), h('dd', {}, ...value));
  if (n.aliases.length) field('aliases', n.aliases.join('、'));
  if (n.pinyin.tone) field('pinyin', h('span', { className: 'pinyin' }, n.pinyin.tone));
  if (n.divisionCode) field('divisionCode', n.divisionCode);
  const chain = chainOf(ds, n.key).reverse();
  if (chain.length) {
    const crumbs = h('span', { className: 'chain' });
    chain.forEach((k, i) => crumbs.append(...(i ? [h('span', { 'aria-hidden': 'true' }, ' › ')] : []), nodeLink(ds, k, actions)));
    field('parents', crumbs);
  }
  const kids = ds.children.get(n.key) ?? [];
  if (kids.length) {
    const list = h('span', { className: 'children' }, ...kids.slice(0, MAX_CHILDREN).map((k) => nodeLink(ds, k, actions)));
    if (kids.length > MAX_CHILDREN) list.append(`… (${kids.length})`);
    field('children', list);
  }
  if (n.articles.length) field('article', t(lang, 'inArticles', { n: n.articles.length }));
  out.push(fields);

  if (n.positions.length) {
    out.push(h('h3', {}, t(lang, 'positions')), h('ul', { className: 'positions' }, ...n.positions.map((p) =>
      h('li', {}, h('span', { className: 'title' }, p.title), p.organization ? h('span', { className: 'at' }, ` · `) : null,
        p.organization ? nodeLink(ds, p.organization, actions) : null))));
  }

  const groups = relationGroups(ds, n.key);
  if (groups.length) {
    out.push(h('h3', {}, t(lang, 'relations')));
    for (const g of groups) {
      const swatch = h('span', { className: 'line', 'aria-hidden': 'true' });
      swatch.style.background = RELATION_COLORS[g.type];
      out.push(h('section', { className: 'relation-group' },
        h('h4', {}, swatch, relationName(lang, g.type, g.inverse), h('span', { className: 'count' }, g.edges.length)),
        h('ul', {}, ...g.edges.map((e) => {
          const other = e.source === n.key ? e.target : e.source;
          return h('li', {}, nodeLink(ds, other, actions),
            e.label ? h('span', { className: 'title' }, `（${e.label}）`) : null,
            h('button', { type: 'button', className: 'evidence-link', title: t(lang, 'showEvidence'), onclick: () => actions.chooseEdge(e.id) }, t(lang, 'showEvidence')));
        }))));
    }
  }

  // Evidence: every sentence that mentions the node, the mentions highlighted.
  const ranges = new Map<string, Array<{ start: number; end: number }>>();
  for (const m of n.mentions) {
    const id = `${m.article}\u0000${m.sentence}`;
    if (!ranges.has(id)) ranges.set(id, []);
    ranges.get(id)!.push(m);
  }
  out.push(h('h3', {}, t(lang, 'evidence')), evidenceList(ds, [...ranges].map(([id, r]) => {
    const [article, sentence] = id.split('\u0000');
    return { article, sentence: Number(sentence), ranges: r };
  }), lang));
  return out;
}

function edgePanel(ds: Dataset, e: ViewerEdge, lang: Lang, actions: Actions): HTMLElement[] {
  const badge = h('span', { className: 'badge' }, relationName(lang, e.type));
  badge.style.background = RELATION_COLORS[e.type];
  const source = ds.nodes.get(e.source)!;
  const target = ds.nodes.get(e.target)!;
  const title = e.type === 'position' ? `${source.name} · ${e.label ?? ''}` : `${source.name} → ${target.name}`;
  const out: HTMLElement[] = [header(lang, title, badge, actions)];
  const fields = h('dl', { className: 'fields' });
  fields.append(
    h('dt', {}, t(lang, 'relation')),
    h('dd', { className: 'edge-ends' }, nodeLink(ds, e.source, actions), ` ${relationName(lang, e.type)} `, nodeLink(ds, e.target, actions)));
  if (e.label) fields.append(h('dt', {}, t(lang, 'title')), h('dd', {}, e.label));
  out.push(fields);

  // Highlight both ends' mentions in each evidence sentence, and the title span for positions.
  const items: EvidenceItem[] = [];
  let gazetteer = false;
  for (const ev of e.evidence) {
    if (ev.source === 'gazetteer') { gazetteer = true; continue; }
    const ranges = [...source.mentions, ...target.mentions].filter((m) => m.article === ev.article && m.sentence === ev.sentence);
    if (ev.start !== undefined && ev.end !== undefined) ranges.push({ article: ev.article, sentence: ev.sentence, start: ev.start, end: ev.end });
    items.push({ article: ev.article, sentence: ev.sentence, ranges });
  }
  out.push(h('h3', {}, t(lang, 'evidence')));
  if (gazetteer) out.push(h('p', { className: 'gazetteer' }, t(lang, 'gazetteerEvidence')));
  if (items.length || !gazetteer) out.push(evidenceList(ds, items, lang));
  return out;
}

interface EvidenceItem {
  article: string;
  sentence: number;
  ranges: Array<{ start: number; end: number }>;
}

/** Sentences grouped under their article (title, date, source, link), in data order. */
function evidenceList(ds: Dataset, items: EvidenceItem[], lang: Lang): HTMLElement {
  if (items.length === 0) return h('p', { className: 'hint' }, t(lang, 'noEvidence'));
  const articleOrder = new Map(ds.data.articles.map((a, i) => [a.id, i]));
  const sorted = [...items].sort((a, b) => (articleOrder.get(a.article) ?? 0) - (articleOrder.get(b.article) ?? 0) || a.sentence - b.sentence);
  const shown = sorted.slice(0, MAX_SENTENCES);
  const list = h('div', { className: 'evidence' });
  let current: HTMLElement | null = null;
  let currentId: string | null = null;
  for (const item of shown) {
    if (item.article !== currentId) {
      currentId = item.article;
      current = h('ol', { className: 'sentences' });
      list.append(h('article', {}, articleHeader(ds.articles.get(item.article), item.article, lang), current));
    }
    const text = ds.sentence(item.article, item.sentence);
    if (text === undefined) continue;
    current!.append(h('li', { value: item.sentence + 1 }, h('blockquote', {}, highlighted(text, item.ranges))));
  }
  if (sorted.length > shown.length) list.append(h('p', { className: 'hint' }, t(lang, 'moreSentences', { n: sorted.length - shown.length })));
  return list;
}

function articleHeader(a: ViewerArticle | undefined, id: string, lang: Lang): HTMLElement {
  const href = safeHref(a?.url);
  const meta = [a?.date, a?.source ? `${t(lang, 'source')}：${a.source}` : undefined].filter(Boolean).join(' · ');
  return h('header', {},
    h('h4', {}, a?.title ?? id),
    h('p', { className: 'meta' }, meta, href ? ' · ' : null,
      href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, t(lang, 'openArticle')) : null));
}

interface RelationGroup {
  type: ViewerEdge['type'];
  inverse: boolean;
  edges: ViewerEdge[];
}

function relationGroups(ds: Dataset, key: string): RelationGroup[] {
  const groups = new Map<string, RelationGroup>();
  for (const e of ds.incident.get(key) ?? []) {
    // Symmetric relations read the same from both ends.
    const inverse = e.target === key && e.source !== key && e.type !== 'spouse';
    const id = `${e.type}:${inverse}`;
    if (!groups.has(id)) groups.set(id, { type: e.type, inverse, edges: [] });
    groups.get(id)!.edges.push(e);
  }
  return [...groups.values()];
}

