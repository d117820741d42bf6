// **corpus-resolve.test** — cross-article person resolution on hand-made evidence: who is joined, who stays apart,
// by which rule, and that the answer does not depend on the order the mentions come in.
import { describe, expect, it } from 'vitest';
import { resolvePersons, type PersonMention } from '../src/corpus/resolve.ts';

const HEQU = '140930'; // 河曲县, in 忻州市 (1409)
const PIANGUAN = '140932'; // 偏关县, also in 忻州市
const XINZHOU = '1409';

function person(docId: string, name: string, keys: string[] = [], codes: string[] = [], context: string[] = []): PersonMention {
  return { docId, key: `person/${name}_${docId}`, name, keys, codes, context };
}
const nodeOf = (r: ReturnType<typeof resolvePersons>, docId: string, name: string) => r.rename.get(`person/${name}_${docId}`);

describe('person resolution', () => {
  it('joins the same official across two articles by the post, and keeps a namesake of another county apart', () => {
    const r = resolvePersons([
      person('a', '王兴', ['org:org/河曲县委', 'post:org/河曲县委|书记'], [HEQU]),
      person('b', '王兴', ['org:org/河曲县委', 'post:org/河曲县委|书记'], [HEQU]),
      person('c', '王兴', ['post:place/140932|副县长'], [PIANGUAN]),
    ]);
    expect(nodeOf(r, 'a', '王兴')).toBe(nodeOf(r, 'b', '王兴'));
    expect(nodeOf(r, 'c', '王兴')).not.toBe(nodeOf(r, 'a', '王兴'));
    // Two persons of one name: each is named by the article of its first mention.
    expect(nodeOf(r, 'a', '王兴')).toBe('person/王兴_a');
    expect(nodeOf(r, 'c', '王兴')).toBe('person/王兴_c');
    expect(r.merges).toEqual([
      { person: 'person/王兴_a', from: { docId: 'a', key: 'person/王兴_a' }, to: { docId: 'b', key: 'person/王兴_b' }, rule: 'SamePost', evidence: 'post:org/河曲县委|书记', shared: 'org/河曲县委' },
    ]);
  });

  it('keeps one node for an official who moved from a county to its prefecture, holding both posts', () => {
    const r = resolvePersons([
      person('a', '王兴', ['post:org/河曲县委|书记'], [HEQU]),
      person('d', '王兴', ['post:place/1409|副市长'], [XINZHOU]),
    ]);
    expect(nodeOf(r, 'a', '王兴')).toBe('person/王兴');
    expect(nodeOf(r, 'd', '王兴')).toBe('person/王兴');
    expect(r.merges.map((m) => [m.rule, m.evidence])).toEqual([['NestedTerritory', `${XINZHOU} ${HEQU}`]]);
  });

  it('does not join a prefecture official to either of two namesakes in its counties', () => {
    const r = resolvePersons([
      person('a', '王兴', ['post:org/河曲县委|书记'], [HEQU]),
      person('c', '王兴', ['post:place/140932|副县长'], [PIANGUAN]),
      person('d', '王兴', ['post:place/1409|副市长'], [XINZHOU]),
    ]);
    expect(new Set(['a', 'c', 'd'].map((d) => nodeOf(r, d, '王兴'))).size).toBe(3);
  });

  it('joins page credits and national posts, and bare mentions of an unambiguous name', () => {
    const r = resolvePersons([
      person('p1', '蔡华伟', ['credit:人民日报|版式设计']),
      person('p2', '蔡华伟', ['credit:人民日报|版式设计']),
      person('p3', '蔡华伟', ['credit:光明日报|版式设计']), // another paper's designer of that name
      person('x1', '习近平', ['national:总书记']),
      person('x2', '习近平', ['national:总书记', 'post:org/中共中央|总书记']),
      person('x3', '习近平', ['post:org/中共中央|总书记']),
      person('x4', '习近平'), // named without a title
    ]);
    expect(nodeOf(r, 'p1', '蔡华伟')).toBe(nodeOf(r, 'p2', '蔡华伟'));
    expect(nodeOf(r, 'p3', '蔡华伟')).not.toBe(nodeOf(r, 'p1', '蔡华伟'));
    expect(new Set(['x1', 'x2', 'x3', 'x4'].map((d) => nodeOf(r, d, '习近平')))).toEqual(new Set(['person/习近平']));
    expect(r.merges.filter((m) => m.person === 'person/习近平').map((m) => m.rule).sort()).toEqual(['SameNationalPost', 'SameNationalPost', 'SamePost']);
  });

  it('makes the holder of a national post one person wherever the name is printed, but not the paper\'s reporter or a county namesake', () => {
    const r = resolvePersons([
      person('x1', '李强', ['national:总理']),
      person('x2', '李强', ['org:org/国务院', 'post:org/国务院|总理']), // the post at its body is the national post
      person('x3', '李强', ['post:org/外交部|发言人']), // a post the recognizer misread onto the name
      person('x4', '李强', [], [], [HEQU]), // named during a visit to a county
      person('r1', '李强', ['org:org/人民日报', 'post:org/人民日报|记者']), // the paper's reporter of that name
      person('r2', '李强', ['org:org/人民日报', 'post:org/人民日报|记者']),
      person('v1', '李强', ['place:place/140930103200'], [HEQU + '103200']), // a villager
    ]);
    const premier = nodeOf(r, 'x1', '李强');
    expect(['x2', 'x3', 'x4'].map((d) => nodeOf(r, d, '李强'))).toEqual([premier, premier, premier]);
    expect(nodeOf(r, 'r1', '李强')).toBe(nodeOf(r, 'r2', '李强'));
    expect(nodeOf(r, 'r1', '李强')).not.toBe(premier);
    expect(nodeOf(r, 'v1', '李强')).not.toBe(premier);
    expect(nodeOf(r, 'v1', '李强')).not.toBe(nodeOf(r, 'r1', '李强'));
  });

  it('takes a post at a central leadership body as a national leader\'s', () => {
    const r = resolvePersons([
      person('a', '王东明', ['post:org/全国人大常委会|副委员长']),
      person('b', '王东明', ['post:org/中华全国总工会|主席']),
      person('c', '王东明', [], [], [PIANGUAN]),
      person('d', '王东明', ['post:org/偏关县委|书记'], [PIANGUAN]),
    ]);
    const leader = nodeOf(r, 'a', '王东明');
    expect(['b', 'c'].map((d) => nodeOf(r, d, '王东明'))).toEqual([leader, leader]);
    expect(nodeOf(r, 'd', '王东明')).not.toBe(leader);
  });

  it('leaves a bare mention apart when its sentences are about another county', () => {
    const r = resolvePersons([
      person('a', '王兴', ['post:org/河曲县委|书记'], [HEQU]),
      person('c', '王兴', [], [], [PIANGUAN, '140932102200']),
      person('e', '王兴', [], [], [HEQU]),
    ]);
    expect(nodeOf(r, 'c', '王兴')).not.toBe(nodeOf(r, 'a', '王兴'));
    expect(nodeOf(r, 'e', '王兴')).toBe(nodeOf(r, 'a', '王兴'));
  });

  it('keeps two-character names without evidence apart, and joins longer ones', () => {
    const r = resolvePersons([person('a', '李明'), person('b', '李明'), person('a', '张芳曼'), person('b', '张芳曼')]);
    expect(nodeOf(r, 'a', '李明')).not.toBe(nodeOf(r, 'b', '李明'));
    expect(nodeOf(r, 'a', '张芳曼')).toBe(nodeOf(r, 'b', '张芳曼'));
  });

  it('gives the same answer whatever the order of the mentions', () => {
    const mentions = [
      person('a', '王兴', ['post:org/河曲县委|书记'], [HEQU]),
      person('b', '王兴', ['post:org/河曲县委|书记', 'org:org/河曲县委'], [HEQU]),
      person('c', '王兴', ['post:place/140932|副县长'], [PIANGUAN]),
      person('d', '王兴', ['post:place/1409|副市长'], [XINZHOU]),
      person('e', '王兴', [], [], [HEQU]),
      person('p1', '蔡华伟', ['credit:人民日报|版式设计']),
      person('p2', '蔡华伟', ['credit:人民日报|版式设计']),
    ];
    const canonical = resolvePersons(mentions);
    for (let seed = 1; seed <= 5; seed++) {
      const shuffled = [...mentions].sort((x, y) => ((hash(x.docId + seed) - hash(y.docId + seed)) || (x.name < y.name ? -1 : 1)));
      const r = resolvePersons(shuffled);
      expect([...r.rename].sort()).toEqual([...canonical.rename].sort());
      expect(r.merges).toEqual(canonical.merges);
    }
  });
});

function hash(s: string): number {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.codePointAt(0)!, 16777619) >>> 0;
  return h;
}

describe('national posts read from the text', () => {
  it('reads 国家副主席 as a national post, so two articles naming its holder make one person', async () => {
    const { ingestText } = await import('../src/ingest/index.ts');
    const { extractArticle } = await import('../src/corpus/article.ts');
    const { personEvidence } = await import('../src/corpus/evidence.ts');
    const evidence = (id: string, text: string) => personEvidence(extractArticle(ingestText(`title: 会见\n\n${text}\n`, `${id}.txt`))).map((p) => ({ ...p, docId: id }));
    const a = evidence('a', '4月29日，国家副主席韩正在北京会见外宾。');
    const b = evidence('b', '韩正表示，中方愿同各方加强合作。');
    expect(a.find((p) => p.name === '韩正')?.keys).toContain('national:国家副主席');
    const r = resolvePersons([...a, ...b]);
    expect(r.rename.get(a.find((p) => p.name === '韩正')!.key)).toBe(r.rename.get(b.find((p) => p.name === '韩正')!.key));
  });
});
