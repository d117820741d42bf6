// Viewer, Node side: the export merged by key with sentence-relative offsets, the search, filters, URL hash, place tree,
// and the static server (only its files, no traversal, loopback by default) and the `view` command.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseViewArgs, viewCommand } from '../src/cli/view.ts';
import { pinyinOf, viewerData, writeViewerData } from '../src/viewer/export.ts';
import { startViewerServer, type ViewerServer } from '../src/viewer/server.ts';
import type { ViewerData } from '../src/viewer/types.ts';
import { chainOf, indexDataset } from '../viewer/src/dataset.ts';
import { computeView } from '../viewer/src/filters.ts';
import { hashToState, stateToHash } from '../viewer/src/hash.ts';
import { buildSearchIndex, foldLatin, search } from '../viewer/src/search.ts';
import { treeLayout } from '../viewer/src/tree.ts';
import { EMPTY_FILTERS } from '../viewer/src/types.ts';
import { fixtureGraphs, XSS } from './fixtures/viewer/graphs.ts';

const data = viewerData(fixtureGraphs());
const node = (key: string) => data.nodes.find((n) => n.key === key)!;
const edge = (id: string) => data.edges.find((e) => e.id === id)!;
const sentence = (article: string, index: number) => data.articles.find((a) => a.id === article)!.sentences.find((s) => s.index === index)?.text;

describe('viewerData', () => {
  it('merges entities by key across articles: articles, aliases and mentions united', () => {
    const zhang = node('person/张玉宏');
    expect(zhang.articles).toEqual(['hequ', 'xss']);
    expect(zhang.mentions.map((m) => m.article)).toEqual(['hequ', 'xss', 'xss']);
    const county = node('place/140930');
    expect(county.aliases.sort()).toEqual(['县', '河曲'].sort());
    expect(county.divisionCode).toBe('140930');
    expect(data.nodes.filter((n) => n.key === 'place/140930')).toHaveLength(1);
    // Mentioned in one article, added from the gazetteer in the other: it was mentioned.
    expect(node('place/1409').fromGazetteer).toBeUndefined();
  });

  it('stores mentions as offsets into the sentence text, which the article keeps', () => {
    for (const n of data.nodes) {
      for (const m of n.mentions) {
        const text = sentence(m.article, m.sentence);
        expect(text, `${n.key} sentence ${m.sentence}`).toBeDefined();
        expect([n.name, ...n.aliases, '河曲县政务公开网']).toContain(text!.slice(m.start, m.end));
      }
    }
    const tian = node('person/张乃田');
    expect(tian.mentions).toHaveLength(3);
    expect(sentence('hequ', 2)).toBe('张乃田一家的帮扶责任人，河曲县财政事务中心金融服务股何利军将一份“政策菜单”送到了他家里。');
  });

  it('keeps only cited sentences, text verbatim (markup included)', () => {
    const hequ = data.articles.find((a) => a.id === 'hequ')!;
    expect(hequ).toMatchObject({ title: '【山西】河曲县搬迁群众稳就业', date: '2021-12-08', source: '光明日报', reporters: ['陈雪'] });
    expect(hequ.sentences.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5]);
    const xss = data.articles.find((a) => a.id === 'xss')!;
    expect(xss.sentences.map((s) => s.index)).toEqual([1, 2]);
    expect(xss.sentences[0].text).toContain(XSS);
  });

  it('turns positions into holder → organization edges labelled with the title, evidence on the title span', () => {
    const e = edge('position|person/张玉宏|org/山西省乡村振兴局|局长');
    expect(e).toMatchObject({ type: 'position', source: 'person/张玉宏', target: 'org/山西省乡村振兴局', label: '局长' });
    const ev = e.evidence[0];
    expect(ev.source).toBe('text');
    if (ev.source !== 'text') throw new Error('unreachable');
    expect(sentence(ev.article, ev.sentence)!.slice(ev.start, ev.end)).toBe('局长');
    expect(node('person/张玉宏').positions.map((p) => p.title)).toEqual(['党组书记', '局长']);
    // A title without organization stays on the person, with no edge.
    expect(node('person/王爱花').positions).toMatchObject([{ title: '保洁员', article: 'hequ', sentence: 3 }]);
    expect(node('person/王爱花').positions[0].organization).toBeUndefined();
    expect(data.edges.filter((x) => x.label === '保洁员')).toHaveLength(0);
  });

  it('keeps relation evidence: a sentence, or the gazetteer', () => {
    expect(edge('assists|person/何利军|person/张乃田').evidence).toEqual([{ source: 'text', article: 'hequ', sentence: 2 }]);
    expect(edge('locatedIn|place/1409|place/14').evidence).toEqual([{ source: 'gazetteer', article: 'hequ' }]);
    // Stated by text in one article and by the gazetteer in the other: both kept, once each.
    expect(edge('locatedIn|place/140930|place/1409').evidence).toEqual([
      { source: 'text', article: 'hequ', sentence: 1 }, { source: 'gazetteer', article: 'xss' }]);
  });

  it('computes pinyin with tones, without, and initials; surname readings for persons only', () => {
    expect(node('person/张乃田').pinyin).toEqual({ tone: 'zhāng nǎi tián', plain: 'zhang nai tian', initials: 'znt' });
    expect(node('place/140930').pinyin.plain).toBe('he qu xian');
    expect(pinyinOf('吕栋楠', true).plain).toBe('lv dong nan');
    expect(pinyinOf('曾庆红', true).plain).toBe('zeng qing hong');
    expect(pinyinOf('曾庆红', false).plain).toBe('ceng qing hong');
  });

  it('is deterministic and plain JSON', () => {
    expect(JSON.parse(JSON.stringify(viewerData(fixtureGraphs())))).toEqual(data);
  });

  it('writes viewer.json atomically, leaving no temp file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xckg-viewer-'));
    try {
      writeViewerData(join(dir, 'out'), data);
      expect(readdirSync(join(dir, 'out'))).toEqual(['viewer.json']);
      expect(JSON.parse(readFileSync(join(dir, 'out', 'viewer.json'), 'utf8'))).toEqual(data);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('search', () => {
  const ds = indexDataset(data);
  const index = buildSearchIndex(data.nodes, (k) => ds.degree.get(k) ?? 0);
  const first = (q: string) => search(index, q)[0]?.key;

  it('finds by Chinese name, prefix and alias', () => {
    expect(first('张乃田')).toBe('person/张乃田');
    expect(first('张')).toBe('person/张乃田'); // the better connected 张
    expect(search(index, '张').map((h) => h.key)).toContain('person/张玉宏');
    expect(search(index, '河曲')[0]).toMatchObject({ key: 'place/140930', field: 'alias', alias: '河曲' });
    expect(first('民政')).toBe('org/河曲县民政和人力资源社会保障局');
  });

  it('finds by pinyin with or without tones and spaces, by initials, from a syllable', () => {
    for (const q of ['zhang naitian', 'zhangnaitian', 'Zhāng Nǎitián', 'zhang nai tian', 'znt', 'naitian', 'zhang nai']) {
      expect(first(q), q).toBe('person/张乃田');
    }
    expect(first('he qu xian')).toBe('place/140930');
    expect(first('hé qū xiàn')).toBe('place/140930');
    expect(first('hqx')).toBe('place/140930');
    expect(search(index, 'qqqq')).toEqual([]);
    expect(foldLatin('Lǚ Dòng')).toBe('lvdong');
  });
});

describe('filters, hierarchy, hash, tree', () => {
  const ds = indexDataset(data);
  const persons = data.nodes.filter((n) => n.type === 'Person').map((n) => n.key);

  it('hides a type and every edge touching it', () => {
    const v = computeView(ds, { ...EMPTY_FILTERS, hiddenTypes: ['Person'] }, null, 'force');
    expect(v.nodes.size).toBe(data.nodes.length - persons.length);
    for (const p of persons) expect(v.nodes.has(p)).toBe(false);
    for (const id of v.edges) expect(persons).not.toContain(ds.edges.get(id)!.source);
  });

  it('filters by place level, relation type and article', () => {
    expect(computeView(ds, { ...EMPTY_FILTERS, hiddenLevels: ['Village'] }, null, 'force').nodes.has('place/140930101202')).toBe(false);
    const noLocated = computeView(ds, { ...EMPTY_FILTERS, hiddenRelations: ['locatedIn'] }, null, 'force');
    expect([...noLocated.edges].some((id) => id.startsWith('locatedIn'))).toBe(false);
    const xss = computeView(ds, { ...EMPTY_FILTERS, article: 'xss' }, null, 'force');
    expect([...xss.nodes].sort()).toEqual(['org/河曲县政务公开网', 'person/张玉宏', 'place/140930', 'place/1409', 'program/易地扶贫搬迁'].sort());
    expect([...xss.edges].sort()).toEqual(['locatedIn|org/河曲县政务公开网|place/140930', 'locatedIn|place/140930|place/1409'].sort());
  });

  it('shows the ego network of the selected node to depth 1 and 2', () => {
    const one = computeView(ds, { ...EMPTY_FILTERS, ego: 1 }, 'person/张乃田', 'force');
    expect([...one.nodes].sort()).toEqual(['org/河曲县民政和人力资源社会保障局', 'person/何利军', 'person/张乃田', 'person/王爱花', 'place/幸福小区'].sort());
    const two = computeView(ds, { ...EMPTY_FILTERS, ego: 2 }, 'person/张乃田', 'force');
    expect(two.nodes.has('org/河曲县财政事务中心')).toBe(true);
    expect(two.nodes.has('place/140930')).toBe(true);
    expect(two.nodes.has('place/1409')).toBe(false);
    // No selection: the ego filter does nothing.
    expect(computeView(ds, { ...EMPTY_FILTERS, ego: 2 }, null, 'force').nodes.size).toBe(data.nodes.length);
  });

  it('walks the chain of parents and lists subdivisions', () => {
    const names = (keys: string[]) => keys.map((k) => ds.nodes.get(k)!.name);
    expect(names(chainOf(ds, 'place/140930101202'))).toEqual(['楼子营镇', '河曲县', '忻州市', '山西省']);
    expect(names(chainOf(ds, 'org/河曲县财政事务中心'))).toEqual(['河曲县', '忻州市', '山西省']);
    expect(names(ds.children.get('place/140930')!).sort()).toEqual(['幸福小区', '楼子营镇'].sort());
  });

  it('lays the places out as a tree: a row per level, parents above their children', () => {
    const pos = treeLayout(ds);
    expect(pos.size).toBe(data.nodes.filter((n) => n.type === 'Place').length);
    const y = (k: string) => pos.get(k)!.y;
    const chain = ['place/14', 'place/1409', 'place/140930', 'place/140930101', 'place/140930101202'];
    for (let i = 1; i < chain.length; i++) expect(y(chain[i - 1])).toBeGreaterThan(y(chain[i]));
    const kids = ds.children.get('place/140930')!.map((k) => pos.get(k)!.x);
    expect(pos.get('place/140930')!.x).toBeGreaterThanOrEqual(Math.min(...kids));
    expect(pos.get('place/140930')!.x).toBeLessThanOrEqual(Math.max(...kids));
  });

  it('round-trips the shareable state through the URL hash and drops unknown values', () => {
    const state = {
      selection: { kind: 'node' as const, key: 'person/张乃田' },
      filters: { hiddenTypes: ['Person' as const], hiddenLevels: ['Village' as const], hiddenRelations: ['spouse' as const], article: 'hequ', ego: 2 as const },
      lang: 'en' as const,
      layout: 'tree' as const,
    };
    expect(hashToState(stateToHash(state))).toEqual(state);
    expect(stateToHash({ selection: null, filters: EMPTY_FILTERS, lang: 'zh', layout: 'force' })).toBe('');
    expect(hashToState('#hideTypes=Person,Nonsense&ego=7&layout=x').filters).toMatchObject({ hiddenTypes: ['Person'], ego: 0 });
  });
});

describe('viewer server', () => {
  let root: string;
  let server: ViewerServer;
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    new Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
      // node:http sends the path as written: `..` and encoded forms reach the server unnormalized.
      const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    });

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'xckg-serve-'));
    const app = join(root, 'app');
    mkdirSync(join(app, 'assets'), { recursive: true });
    writeFileSync(join(app, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(app, 'assets', 'main.js'), 'console.log(1)');
    const out = join(root, 'out');
    writeViewerData(out, data);
    writeFileSync(join(out, 'graph.ttl'), '<a> <b> <c> .\n');
    writeFileSync(join(out, 'notes.txt'), 'private');
    writeFileSync(join(root, 'secret.ttl'), 'secret');
    server = await startViewerServer({ dataDir: out, appDir: app, port: 0 });
  });
  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('binds 127.0.0.1 on a free port and serves the app, viewer.json and the RDF files', async () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toMatch(/text\/html/);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await get('/assets/main.js')).headers['content-type']).toMatch(/javascript/);
    const json = await get('/viewer.json');
    expect((JSON.parse(json.body) as ViewerData).nodes).toHaveLength(data.nodes.length);
    expect(JSON.parse((await get('/files.json')).body)).toEqual([{ name: 'graph.ttl', size: 14 }]);
    const ttl = await get('/files/graph.ttl');
    expect(ttl.status).toBe(200);
    expect(ttl.headers['content-disposition']).toContain('attachment');
    expect((await get('/files/graph.ttl', {}, 'HEAD')).body).toBe('');
  });

  it('serves nothing else: no traversal, no other files of the data dir', async () => {
    for (const path of [
      '/../package.json', '/%2e%2e/%2e%2e/package.json', '/assets/../../index.html/../../secret.ttl', '/files/../secret.ttl',
      '/files/..%2fsecret.ttl', '/files/%2e%2e%2fsecret.ttl', '/files/notes.txt', '/notes.txt', '/graph.ttl',
      '/files/..\\secret.ttl', '/..%5csecret.ttl', '//etc/passwd', '/%2Fetc%2Fpasswd', '/files/%00', '/assets',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.body, path).not.toContain('secret');
      expect(res.body, path).not.toContain('private');
    }
    expect((await get('/%E0%A4%A')).status).toBe(400);
  });

  it('refuses other methods and foreign Host headers', async () => {
    expect((await get('/viewer.json', {}, 'POST')).status).toBe(405);
    expect((await get('/viewer.json', { Host: 'evil.example:80' })).status).toBe(421);
    expect((await get('/viewer.json', { Host: `localhost:${server.port}` })).status).toBe(200);
  });
});

describe('xckg view', () => {
  it('parses its arguments', () => {
    expect(parseViewArgs(['out'])).toEqual({ dir: 'out', port: 0, host: '127.0.0.1' });
    expect(parseViewArgs(['out', '--port', '8080', '--host=0.0.0.0'])).toEqual({ dir: 'out', port: 8080, host: '0.0.0.0' });
    expect(parseViewArgs(['--port', 'x', 'out'])).toHaveProperty('error');
    expect(parseViewArgs([])).toHaveProperty('error');
    expect(parseViewArgs(['a', 'b'])).toHaveProperty('error');
    expect(parseViewArgs(['--bogus'])).toHaveProperty('error');
  });

  it('fails clearly without viewer.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xckg-empty-'));
    try {
      expect(await viewCommand([dir])).toBe(1);
      expect(await viewCommand([join(dir, 'missing')])).toBe(1);
      expect(await viewCommand([])).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
