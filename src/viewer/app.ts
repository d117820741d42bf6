// **app** — locates the built viewer (viewer/dist) and builds it with vite when it is missing or older than its sources.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const VIEWER_ROOT = join(REPO_ROOT, 'viewer');
export const VIEWER_DIST = join(VIEWER_ROOT, 'dist');

/** What the bundle is made of: a change to any of these makes the build stale. */
const SOURCES = [join(VIEWER_ROOT, 'index.html'), join(VIEWER_ROOT, 'vite.config.mjs'), join(VIEWER_ROOT, 'src'), join(REPO_ROOT, 'src', 'viewer', 'types.ts')];

export interface EnsureOptions {
  /** Rebuild even when the build looks fresh. */
  force?: boolean;
  log?: (line: string) => void;
}

/** Directory of the built app, building it first if needed. Concurrent callers each build to a private folder and swap it in. */
export async function ensureViewerApp(options: EnsureOptions = {}): Promise<string> {
  if (!options.force && isFresh()) return VIEWER_DIST;
  if (!existsSync(join(VIEWER_ROOT, 'index.html'))) {
    throw new Error(`viewer sources not found in ${VIEWER_ROOT}, and no built viewer in ${VIEWER_DIST}`);
  }
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    throw new Error(`the viewer is not built (${VIEWER_DIST}) and vite is not installed: run \`npm install\` then \`npm run build:viewer\``);
  }
  options.log?.('building the viewer (vite)…');
  const staging = join(VIEWER_ROOT, `.dist-${process.pid}-${Date.now()}`);
  try {
    await vite.build({ configFile: join(VIEWER_ROOT, 'vite.config.mjs'), logLevel: 'warn', build: { outDir: staging, emptyOutDir: true } });
    // Swap: another process may have finished first; its build is as good as ours.
    const old = `${VIEWER_DIST}.old-${process.pid}-${Date.now()}`;
    try {
      if (existsSync(VIEWER_DIST)) renameSync(VIEWER_DIST, old);
      renameSync(staging, VIEWER_DIST);
    } catch (err) {
      if (!existsSync(join(VIEWER_DIST, 'index.html'))) throw err;
    }
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return VIEWER_DIST;
}

/** True when viewer/dist/index.html exists and is newer than every source file. */
export function isFresh(): boolean {
  const index = join(VIEWER_DIST, 'index.html');
  if (!existsSync(index)) return false;
  // Without sources (an installed package that ships only dist), the build is all there is.
  if (!existsSync(join(VIEWER_ROOT, 'src'))) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.every((p) => newest(p) <= built);
}

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}
