// **Trie** finds the longest lexicon entry starting at a position of a string.
// Entries are stored char by char in nested Maps; lookups are O(length of the match).

interface TrieNode<V> {
  next: Map<string, TrieNode<V>>;
  value?: V;
}

export class Trie<V = true> {
  private root: TrieNode<V> = { next: new Map() };
  size = 0;

  add(word: string, value: V): void {
    let node = this.root;
    for (const ch of word) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { next: new Map() }));
      node = child;
    }
    if (node.value === undefined) this.size++;
    node.value = value;
  }

  /** The longest entry that starts at `start`: its end offset and value, or null. */
  longestAt(text: string, start: number): { end: number; value: V } | null {
    let node: TrieNode<V> | undefined = this.root;
    let best: { end: number; value: V } | null = null;
    for (let i = start; i < text.length && node; i++) {
      node = node.next.get(text[i]);
      if (node?.value !== undefined) best = { end: i + 1, value: node.value };
    }
    return best;
  }

  /** Every entry that starts at `start`, shortest first. */
  allAt(text: string, start: number): Array<{ end: number; value: V }> {
    const found: Array<{ end: number; value: V }> = [];
    let node: TrieNode<V> | undefined = this.root;
    for (let i = start; i < text.length && node; i++) {
      node = node.next.get(text[i]);
      if (node?.value !== undefined) found.push({ end: i + 1, value: node.value });
    }
    return found;
  }

  /** Non-overlapping leftmost-longest matches over the whole text. */
  scan(text: string): Array<{ start: number; end: number; value: V }> {
    const out: Array<{ start: number; end: number; value: V }> = [];
    for (let i = 0; i < text.length; ) {
      const m = this.longestAt(text, i);
      if (m) {
        out.push({ start: i, end: m.end, value: m.value });
        i = m.end;
      } else i++;
    }
    return out;
  }
}
