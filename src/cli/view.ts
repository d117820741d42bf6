// **view** — `xckg view DIR [--port N] [--host H]`: serve the viewer on a built graph until interrupted.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureViewerApp } from '../viewer/app.ts';
import { startViewerServer, type ViewerServer } from '../viewer/server.ts';

const USAGE = `usage: xckg view DIR [--port N] [--host H]

Serve the graph viewer for DIR (a directory written by \`xckg build\`, holding viewer.json)
on http://127.0.0.1:N/ (N = 0 or absent: a free port). --host H binds another interface.`;

export interface ViewArgs {
  dir: string;
  port: number;
  host: string;
}

/** Parse the arguments after `view`; returns an error message instead of throwing. */
export function parseViewArgs(argv: string[]): ViewArgs | { error: string } | { help: true } {
  let dir: string | undefined;
  let port = 0;
  let host = '127.0.0.1';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (v === undefined || v === '') throw new Error(`${arg.split('=')[0]} needs a value`);
      return v;
    };
    try {
      if (arg === '-h' || arg === '--help') return { help: true };
      if (arg === '--port' || arg.startsWith('--port=')) {
        const v = value();
        port = Number(v);
        if (!/^\d+$/.test(v) || port > 65535) return { error: `--port: not a port number: ${v}` };
      } else if (arg === '--host' || arg.startsWith('--host=')) {
        host = value();
      } else if (arg.startsWith('-')) {
        return { error: `unknown option: ${arg}` };
      } else if (dir === undefined) {
        dir = arg;
      } else {
        return { error: `unexpected argument: ${arg}` };
      }
    } catch (err) {
      return { error: (err as Error).message };
    }
  }
  if (dir === undefined) return { error: 'missing DIR' };
  return { dir, port, host };
}

/**
 * Start serving and resolve with the exit code once the server stops (SIGINT/SIGTERM, or `signal` aborted).
 * `onListening` lets a caller (a test) learn the URL without parsing stdout.
 */
export async function viewCommand(argv: string[], opts: { signal?: AbortSignal; onListening?: (server: ViewerServer) => void } = {}): Promise<number> {
  const args = parseViewArgs(argv);
  if ('help' in args) {
    console.log(USAGE);
    return 0;
  }
  if ('error' in args) {
    console.error(`xckg view: ${args.error}\n${USAGE}`);
    return 2;
  }
  const dir = resolve(args.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    console.error(`xckg view: ${args.dir}: no such directory`);
    return 1;
  }
  if (!existsSync(join(dir, 'viewer.json'))) {
    console.error(`xckg view: ${args.dir} holds no viewer.json — run \`xckg build … --out ${args.dir}\` first`);
    return 1;
  }

  let server: ViewerServer;
  try {
    const appDir = await ensureViewerApp({ log: (line) => console.error(line) });
    server = await startViewerServer({ dataDir: dir, appDir, port: args.port, host: args.host });
  } catch (err) {
    console.error(`xckg view: ${(err as Error).message}`);
    return 1;
  }
  console.log(`viewer: ${server.url}`);
  opts.onListening?.(server);

  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      opts.signal?.removeEventListener('abort', stop);
      void server.close().then(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (opts.signal?.aborted) stop();
    else opts.signal?.addEventListener('abort', stop);
  });
  return 0;
}
