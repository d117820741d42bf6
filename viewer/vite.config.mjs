// **vite config** for the viewer app: a static build in viewer/dist with relative asset paths, served by `xckg view`.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default {
  root,
  base: './',
  // viewer.json is served by `xckg view` next to the app, never bundled.
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // sigma + graphology are ~300 kB; one chunk keeps the server's file list short.
    chunkSizeWarningLimit: 1500,
    // Sources next to the bundle so a stack trace in the browser points at viewer/src.
    sourcemap: true,
  },
  server: { host: '127.0.0.1' },
};
