// **index-table** — open-addressing hash table from 30-bit feature keys to dense row numbers.

const EMPTY = -1;

export class FeatureIndex {
  private keys: Int32Array;
  private rows: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1024) {
    let cap = 1024;
    while (cap < expected * 2) cap *= 2;
    this.keys = new Int32Array(cap).fill(EMPTY);
    this.rows = new Int32Array(cap);
    this.mask = cap - 1;
  }

  /** Row of `key`, or -1. */
  get(key: number): number {
    const keys = this.keys;
    const mask = this.mask;
    let slot = (key ^ (key >>> 13)) & mask;
    for (;;) {
      const k = keys[slot];
      if (k === key) return this.rows[slot];
      if (k === EMPTY) return -1;
      slot = (slot + 1) & mask;
    }
  }

  /** Row of `key`, adding it with the next row number if absent. */
  add(key: number): number {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const keys = this.keys;
    const mask = this.mask;
    let slot = (key ^ (key >>> 13)) & mask;
    for (;;) {
      const k = keys[slot];
      if (k === key) return this.rows[slot];
      if (k === EMPTY) {
        keys[slot] = key;
        this.rows[slot] = this.size;
        return this.size++;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Keys in row order. */
  keysByRow(): Int32Array {
    const out = new Int32Array(this.size);
    for (let s = 0; s < this.keys.length; s++) if (this.keys[s] !== EMPTY) out[this.rows[s]] = this.keys[s];
    return out;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldRows = this.rows;
    const cap = oldKeys.length * 2;
    this.keys = new Int32Array(cap).fill(EMPTY);
    this.rows = new Int32Array(cap);
    this.mask = cap - 1;
    for (let s = 0; s < oldKeys.length; s++) {
      const key = oldKeys[s];
      if (key === EMPTY) continue;
      let slot = (key ^ (key >>> 13)) & this.mask;
      while (this.keys[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.rows[slot] = oldRows[s];
    }
  }
}
