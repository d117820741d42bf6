// **virtuoso** — a private Virtuoso open-source server for tests and benches: its own database in a temporary
// folder, free ports on 127.0.0.1, started in the foreground and stopped by its PID. Needs Debian's
// virtuoso-opensource (virtuoso-t, isql-vt): `npm run test:setup` installs it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SYSTEM_INI = '/etc/virtuoso-opensource-7/virtuoso.ini';
const SYSTEM_DB = '/var/lib/virtuoso-opensource-7/db/';

export interface Virtuoso {
  /** The folder holding its database, log and ini (removed by stop). */
  dir: string;
  httpPort: number;
  sqlPort: number;
  /** Graph Store Protocol with digest login (user dba, password dba on a fresh database). */
  graphStoreUrl: string;
  sparqlUrl: string;
  user: string;
  password: string;
  /** Runs SQL through isql-vt; returns its output, throws on failure. */
  isql(sql: string): string;
  stop(): Promise<void>;
}

export interface VirtuosoOptions {
  /** 8 kB pages of cache: the Debian default (10,000 ≈ 80 MB) is fine for tests; a bulk load likes more. */
  buffers?: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Fails loudly when the server binaries are missing: the tests that need them must not pass without them. */
export function requireVirtuoso(): void {
  for (const bin of ['virtuoso-t', 'isql-vt']) {
    const r = spawnSync(bin, ['-?'], { encoding: 'utf8' });
    if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
      throw new Error(`${bin} not found: install Debian's virtuoso-opensource (npm run test:setup does)`);
    }
  }
}

export async function startVirtuoso(options: VirtuosoOptions = {}): Promise<Virtuoso> {
  requireVirtuoso();
  const dir = mkdtempSync(join(tmpdir(), 'xckg-virtuoso-'));
  const [sqlPort, httpPort] = [await freePort(), await freePort()];
  const buffers = options.buffers ?? 10_000;
  const ini = readFileSync(SYSTEM_INI, 'utf8')
    .split(SYSTEM_DB).join(`${dir}/`)
    .replace(/^(ServerPort\s*=\s*)1111\b/m, `$1${sqlPort}`)
    .replace(/^(ServerPort\s*=\s*)8890\b/m, `$1${httpPort}`)
    // The bulk loader reads files only from allowed folders.
    .replace(/^(DirsAllowed\s*=\s*)(.*)$/m, `$1$2, ${dir}`)
    .replace(/^(NumberOfBuffers\s*=\s*)\d+/m, `$1${buffers}`)
    .replace(/^(MaxDirtyBuffers\s*=\s*)\d+/m, `$1${Math.round(buffers * 0.75)}`);
  writeFileSync(join(dir, 'virtuoso.ini'), ini);
  const child: ChildProcess = spawn('virtuoso-t', ['+foreground', '+configfile', join(dir, 'virtuoso.ini')], { cwd: dir, stdio: 'ignore' });
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));

  const sparqlUrl = `http://127.0.0.1:${httpPort}/sparql`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited !== undefined) {
      const log = (() => { try { return readFileSync(join(dir, 'virtuoso.log'), 'utf8'); } catch { return ''; } })();
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`virtuoso-t exited (${exited}) while starting: ${log.trim().split('\n').slice(-3).join(' | ')}`);
    }
    try {
      const r = await fetch(`${sparqlUrl}?query=${encodeURIComponent('ASK {}')}`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`virtuoso-t did not answer on ${sparqlUrl} within 90 s`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    dir,
    httpPort,
    sqlPort,
    graphStoreUrl: `http://127.0.0.1:${httpPort}/sparql-graph-crud-auth`,
    sparqlUrl,
    user: 'dba',
    password: 'dba',
    isql(sql: string): string {
      const r = spawnSync('isql-vt', [String(sqlPort), 'dba', 'dba', `exec=${sql}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
      if (r.status !== 0 || /\*\*\* Error/.test(r.stdout + r.stderr)) throw new Error(`isql-vt: ${(r.stdout + r.stderr).trim().split('\n').slice(-3).join(' | ')}`);
      return r.stdout;
    },
    async stop(): Promise<void> {
      if (exited === undefined) {
        const gone = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await gone;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
