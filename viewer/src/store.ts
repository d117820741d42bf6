// **store** — one mutable cell holding the AppState; views subscribe and re-derive, nobody mutates the state in place.
import type { AppState } from './types.ts';

export type Listener = (state: AppState, previous: AppState) => void;

export interface Store {
  get(): AppState;
  /** Replace some top-level fields; listeners run synchronously, in subscription order. */
  set(patch: Partial<AppState>): void;
  subscribe(listener: Listener): () => void;
}

export function createStore(initial: AppState): Store {
  let state = initial;
  const listeners: Listener[] = [];
  return {
    get: () => state,
    set(patch) {
      const previous = state;
      state = { ...state, ...patch };
      for (const l of listeners) l(state, previous);
    },
    subscribe(listener) {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener) >>> 0, 1);
    },
  };
}
