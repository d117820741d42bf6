// **view** — `xckg view DIR [--port N] [--host H]`: serve the viewer on a built graph until interrupted.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureViewerApp } from '../viewer/app.ts';
import { startViewerServer, type ViewerServer } from '../viewer/server.ts';
import { helpText, integerOption, parseCommand, usageErrorText, UsageError, type CommandSpec } from './args.ts';

export const VIEW_SPEC = {
  name: 'view',
  synopsis: 'DIR [--port N] [--host H]',
  summary: 'Serve the graph viewer for DIR (a directory written by `xckg build`, holding viewer.json) until interrupted.',
  positionals: [{ name: 'DIR', help: 'a directory written by xckg build' }],
  minPositionals: 1,
  maxPositionals: 1,
  options: {
    port: { type: 'string', value: 'N', help: 'the port (0 or absent: a free one)' },
    host: { type: 'string', value: 'H', default: '127.0.0.1', help: 'the interface to bind (127.0.0.1 by default)' },
  },
} as const satisfies CommandSpec;

export interface ViewArgs {
  dir: string;
  port: number;
  host: string;
}

/** Parse the arguments after `view`; returns an error message instead of throwing. */
export function parseViewArgs(argv: string[]): ViewArgs | { error: string } | { help: true } {
  try {
    const parsed = parseCommand(VIEW_SPEC, argv);
    if ('help' in parsed) return parsed;
    const { values, positionals } = parsed;
    if (values.host === '') throw new UsageError('--host needs a value');
    return { dir: positionals[0], port: integerOption('port', values.port, 0, 0, 65535), host: values.host };
  } catch (e) {
    if (e instanceof UsageError) return { error: e.message };
    throw e;
  }
}

/**
 * Start serving and resolve with the exit code once the server stops (SIGINT/SIGTERM, or `signal` aborted).
 * `onListening` lets a caller (a test) learn the URL without parsing stdout.
 */
export async function viewCommand(argv: string[], opts: { signal?: AbortSignal; onListening?: (server: ViewerServer) => void } = {}): Promise<number> {
  const args = parseViewArgs(argv);
  if ('help' in args) {
    process.stdout.write(helpText(VIEW_SPEC));
    return 0;
  }
  if ('error' in args) {
    process.stderr.write(usageErrorText(VIEW_SPEC, args.error));
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
