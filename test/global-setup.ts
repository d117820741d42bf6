// **global-setup** — compiles src/ to dist/ once before the tests, since the CLI tests spawn bin/xckg.js (which runs dist/).
// Incremental (dist/.tsbuildinfo): a few seconds when little changed. Type errors are printed but do not stop the run —
// the JavaScript is still emitted, and `npm run typecheck` is where types are judged.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export default function compileDist(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) process.stderr.write(`global-setup: tsc reported errors (dist still written):\n${r.stdout}${r.stderr}`);
  if (!existsSync(`${root}/dist/cli/main.js`)) throw new Error('global-setup: dist/cli/main.js was not written by tsc');
}
