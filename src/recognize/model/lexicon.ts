// **lexicon** — word lists as code-point tries, marked on a sentence by forward longest match (features, not decisions).
import { readFileSync, existsSync } from 'node:fs';

/** Marks written per token: where the longest match that covers it puts it. */
export const NONE = 0;
export const BEGIN = 1;
export const INSIDE = 2;
export const END = 3;
export const SINGLE = 4;

interface TrieNode {
  next: Map<number, TrieNode> | null;
  end: boolean;
}

export class Lexicon {
  private root: TrieNode = { next: null, end: false };
  size = 0;

  constructor(words: Iterable<string> = []) {
    for (const w of words) this.add(w);
  }

  add(word: string): void {
    let node = this.root;
    for (const ch of word) {
      const cp = ch.codePointAt(0)!;
      if (!node.next) node.next = new Map();
      let child = node.next.get(cp);
      if (!child) {
        child = { next: null, end: false };
        node.next.set(cp, child);
      }
      node = child;
    }
    if (!node.end) this.size++;
    node.end = true;
  }

  has(word: string): boolean {
    let node: TrieNode | undefined = this.root;
    for (const ch of word) {
      node = node.next?.get(ch.codePointAt(0)!);
      if (!node) return false;
    }
    return node.end;
  }

  /** Length in tokens of the longest entry starting at cps[i], 0 if none. */
  longestAt(cps: ArrayLike<number>, i: number, n: number): number {
    let node: TrieNode | undefined = this.root;
    let best = 0;
    for (let j = i; j < n; j++) {
      node = node.next?.get(cps[j]);
      if (!node) break;
      if (node.end) best = j - i + 1;
    }
    return best;
  }

  /** Forward maximum matching: out[i] = BEGIN/INSIDE/END/SINGLE/NONE. */
  mark(cps: ArrayLike<number>, n: number, out: Uint8Array): void {
    let i = 0;
    while (i < n) {
      const len = this.longestAt(cps, i, n);
      if (len === 0) {
        out[i++] = NONE;
      } else if (len === 1) {
        out[i++] = SINGLE;
      } else {
        out[i] = BEGIN;
        for (let k = 1; k < len - 1; k++) out[i + k] = INSIDE;
        out[i + len - 1] = END;
        i += len;
      }
    }
  }
}

/** Reads a one-entry-per-line list; '#' starts a comment line; columns after whitespace are ignored. */
export function readWordList(path: string): string[] {
  if (!existsSync(path)) return [];
  const out: string[] = [];
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const word = line.split(/\s+/)[0];
    if (word) out.push(word);
  }
  return out;
}
