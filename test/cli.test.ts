// **cli.test** — `xckg extract FILE --format ttl|trig|nq|jsonld` end to end: parseable output on stdout, the same facts
// in every format (and as `xckg build` writes them), and the exit codes and messages of misuse and bad input.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byLabel, GAZETTEER_GRAPH, once, parseRdf, ROOT, run, SEED, show, xckg, XC, type Format, type Run } from './helpers/xckg.ts';

const SLOW = { timeout: 90_000 };
const ARTICLE_GRAPH = 'https://w3id.org/xiangcun-kg/graph/article/000_e65d613101e172c6';
const CI_HINT = '.ci/run installs raptor2-utils and python3-rdflib (apt-get); install them to run this test';

const tmp = mkdtempSync(join(tmpdir(), 'xckg-cli-test-'));
const EMPTY = join(tmp, 'empty.txt');
const extract = (...args: string[]) => once(() => xckg(['extract', ...args]));
const runs = {
  ttl: extract(SEED, '--format', 'ttl'),
  trig: extract(SEED, '--format', 'trig'),
  nq: extract(SEED, '--format', 'nq'),
  jsonld: extract(SEED, '--format', 'jsonld'),
  default: extract(SEED),
  build: once(() => xckg(['build', SEED, '--out', join(tmp, 'out'), '--quiet'])),
};

beforeAll(() => {
  writeFileSync(EMPTY, '');
  for (const r of Object.values(runs)) r().catch(() => {});
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function ok(r: () => Promise<Run>): Promise<string> {
  const x = await r();
  expect(x.code, show(x)).toBe(0);
  expect(x.stderr).toBe('');
  return x.stdout;
}
const key = (q: N3.Quad, withGraph = true) => [q.subject, q.predicate, q.object, ...(withGraph ? [q.graph] : [])].map((t) => N3.termToId(t)).join(' ');
const keys = (quads: N3.Quad[], withGraph = true) => [...new Set(quads.map((q) => key(q, withGraph)))].sort();
const parsed = async (format: 'ttl' | 'trig' | 'nq') => parseRdf(await ok(runs[format]), ({ ttl: 'Turtle', trig: 'TriG', nq: 'N-Quads' } as Record<string, Format>)[format]);

describe('xckg extract', () => {
  it('--format ttl prints Turtle with prefixes, the article’s entities in it', SLOW, async () => {
    const out = await ok(runs.ttl);
    expect(out).toMatch(/^@prefix xc: <https:\/\/w3id\.org\/xiangcun-kg\/ns#>/m);
    const quads = parseRdf(out, 'Turtle');
    expect(quads.length).toBeGreaterThan(500);
    const store = new N3.Store(quads);
    const [p] = byLabel(store, '张乃田');
    expect(store.getQuads(p as N3.Quad_Subject, N3.DataFactory.namedNode(XC + 'mentionedIn'), null, null)).toHaveLength(1);
    // Without --format the output is Turtle too.
    expect(await ok(runs.default)).toBe(out);
  });

  it('--format trig and --format nq print the article’s named graph and the gazetteer graph, the same quads in both', SLOW, async () => {
    const trig = await parsed('trig');
    const nq = await parsed('nq');
    expect([...new Set(nq.map((q) => q.graph.value))].sort()).toEqual([ARTICLE_GRAPH, GAZETTEER_GRAPH]);
    expect(keys(trig)).toEqual(keys(nq));
    // N-Quads: one quad per line.
    const lines = (await ok(runs.nq)).trimEnd().split('\n');
    expect(lines).toHaveLength(nq.length);
    for (const l of lines.slice(0, 50)) expect(l).toMatch(/^<[^>]+> <[^>]+> .+ <[^>]+> \.$/);
    // The Turtle is the same triples, graphs merged.
    expect(keys(await parsed('ttl'), false)).toEqual(keys(nq, false));
  });

  it('--format jsonld prints JSON-LD: prefixed @context, one object per named graph, the same quads as N-Quads (rdflib)', SLOW, async () => {
    const doc = JSON.parse(await ok(runs.jsonld));
    expect(doc['@context'].xc).toBe(XC);
    const graphs = doc['@graph'] as Array<{ '@id': string; '@graph': Array<Record<string, unknown>> }>;
    expect(graphs.map((g) => g['@id']).sort()).toEqual([ARTICLE_GRAPH, GAZETTEER_GRAPH]);
    const article = graphs.find((g) => g['@id'] === ARTICLE_GRAPH)!['@graph'];
    const person = article.find((n) => (n['rdfs:label'] as Array<{ '@value': string }> | undefined)?.some((l) => l['@value'] === '张乃田'));
    expect(person?.['@type']).toContain('xc:Person');
    // Every quad is there once: @type entries plus property values add up to the N-Quads count.
    const values = graphs.flatMap((g) => g['@graph']).reduce((n, node) => n + Object.entries(node).filter(([k]) => k !== '@id').reduce((m, [, v]) => m + (v as unknown[]).length, 0), 0);
    const nq = await parsed('nq');
    expect(values).toBe(nq.length);
    // An independent JSON-LD processor reads exactly the N-Quads' quads.
    const dir = mkdtempSync(join(tmp, 'jsonld-'));
    writeFileSync(join(dir, 'x.jsonld'), await ok(runs.jsonld));
    writeFileSync(join(dir, 'x.nq'), await ok(runs.nq));
    const script = [
      'import json, sys',
      'try:',
      '    import rdflib',
      'except ImportError as e:',
      '    print("NO_RDFLIB", e); sys.exit(3)',
      'def quads(path, fmt):',
      '    d = rdflib.Dataset(); d.parse(path, format=fmt)',
      '    return set((s.n3(), p.n3(), o.n3(), str(getattr(c, "identifier", c))) for s, p, o, c in d.quads((None, None, None, None)))',
      'a = quads(sys.argv[1] + "/x.jsonld", "json-ld"); b = quads(sys.argv[1] + "/x.nq", "nquads")',
      'print(json.dumps({"jsonld": len(a), "nq": len(b), "onlyJsonld": sorted(a - b)[:5], "onlyNq": sorted(b - a)[:5]}, ensure_ascii=False))',
    ].join('\n');
    const r = await run('/usr/bin/python3', ['-c', script, dir]);
    if (r.spawnError || r.code === 3) expect.fail(`rdflib is not available to /usr/bin/python3 (${r.spawnError ?? r.stdout.trim()}). ${CI_HINT}`);
    expect(r.code, show(r)).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ jsonld: nq.length, nq: nq.length, onlyJsonld: [], onlyNq: [] });
  });

  it('prints the same Turtle that `xckg build` writes for the same single file', SLOW, async () => {
    const b = await runs.build();
    expect(b.code, show(b)).toBe(0);
    expect(b.stdout).toBe(''); // --quiet
    expect(readFileSync(join(tmp, 'out/graph.ttl'), 'utf8')).toBe(await ok(runs.ttl));
  });
});

describe('xckg extract and build: misuse and bad input', () => {
  it('an unknown --format exits 2 with a message naming it and the known ones, and prints nothing', SLOW, async () => {
    const r = await xckg(['extract', SEED, '--format', 'rdfxml']);
    expect(r.code, show(r)).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/rdfxml/);
    for (const f of ['ttl', 'trig', 'nq', 'jsonld']) expect(r.stderr).toContain(f);
    // The shared usage-error form (src/cli/args.ts): the mistake, then where the help is.
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^xckg extract: .*rdfxml/), "run 'xckg extract --help' for usage"]);
  });

  it('extract of an empty file exits 1 with one line `xckg: <path>: …` and no output', SLOW, async () => {
    const r = await xckg(['extract', EMPTY, '--format', 'nq']);
    expect(r.code, show(r)).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0].startsWith(`xckg: ${EMPTY}: `), lines[0]).toBe(true);
  });

  it('usage errors exit 2: extract without a file, build without --out (writing nothing)', SLOW, async () => {
    const [noFile, noOut] = await Promise.all([xckg(['extract', '--format', 'ttl']), xckg(['build', SEED])]);
    expect(noFile.code, show(noFile)).toBe(2);
    expect(noFile.stderr).toMatch(/^xckg extract: missing FILE\nrun 'xckg extract --help' for usage/);
    expect(noOut.code, show(noOut)).toBe(2);
    expect(noOut.stderr).toMatch(/^xckg build: --out DIR is required\nrun 'xckg build --help' for usage/);
    expect(existsSync(join(ROOT, 'graph.ttl'))).toBe(false);
  });
});
