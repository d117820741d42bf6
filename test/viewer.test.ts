// Viewer, end to end in headless Chromium: the fixture graph served by `xckg view`, driven like a user would.
// Each test saves a screenshot under test-results/ (look at them: labels legible, panels apart, legend present).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { viewCommand } from '../src/cli/view.ts';
import { viewerData, writeViewerData } from '../src/viewer/export.ts';
import type { ViewerServer } from '../src/viewer/server.ts';
import { fixtureGraphs, XSS } from './fixtures/viewer/graphs.ts';
import { launchBrowser, openViewer, watch, type Browser, type PageProblems } from './fixtures/viewer/harness.ts';

const SHOTS = join(process.cwd(), 'test-results');
const data = viewerData(fixtureGraphs());

interface Debug {
  order: number;
  dataNodes: number;
  drawnNodes(): number;
  drawnEdges(): number;
  drawnNodeKeys(): string[];
  selection(): { kind: string; key?: string; id?: string } | null;
  nodePosition(key: string): { x: number; y: number } | null;
  edgePosition(id: string): { x: number; y: number } | null;
  nodeDisplay(key: string): { color: string; hidden: boolean; label: string | null; highlighted: boolean } | null;
  layoutRunning(): boolean;
  layoutIterations(): number;
}
const debug = <T>(page: Page, fn: (x: Debug) => T): Promise<T> =>
  page.evaluate(`(${fn.toString()})(window.__xckg)`) as Promise<T>;

describe('viewer in Chromium', { timeout: 60_000 }, () => {
  let root: string;
  let server: ViewerServer;
  let stop: AbortController;
  let served: Promise<number>;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    root = mkdtempSync(join(tmpdir(), 'xckg-viewer-e2e-'));
    writeViewerData(root, data);
    writeFileSync(join(root, 'graph.ttl'), '@prefix xc: <https://example.org/xc#> .\n');
    // Through the real command: builds the app if needed, serves DIR on a free loopback port.
    stop = new AbortController();
    server = await new Promise<ViewerServer>((resolve, reject) => {
      served = viewCommand([root, '--port', '0'], { signal: stop.signal, onListening: resolve });
      served.then((code) => reject(new Error(`xckg view exited with ${code}`)), reject);
    });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    stop?.abort();
    expect(await served).toBe(0);
    rmSync(root, { recursive: true, force: true });
  });

  const open = async (hash = '') => {
    page = await browser.context.newPage();
    problems = watch(page);
    await openViewer(page, `${server.url}${hash}`);
  };
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `viewer-${name}.png`) });
  const panelText = () => page.locator('#panel').innerText();
  const searchFor = async (query: string) => {
    await page.locator('#search').fill(query);
    await page.locator('#search-suggestions li[role=option]').first().waitFor();
  };

  afterEach(async () => {
    expect(problems.errors).toEqual([]);
    expect(problems.dialogs).toEqual([]);
    await page?.close();
  });

  it('loads the graph with no console errors and draws every node, with a legend', async () => {
    await open();
    await page.waitForTimeout(300);
    await shot('loaded');
    expect(await debug(page, (x) => x.order)).toBe(data.nodes.length);
    expect(await debug(page, (x) => x.drawnNodes())).toBe(data.nodes.length);
    expect(await debug(page, (x) => x.drawnEdges())).toBe(data.edges.length);
    const legend = await page.locator('.legend').innerText();
    for (const word of ['图例', '人物', '地点', '县级', '村/社区', '机构', '项目/政策', '帮扶', '节点大小']) expect(legend).toContain(word);
    expect(await page.locator('#status-text').innerText()).toContain(`${data.nodes.length} / ${data.nodes.length}`);
    // The RDF file of DIR is offered for download.
    await page.locator('.downloads a', { hasText: 'graph.ttl' }).waitFor();
  });

  it('search 张乃田 selects him, and the panel shows his evidence with the mention highlighted', async () => {
    await open();
    await searchFor('张乃田');
    await page.keyboard.press('Enter');
    await page.locator('#panel h2', { hasText: '张乃田' }).waitFor();
    await page.waitForTimeout(500); // camera animation
    await shot('search-zhang-naitian');
    expect(await debug(page, (x) => x.selection())).toEqual({ kind: 'node', key: 'person/张乃田' });
    expect(await debug(page, (x) => x.nodeDisplay('person/张乃田')!.highlighted)).toBe(true);
    const text = await panelText();
    expect(text).toContain('zhāng nǎi tián');
    expect(text).toContain('张乃田一家的帮扶责任人，河曲县财政事务中心金融服务股何利军将一份“政策菜单”送到了他家里。');
    expect(text).toContain('【山西】河曲县搬迁群众稳就业');
    expect(text).toContain('2021-12-08');
    expect(text).toContain('光明日报');
    // Relations grouped by type, with the position title.
    for (const word of ['配偶', '王爱花', '受帮扶于', '何利军', '居住于', '幸福小区', '门卫']) expect(text).toContain(word);
    const marks = await page.locator('#panel mark').allInnerTexts();
    expect(marks.length).toBe(3);
    expect(new Set(marks)).toEqual(new Set(['张乃田']));
    expect(page.url()).toContain('#node=person%2F');
  });

  it('pinyin search: `he qu xian` finds 河曲县, `znt` suggests 张乃田', async () => {
    await open();
    await searchFor('he qu xian');
    const first = page.locator('#search-suggestions li[role=option]').first();
    expect(await first.locator('.name').innerText()).toBe('河曲县');
    await shot('search-he-qu-xian');
    await page.keyboard.press('Enter');
    await page.locator('#panel h2', { hasText: '河曲县' }).waitFor();
    const text = await panelText();
    expect(text).toContain('140930');
    expect(text).toMatch(/山西省\s*›\s*忻州市/);
    expect(text).toContain('楼子营镇'); // subdivisions
    await searchFor('znt');
    expect(await page.locator('#search-suggestions li[role=option] .name').allInnerTexts()).toContain('张乃田');
  });

  it('filtering out Person removes the person nodes (and keeps the others)', async () => {
    await open();
    const persons = data.nodes.filter((n) => n.type === 'Person').length;
    await page.locator('.filters label.check', { hasText: '人物' }).locator('input').uncheck();
    await shot('filter-no-person');
    expect(await debug(page, (x) => x.drawnNodes())).toBe(data.nodes.length - persons);
    const keys = await debug(page, (x) => x.drawnNodeKeys());
    expect(keys.filter((k) => k.startsWith('person/'))).toEqual([]);
    expect(page.url()).toContain('hideTypes=Person');
    // The shared URL restores the filter.
    const url = page.url();
    await page.close();
    page = await browser.context.newPage();
    problems = watch(page);
    await openViewer(page, url);
    expect(await debug(page, (x) => x.drawnNodes())).toBe(data.nodes.length - persons);
    expect(await page.locator('.filters label.check', { hasText: '人物' }).locator('input').isChecked()).toBe(false);
    // Article filter: only what the XSS article holds (persons still hidden).
    await page.locator('.filters label.check', { hasText: '人物' }).locator('input').check();
    await page.locator('#article-filter').selectOption('xss');
    expect((await debug(page, (x) => x.drawnNodeKeys())).sort()).toEqual(
      ['org/河曲县政务公开网', 'person/张玉宏', 'place/140930', 'place/1409', 'program/易地扶贫搬迁'].sort());
    expect(page.url()).toContain('article=xss');
  });

  it('clicking an edge shows its evidence', async () => {
    await open();
    const id = 'assists|person/何利军|person/张乃田';
    const at = await page.evaluate((edge) => (window as unknown as { __xckg: Debug }).__xckg.edgePosition(edge), id);
    expect(at).not.toBeNull();
    // Like a user, move along the edge until the pointer says it is over it, then click.
    const [a, b] = await debug(page, (x) => [x.nodePosition('person/何利军')!, x.nodePosition('person/张乃田')!]);
    let hit = false;
    for (const f of [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65]) {
      const [x, y] = [a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f];
      await page.mouse.move(x, y);
      if ((await page.locator('#graph').evaluate((el) => (el as HTMLElement).style.cursor)) === 'pointer') {
        await page.mouse.click(x, y);
        hit = true;
        break;
      }
    }
    expect(hit).toBe(true);
    await page.locator('#panel .badge', { hasText: '帮扶' }).waitFor();
    await shot('click-edge');
    expect(await debug(page, (x) => x.selection())).toEqual({ kind: 'edge', id });
    const text = await panelText();
    expect(text).toContain('何利军 → 张乃田');
    expect(text).toContain('张乃田一家的帮扶责任人');
    expect(new Set(await page.locator('#panel mark').allInnerTexts())).toEqual(new Set(['张乃田', '何利军']));
  });

  it('renders markup in article text as text: no element, no dialog, the literal visible', async () => {
    await open();
    await searchFor('政务公开网');
    await page.keyboard.press('Enter');
    await page.locator('#panel h2').waitFor();
    await page.waitForTimeout(300);
    await shot('xss-as-text');
    const text = await panelText();
    expect(text).toContain(`河曲县政务公开网${XSS}`); // the name
    expect(text).toContain(`网页代码${XSS}不应执行`); // the article title
    expect(text).toContain(`河曲县政务公开网页中出现了“${XSS}”这样的文字`); // the sentence
    expect(text).toContain('测试日报<b>加粗</b>');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('#panel b').count()).toBe(0);
    // A javascript: URL in the data does not become a link.
    expect(await page.locator('#panel a').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(problems.dialogs).toEqual([]);
  });

  it('hover highlights the neighbours and fades the rest', async () => {
    await open();
    const at = await page.evaluate(() => (window as unknown as { __xckg: Debug }).__xckg.nodePosition('person/王爱花'));
    await page.mouse.move(at!.x, at!.y);
    await page.waitForFunction(() => (window as unknown as { __xckg: Debug }).__xckg.nodeDisplay('place/14')!.label === '');
    await shot('hover');
    const d = await debug(page, (x) => ['person/张乃田', 'person/王爱花', 'place/14'].map((k) => x.nodeDisplay(k)));
    expect(d[0]!.label).toBe('张乃田');
    expect(d[1]!.highlighted).toBe(true);
    expect(d[2]!.color).toBe('#e9ecef'); // faded
  });

  it('neighbourhood mode shows the ego network at depth 1 and 2', async () => {
    await open('#node=person%2F张乃田');
    await page.locator('.filters label.radio', { hasText: '1 层' }).click();
    expect(await debug(page, (x) => x.drawnNodes())).toBe(5);
    await shot('ego-1');
    await page.locator('.filters label.radio', { hasText: '2 层' }).click();
    expect(await debug(page, (x) => x.drawnNodes())).toBeGreaterThan(5);
    await page.locator('.filters label.radio', { hasText: '关闭' }).click();
    expect(await debug(page, (x) => x.drawnNodes())).toBe(data.nodes.length);
  });

  it('shows the place hierarchy as a tree, province on top', async () => {
    await open();
    await page.locator('#layout-tree').click();
    await page.waitForTimeout(500);
    await shot('tree');
    const places = data.nodes.filter((n) => n.type === 'Place').length;
    expect(await debug(page, (x) => x.drawnNodes())).toBe(places);
    const y = await debug(page, (x) => ['place/14', 'place/1409', 'place/140930', 'place/140930101', 'place/140930101202'].map((k) => x.nodePosition(k)!.y));
    for (let i = 1; i < y.length; i++) expect(y[i]).toBeGreaterThan(y[i - 1]);
    expect(page.url()).toContain('layout=tree');
    await page.locator('#layout-tree').click();
    expect(await debug(page, (x) => x.drawnNodes())).toBe(data.nodes.length);
  });

  it('runs and stops ForceAtlas2 in its worker, and re-seeds', async () => {
    await open();
    await page.locator('#layout-run').click();
    await page.waitForFunction(() => (window as unknown as { __xckg: Debug }).__xckg.layoutIterations() > 20);
    expect(await debug(page, (x) => x.layoutRunning())).toBe(true);
    expect(await page.locator('#layout-run').innerText()).toBe('停止布局');
    await page.locator('#layout-run').click();
    expect(await debug(page, (x) => x.layoutRunning())).toBe(false);
    const before = await debug(page, (x) => x.nodePosition('person/张乃田'));
    await page.locator('#layout-reseed').click();
    await page.waitForTimeout(400);
    expect(await debug(page, (x) => x.nodePosition('person/张乃田'))).not.toEqual(before);
    await shot('reseeded');
  });

  it('exports the view as PNG', async () => {
    await open();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-png').click()]);
    expect(download.suggestedFilename()).toBe('xckg-graph.png');
    const path = join(SHOTS, 'viewer-exported.png');
    await download.saveAs(path);
    const png = readFileSync(path);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(5_000);
  });

  it('is usable from the keyboard and switches to English', async () => {
    await open();
    await page.locator('body').press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
    await page.keyboard.type('hqx');
    await page.locator('#search-suggestions li[role=option]').first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('#panel h2', { hasText: '河曲县' }).waitFor();
    // Tab into the panel and follow a link with Enter.
    await page.locator('#panel button.link', { hasText: '忻州市' }).first().focus();
    await page.keyboard.press('Enter');
    await page.locator('#panel h2', { hasText: '忻州市' }).waitFor();
    await page.locator('#panel').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Escape');
    expect(await debug(page, (x) => x.selection())).toBeNull();
    await page.locator('#lang').click();
    expect(await page.locator('#app-title').innerText()).toBe('Rural revitalization knowledge graph');
    expect(await page.locator('.legend').innerText()).toContain('Township');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(page.url()).toContain('lang=en');
    await shot('english');
  });
});
