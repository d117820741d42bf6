// **gazetteer** tests: real division names through the committed index in data/gazetteer/.
import { describe, expect, it } from 'vitest';
import { loadGazetteer } from '../src/gazetteer/index.ts';
import { shortAliases, surfaceKeys, townshipName, villageName } from '../src/gazetteer/names.ts';

const g = loadGazetteer();
const only = <T>(list: T[]): T => {
  expect(list).toHaveLength(1);
  return list[0];
};
const code = (surface: string, levels?: Parameters<typeof g.lookup>[1]) => only(g.lookup(surface, levels)).code;

describe('provinces and prefectures', () => {
  it('finds 山西 as 山西省 (14)', () => {
    const d = only(g.lookup('山西'));
    expect(d).toMatchObject({ code: '14', name: '山西省', level: 'Province' });
    expect(d.parent).toBeUndefined();
  });

  it('shortens autonomous regions and municipalities', () => {
    expect(code('广西')).toBe('45');
    expect(code('内蒙古')).toBe('15');
    expect(code('新疆')).toBe('65');
    expect(code('北京')).toBe('11');
    expect(g.byCode('45')?.name).toBe('广西壮族自治区');
  });

  it('finds 黔西南州 as 黔西南布依族苗族自治州', () => {
    const d = only(g.lookup('黔西南州'));
    expect(d).toMatchObject({ code: '5223', name: '黔西南布依族苗族自治州', level: 'Prefecture' });
    expect(d.aliases).toContain('黔西南');
    expect(only(g.lookup('忻州'))).toMatchObject({ name: '忻州市', level: 'Prefecture' });
  });

  it('skips the 市辖区 slot: 北京市 children are counties', () => {
    const kids = g.children('11');
    expect(kids.length).toBe(16);
    expect(kids.every((d) => d.level === 'County' && d.parent === '11')).toBe(true);
    expect(kids.map((d) => d.name)).toContain('朝阳区');
    expect(g.byCode('1101')).toBeUndefined();
    expect(g.has('市辖区')).toBe(false);
  });

  it('hangs 省直辖 counties on the province and drops county copies of county-less cities', () => {
    expect(only(g.lookup('济源市'))).toMatchObject({ code: '419001', parent: '41', level: 'County' });
    expect(g.byCode('4190')).toBeUndefined();
    // 东莞市 has no counties: its townships hang on the prefecture itself.
    expect(g.byCode('441900')).toBeUndefined();
    const kids = g.children('4419');
    expect(kids.length).toBeGreaterThan(20);
    expect(kids.every((d) => d.level === 'Township')).toBe(true);
  });
});

describe('counties', () => {
  it('resolves 河曲县 within 山西 to 140930, under 忻州市 and 山西省', () => {
    const d = g.resolve('河曲县', ['14'])[0];
    expect(d.code).toBe('140930');
    expect(g.ancestors(d.code).map((a) => a.name)).toEqual(['忻州市', '山西省']);
    expect(code('河曲')).toBe('140930');
  });

  it('gives autonomous counties their 县 form', () => {
    expect(only(g.lookup('三都县'))).toMatchObject({ code: '522732', name: '三都水族自治县' });
    expect(code('三都')).toBe('522732');
  });

  it('finds 望谟县 and its ancestors', () => {
    const d = only(g.lookup('望谟县'));
    expect(g.ancestors(d.code).map((a) => a.name)).toEqual(['黔西南布依族苗族自治州', '贵州省']);
    expect(g.isAncestor('52', d.code)).toBe(true);
    expect(g.isAncestor('14', d.code)).toBe(false);
  });

  it('never produces one-character aliases', () => {
    const short = [...g.names(['Province', 'Prefecture', 'County'])].filter((n) => n.length < 2);
    expect(short).toEqual([]);
    expect(g.has('忠', ['County'])).toBe(false);
    expect(g.has('忠县', ['County'])).toBe(true);
  });
});

describe('townships', () => {
  it('resolves 巡镇 (stored 巡镇镇) within 河曲县', () => {
    const d = g.resolve('巡镇', ['140930'])[0];
    expect(d).toMatchObject({ name: '巡镇', level: 'Township', parent: '140930' });
    expect(g.lookup('巡镇镇').map((x) => x.code)).toContain(d.code);
  });

  it('has 蟠桃街道 under 望谟县', () => {
    const wangmo = code('望谟县');
    expect(g.children(wangmo).map((d) => d.name)).toContain('蟠桃街道');
    expect(g.resolve('蟠桃街道', [wangmo])[0]).toMatchObject({ level: 'Township', parent: wangmo });
  });

  it('makes no short forms for townships', () => {
    expect(g.has('蟠桃', ['Township'])).toBe(false);
    expect(g.has('峰峪', ['Township'])).toBe(false);
  });
});

describe('villages', () => {
  const xun = () => g.resolve('巡镇', ['140930'])[0].code;

  it('resolves 河南村 within 巡镇 to a village, and 河南 is no village', () => {
    const d = g.resolve('河南村', [xun()], { levels: ['Village'] })[0];
    expect(d).toMatchObject({ name: '河南村', level: 'Village', parent: xun() });
    expect(g.byCode(d.code)).toEqual(d);
    expect(g.lookup('河南', { levels: ['Village'] })).toEqual([]);
    expect(g.lookup('河南').map((x) => x.code)).toContain('41');
  });

  it('disambiguates 小王村 by its township', () => {
    const all = g.lookup('小王村');
    expect(all.length).toBeGreaterThan(30);
    expect(all.every((d) => d.level === 'Village')).toBe(true);
    const fengyu = only(g.lookup('峰峪乡'));
    const d = only(g.resolve('小王村', [fengyu.code]));
    expect(d.parent).toBe(fengyu.code);
  });

  it('prefers the closest context and keeps related candidates only', () => {
    const fengyu = only(g.lookup('峰峪乡')).code;
    const within14 = g.resolve('小王村', ['14', fengyu]);
    expect(within14[0].parent).toBe(fengyu);
    expect(within14.every((d) => g.isAncestor('14', d.code))).toBe(true);
    // Unrelated context: every candidate comes back.
    expect(g.resolve('小王村', ['11']).length).toBe(g.lookup('小王村').length);
  });

  it('accepts the committee forms of the table and finds 社区 names', () => {
    expect(g.lookup('小王村委会')).toEqual(g.lookup('小王村'));
    const panTao = g.resolve('蟠桃园社区', [code('望谟县')]);
    expect(panTao[0]).toMatchObject({ level: 'Village', parent: code('蟠桃街道') });
    expect(g.has('小王', ['Village'])).toBe(false);
  });

  it('lists a township’s villages as its children and walks ancestors from a village', () => {
    const kids = g.children(xun());
    expect(kids.length).toBeGreaterThan(5);
    expect(kids.every((d) => d.level === 'Village' && d.parent === xun())).toBe(true);
    const names = g.ancestors(kids[0].code).map((a) => a.name);
    expect(names).toEqual(['巡镇', '河曲县', '忻州市', '山西省']);
    expect(g.isAncestor('1409', kids[0].code)).toBe(true);
    expect(g.byCode(kids[0].code.slice(0, 9) + '999')).toBeUndefined();
  });
});

describe('surface names', () => {
  it('ignores whitespace and full-width forms', () => {
    expect(code(' 山 西 ')).toBe('14');
    expect(code('\u3000山西省')).toBe('14');
    expect(surfaceKeys('小王村委会')).toEqual(['小王村委会', '小王村']);
  });

  it('turns committee records into the names news prints', () => {
    expect(villageName('小王村委会')).toBe('小王村');
    expect(villageName('马村村委会')).toBe('马村');
    expect(villageName('西村村民委员会')).toBe('西村');
    expect(villageName('蟠桃园社区居委会')).toBe('蟠桃园社区');
    expect(villageName('管村社区居民委员会')).toBe('管村社区');
    expect(villageName('后炮居委会')).toBe('后炮社区');
    expect(villageName('红旗嘎查委会')).toBe('红旗嘎查');
    expect(villageName('二道湾子村委会（二分场）')).toBe('二道湾子村');
  });

  it('collapses only a doubled township level word', () => {
    expect(townshipName('巡镇镇')).toBe('巡镇');
    expect(townshipName('西口镇')).toBe('西口镇');
    expect(townshipName('蟠桃街道')).toBe('蟠桃街道');
  });

  it('derives short aliases by level', () => {
    expect(shortAliases('黔西南布依族苗族自治州', 'Prefecture')).toEqual(['黔西南州', '黔西南']);
    expect(shortAliases('宁夏回族自治区', 'Province')).toEqual(['宁夏']);
    expect(shortAliases('七星关区', 'County')).toEqual(['七星关']);
    expect(shortAliases('万柏林区', 'County')).toEqual(['万柏林']);
    expect(shortAliases('神农架林区', 'County')).toEqual(['神农架']);
    expect(shortAliases('新华区', 'County')).toEqual([]);
    expect(shortAliases('赵县', 'County')).toEqual([]);
    expect(shortAliases('东乡族自治县', 'County')).toEqual(['东乡县']);
    expect(shortAliases('鄂温克族自治旗', 'County')).toEqual(['鄂温克旗']);
    expect(shortAliases('巡镇', 'Township')).toEqual([]);
  });
});
