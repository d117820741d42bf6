// **package.test** — the published package as a user gets it: `npm pack`, install the tarball into an empty project
// offline, import it from plain JavaScript, type-check a TypeScript consumer against its .d.ts, run `npx xckg extract`.
//
// Offline on a fresh CI machine: `npm ci` fills npm's cache with the tarballs named in package-lock.json but not with
// the registry's package documents, so `npm install <tgz> --offline` cannot resolve version ranges. The consumer gets a
// lockfile instead: our lock's production closure plus the tarball, installed with `npm ci --offline`. A dependency
// missing from the cache then fails the test (ENOTCACHED), as it should.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SEED } from './helpers/xckg.ts';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

interface LockEntry {
  version?: string;
  dev?: boolean;
  devOptional?: boolean;
  dependencies?: Record<string, string>;
  [k: string]: unknown;
}
interface Lock {
  packages: Record<string, LockEntry>;
}

let work: string;
let project: string;
let tarball: string;
let packedFiles: string[];
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

/** Runs a program, failing the test with its output when it exits non-zero. */
function sh(file: string, args: string[], cwd: string, timeout = 300_000): string {
  const r = spawnSync(file, args, { cwd, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${file} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** A consumer project whose lockfile pins the tarball and, from our own lock, every production dependency (+ @types/node). */
function writeConsumer(dir: string, tgzName: string): void {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Lock;
  const self = lock.packages[''];
  const typesNode = lock.packages['node_modules/@types/node'];
  if (!typesNode?.version) throw new Error('package-lock.json has no @types/node');
  const integrity = 'sha512-' + createHash('sha512').update(readFileSync(join(dir, tgzName))).digest('base64');
  const dependencies = { [pkg.name]: `file:${tgzName}`, '@types/node': typesNode.version };
  const typesClosure = new Set(['node_modules/@types/node', ...Object.keys(typesNode.dependencies ?? {}).map((d) => `node_modules/${d}`)]);
  const packages: Record<string, LockEntry> = {
    '': { name: 'consumer', dependencies },
    [`node_modules/${pkg.name}`]: { version: pkg.version, resolved: `file:${tgzName}`, integrity, dependencies: self.dependencies, bin: self.bin },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path || (entry.dev && !typesClosure.has(path))) continue;
    const { dev: _dev, devOptional: _devOptional, ...rest } = entry;
    packages[path] = rest;
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies }, null, 2));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'consumer', lockfileVersion: 3, requires: true, packages }, null, 2));
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'xckg-package-'));
  project = join(work, 'consumer');
  // With its scripts: prepack compiles dist/ and builds the viewer, as `npm publish` would.
  const out = sh(NPM, ['pack', '--json', '--pack-destination', work], ROOT);
  const [info] = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packedFiles = info.files.map((f) => f.path);
  tarball = join(work, info.filename);
  execFileSync('mkdir', ['-p', project]);
  copyFileSync(tarball, join(project, info.filename));
  writeConsumer(project, info.filename);
  sh(NPM, ['ci', '--offline', '--no-audit', '--no-fund'], project);
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the npm package', { timeout: 180_000 }, () => {
  it('ships compiled JavaScript, types, data, ontology and the built viewer — and no sources or tests', () => {
    for (const f of ['dist/index.js', 'dist/index.d.ts', 'dist/index.js.map', 'dist/cli/main.js', 'dist/query/index.d.ts', 'bin/xckg.js', 'data/models/ner.model.gz', 'data/gazetteer/villages.bin.gz', 'data/gazetteer/divisions.tsv', 'ontology/xiangcun.ttl', 'ontology/shapes.ttl', 'viewer/dist/index.html', 'README.md']) {
      expect(packedFiles, f).toContain(f);
    }
    expect(packedFiles.filter((f) => /^(src|test|bench|scripts)\//.test(f) || f.endsWith('.tsbuildinfo'))).toEqual([]);
    // No TypeScript loader at run time: tsx is not among what an install brings.
    expect(existsSync(join(project, 'node_modules/tsx'))).toBe(false);
  });

  it('imports from plain JavaScript: the entry and a subpath, and runs the pipeline and a query', () => {
    copyFileSync(join(ROOT, SEED), join(project, 'seed.txt'));
    writeFileSync(
      join(project, 'use.mjs'),
      `import { readFileSync } from 'node:fs';
import { ingestText, extractArticle, articleQuads, toNQuads } from '${pkg.name}';
import { GraphStore } from '${pkg.name}/query';
const graph = extractArticle(ingestText(readFileSync('seed.txt', 'utf8'), 'seed.txt'));
const nq = toNQuads(articleQuads(graph));
const store = new GraphStore();
store.loadData(nq, 'application/n-quads');
const { plain } = store.select('SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a xc:Person }');
console.log(JSON.stringify({ quads: nq.trim().split('\\n').length, persons: plain[0].n }));
`,
    );
    const result = JSON.parse(sh(process.execPath, ['use.mjs'], project)) as { quads: number; persons: number };
    expect(result.quads).toBeGreaterThan(500);
    expect(result.persons).toBeGreaterThan(3);
  });

  it('type-checks a TypeScript consumer against its declarations (and the types are real: a wrong use fails)', () => {
    const consumer = `import { openGraph, type GraphStore, type Term } from '${pkg.name}';
import { toTurtle } from '${pkg.name}/rdf';
const store: GraphStore = await openGraph(['graph.nq'], { lenient: true });
const first: Term | undefined = store.select('SELECT ?s WHERE { ?s ?p ?o } LIMIT 1').rows[0]?.s;
const turtle: string = toTurtle(store.construct('CONSTRUCT WHERE { ?s ?p ?o }'));
console.log(first?.value, turtle.length);
`;
    writeFileSync(join(project, 'consumer.ts'), consumer);
    writeFileSync(join(project, 'wrong.ts'), `import { toTurtle } from '${pkg.name}/rdf';\nconst n: number = toTurtle([]);\nconsole.log(n);\n`);
    const tsconfig = (file: string) => JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: ['node'] }, files: [file] });
    writeFileSync(join(project, 'tsconfig.json'), tsconfig('consumer.ts'));
    writeFileSync(join(project, 'tsconfig.wrong.json'), tsconfig('wrong.ts'));
    sh(process.execPath, [TSC, '-p', 'tsconfig.json'], project);
    const wrong = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.wrong.json'], { cwd: project, encoding: 'utf8' });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stdout).toMatch(/TS2322: Type 'string' is not assignable to type 'number'/);
  });

  it('runs `npx xckg extract`, `npx xckg --version` and `npx xckg query` from the installed package', () => {
    copyFileSync(join(ROOT, SEED), join(project, 'article.txt'));
    const nq = sh(NPM, ['exec', '--offline', '--', 'xckg', 'extract', 'article.txt', '--format', 'nq'], project);
    const lines = nq.trim().split('\n');
    expect(lines.length).toBeGreaterThan(500);
    expect(nq).toContain('<https://w3id.org/xiangcun-kg/ns#Person>');
    expect(nq).toContain('"张乃田"@zh');
    expect(sh(NPM, ['exec', '--offline', '--', 'xckg', '--version'], project).trim()).toBe(pkg.version);
    // xckg query runs its query in a worker thread: the compiled worker must be in the package too.
    writeFileSync(join(project, 'article.nq'), nq);
    const csv = sh(NPM, ['exec', '--offline', '--', 'xckg', 'query', 'article.nq', '--format', 'csv', '-q', 'SELECT (COUNT(*) AS ?n) WHERE { ?p a xc:Person }'], project);
    expect(Number(csv.split('\r\n')[1])).toBeGreaterThan(3);
  });

  it('builds a folder and serves the shipped viewer from the installed package (`npx xckg build`, `npx xckg view`)', async () => {
    copyFileSync(join(ROOT, SEED), join(project, 'article.txt'));
    sh(NPM, ['exec', '--offline', '--', 'xckg', 'build', 'article.txt', '--out', 'out', '--quiet'], project);
    const bin = join(project, 'node_modules/.bin/xckg');
    const child = spawn(bin, ['view', 'out', '--port', '0'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c) => {
          out += c;
          const m = /viewer: (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`xckg view exited ${code}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<script[^>]+src=/);
      const data = await fetch(new URL('viewer.json', url));
      expect(data.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
