// **push.test** — `xckg push` against a real Virtuoso open-source server (started here on free ports with a
// temporary database, stopped afterwards), and the Graph Store client's login, retry and error paths against
// small local servers. Fails loudly when virtuoso-t is missing (`npm run test:setup` installs it).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestAuthorization, parseDigestChallenge, pushGraphs, StoreHttpError } from '../src/push/index.ts';
import { openGraphSync } from '../src/query/store.ts';
import { withProjectPrefixes } from '../src/query/sparql.ts';
import { PREFIXES } from '../src/rdf/namespaces.ts';
import { startVirtuoso, type Virtuoso } from '../scripts/virtuoso.ts';
import { buildSeedGraph } from './fixtures/query/seed.ts';
import { ROOT } from './helpers/xckg.ts';

let virtuoso: Virtuoso;
let seed: { dir: string; cleanup: () => void };

beforeAll(async () => {
  virtuoso = await startVirtuoso();
  seed = buildSeedGraph();
}, 180_000);
afterAll(async () => {
  await virtuoso?.stop();
  seed?.cleanup();
}, 60_000);

function push(args: string[], password?: string) {
  const env = { ...process.env };
  delete env.XCKG_PASSWORD;
  if (password !== undefined) env.XCKG_PASSWORD = password;
  return spawnSync(process.execPath, ['bin/xckg.js', 'push', ...args], { cwd: ROOT, encoding: 'utf8', env, timeout: 120_000 });
}

/** A SPARQL SELECT against Virtuoso's endpoint, rows as { var: value } (an independent path from xckg's). */
async function virtuosoSelect(query: string): Promise<Array<Record<string, string>>> {
  const res = await fetch(virtuoso.sparqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' },
    body: new URLSearchParams({ query }).toString(),
  });
  expect(res.status).toBe(200);
  const json = (await res.json()) as { results: { bindings: Array<Record<string, { value: string }>> } };
  return json.results.bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, t]) => [k, t.value])));
}

/** Triples per named graph as our own store reads the file. */
function localCounts(file: string): Map<string, number> {
  const s = openGraphSync(file, { unionDefaultGraph: false });
  try {
    return new Map(s.select('SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g').rows.map((r) => [r.g.value, Number(r.n.value)]));
  } finally {
    s.close();
  }
}

describe('xckg push into Virtuoso', { timeout: 120_000 }, () => {
  it('loads every graph of the seed build (digest login) and the store counts what the files hold', async () => {
    const r = push([seed.dir, '--endpoint', virtuoso.graphStoreUrl, '--user', virtuoso.user, '--replace'], virtuoso.password);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^pushed 2 graphs, [\d,]+ triples in 2 requests/);
    expect(r.stdout).toMatch(/every graph holds exactly the triples sent/);
    const expected = localCounts(join(seed.dir, 'graph.nq'));
    const stored = await virtuosoSelect(`SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/xiangcun-kg/graph/")) } GROUP BY ?g`);
    expect(new Map(stored.map((row) => [row.g, Number(row.n)]))).toEqual(expected);
    // Pushed again with --replace: the graphs are replaced, not doubled.
    expect(push([seed.dir, '--endpoint', virtuoso.graphStoreUrl, '--user', 'dba', '--replace', '--batch', '200', '--quiet'], virtuoso.password).status).toBe(0);
    const again = await virtuosoSelect(`SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/xiangcun-kg/graph/")) } GROUP BY ?g`);
    expect(new Map(again.map((row) => [row.g, Number(row.n)]))).toEqual(expected);
  });

  it("answers a cookbook query over its /sparql with the rows `xckg query` gives on the same files", async () => {
    const text = readFileSync(join(ROOT, 'examples/queries/place-chain.rq'), 'utf8');
    const ours = spawnSync(process.execPath, ['bin/xckg.js', 'query', seed.dir, '-f', 'examples/queries/place-chain.rq', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
    expect(ours.status).toBe(0);
    const oursRows = (JSON.parse(ours.stdout) as { results: { bindings: Array<Record<string, { value: string }>> } }).results.bindings.map((b) =>
      Object.fromEntries(Object.entries(b).map(([k, t]) => [k, t.value])),
    );
    expect(oursRows.length).toBeGreaterThanOrEqual(4);
    // Virtuoso's default graph is every graph it holds: the query reads the same facts, the prefixes written out.
    const theirs = await virtuosoSelect(withProjectPrefixes(text, PREFIXES).text);
    const key = (rows: Array<Record<string, string>>) => [...new Set(rows.map((r) => JSON.stringify(Object.entries(r).sort())))].sort();
    expect(key(theirs)).toEqual(key(oursRows));
  });

  it('pushes a Turtle file into the graph named by --graph, and refuses one without it', async () => {
    const iri = 'https://example.org/xckg-test/turtle';
    const ttl = join(seed.dir, 'graph.ttl');
    const r = push([ttl, '--endpoint', virtuoso.graphStoreUrl, '--graph', iri, '--user', 'dba', '--replace'], virtuoso.password);
    expect(r.status).toBe(0);
    const s = openGraphSync(ttl);
    const triples = s.size;
    s.close();
    const [row] = await virtuosoSelect(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${iri}> { ?s ?p ?o } }`);
    expect(Number(row.n)).toBe(triples);
    const without = push([ttl, '--endpoint', virtuoso.graphStoreUrl, '--user', 'dba'], virtuoso.password);
    expect(without.status).toBe(1);
    expect(without.stderr).toBe(`xckg push: ${ttl}: Turtle holds no graph names: say which graph it goes to with --graph IRI\n`);
  });

  it('one-line errors: no login, a wrong password (never printed), a wrong path, a closed port', async () => {
    const noLogin = push([seed.dir, '--endpoint', virtuoso.graphStoreUrl]);
    expect(noLogin.status).toBe(1);
    expect(noLogin.stderr).toMatch(/^xckg push: http:\/\/127\.0\.0\.1:\d+\/sparql-graph-crud-auth: 401 Unauthorized: the store wants a login .*\n$/);
    const wrong = push([seed.dir, '--endpoint', virtuoso.graphStoreUrl, '--user', 'dba'], 'not-the-password-xyz');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/401 Unauthorized: the store refused user 'dba'/);
    expect(wrong.stderr + wrong.stdout).not.toContain('not-the-password-xyz');
    const path = push([seed.dir, '--endpoint', `http://127.0.0.1:${virtuoso.httpPort}/no-such-service`, '--sparql', virtuoso.sparqlUrl]);
    expect(path.status).toBe(1);
    expect(path.stderr.trim().split('\n')).toHaveLength(1);
    expect(path.stderr).toMatch(/is this the Graph Store endpoint\?/);
    const closed = await closedPort();
    const refused = push([seed.dir, '--endpoint', `http://127.0.0.1:${closed}/sparql-graph-crud-auth`]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(`xckg push: http://127.0.0.1:${closed}/sparql-graph-crud-auth: connection refused (is the store running, on this host and port?)\n`);
    const noPassword = push([seed.dir, '--endpoint', virtuoso.graphStoreUrl, '--user', 'dba']);
    expect(noPassword.status).toBe(2);
    expect(noPassword.stderr).toMatch(/^xckg push: --user needs the password in the environment variable XCKG_PASSWORD\n/);
  });
});

/** A port nobody listens on (one the system just handed out and took back). */
async function closedPort(): Promise<number> {
  const { server } = await serve(() => undefined);
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** A local HTTP server answering with `handler`; resolves with its base URL. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

describe('the Graph Store client', { timeout: 60_000 }, () => {
  it('computes RFC 2617/7616 digest responses (MD5, qop=auth)', () => {
    const challenge = parseDigestChallenge('Basic realm="x", Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"');
    expect(challenge).toEqual({ realm: 'testrealm@host.com', qop: 'auth,auth-int', nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093', opaque: '5ccc069c403ebaf9f0171e9517f40e41', algorithm: undefined });
    const header = digestAuthorization(challenge!, { method: 'GET', uri: '/dir/index.html', user: 'Mufasa', password: 'Circle Of Life', nc: 1, cnonce: '0a4f113b' });
    // The worked example of RFC 2617, section 3.5.
    expect(header).toContain('response="6629fae49393a05397450978507c4ef1"');
    expect(header).toContain('nc=00000001');
  });

  it('retries 5xx answers with backoff, one request per graph, PUT then POST for a graph cut into batches', async () => {
    const seen: string[] = [];
    let failures = 2;
    const { url, server } = await serve((req, res, body) => {
      if (failures-- > 0) {
        res.writeHead(503).end('busy');
        return;
      }
      seen.push(`${req.method} ${new URL(req.url!, 'http://x').searchParams.get('graph')} ${body.trim().split('\n').length}`);
      res.writeHead(201).end();
    });
    try {
      const nq = join(seed.dir, 'graph.nq');
      const counts = localCounts(nq);
      const logs: string[] = [];
      const report = await pushGraphs([nq], { endpoint: `${url}/store`, replace: true, sparql: null, batchTriples: 1000, backoffMs: 10, log: (l) => logs.push(l) });
      expect(logs.filter((l) => /503 from the store; trying again/.test(l))).toHaveLength(2);
      expect(report.triples).toBe([...counts.values()].reduce((a, b) => a + b, 0));
      // Each graph: a PUT first, then POSTs of at most 1,000 triples, adding up to its count.
      for (const [graph, n] of counts) {
        const mine = seen.filter((s) => s.split(' ')[1] === graph);
        expect(mine[0].startsWith('PUT ')).toBe(true);
        expect(mine.slice(1).every((s) => s.startsWith('POST '))).toBe(true);
        expect(mine.reduce((sum, s) => sum + Number(s.split(' ')[2]), 0)).toBe(n);
        expect(mine.every((s) => Number(s.split(' ')[2]) <= 1000)).toBe(true);
      }
    } finally {
      server.close();
    }
  });

  it('gives up after the retries with a one-line error, and names a 404', async () => {
    const { url, server } = await serve((req, res) => res.writeHead(req.url!.startsWith('/missing') ? 404 : 500).end('<html><body>Internal <b>error</b></body></html>'));
    try {
      const nq = join(seed.dir, 'graph.nq');
      const e500 = await pushGraphs([nq], { endpoint: `${url}/store`, sparql: null, retries: 2, backoffMs: 5 }).catch((e) => e);
      expect(e500).toBeInstanceOf(StoreHttpError);
      expect(e500.message).toBe(`${url}/store: 500: Internal error`);
      const e404 = await pushGraphs([nq], { endpoint: `${url}/missing`, sparql: null, backoffMs: 5 }).catch((e) => e);
      expect(e404.message).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/missing: 404 Not Found: is this the Graph Store endpoint\?/);
    } finally {
      server.close();
    }
  });

  it('refuses input it cannot push, naming the file', async () => {
    const bad = join(seed.dir, 'bad.nq');
    writeFileSync(bad, '<http://a> <http://b> "unterminated <http://g> .\n');
    await expect(pushGraphs([bad], { endpoint: 'http://127.0.0.1:9/store', sparql: null })).rejects.toThrow(new RegExp(`^${bad}: `));
    await expect(pushGraphs([join(seed.dir, 'viewer.json')], { endpoint: 'http://127.0.0.1:9/store', sparql: null })).rejects.toThrow(/cannot push '\.json' files/);
  });
});
