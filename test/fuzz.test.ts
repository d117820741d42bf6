// Seeded fuzzing: hostile inputs of every kind through ingest → extract → Turtle, TriG, N-Quads, JSON-LD,
// read back by n3 and oxigraph to the same quads, conforming to the shapes, or refused with one line.
// The same cases on every run (seed 1); `npm run bench:fuzz -- --cases 100000` runs the long version, and
// `--replay KIND:SEED` replays one case. Failing cases found are kept under test/fixtures/fuzz/.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KINDS, makeCase, runCase, type CaseResult, type FuzzCase } from './helpers/fuzz.ts';

// About 110 cases per kind: 2,000 in all, roughly a minute and a half on one free core.
const CASES = Number(process.env.XCKG_FUZZ_CASES) || 2000;
const SEED = 1;
const FIXTURES = new URL('./fixtures/fuzz/', import.meta.url);

const describeFailure = (c: FuzzCase, r: CaseResult) => `${c.kind}:${c.seed} (${c.path}, ${c.bytes.length} bytes): ${r.failure}`;

describe('fuzz: generated cases', () => {
  // Cases are generated once and grouped by kind, so each kind reports on its own.
  const byKind = new Map<string, FuzzCase[]>(KINDS.map((k) => [k, []]));
  for (let i = 0; i < CASES; i++) {
    const c = makeCase(SEED, i);
    byKind.get(c.kind)!.push(c);
  }
  const outcomes = new Map<string, number>();

  for (const kind of KINDS) {
    it(`${kind}: built and read back identically, or refused with one line`, { timeout: 300_000 }, async () => {
      const failures: string[] = [];
      for (const c of byKind.get(kind)!) {
        const r = await runCase(c, { timeLimitMs: 10_000 });
        outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
        if (r.failure) failures.push(describeFailure(c, r));
      }
      expect(failures).toEqual([]);
    });
  }

  it('the generators reach every outcome the oracle knows: built, damaged, and each refusal', () => {
    // Without this, a generator that silently stopped producing damage would leave the rules untested.
    for (const o of ['built', 'built-damaged', 'refused:binary', 'refused:undecodable', 'refused:empty', 'refused:no-text']) {
      expect(outcomes.get(o) ?? 0, o).toBeGreaterThan(0);
    }
  });
});

describe('fuzz: cases kept from earlier failures', () => {
  const files = readdirSync(FIXTURES).filter((f) => !f.endsWith('.md')).sort();

  it('there are kept cases', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const f of files) {
    it(f, { timeout: 60_000 }, async () => {
      const c: FuzzCase = { kind: 'fixture', seed: 0, path: f, bytes: new Uint8Array(readFileSync(new URL(f, FIXTURES))) };
      const r = await runCase(c, { timeLimitMs: 10_000 });
      expect(r.failure ?? null).toBeNull();
    });
  }
});
