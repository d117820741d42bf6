// **build-viewer** — builds viewer/dist for the package (prepack) when it is missing or older than its sources.
// Through ensureViewerApp, which builds into a private folder and swaps it in, so a viewer served meanwhile never sees half a build.
const { ensureViewerApp } = await import('../dist/viewer/app.js');
await ensureViewerApp({ log: (line) => console.error(line) });
