// Tests of the statistical labeler (src/recognize/model) and the `xckg recognize --jsonl` command body.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { loadModel, DEFAULT_MODEL_PATH } from '../src/recognize/model/index.ts';
import { decodeModel } from '../src/recognize/model/format.ts';
import { Tagger } from '../src/recognize/model/tagger.ts';
import { splitSegments } from '../src/recognize/model/tokens.ts';
import { Lexicon, BEGIN, END, INSIDE, NONE, SINGLE } from '../src/recognize/model/lexicon.ts';
import { shortForm } from '../src/recognize/model/places.ts';
import { finalMask, spansToTags, tagsToSpans, transitionMask } from '../src/recognize/model/tags.ts';
import { lattice, viterbi, viterbiBIOES } from '../src/recognize/model/viterbi.ts';
import { FEATURE_TEMPLATES, FEATURE_VERSION } from '../src/recognize/model/features.ts';
import { codePointIndex, recognizeCommand } from '../src/cli/recognize.ts';

const model = loadModel();
const found = (text: string, type: string): string[] =>
  model.tag(text).filter((m) => m.type === type).map((m) => text.slice(m.start, m.end));

describe('model file', () => {
  it('was trained with the feature templates of this code', () => {
    expect(model.header.featureVersion).toBe(FEATURE_VERSION);
    expect(model.header.featureTemplates).toEqual([...FEATURE_TEMPLATES]);
  });
  it('loads once, with its header', () => {
    expect(loadModel()).toBe(model);
    expect(model.header.labels).toEqual(['Person', 'Place', 'Organization', 'Title']);
    expect(model.header.training.corpora.map((c) => c.name)).toEqual([
      'cluener2020/train',
      'peoples_daily/example.dev',
      'msra/train-sample',
      'resume_ner/train',
    ]);
  });
});

describe('tagging clear sentences', () => {
  it('finds a villager named after 村民', () => {
    expect(found('村民李秋菊今年种了五亩辣椒。', 'Person')).toContain('李秋菊');
  });
  it('finds a county with 县', () => {
    expect(found('记者近日来到河北省阜平县采访。', 'Place')).toContain('阜平县');
  });
  it('finds a 局 organization, the title 局长 and the holder', () => {
    const text = '县农业农村局局长赵建军介绍，今年全县新建大棚三百座。';
    expect(found(text, 'Organization').some((o) => o.endsWith('农业农村局'))).toBe(true);
    expect(found(text, 'Title')).toContain('局长');
    expect(found(text, 'Person')).toContain('赵建军');
  });
  it('keeps a title whole (titles are latent in People\'s Daily: a lexicon match is all title or none)', () => {
    // News text labels no titles, so the news output may leave 副局长 out; what it must never do is cut it.
    const sentence = '甘肃省定西市安定区农业农村局副局长刘晓燕表示';
    for (const t of found(sentence, 'Title')) expect(t).toBe('副局长');
    expect(found(sentence, 'Person')).toEqual(['刘晓燕']);
  });
  it('extends an organization left over its place name when an organization suffix follows', () => {
    expect(found('衡阳有色冶金机械总厂的子弟小学', 'Organization')[0]).toMatch(/^衡阳.*总厂$/);
  });
  it('keeps spans inside the text, ordered and well-formed, across latin, digits and astral characters', () => {
    const text =
      '2026年5月，𠮷县𠮷村村民王大山（Wang Dashan）😀说：“合作社有3200亩地。”\n\n' +
      '甘肃省定西市安定区农业农村局副局长刘晓燕表示，ABC公司已投资1.5亿元。'.repeat(40);
    const ms = model.tag(text);
    expect(ms.length).toBeGreaterThan(40);
    let last = -1;
    for (const m of ms) {
      expect(m.start).toBeGreaterThanOrEqual(0);
      expect(m.end).toBeLessThanOrEqual(text.length);
      expect(m.end).toBeGreaterThan(m.start);
      expect(m.start).toBeGreaterThanOrEqual(last);
      last = m.end;
      // Never cuts a surrogate pair.
      expect(text.charCodeAt(m.start) & 0xfc00).not.toBe(0xdc00);
      expect(text.charCodeAt(m.end - 1) & 0xfc00).not.toBe(0xd800);
    }
  });
  it('handles empty and whitespace-only text', () => {
    expect(model.tag('')).toEqual([]);
    expect(model.tag(' \n\u3000\n')).toEqual([]);
  });
  it('is deterministic: same output twice and from a second instance of the same file', () => {
    const text = '山西省忻州市河曲县驻村工作队队长孙志强和村党支部书记一起走访脱贫户。';
    const second = new Tagger(decodeModel(readFileSync(DEFAULT_MODEL_PATH)));
    expect(model.tag(text)).toEqual(model.tag(text));
    expect(second.tag(text)).toEqual(model.tag(text));
  });
});

describe('building blocks', () => {
  it('splits long text at sentence ends and never inside a surrogate pair', () => {
    const text = '甲。乙！\n' + '𠮷'.repeat(500);
    const segs = splitSegments(text);
    expect(segs[0]).toEqual([0, 2]);
    expect(segs[1]).toEqual([2, 4]);
    for (const [s, e] of segs) {
      expect(text.charCodeAt(s) & 0xfc00).not.toBe(0xdc00);
      expect(e).toBeLessThanOrEqual(text.length);
    }
    expect(segs[segs.length - 1][1]).toBe(text.length);
  });
  it('marks forward longest lexicon matches', () => {
    const lex = new Lexicon(['书记', '副书记', '王']);
    const cps = Int32Array.from([...'王副书记好'].map((c) => c.codePointAt(0)!));
    const out = new Uint8Array(5);
    lex.mark(cps, 5, out);
    expect([...out]).toEqual([SINGLE, BEGIN, INSIDE, END, NONE]);
  });
  it('derives short place names', () => {
    expect(shortForm('恩施土家族苗族自治州')).toBe('恩施');
    expect(shortForm('广西壮族自治区')).toBe('广西');
    expect(shortForm('浮山县')).toBe('浮山');
    expect(shortForm('城区')).toBeNull();
  });
  it('the written-out BIOES Viterbi finds the same path as the general one, ties included', () => {
    const L = 4;
    const T = 1 + 4 * L;
    const lat = lattice(T, transitionMask(L), finalMask(L));
    let seed = 7;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rand() * 30);
      // Small integers so that ties happen.
      const emit = Int32Array.from({ length: n * T }, () => Math.floor(rand() * 7) - 3);
      const trans = Float64Array.from({ length: (T + 1) * T }, () => Math.floor(rand() * 5) - 2);
      const a = new Int32Array(n);
      const b = new Int32Array(n);
      viterbi(n, lat, emit, trans, null, a);
      viterbiBIOES(n, L, emit, trans, b);
      expect([...b]).toEqual([...a]);
    }
  });
  it('round-trips BIOES tags and spans', () => {
    const spans = [
      { start: 0, end: 1, label: 0 },
      { start: 2, end: 5, label: 3 },
    ];
    expect(tagsToSpans(spansToTags(6, spans))).toEqual(spans);
  });
});

async function runCli(input: string, recognizer?: Parameters<typeof recognizeCommand>[1]): Promise<{ code: number; out: string }> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  const code = await recognizeCommand(['--jsonl'], recognizer, {
    stdin: Readable.from([input]),
    stdout,
    stderr: new PassThrough(),
  });
  return { code, out: Buffer.concat(chunks).toString('utf8') };
}

describe('xckg recognize --jsonl', () => {
  it('writes one JSON line per input line with code-point offsets after an astral character', async () => {
    const line = '𠮷村民李秋菊说';
    const { code, out } = await runCli(`${line}\n\n`);
    expect(code).toBe(0);
    const records = out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(records).toHaveLength(2);
    expect(records[1]).toEqual({ text: '', mentions: [] });
    const person = records[0].mentions.find((m: { type: string }) => m.type === 'Person');
    expect(person).toEqual({ start: 3, end: 6, type: 'Person', text: '李秋菊' });
    expect([...line].slice(person.start, person.end).join('')).toBe('李秋菊');
  });
  it('uses a recognizer passed in (the hybrid) and converts its UTF-16 offsets', async () => {
    const { out } = await runCli('😀😀王五\r\n', (text) => [{ start: text.indexOf('王'), end: text.length, type: 'Person' }]);
    expect(JSON.parse(out)).toEqual({ text: '😀😀王五', mentions: [{ start: 2, end: 4, type: 'Person', text: '王五' }] });
  });
  it('with --outermost leaves out mentions nested in another (北京 in 北京大学)', async () => {
    const { recognizeText } = await import('../src/recognize/text.ts');
    const text = '他毕业于北京大学。';
    const run = async (argv: string[]) => {
      const stdout = new PassThrough();
      const chunks: Buffer[] = [];
      stdout.on('data', (c: Buffer) => chunks.push(c));
      await recognizeCommand(argv, (t, options) => recognizeText(t, options), { stdin: Readable.from([text + '\n']), stdout, stderr: new PassThrough() });
      return (JSON.parse(Buffer.concat(chunks).toString('utf8')).mentions as Array<{ text: string }>).map((m) => m.text);
    };
    expect(await run(['--jsonl'])).toEqual(expect.arrayContaining(['北京大学', '北京']));
    expect(await run(['--jsonl', '--outermost'])).toEqual(['北京大学']);
  });
  it('rejects a call without --jsonl', async () => {
    const err = new PassThrough();
    const code = await recognizeCommand([], undefined, { stdin: Readable.from(['']), stdout: new PassThrough(), stderr: err });
    expect(code).toBe(2);
  });
  it('counts code points', () => {
    expect([...codePointIndex('a𠮷b')]).toEqual([0, 1, 1, 2, 3]);
  });
});
