// **corpus-sort.test** — the external sort behind the corpus merge: runs spilled to disk merge into exactly the order
// (and the values) an in-memory sort gives, whatever characters the keys hold.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExternalSorter } from '../src/corpus/external-sort.ts';

const dir = mkdtempSync(join(tmpdir(), 'xckg-sort-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Deterministic keys with the characters that need care in run files: newlines, tabs, backslashes, NUL, CJK, astral. */
function keys(n: number): string[] {
  const alphabet = ['a', 'b', '\n', '\t', '\\', '\u0000', '\u0001', '王', '兴', '𠀀', '"', ' '];
  let x = 12345;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
  return Array.from({ length: n }, (_, i) => Array.from({ length: 1 + (next() % 12) }, () => alphabet[next() % alphabet.length]).join('') + `\u0000${String(i).padStart(6, '0')}`);
}

describe('external sort', () => {
  for (const limit of [200, 5_000, 10_000_000]) {
    it(`sorts keys and carries values with a memory limit of ${limit} characters`, () => {
      const sorter = new ExternalSorter(dir, `t${limit}`, limit);
      const input = keys(3000);
      for (const k of input) sorter.add(k, JSON.stringify({ k, n: k.length }));
      const out = [...sorter.sorted()];
      const expected = [...input].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(out.map(([k]) => k)).toEqual(expected);
      for (const [k, v] of out) expect(JSON.parse(v)).toEqual({ k, n: k.length });
      expect(readdirSync(dir).filter((f) => f.startsWith(`t${limit}.`))).toEqual([]); // runs removed
    });
  }

  it('keeps keys without values, duplicates included', () => {
    const sorter = new ExternalSorter(dir, 'plain', 100);
    const input = ['b\u0001x', 'a', 'b\u0001x', 'a\u0000b', 'é', 'a'];
    for (const k of input) sorter.add(k);
    expect([...sorter.sorted()]).toEqual([...input].sort().map((k) => [k, '']));
  });
});
