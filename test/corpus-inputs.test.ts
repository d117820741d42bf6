// **corpus-inputs.test** — what `xckg build` reads from its arguments: folders recursively (hidden entries skipped, a
// symlink loop entered once), JSON Lines plain and gzipped as a stream, malformed lines reported by file and line.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { expandPaths, readInputs, type InputEvent } from '../src/corpus/inputs.ts';
import { textHash } from '../src/corpus/read.ts';

const dir = mkdtempSync(join(tmpdir(), 'xckg-inputs-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function all(paths: string[]): Promise<InputEvent[]> {
  const out: InputEvent[] = [];
  for await (const ev of readInputs(paths)) out.push(ev);
  return out;
}

describe('corpus inputs', () => {
  it('expands folders recursively in sorted order, skips hidden entries and ends a symlink loop', () => {
    const root = join(dir, 'tree');
    mkdirSync(join(root, 'b', 'c'), { recursive: true });
    mkdirSync(join(root, '.hidden'));
    writeFileSync(join(root, 'b', 'c', 'two.txt'), '二');
    writeFileSync(join(root, 'a.txt'), '一');
    writeFileSync(join(root, '.hidden', 'x.txt'), '隐');
    writeFileSync(join(root, 'notes.pdf'), '%PDF');
    writeFileSync(join(root, 'b', 'more.jsonl.gz'), gzipSync('{"text":"三"}\n'));
    symlinkSync(root, join(root, 'b', 'c', 'loop')); // points back up
    expect(expandPaths([root])).toEqual([join(root, 'a.txt'), join(root, 'b', 'c', 'two.txt'), join(root, 'b', 'more.jsonl.gz')]);
  });

  it('reads JSON Lines plain and gzipped, one article a line, and reports bad lines as file:line', async () => {
    const plain = join(dir, 'a.jsonl');
    writeFileSync(plain, ['{"id":"x1","text":"第一篇","url":"https://example.org/1"}', '', '{"text": 5}', 'not json', '["text"]', '{"id":"x2","text":"第二篇"}'].join('\n'));
    const gz = join(dir, 'b.jsonl.gz');
    writeFileSync(gz, gzipSync('{"text":"第三篇","title":"题"}\n'));
    const events = await all([plain, gz]);
    expect(events.map((e) => (e.kind === 'failure' ? `${e.failure.ref}: ${e.failure.reason}` : `${e.ref} ${e.kind === 'jsonl' ? e.record.text : ''}`))).toEqual([
      `${plain}:1 第一篇`,
      `${plain}:3: 'text' is not a string`,
      expect.stringContaining(`${plain}:4: not JSON (`),
      `${plain}:5: not a JSON object`,
      `${plain}:6 第二篇`,
      `${gz}:1 第三篇`,
    ]);
  });

  it('reports a truncated gzip file after the lines it could read', async () => {
    const gz = join(dir, 'cut.jsonl.gz');
    const whole = gzipSync(Array.from({ length: 200 }, (_, i) => JSON.stringify({ text: `第${i}篇`.repeat(50) })).join('\n'));
    writeFileSync(gz, whole.subarray(0, whole.length / 2));
    const events = await all([gz]);
    const failures = events.filter((e) => e.kind === 'failure');
    expect(failures).toHaveLength(1);
    expect(events.length).toBeGreaterThan(1);
    expect(failures[0].kind === 'failure' && failures[0].failure.reason).toMatch(/cannot read the rest of the file/);
  });

  it('hashes the printed text without the header, so two printings of one text match', () => {
    const body = '\n\n新华社北京5月1日电 正文。';
    const a = Buffer.from(`title: 甲\nsource: 人民日报（第01版：要闻）\nurl: https://example.org/1${body}`);
    const b = Buffer.from(`title: 甲\nsource: 人民日报（第04版：要闻）\nurl: https://example.org/2${body}`);
    expect(textHash(a)).toBe(textHash(b));
    expect(textHash(a)).not.toBe(textHash(Buffer.from(`title: 甲\nurl: https://example.org/1\n\n新华社北京5月2日电 正文。`)));
  });
});
