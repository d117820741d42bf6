// **search field** — a combobox: type Chinese or pinyin, pick a suggestion with the mouse or the arrow keys and Enter.
import { nodeColor } from './appearance.ts';
import type { Dataset } from './dataset.ts';
import { h, setChildren } from './dom.ts';
import { subtypeName, t, typeName } from './i18n.ts';
import { buildSearchIndex, search, type SearchHit } from './search.ts';
import type { Store } from './store.ts';

export interface SearchField {
  input: HTMLInputElement;
  focus(): void;
  /** Close the suggestions; true if they were open (so Escape does one thing at a time). */
  close(): boolean;
}

export function mountSearchField(root: HTMLElement, ds: Dataset, store: Store, choose: (key: string) => void): SearchField {
  const index = buildSearchIndex(ds.data.nodes, (k) => ds.degree.get(k) ?? 0);
  const listId = 'search-suggestions';
  const input = h('input', {
    id: 'search', type: 'search', autocomplete: 'off', spellcheck: 'false', role: 'combobox',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId,
  });
  const label = h('label', { for: 'search', className: 'visually-hidden' });
  const list = h('ul', { id: listId, role: 'listbox', className: 'suggestions', hidden: true });
  setChildren(root, label, input, list);

  let hits: SearchHit[] = [];
  let active = -1;

  const render = () => {
    const lang = store.get().lang;
    list.hidden = hits.length === 0 && !input.value.trim();
    input.setAttribute('aria-expanded', String(!list.hidden));
    if (hits.length === 0) {
      setChildren(list, input.value.trim() ? h('li', { className: 'empty', role: 'presentation' }, t(lang, 'noResults')) : null);
      input.removeAttribute('aria-activedescendant');
      return;
    }
    setChildren(list, ...hits.map((hit, i) => {
      const n = ds.nodes.get(hit.key)!;
      const swatch = h('span', { className: 'swatch', 'aria-hidden': 'true' });
      swatch.style.background = nodeColor(n);
      return h('li', {
        id: `suggestion-${i}`, role: 'option', 'aria-selected': String(i === active), className: i === active ? 'active' : '',
        // mousedown, not click: it fires before the input's blur closes the list.
        onmousedown: (e: Event) => { e.preventDefault(); pick(i); },
      },
      swatch,
      h('span', { className: 'name' }, n.name),
      hit.field === 'alias' && hit.alias ? h('span', { className: 'alias' }, `（${hit.alias}）`) : null,
      h('span', { className: 'pinyin' }, n.pinyin.tone),
      h('span', { className: 'kind' }, subtypeName(lang, n.subtype) ?? typeName(lang, n.type)));
    }));
    if (active >= 0) input.setAttribute('aria-activedescendant', `suggestion-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };

  const pick = (i: number) => {
    const hit = hits[i];
    if (!hit) return;
    input.value = ds.nodes.get(hit.key)!.name;
    hits = [];
    active = -1;
    render();
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    choose(hit.key);
  };

  const close = () => {
    const wasOpen = !list.hidden;
    hits = [];
    active = -1;
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    return wasOpen;
  };

  input.addEventListener('input', () => {
    hits = search(index, input.value, 12);
    active = hits.length ? 0 : -1;
    render();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!hits.length) return;
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length;
      render();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (!hits.length) { hits = search(index, input.value, 12); active = 0; }
      pick(Math.max(active, 0));
    } else if (e.key === 'Escape') {
      if (close()) e.stopPropagation();
    }
  });
  input.addEventListener('blur', () => close());

  const relabel = () => {
    const lang = store.get().lang;
    input.placeholder = t(lang, 'search');
    label.textContent = t(lang, 'searchLabel');
    if (!list.hidden) render();
  };
  store.subscribe((s, prev) => { if (s.lang !== prev.lang) relabel(); });
  relabel();

  return { input, focus: () => input.focus(), close };
}
