#!/usr/bin/env node
// The `xckg` command: runs the compiled CLI in dist/ (a checkout compiles it with `npm run compile`; npm test and npm start do).
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('xckg: dist/cli/main.js is missing — in a checkout, run `npm run compile` (npm ci, npm test and npm start do it)');
  process.exit(1);
}
const { main: run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
