// Viewer on the seed graph: `xckg build data/articles` into a temp dir, then the page in headless Chromium
// (no console errors, every node drawn, 张乃田 and his evidence, `he qu xian` → 河曲县). Screenshots in test-results/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewerServer } from '../src/viewer/server.ts';
import type { ViewerData } from '../src/viewer/types.ts';
import { launchBrowser, openViewer, serve, watch, type Browser, type PageProblems } from './fixtures/viewer/harness.ts';

const SHOTS = join(process.cwd(), 'test-results');

describe('viewer on the seed graph', { timeout: 60_000 }, () => {
  let out: string;
  let data: ViewerData;
  let server: ViewerServer;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;
  const debug = <T>(expr: string) => page.evaluate(`window.__xckg.${expr}`) as Promise<T>;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    out = mkdtempSync(join(tmpdir(), 'xckg-seed-'));
    execFileSync(process.execPath, ['bin/xckg.js', 'build', 'data/articles', '--out', out], { stdio: 'pipe' });
    data = JSON.parse(readFileSync(join(out, 'viewer.json'), 'utf8')) as ViewerData;
    server = await serve(out);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    problems = watch(page);
    await openViewer(page, server.url);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('loads with no console errors and draws every node', async () => {
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, 'viewer-seed-loaded.png') });
    expect(problems.errors).toEqual([]);
    expect(data.nodes.length).toBeGreaterThan(10);
    expect(await debug<number>('drawnNodes()')).toBe(data.nodes.length);
    expect(await debug<number>('drawnEdges()')).toBe(data.edges.length);
  });

  it('finds 张乃田, with his evidence sentence, spouse and helper', async () => {
    await page.locator('#search').fill('张乃田');
    await page.locator('#search-suggestions li[role=option]').first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('#panel h2', { hasText: '张乃田' }).waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SHOTS, 'viewer-seed-zhang-naitian.png') });
    const zhang = data.nodes.find((n) => n.name === '张乃田')!;
    expect(await debug('selection()')).toEqual({ kind: 'node', key: zhang.key });
    const text = await page.locator('#panel').innerText();
    expect(text).toContain('张乃田一家的帮扶责任人');
    expect(text).toContain('王爱花');
    expect(text).toContain('何利军');
    expect(await page.locator('#panel mark', { hasText: '张乃田' }).count()).toBeGreaterThan(0);
    expect(problems.errors).toEqual([]);
  });

  it('finds 河曲县 by `he qu xian`', async () => {
    await page.locator('#search').fill('he qu xian');
    const first = page.locator('#search-suggestions li[role=option]').first();
    await first.waitFor();
    expect(await first.locator('.name').innerText()).toBe('河曲县');
    await page.keyboard.press('Enter');
    await page.locator('#panel h2', { hasText: '河曲县' }).waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SHOTS, 'viewer-seed-hequ.png') });
    expect(await page.locator('#panel').innerText()).toContain('140930');
    expect(problems.errors).toEqual([]);
    expect(problems.dialogs).toEqual([]);
  });
});
