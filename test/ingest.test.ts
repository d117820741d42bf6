// Tests of the ingest stage: real dev articles, HTML and GBK fixtures, and the files it must refuse.

import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Document } from '../src/types.ts';
import { decode, documentId, ingestBytes, ingestFile, ingestText, IngestError, splitSentences } from '../src/ingest/index.ts';
import { parseByline, parseDateline } from '../src/ingest/byline.ts';
import { gzipSync } from 'node:zlib';
import { documentWarnings, MAX_CONTROL_SHARE, MAX_DAMAGED_SHARE } from '../src/ingest/index.ts';
import { extractArticle } from '../src/corpus/article.ts';
import { articleQuads } from '../src/rdf/article-quads.ts';

const ARTICLES = '/work/shared/articles';
const FIXTURES = new URL('./fixtures/ingest/', import.meta.url).pathname;
const SEED = join(ARTICLES, '000_e65d613101e172c6.txt');

const tmp = mkdtempSync(join(tmpdir(), 'ingest-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const slice = (doc: Document, s: { start: number; end: number }) => doc.text.slice(s.start, s.end);

/** Properties every Document must have, whatever its input. */
function checkInvariants(doc: Document): void {
  let prevEnd = 0;
  doc.sentences.forEach((s, i) => {
    expect(s.index).toBe(i);
    expect(s.end).toBeGreaterThan(s.start);
    expect(s.start).toBeGreaterThanOrEqual(prevEnd);
    expect(s.text).toBe(doc.text.slice(s.start, s.end));
    expect(s.text).toBe(s.text.trim());
    expect(s.text.length).toBeLessThanOrEqual(300);
    for (const f of doc.furniture) expect(s.end <= f.start || s.start >= f.end).toBe(true);
    prevEnd = s.end;
  });
  for (const spans of Object.values(doc.meta.spans)) {
    for (const sp of spans ?? []) expect(sp.end).toBeGreaterThan(sp.start);
  }
  expect(doc.meta.spans.reporters?.length ?? 0).toBe(doc.meta.reporters.length);
  if (doc.sourceOffsets) expect(doc.sourceOffsets.length).toBe(doc.text.length + 1);
}

describe('seed article (portal page scraped to text)', () => {
  const doc = ingestFile(SEED);
  const raw = readFileSync(SEED, 'utf8');

  it('reads the page metadata', () => {
    expect(doc.id).toBe('000_e65d613101e172c6');
    expect(doc.encoding).toBe('utf-8');
    expect(doc.format).toBe('text');
    expect(doc.sourceOffsets).toBeNull();
    expect(doc.text).toBe(raw);
    expect(doc.meta.title).toBe('【山西】山西确保乡亲们持续增收致富');
    expect(doc.meta.source).toBe('光明日报');
    expect(doc.meta.publisher).toBe('陈雪');
    expect(doc.meta.published).toBe('2021-12-08');
    expect(doc.meta.publishedTime).toBe('09:39:08');
    expect(doc.meta.originalTitle).toBe('防返贫 查问题 创机制——山西确保乡亲们持续增收致富');
    expect(doc.meta.reporters).toEqual(['杨珏']);
    expect(doc.meta.spans.publisher!.map((s) => slice(doc, s))).toEqual(['陈雪']);
    expect(doc.meta.spans.source!.map((s) => slice(doc, s))).toEqual(['光明日报']);
    expect(doc.meta.spans.reporters!.map((s) => slice(doc, s))).toEqual(['杨珏']);
  });

  it('keeps the metadata lines as meta sentences and the title as a title sentence', () => {
    const byText = (t: string) => doc.sentences.find((s) => s.text === t);
    expect(byText('【山西】山西确保乡亲们持续增收致富')?.zone).toBe('title');
    expect(byText('发布人: 陈雪')?.zone).toBe('meta');
    expect(byText('来源: 光明日报')?.zone).toBe('meta');
    expect(byText('(本报记者 杨珏)')?.zone).toBe('meta');
    expect(doc.sentences.filter((s) => s.zone === 'title' && s.text === '【山西】山西确保乡亲们持续增收致富')).toHaveLength(1);
  });

  it('drops navigation, widgets and the related-articles list', () => {
    const related = raw.indexOf('相关文章');
    expect(doc.furniture.some((f) => f.start <= related && f.end === raw.trimEnd().length)).toBe(true);
    expect(doc.sentences.every((s) => s.end <= related)).toBe(true);
    for (const t of ['您现在所在的位置', '字号', '微信分享', '打开微信', '扫一扫', '公开事项名称', '索引号', '丽江市以项目建设推进乡村振兴']) {
      expect(doc.sentences.some((s) => s.text.includes(t))).toBe(false);
    }
  });

  it('takes every body sentence once, despite the 原标题 summary that repeats the opening', () => {
    const matches = doc.sentences.filter((s) => s.text.includes('张乃田一家告别生活了50多年的窑洞') && s.text.includes('幸福小区'));
    expect(matches).toHaveLength(1);
    expect(matches[0].zone).toBe('body');
    expect(matches[0].text).toBe('2017年底,张乃田一家告别生活了50多年的窑洞,搬进了忻州市河曲县最大的易地扶贫搬迁县城集中安置点——幸福小区。');
    const texts = doc.sentences.map((s) => s.text);
    expect(new Set(texts).size).toBe(texts.length);
    checkInvariants(doc);
  });
});

describe('dev articles', () => {
  // Reporters as printed in each byline; CCTV transcripts have none, and say 央视网消息 instead.
  const expected: Record<string, { reporters: string[]; printed?: string[]; wire?: string }> = {
    '000_e65d613101e172c6.txt': { reporters: ['杨珏'] },
    '002.txt': { reporters: ['周人杰', '郑洋洋'] },
    '005.txt': { reporters: ['苏滨'], printed: ['苏 滨'] },
    '009.txt': { reporters: ['李晓晴'] },
    '010.txt': { reporters: ['朱磊', '徐元锋', '叶琦', '秦瑞杰'], printed: ['朱 磊', '徐元锋', '叶 琦', '秦瑞杰'] },
    '013.txt': { reporters: ['徐驭尧'] },
    '018.txt': { reporters: ['赵兵', '胡笑源'], printed: ['赵 兵', '胡笑源'] },
    '024.txt': { reporters: ['刘鑫焱', '郑洋洋'] },
    '028.txt': { reporters: [], wire: '央视网' },
    '031.txt': { reporters: [], wire: '央视网' },
    '035.txt': { reporters: [], wire: '央视网' },
    // 037–052: the reporters the gold files give the position 记者 (several bylines of one article, outlets mixed).
    '037.txt': { reporters: ['邓剑洋'] },
    '038.txt': { reporters: ['郁静娴', '邓剑洋'] },
    '039.txt': { reporters: ['方敏'], printed: ['方 敏'] },
    '040.txt': { reporters: ['马睿姗'] },
    '041.txt': { reporters: ['杨颜菲'] },
    '042.txt': { reporters: ['郑海鸥'] },
    '043.txt': { reporters: ['李纵', '张永生', '邹星', '赵文瑞'], printed: ['李 纵', '张永生', '邹 星', '赵文瑞'] },
    '044.txt': { reporters: ['常钦'], printed: ['常 钦'] },
    '045.txt': { reporters: ['张艺开', '王明峰', '郑智文', '沈靖然', '孙超', '胡婧怡', '姜晓丹', '徐驭尧', '叶传增', '贾丰丰', '赵帅杰'] },
    '046.txt': { reporters: ['尚嵘峥'] },
    '047.txt': { reporters: ['秦瑞杰'] },
    '048.txt': { reporters: ['刘以晴'] },
    '049.txt': { reporters: ['王欣悦'] },
    '050.txt': { reporters: ['杨迅'], printed: ['杨 迅'] },
    '051.txt': { reporters: ['施芳', '窦皓', '方敏'], printed: ['施 芳', '窦 皓', '方 敏'] },
    '052.txt': { reporters: ['郝迎灿'] },
  };
  const files = readdirSync(ARTICLES).filter((f) => f.endsWith('.txt')).sort();

  it('covers every article in the folder', () => {
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });

  for (const file of files) {
    it(`${file}: title, date, reporters, offsets`, () => {
      const doc = ingestFile(join(ARTICLES, file));
      const exp = expected[file];
      expect(doc.meta.title?.length).toBeGreaterThan(3);
      expect(doc.meta.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(doc.meta.reporters).toEqual(exp.reporters);
      expect((doc.meta.spans.reporters ?? []).map((s) => slice(doc, s))).toEqual(exp.printed ?? exp.reporters);
      if (exp.wire) expect(doc.meta.wire).toBe(exp.wire);
      // Every reporter mention lies in a meta sentence (the byline), so later stages can point at it.
      for (const sp of doc.meta.spans.reporters ?? []) {
        const s = doc.sentences.find((x) => x.start <= sp.start && sp.end <= x.end);
        expect(s?.zone).toBe('meta');
      }
      // The title sentence is the title.
      expect(doc.sentences.find((s) => s.zone === 'title')?.text).toBe(doc.meta.title);
      expect(doc.sentences.filter((s) => s.zone === 'body').length).toBeGreaterThan(10);
      checkInvariants(doc);
    });
  }

  it('reads the dev header into meta', () => {
    const doc = ingestFile(join(ARTICLES, '005.txt'));
    expect(doc.meta.title).toBe('安家又安心 乐享新生活（探访）');
    expect(doc.meta.source).toBe('人民日报（第06版：要闻）');
    expect(doc.meta.published).toBe('2026-05-21');
    expect(doc.meta.url).toBe('https://paper.people.com.cn/rmrb/pc/content/202605/21/content_30158084.html');
    expect(doc.sentences[0]).toMatchObject({ zone: 'title', text: '安家又安心 乐享新生活（探访）' });
    expect(doc.sentences[1]).toMatchObject({ zone: 'meta', text: '人民日报（第06版：要闻）' });
    // The kicker between title and byline is a title line; the byline is a meta sentence.
    expect(doc.sentences[2]).toMatchObject({ zone: 'title', text: '贵州做好易地搬迁后续扶持工作' });
    expect(doc.sentences[3]).toMatchObject({ zone: 'meta', text: '本报记者 苏 滨' });
    expect(doc.sentences[4].zone).toBe('body');
  });
});

describe('HTML pages', () => {
  /** For each sentence character, the source character it maps to is the same one, unless an entity or collapsed whitespace stands there. */
  function checkSourceOffsets(doc: Document, html: string): number {
    const offs = doc.sourceOffsets!;
    expect(offs).not.toBeNull();
    expect(offs.length).toBe(doc.text.length + 1);
    expect(offs[doc.text.length]).toBe(html.length);
    for (let i = 1; i < offs.length; i++) expect(offs[i]).toBeGreaterThanOrEqual(offs[i - 1]);
    let checked = 0;
    for (const s of doc.sentences) {
      for (let i = s.start; i < s.end; i++) {
        const src = html[offs[i]];
        if (src === '&') continue;
        if (/\s/.test(doc.text[i])) expect(src).toMatch(/\s/);
        else expect(src).toBe(doc.text[i]);
        checked++;
      }
    }
    return checked;
  }

  it('gov portal: visible text, metadata, furniture and offsets', () => {
    const path = join(FIXTURES, 'gov-portal.html');
    const html = readFileSync(path, 'utf8');
    const doc = ingestFile(path);
    expect(doc.format).toBe('html');
    expect(doc.meta.title).toBe('清河县推动庭院经济提质增效');
    expect(doc.meta.published).toBe('2024-03-05');
    expect(doc.meta.publishedTime).toBe('10:20');
    expect(doc.meta.source).toBe('清河县乡村振兴局');
    expect(doc.meta.reporters).toEqual(['刘洋', '陈晓梅']);
    expect(doc.meta.spans.reporters!.map((s) => slice(doc, s))).toEqual(['刘 洋', '陈晓梅']);
    expect(doc.meta.spans.title!.map((s) => slice(doc, s))).toEqual(['清河县推动庭院经济提质增效']);
    // Nothing from <head>, scripts, styles or hidden elements.
    for (const t of ['不应出现的脚本文字', 'text-indent', '_hmt', '隐藏的段落', 'keywords']) expect(doc.text).not.toContain(t);
    // Navigation, breadcrumb, widgets, related list and footer are furniture, not sentences.
    const all = doc.sentences.map((s) => s.text).join('\n');
    for (const t of ['政务公开', '当前位置', '字号', '分享到', '相关文章', '春季农业生产', '版权所有', 'ICP备', '欢迎访问']) {
      expect(all).not.toContain(t);
    }
    expect(doc.sentences.map((s) => [s.zone, s.text])).toContainEqual(['meta', '发布时间：2024-03-05 10:20\u00a0\u00a0来源：清河县乡村振兴局']);
    // Entities decode to one character mapped to the reference: &ldquo; &rdquo; &lsquo; &#xff1b; &amp; &#x3002;
    const quote = doc.text.indexOf('“小庭院');
    expect(html.startsWith('&ldquo;', doc.sourceOffsets![quote])).toBe(true);
    const amp = doc.text.indexOf(' & ');
    expect(html.startsWith('&amp;', doc.sourceOffsets![amp + 1])).toBe(true);
    expect(doc.sentences.some((s) => s.text === '下一步将扩大试点范围 & 加强技术指导。')).toBe(true);
    expect(checkSourceOffsets(doc, html)).toBeGreaterThan(200);
    checkInvariants(doc);
  });

  it('escaped markup is text; real markup is not', () => {
    const path = join(FIXTURES, 'escaped-markup.html');
    const html = readFileSync(path, 'utf8');
    const doc = ingestFile(path);
    expect(doc.meta.title).toBe('网页安全提醒：不要执行陌生代码');
    const at = doc.text.indexOf('<img src=x onerror=alert(1)>');
    expect(at).toBeGreaterThan(0);
    expect(doc.text.indexOf('<img', at + 1)).toBe(-1); // the real <img> tag left no text
    expect(html.startsWith('&lt;img', doc.sourceOffsets![at])).toBe(true);
    expect(html.slice(doc.sourceOffsets![at + 1], doc.sourceOffsets![at + 1] + 3)).toBe('img');
    for (const t of ['脚本不显示', '请启用脚本', '模板内容']) expect(doc.text).not.toContain(t);
    expect(doc.text).toContain('&lt; 是转义写法，中文也可以写成实体。');
    expect(checkSourceOffsets(doc, html)).toBeGreaterThan(50);
    checkInvariants(doc);
  });

  it('GBK page decodes as gb18030, with wire and dateline reporters', () => {
    const path = join(FIXTURES, 'xinhua-dateline.gbk.html');
    const bytes = readFileSync(path);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const doc = ingestFile(path);
    expect(doc.encoding).toBe('gb18030');
    expect(doc.meta.title).toBe('驻村工作队帮助山区村发展特色种植');
    expect(doc.meta.wire).toBe('新华社');
    expect(doc.meta.reporters).toEqual(['马文静', '赵毅']);
    expect(doc.meta.published).toBe('2023-06-18');
    expect(doc.meta.publishedTime).toBe('08:15:32');
    expect(doc.meta.source).toBe('新华网');
    expect(doc.sentences.some((s) => s.text.includes('新华网 | 时政'))).toBe(false);
    expect(doc.sentences.some((s) => s.text.startsWith('新华社西宁6月17日电'))).toBe(true);
    const html = new TextDecoder('gb18030').decode(bytes);
    expect(checkSourceOffsets(doc, html)).toBeGreaterThan(100);
    checkInvariants(doc);
  });

  it('an HTML page with no visible text is refused', () => {
    const path = join(tmp, 'blank.html');
    writeFileSync(path, '<html><head><title>空白页</title><script>var a = "正文";</script></head><body>  <div> </div></body></html>');
    expect(() => ingestFile(path)).toThrow(IngestError);
    expect(() => ingestFile(path)).toThrow(/blank\.html.*no visible text/);
  });
});

describe('encodings', () => {
  it('UTF-8 with BOM: the BOM is not part of the text, offsets count from after it', () => {
    const body = 'title: 测试标题\ndate: 2024-01-02\n\n本报记者 王 明\n\n第一句。第二句！';
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(body)]);
    expect(decode(bytes)).toEqual({ text: body, encoding: 'utf-8-bom' });
    const doc = ingestBytes(bytes, 'bom.txt');
    expect(doc.encoding).toBe('utf-8-bom');
    expect(doc.text).toBe(body);
    expect(doc.meta.reporters).toEqual(['王明']);
    expect(doc.sentences.map((s) => s.text)).toEqual(['测试标题', '本报记者 王 明', '第一句。', '第二句！']);
  });

  it('plain UTF-8 decodes as utf-8', () => {
    expect(decode(new TextEncoder().encode('乡村振兴'))).toEqual({ text: '乡村振兴', encoding: 'utf-8' });
  });

  it('GBK plain text decodes as gb18030', () => {
    // 乡村振兴。 as printed by `printf '乡村振兴。' | iconv -f utf-8 -t gbk | xxd -i`.
    const gbk = new Uint8Array([0xcf, 0xe7, 0xb4, 0xe5, 0xd5, 0xf1, 0xd0, 0xcb, 0xa1, 0xa3]);
    expect(decode(gbk)).toEqual({ text: '乡村振兴。', encoding: 'gb18030' });
  });

  it('bytes that are neither UTF-8 nor Chinese are undecodable', () => {
    // Latin-1 "Café résumé": é before a space is invalid in GB18030 as well.
    const latin1 = new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x72, 0xe9, 0x73, 0x75, 0x6d, 0xe9]);
    expect(() => decode(latin1, 'cafe.txt')).toThrow(/^cafe\.txt: neither valid UTF-8 nor valid GB18030/);
    // Valid GB18030 four-byte sequences that decode to Latin-1 supplement symbols, not Chinese.
    const symbols = new Uint8Array(Array.from({ length: 20 }, (_, i) => [0x81, 0x30, 0x81 + (i % 8), 0x30]).flat());
    expect(new TextDecoder('gb18030', { fatal: true }).decode(symbols).length).toBe(20);
    expect(() => decode(symbols, 'odd.txt')).toThrow(IngestError);
    expect(() => decode(symbols, 'odd.txt')).toThrow(/^odd\.txt: not UTF-8, and as GB18030 it decodes to mostly non-Chinese/);
  });
});

describe('refused files', () => {
  const expectRefused = (fn: () => unknown, reason: string, name: string) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(IngestError);
      expect((e as IngestError).reason).toBe(reason);
      expect((e as IngestError).message).toContain(name);
      expect((e as IngestError).message).not.toContain('\n');
      return;
    }
    throw new Error('expected an IngestError');
  };

  it('empty file', () => {
    const path = join(tmp, 'empty.txt');
    writeFileSync(path, '');
    expectRefused(() => ingestFile(path), 'empty', 'empty.txt');
    const ws = join(tmp, 'spaces.txt');
    writeFileSync(ws, '  \n\u3000\n');
    expectRefused(() => ingestFile(ws), 'empty', 'spaces.txt');
  });

  it('binary file (random bytes with NULs)', () => {
    // A fixed linear congruential generator: the same "random" bytes on every run.
    let x = 12345;
    const bytes = new Uint8Array(4096).map(() => ((x = (x * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
    bytes[100] = 0;
    const path = join(tmp, 'noise.bin');
    writeFileSync(path, bytes);
    expectRefused(() => ingestFile(path), 'binary', 'noise.bin');
  });

  it('oversize file is refused from its size alone, unless maxBytes allows it', () => {
    // A sparse 50 MB file: creating it costs nothing, and reading it would cost 50 MB.
    const path = join(tmp, 'huge.txt');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    const t0 = performance.now();
    expectRefused(() => ingestFile(path), 'too-large', 'huge.txt');
    expect(performance.now() - t0).toBeLessThan(50);

    const small = join(tmp, 'small.txt');
    writeFileSync(small, '第一句。第二句。');
    expectRefused(() => ingestFile(small, { maxBytes: 8 }), 'too-large', 'small.txt');
    expect(ingestFile(small, { maxBytes: 1024 }).sentences).toHaveLength(2);
  });

  it('a missing file names the file', () => {
    expectRefused(() => ingestFile(join(tmp, 'missing.txt')), 'unreadable', 'missing.txt');
  });
});

describe('bylines', () => {
  const names = (s: string) => parseByline(s, 0, s.length)?.map((h) => [h.name, s.slice(h.span.start, h.span.end)]) ?? null;

  it('joins single characters pairwise and keeps the printed span', () => {
    expect(names('本报记者 苏 滨')).toEqual([['苏滨', '苏 滨']]);
    expect(names('本报记者 周人杰 郑洋洋')).toEqual([['周人杰', '周人杰'], ['郑洋洋', '郑洋洋']]);
    expect(names('本报记者 朱 磊 徐元锋 叶 琦 秦瑞杰')).toEqual([['朱磊', '朱 磊'], ['徐元锋', '徐元锋'], ['叶琦', '叶 琦'], ['秦瑞杰', '秦瑞杰']]);
    expect(names('本报记者 刘志强 邱超奕 韩 鑫')?.map((n) => n[0])).toEqual(['刘志强', '邱超奕', '韩鑫']);
  });

  it('reads bracketed, multi-role, credited and name-first forms', () => {
    expect(names('（本报记者 杨珏）')).toEqual([['杨珏', '杨珏']]);
    expect(names('本报记者 张丹华 本报通讯员 王三合')?.map((n) => n[0])).toEqual(['张丹华', '王三合']);
    expect(names('（本报记者 王 亮整理）')?.map((n) => n[0])).toEqual(['王亮']);
    expect(names('（作者为浙江大学金融研究院研究员，本报记者窦瀚洋采访整理）')?.map((n) => n[0])).toEqual(['窦瀚洋']);
    expect(names('本报记者 姚雪青文 秦 飞摄（人民视觉）')?.map((n) => n[0])).toEqual(['姚雪青', '秦飞']);
    expect(names('新华社记者 杨世尧摄')?.map((n) => n[0])).toEqual(['杨世尧']);
    expect(names('任姗姗（本报记者）')?.map((n) => n[0])).toEqual(['任姗姗']);
    expect(names('《中国经济周刊》记者 周 琦 谢 玮')?.map((n) => n[0])).toEqual(['周琦', '谢玮']);
  });

  it('does not take prose or headings for bylines', () => {
    expect(names('记者走进1号楼两个未上锁的单元')).toBeNull();
    expect(names('记者逐户敲门，均未有人回应。')).toBeNull();
    expect(names('（记者手记）')).toBeNull();
    expect(names('（中央社会工作部负责人答记者问见第四版）')).toBeNull();
    expect(names('本报记者')).toBeNull();
  });

  it('reads datelines: the wire agency and the reporters in the bracket', () => {
    const s = '新华社北京3月5日电 （记者王锦涛、宋 朝）全国两会……';
    const d = parseDateline(s, 0, s.length)!;
    expect(d.wire?.name).toBe('新华社');
    expect(s.slice(d.wire!.span.start, d.wire!.span.end)).toBe('新华社');
    expect(d.names.map((n) => n.name)).toEqual(['王锦涛', '宋朝']);
    const own = '本报北京4月26日电 （记者丁怡婷）记者从国家能源局获悉';
    expect(parseDateline(own, 0, own.length)).toMatchObject({ wire: null, names: [{ name: '丁怡婷' }] });
    const doc = ingestText('新华社北京3月5日电 （记者王锦涛）今天，会议开幕。', 'wire.txt');
    expect(doc.meta.wire).toBe('新华社');
    expect(doc.meta.reporters).toEqual(['王锦涛']);
  });
});

describe('sentences', () => {
  it('split at 。！？；!? and newlines, keeping closing quotes with their sentence', () => {
    const text = '“稳得住、有就业。”他说。真的吗？是的！\n第二段；继续 ok? yes!';
    const doc = ingestText(text, 'quotes.txt');
    expect(doc.sentences.map((s) => s.text)).toEqual(['“稳得住、有就业。”', '他说。', '真的吗？', '是的！', '第二段；', '继续 ok?', 'yes!']);
  });

  it('cut sentences over 300 characters at commas', () => {
    const clause = '村里建起了产业园区并带动群众就近就业增收致富'; // 22 chars
    const long = Array.from({ length: 30 }, () => clause).join('，') + '。';
    const spans = splitSentences(long, 0, long.length);
    expect(spans.length).toBeGreaterThan(2);
    for (const s of spans) {
      expect(s.end - s.start).toBeLessThanOrEqual(300);
      expect(/[，。]$/.test(long.slice(s.start, s.end))).toBe(true);
    }
    expect(spans.map((s) => long.slice(s.start, s.end)).join('')).toBe(long);
  });

  it('a paragraph printed twice yields its sentences once', () => {
    const para = '村党支部书记带领村民发展特色种植，集体收入突破百万元。';
    const doc = ingestText(`${para}\n\n另一段落的内容在这里。\n\n${para}`, 'dup.txt');
    expect(doc.sentences.filter((s) => s.text === para)).toHaveLength(1);
  });
});

describe('document ids', () => {
  it('come from the file name, sanitized', () => {
    expect(documentId('/work/shared/articles/000_e65d613101e172c6.txt', 'x')).toBe('000_e65d613101e172c6');
    expect(documentId('some dir/新闻 2024.html', 'x')).toBe('___2024');
    expect(documentId('a.b.c.txt', 'x')).toBe('a.b.c');
  });

  it('fall back to a content hash when the name leaves nothing', () => {
    const a = documentId('乡村振兴.txt', '内容一');
    expect(a).toMatch(/^doc-[0-9a-f]{12}$/);
    expect(documentId('振兴.txt', '内容一')).toBe(a);
    expect(documentId('振兴.txt', '内容二')).not.toBe(a);
    expect(ingestText('第一句。', '').id).toMatch(/^doc-[0-9a-f]{12}$/);
  });
});

describe('damaged input is decoded, not discarded', () => {
  const seedBytes = new Uint8Array(readFileSync(SEED));
  const seedText = readFileSync(SEED, 'utf8');
  const cps = (s: string) => [...s];
  /** The first byte at or after `from` that is a printable ASCII character (not a line break). */
  const asciiAt = (from: number) => {
    let i = from;
    while (!(seedBytes[i] > 0x20 && seedBytes[i] < 0x7f)) i++;
    return i;
  };

  it('the seed cut in the middle of its last character: one U+FFFD at the end, counted, with its offset', () => {
    // The seed ends in a newline: cut into the last CJK character before it instead.
    const lastCjk = seedBytes.lastIndexOf(0xe3) >= 0 ? Math.max(seedBytes.lastIndexOf(0xe3), seedBytes.lastIndexOf(0xe4), seedBytes.lastIndexOf(0xe5), seedBytes.lastIndexOf(0xe6), seedBytes.lastIndexOf(0xe7), seedBytes.lastIndexOf(0xe8), seedBytes.lastIndexOf(0xe9)) : -1;
    const cut = seedBytes.subarray(0, lastCjk + 2);
    const doc = ingestBytes(cut, 'cut.txt');
    expect(doc.encoding).toBe('utf-8');
    expect(doc.damage).toEqual({ replaced: 1, invalidSequences: 1, controlCharacters: 0, firstOffset: cps(doc.text).length - 1 });
    expect(doc.text.endsWith('\ufffd')).toBe(true);
    expect(doc.meta.title).toBe('【山西】山西确保乡亲们持续增收致富');
    const [warning] = documentWarnings(doc);
    expect(warning).toBe(`cut.txt: damaged input decoded as utf-8: 1 character replaced with U+FFFD (1 broken byte sequence), the first at character ${cps(doc.text).length - 1}`);
  });

  it('a byte flipped inside a character: replaced there, the text after it unchanged, offsets in code points', () => {
    const at = seedText.indexOf('张乃田');
    const byteAt = Buffer.byteLength(seedText.slice(0, at));
    const bytes = seedBytes.slice();
    bytes[byteAt + 1] = 0x41; // the second byte of 张: the sequence breaks, an 'A' follows
    const doc = ingestBytes(bytes, 'flip.txt');
    expect(doc.damage?.firstOffset).toBe(cps(seedText.slice(0, at)).length);
    expect(doc.text.slice(0, at)).toBe(seedText.slice(0, at));
    expect(doc.text.slice(at)).toMatch(/^\ufffdA\ufffd?乃田/);
    expect(doc.text.endsWith(seedText.slice(at + 1))).toBe(true);
    checkInvariants(doc);
  });

  it('a NUL and a few control bytes in 10 KB of text: damage, each one U+FFFD, not a binary file', () => {
    const bytes = seedBytes.slice();
    // Each on an ASCII byte (a digit or letter of the page), so each control byte replaces one character.
    for (const [from, b] of [[100, 0x00], [2000, 0x01], [4000, 0x07], [6000, 0x08]] as const) bytes[asciiAt(from)] = b;
    const doc = ingestBytes(bytes, 'controls.txt');
    expect(doc.damage).toMatchObject({ controlCharacters: 4, invalidSequences: 0, replaced: 4 });
    expect(doc.text.length).toBe(seedText.length);
    expect(cps(doc.text).filter((c) => c === '\ufffd')).toHaveLength(4);
    expect(doc.text).not.toMatch(/[\x00-\x08]/);
  });

  it('GB18030 with a broken sequence is still GB18030, with the damage counted', () => {
    const gbk = new Uint8Array([0xcf, 0xe7, 0xb4, 0xe5, 0xd5, 0xf1, 0xd0, 0xcb, 0xa1, 0xa3]); // 乡村振兴。
    const text = new Uint8Array([...Array(30).fill([...gbk]).flat(), 0xcf]); // a lead byte with no trail
    const d = decode(text, 'gbk.txt');
    expect(d.encoding).toBe('gb18030');
    expect(d.damage).toMatchObject({ replaced: 1, firstOffset: 150 });
    expect(d.text.startsWith('乡村振兴。乡村振兴。')).toBe(true);
  });

  it('the damage is recorded on the article in the RDF', { timeout: 120_000 }, () => {
    const bytes = seedBytes.slice();
    const at = asciiAt(100);
    bytes[at] = 0x00;
    const quads = articleQuads(extractArticle(ingestBytes(bytes, 'nul.txt')));
    const value = (local: string) => quads.find((q) => q.predicate.value === `https://w3id.org/xiangcun-kg/ns#${local}`)?.object.value;
    expect(value('replacedCharacters')).toBe('1');
    expect(value('firstReplacementOffset')).toBe(String(cps(Buffer.from(seedBytes.subarray(0, at)).toString('utf8')).length));
    const clean = articleQuads(extractArticle(ingestBytes(seedBytes, 'clean.txt')));
    expect(clean.some((q) => q.predicate.value.endsWith('#replacedCharacters'))).toBe(false);
  });

  it('input that is mostly undecodable is refused: every fifth byte broken, Latin-1 prose', () => {
    // 0xFF is invalid in UTF-8 and in GB18030 alike.
    const broken = seedBytes.map((b, i) => (i % 5 === 0 ? 0xff : b));
    expect(() => decode(broken, 'broken.txt')).toThrow(/^broken\.txt: neither valid UTF-8 nor valid GB18030\/GBK/);
    const latin1 = new Uint8Array(Buffer.from('Grüße aus Köln, schöne Straße. '.repeat(20), 'latin1'));
    expect(() => decode(latin1, 'latin1.txt')).toThrow(/^latin1\.txt: not UTF-8, and as GB18030 it decodes to mostly non-Chinese garbage$/);
    expect(MAX_DAMAGED_SHARE).toBeLessThan(0.5);
  });

  it('real binaries are still refused: gzip, PNG, ELF, with or without their signature', () => {
    const gz = new Uint8Array(gzipSync(seedBytes));
    // A PNG: signature, then zlib-compressed image rows, as every PNG holds.
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...gzipSync(new Uint8Array(4096).map((_, i) => (i * 7) & 0xff))]);
    const elf = new Uint8Array(readFileSync(process.execPath).subarray(0, 64 * 1024));
    for (const [name, bytes] of [['gzip', gz], ['PNG', png], ['ELF', elf]] as const) {
      expect(() => decode(bytes, `x.${name}`), name).toThrow(/binary file/);
      // Without the signature, the share of control bytes alone gives them away (real text has none).
      let controls = 0;
      for (const b of bytes.subarray(16)) if (b < 0x20 && ![0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1a, 0x1b].includes(b)) controls++;
      expect(controls / (bytes.length - 16), name).toBeGreaterThan(MAX_CONTROL_SHARE * 5);
      expect(() => decode(bytes.subarray(16), `x.${name}`), name).toThrow(/binary file \(\d+ control bytes/);
    }
  });

  it('lone surrogates in a string (stdin, JSON Lines) become U+FFFD and are counted', () => {
    const doc = ingestText('河曲县\ud800巡镇\udc00河南村。', 'lone.txt');
    expect(doc.text).toBe('河曲县\ufffd巡镇\ufffd河南村。');
    expect(doc.damage).toMatchObject({ replaced: 2, invalidSequences: 2, firstOffset: 3 });
  });

  it('Big5 is refused, and the message says it reads as Big5', () => {
    // 鄉村振興，鄉親們 in Big5 (`printf 鄉村振興，鄉親們 | iconv -t big5 | xxd -i`): 0xA1 0x41 is no GB18030 sequence.
    const big5 = new Uint8Array([0xb6, 0x6d, 0xa7, 0xf8, 0xae, 0xb6, 0xbf, 0xb3, 0xa1, 0x41, 0xb6, 0x6d, 0xbf, 0xcb, 0xad, 0xcc]);
    expect(new TextDecoder('big5').decode(big5)).toBe('鄉村振興，鄉親們');
    expect(() => decode(big5, 'big5.txt')).toThrow(/^big5\.txt: neither UTF-8 nor GB18030\/GBK; it reads as Big5, which is not supported/);
  });
});

describe('what layout sets aside is counted', () => {
  it('the seed: its navigation and widgets counted as furniture, no repeats worth a warning', () => {
    const doc = ingestFile(SEED);
    expect(doc.dropped!.furnitureLines).toBeGreaterThan(5);
    expect(doc.dropped!.furnitureCharacters).toBeGreaterThan(100);
    expect(documentWarnings(doc)).toEqual([]);
  });

  it('the seed six times in one file: one copy analysed, the five others counted and warned about, on the article too', { timeout: 120_000 }, () => {
    const one = ingestFile(SEED);
    const raw = readFileSync(SEED, 'utf8');
    const doc = ingestText(raw.repeat(6), 'six.txt');
    expect(doc.sentences.filter((s) => s.zone === 'body').length).toBe(one.sentences.filter((s) => s.zone === 'body').length);
    expect(doc.dropped!.repeatedCharacters).toBeGreaterThan(raw.length * 4);
    const [warning] = documentWarnings(doc);
    expect(warning).toMatch(/^six\.txt: \d+ repeated lines \(\d+ of \d+ characters\) dropped as copies of text printed elsewhere in the file; the graph holds one copy$/);
    const quads = articleQuads(extractArticle(doc));
    const repeated = quads.find((q) => q.predicate.value === 'https://w3id.org/xiangcun-kg/ns#repeatedCharacters');
    expect(Number(repeated?.object.value)).toBe(doc.dropped!.repeatedCharacters);
  });
});
