// **fuzz** — the long fuzz run: N seeded hostile inputs through ingest → extract → every serializer → n3, oxigraph, SHACL.
//
//   npm run bench:fuzz -- --cases 100000 [--seed 1] [--no-shapes] [--kind html] [--replay KIND:SEED]
//   (Ctrl-C stops it early and still prints the table)
//
// Prints cases/s (wall clock and per CPU second: on shared cores the second is the steady figure), the outcome
// counts per kind, the slowest case, and each failing case with the
// kind and seed that replay it (`--replay mutated-utf8:123456`). Exit status 1 if any case failed.
import { parseArgs } from 'node:util';
import { KINDS, makeCase, replayCase, runCase, type FuzzCase } from '../test/helpers/fuzz.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '1' },
    kind: { type: 'string' },
    replay: { type: 'string' },
    'no-shapes': { type: 'boolean', default: false },
    'time-limit': { type: 'string', default: '5000' },
  },
});

const shapes = !values['no-shapes'];
const timeLimitMs = Number(values['time-limit']);

if (values.replay) {
  const [kind, seed] = values.replay.split(':');
  const c = replayCase(kind, Number(seed));
  console.log(`${kind}:${seed} ${c.path} ${c.bytes.length} bytes`);
  console.log(JSON.stringify(new TextDecoder().decode(c.bytes)).slice(0, 2000));
  console.log(await runCase(c, { shapes, timeLimitMs }));
  process.exit(0);
}

const total = Number(values.cases);
const seed = Number(values.seed);
const counts = new Map<string, Map<string, number>>();
const failures: Array<{ c: FuzzCase; failure: string }> = [];
let slowest = { ms: 0, label: '' };
let quads = 0;
let cpuTotal = 0;

// The first case pays for loading the model and the gazetteer: warm up outside the clock.
await runCase(makeCase(seed, 0), { shapes });
// Ctrl-C (or SIGTERM) ends the run after the current case and still prints the table.
let stopped = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (stopped = true));
const t0 = performance.now();
let done = 0;
for (let i = 0; done < total && !stopped; i++) {
  const c = makeCase(seed, i);
  if (values.kind && c.kind !== values.kind) continue;
  done++;
  const r = await runCase(c, { shapes, timeLimitMs });
  // A case resolves without returning to the event loop: let it deliver a pending Ctrl-C now and then.
  if (done % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
  quads += r.quads;
  const byKind = counts.get(c.kind) ?? new Map<string, number>();
  const outcome = r.failure ? 'FAILED' : r.outcome;
  byKind.set(outcome, (byKind.get(outcome) ?? 0) + 1);
  counts.set(c.kind, byKind);
  if (r.cpuMs > slowest.ms) slowest = { ms: r.cpuMs, label: `${c.kind}:${c.seed} (${c.bytes.length} bytes)` };
  cpuTotal += r.cpuMs;
  if (r.failure) {
    failures.push({ c, failure: r.failure });
    console.log(`FAILED ${c.kind}:${c.seed}: ${r.failure}`);
  }
  if (done % 500 === 0) process.stderr.write(`  ${done} cases, ${(done / ((performance.now() - t0) / 1000)).toFixed(0)}/s, ${failures.length} failed\n`);
}
const seconds = (performance.now() - t0) / 1000;

const outcomes = [...new Set([...counts.values()].flatMap((m) => [...m.keys()]))].sort();
const width = Math.max(...KINDS.map((k) => k.length), 5);
console.log(`\n${done} cases${stopped ? ` of ${total} (stopped)` : ''} (seed ${seed}${shapes ? '' : ', shapes off'}) in ${seconds.toFixed(1)} s: ${(done / seconds).toFixed(1)} cases/s (${(done / (cpuTotal / 1000)).toFixed(1)} per CPU second), ${quads} quads built and checked`);
console.log(['kind'.padEnd(width), ...outcomes.map((o) => o.padStart(Math.max(o.length, 6)))].join('  '));
const totals = new Map<string, number>();
for (const k of KINDS) {
  const m = counts.get(k);
  if (!m) continue;
  console.log([k.padEnd(width), ...outcomes.map((o) => String(m.get(o) ?? 0).padStart(Math.max(o.length, 6)))].join('  '));
  for (const [o, n] of m) totals.set(o, (totals.get(o) ?? 0) + n);
}
console.log(['total'.padEnd(width), ...outcomes.map((o) => String(totals.get(o) ?? 0).padStart(Math.max(o.length, 6)))].join('  '));
console.log(`slowest case: ${slowest.ms.toFixed(0)} ms of CPU time, ${slowest.label}`);
console.log(`${failures.length} failed${failures.length ? ' (replay one with --replay KIND:SEED)' : ''}`);
process.exitCode = failures.length ? 1 : 0;
