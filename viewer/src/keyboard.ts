// **keyboard** — global shortcuts; they stay quiet while the user types in a field.
import type { LayoutController } from './layout.ts';
import type { Renderer } from './renderer.ts';
import type { SearchField } from './search-field.ts';
import type { Store } from './store.ts';

export function bindKeyboard(store: Store, search: SearchField, renderer: Renderer, layout: LayoutController, graphEl: HTMLElement): void {
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as HTMLElement;
    const typing = target.closest('input, select, textarea') !== null && (target as HTMLInputElement).type !== 'checkbox' && (target as HTMLInputElement).type !== 'radio';
    if (e.key === 'Escape') {
      if (search.close()) return;
      store.set({ selection: null });
      return;
    }
    if (typing) return;
    const step = 0.15;
    switch (e.key) {
      case '/': e.preventDefault(); search.focus(); break;
      case 'l': case 'L': layout.isRunning() ? layout.stop() : layout.start(); break;
      case 't': case 'T': store.set({ layout: store.get().layout === 'tree' ? 'force' : 'tree' }); break;
      case 'f': case 'F': renderer.fit(); break;
      case '+': case '=': renderer.zoom(1.5); break;
      case '-': case '_': renderer.zoom(1 / 1.5); break;
      default:
        // Arrow keys pan when the graph itself has the focus (it is focusable for this reason).
        if (target === graphEl && e.key.startsWith('Arrow')) {
          e.preventDefault();
          const dx = e.key === 'ArrowLeft' ? -step : e.key === 'ArrowRight' ? step : 0;
          const dy = e.key === 'ArrowUp' ? step : e.key === 'ArrowDown' ? -step : 0;
          renderer.pan(dx, dy);
        }
    }
  });
}
