// **toolbar** — layout controls (run/stop ForceAtlas2, re-seed, place tree), fit, PNG export and the language switch.
import { h, setChildren } from './dom.ts';
import { t, type UiKey } from './i18n.ts';
import type { LayoutController } from './layout.ts';
import type { Store } from './store.ts';

export interface ToolbarActions {
  fit(): void;
  exportPng(): void;
}

export function mountToolbar(root: HTMLElement, store: Store, layout: LayoutController, actions: ToolbarActions): void {
  const button = (id: string, onclick: () => void) => h('button', { type: 'button', id, onclick });
  const run = button('layout-run', () => (layout.isRunning() ? layout.stop() : layout.start()));
  const reseed = button('layout-reseed', () => { layout.reseed(); actions.fit(); });
  const tree = button('layout-tree', () => store.set({ layout: store.get().layout === 'tree' ? 'force' : 'tree' }));
  const fit = button('fit', () => actions.fit());
  const png = button('export-png', () => actions.exportPng());
  const lang = button('lang', () => store.set({ lang: store.get().lang === 'zh' ? 'en' : 'zh' }));
  setChildren(root, h('div', { className: 'group', role: 'group' }, run, reseed, tree), h('div', { className: 'group', role: 'group' }, fit, png), lang);

  const label = (el: HTMLElement, key: UiKey, hint?: UiKey) => {
    const l = store.get().lang;
    el.textContent = t(l, key);
    if (hint) el.title = t(l, hint);
  };
  const update = () => {
    const s = store.get();
    const running = layout.isRunning();
    label(run, running ? 'stopLayout' : 'runLayout');
    run.setAttribute('aria-pressed', String(running));
    run.disabled = s.layout === 'tree';
    reseed.disabled = s.layout === 'tree';
    label(reseed, 'reseed');
    label(tree, 'treeLayout');
    tree.setAttribute('aria-pressed', String(s.layout === 'tree'));
    label(fit, 'fit');
    label(png, 'exportPng');
    label(lang, 'language', 'languageHint');
    lang.setAttribute('lang', s.lang === 'zh' ? 'en' : 'zh');
  };
  layout.onChange(update);
  store.subscribe((s, prev) => { if (s.lang !== prev.lang || s.layout !== prev.layout) update(); });
  update();
}
