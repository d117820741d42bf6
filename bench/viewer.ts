// **viewer bench** — synthetic graphs of 1k, 10k, 50k nodes (~2.5 edges/node) in headless Chromium: time to first render,
// ForceAtlas2 iterations/s in the worker, and whether the page stays interactive while the layout runs.
// Run: npm run bench:viewer  (or: node --import tsx bench/viewer.ts [sizes…], e.g. `… bench/viewer.ts 1000 10000`)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { writeViewerData } from '../src/viewer/export.ts';
import { launchBrowser, openViewer, serve, watch } from '../test/fixtures/viewer/harness.ts';
import { synthetic } from '../test/fixtures/viewer/synthetic.ts';

const SIZES = process.argv.slice(2).map(Number).filter((n) => n > 0);
const sizes = SIZES.length ? SIZES : [1_000, 10_000, 50_000];
/** How long the layout runs while frames and clicks are measured. */
const WINDOW_MS = 6_000;
const CLICKS = 6;

// ---------------------------------------------------------------- measurement

interface Row {
  nodes: number;
  edges: number;
  mb: number;
  loaded: number;
  built: number;
  firstRender: number;
  itersPerSec: number;
  /** Last frame's cost while the layout ran: draw calls to the next animation frame. */
  frameMs: number;
  gapP50: number;
  gapP95: number;
  gapMax: number;
  clickDelay: number;
  clickPaint: number;
  clickPaintMax: number;
}

declare global {
  interface Window {
    __bench?: { gaps: number[]; clicks: Array<{ delay: number; paint: number }>; stop(): void };
  }
}

const isRunning = (page: Page) => page.evaluate(() => (window as unknown as { __xckg: { layoutRunning(): boolean } }).__xckg.layoutRunning());

/** Click the run/stop toggle only if the state differs (the automatic first run may stop on its own meanwhile). */
async function setLayout(page: Page, running: boolean): Promise<void> {
  for (let i = 0; i < 3 && (await isRunning(page)) !== running; i++) {
    await page.locator('#layout-run').click({ timeout: 120_000 });
    await page.waitForFunction((want) => (window as unknown as { __xckg: { layoutRunning(): boolean } }).__xckg.layoutRunning() === want, running, { timeout: 5_000 }).catch(() => {});
  }
  if ((await isRunning(page)) !== running) throw new Error(`could not ${running ? 'start' : 'stop'} the layout`);
}

async function measure(page: Page, url: string, n: number, e: number, mb: number): Promise<Row> {
  await openViewer(page, url, 180_000);
  const t = await page.evaluate(() => (window as unknown as { __xckg: { timings(): Record<string, number> } }).__xckg.timings());

  // Start from a stopped layout so that the window measures one clean run started by a click.
  await setLayout(page, false);
  await page.waitForTimeout(500);

  // Frame gaps (rAF to rAF) and click handling: how long a click waits before its handler runs,
  // and how long until the next frame is painted after it.
  // A string, not a function: tsx would wrap the named inner functions in a `__name` helper the page lacks.
  await page.evaluate(`(() => {
    const gaps = [];
    const clicks = [];
    let last = performance.now();
    let running = true;
    const frame = (now) => {
      gaps.push(now - last);
      last = now;
      if (running) requestAnimationFrame(frame);
    };
    requestAnimationFrame((now) => { last = now; requestAnimationFrame(frame); });
    const onDown = (e) => {
      const handled = performance.now();
      requestAnimationFrame(() => clicks.push({ delay: handled - e.timeStamp, paint: performance.now() - e.timeStamp }));
    };
    document.addEventListener('pointerdown', onDown, true);
    window.__bench = { gaps, clicks, stop: () => { running = false; document.removeEventListener('pointerdown', onDown, true); } };
  })()`);

  const before = await page.evaluate(() => (window as unknown as { __xckg: { layoutIterations(): number } }).__xckg.layoutIterations());
  const started = Date.now();
  await setLayout(page, true);
  // Click on a harmless target (the legend title) at intervals while the layout runs.
  const target = page.locator('#legend-title');
  for (let i = 0; i < CLICKS; i++) {
    await page.waitForTimeout(WINDOW_MS / (CLICKS + 1));
    await target.click({ timeout: 60_000 });
  }
  await page.waitForTimeout(Math.max(0, WINDOW_MS - (Date.now() - started)));
  const after = await page.evaluate(() => (window as unknown as { __xckg: { layoutIterations(): number } }).__xckg.layoutIterations());
  const elapsed = (Date.now() - started) / 1000;
  const running = await isRunning(page);
  const frameMs = await page.evaluate(() => (window as unknown as { __xckg: { lastRenderMs(): number } }).__xckg.lastRenderMs());
  if (!running) throw new Error('layout stopped before the end of the window');
  await setLayout(page, false);
  const b = await page.evaluate(() => { window.__bench!.stop(); return { gaps: window.__bench!.gaps, clicks: window.__bench!.clicks }; });

  const gaps = b.gaps.slice(2).sort((x, y) => x - y);
  const q = (xs: number[], p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] : NaN);
  const delays = b.clicks.map((c) => c.delay).sort((x, y) => x - y);
  const paints = b.clicks.map((c) => c.paint).sort((x, y) => x - y);
  return {
    nodes: n, edges: e, mb,
    loaded: t.dataLoaded, built: t.graphBuilt, firstRender: t.firstRender,
    itersPerSec: (after - before) / elapsed,
    frameMs,
    gapP50: q(gaps, 0.5), gapP95: q(gaps, 0.95), gapMax: gaps[gaps.length - 1] ?? NaN,
    clickDelay: q(delays, 0.5), clickPaint: q(paints, 0.5), clickPaintMax: paints[paints.length - 1] ?? NaN,
  };
}

async function main() {
  const browser = await launchBrowser({ width: 1400, height: 860 });
  const rows: Row[] = [];
  try {
    for (const n of sizes) {
      const dir = mkdtempSync(join(tmpdir(), `xckg-bench-${n}-`));
      const data = synthetic(n);
      writeViewerData(dir, data);
      const mb = statSync(join(dir, 'viewer.json')).size / 2 ** 20;
      const server = await serve(dir);
      const page = await browser.context.newPage();
      const problems = watch(page);
      try {
        rows.push(await measure(page, server.url, data.nodes.length, data.edges.length, mb));
        if (problems.errors.length) console.error(`${n}: page errors: ${problems.errors.join('; ')}`);
        console.error(`measured ${n} nodes`);
      } finally {
        await page.close();
        await server.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
  }

  const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x)}` : '–');
  const header = ['nodes', 'edges', 'json MB', 'data ms', 'graph ms', 'first render ms', 'FA2 it/s', 'frame ms', 'frame gap p50/p95/max ms', 'click wait ms', 'click→paint p50/max ms'];
  const lines = rows.map((r) => [
    r.nodes.toLocaleString('en'), r.edges.toLocaleString('en'), r.mb.toFixed(1), ms(r.loaded), ms(r.built), ms(r.firstRender),
    r.itersPerSec.toFixed(1), ms(r.frameMs), `${ms(r.gapP50)}/${ms(r.gapP95)}/${ms(r.gapMax)}`, ms(r.clickDelay), `${ms(r.clickPaint)}/${ms(r.clickPaintMax)}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`;
  console.log('viewer bench — headless Chromium (SwiftShader WebGL), times from navigation start; layout measured over', WINDOW_MS / 1000, 's while clicking');
  console.log(fmt(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(fmt(l));
  const tenK = rows.find((r) => r.nodes === 10_000);
  if (tenK) console.log(`target: 10,000 nodes first render < 2000 ms — ${tenK.firstRender < 2000 ? 'met' : 'NOT met'} (${ms(tenK.firstRender)} ms)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
