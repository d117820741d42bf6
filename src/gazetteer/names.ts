// **gazetteer-names** turns statistical-table division names into the names news prints, and their short aliases.
// Shared by scripts/build-gazetteer.ts (which bakes the results into data/gazetteer/) and by the runtime
// gazetteer (which applies the same surface normalization to the strings it is asked about).
import type { PlaceLevel } from '../types.ts';

/** The 55 recognized minorities plus 汉, as they appear in autonomous-area names (…布依族苗族自治州). */
const ETHNIC_GROUPS = [
  '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼',
  '哈萨克', '傣', '黎', '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土',
  '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米', '塔吉克', '怒', '乌孜别克',
  '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔', '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺', '汉',
  // 各族 ("all nationalities"): 龙胜各族自治县, 隆林各族自治县.
  '各',
];
const byLength = (a: string, b: string) => b.length - a.length || (a < b ? -1 : 1);
const ethnicAlternation = [...ETHNIC_GROUPS].sort(byLength).join('|');
/** An ethnic group with 族 at the end of a name (三都水族). */
const ETHNIC_ZU = new RegExp(`(?:${ethnicAlternation})族$`);
/** Names also drop 族 (新疆维吾尔, 伊犁哈萨克); only multi-character groups, so 西藏 keeps its 藏. */
const ETHNIC_BARE = new RegExp(`(?:${ETHNIC_GROUPS.filter((e) => e.length >= 2).sort(byLength).join('|')})$`);
/** The whole base is one ethnic group (东乡族自治县, 鄂伦春自治旗): the short form would name a people, not a place. */
const WHOLE_ETHNIC = new RegExp(`^(${ethnicAlternation})族?$`);

/**
 * Names the table uses for slots that are not places, or that are pure level words (街道, 城区):
 * such records keep their code but are never found by name, or every 城区 in running text would match.
 */
export const GENERIC_NAMES = new Set([
  '市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划', '街道', '城区', '郊区', '矿区', '镇', '乡',
  '村', '社区', '村委会', '居委会', '社区居委会', '村民委员会', '居民委员会', '社区居民委员会',
  '生活区', '虚拟生活区', '虚拟社区', '牧业队', '牧场', '林场', '农场',
]);

/** Parenthetical notes the table attaches before or after a name: （省级）, （二分场）, （工业园区）城南街道. */
const LEADING_NOTE = /^[(（][^()（）]*[)）]/;
const TRAILING_NOTE = /[(（][^()（）]*[)）]*$/;

/** Unicode-compatibility and whitespace cleanup applied to table names and to every looked-up surface alike. */
export function cleanName(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '');
}

/** Drops leading and trailing parenthetical notes, unless nothing (or one character) would remain. */
export function stripNotes(s: string): string {
  let out = s;
  for (;;) {
    const next = out.replace(TRAILING_NOTE, '').replace(LEADING_NOTE, '');
    if (next === out || next.length < 2) return out;
    out = next;
  }
}

// Committee suffixes of village-level records, longest first. Typos seen in the table (村民委会, 村委员, 居委)
// are listed on purpose.
const VILLAGE_COMMITTEE = /^(.+?)(?:村民委员会|村民委会|村民委员|村委员会|村委员|村委会|村委|牧民委员会|牧委会|渔民委员会|渔委会)$/;
/** Captures whether the suffix names the 社区 itself (管村社区居委会 is 管村社区, not 管村). */
const RESIDENT_COMMITTEE =
  /^(.+?)(社区)?(?:居民管理委员会|居民委员会|居民委会|居民委员|居委员|居委会|居委|委员会)$/;
/** Herding villages (嘎查) keep their own word: 红旗嘎查委会 → 红旗嘎查. */
const GACHA_COMMITTEE = /^(.+嘎查)(?:村委员会|村委会|委员会|委会)$/;
/** A base that already carries a settlement word keeps it instead of gaining another (马村村委会 → 马村). */
const SETTLEMENT_END = /(?:村|社区|嘎查)$/;

/**
 * The name news prints for a village-level record: committee suffixes go
 * (小王村委会 → 小王村, 蟠桃园社区居委会 → 蟠桃园社区, 后炮居委会 → 后炮社区, 海防村居委会 → 海防村).
 * Anything else (…嘎查, …生活区, …管理区) is kept as the table gives it.
 */
export function villageName(raw: string): string {
  const s = stripNotes(cleanName(raw)).replace(/(委员?会)会$/, '$1');
  let m = GACHA_COMMITTEE.exec(s);
  if (m) return m[1];
  m = VILLAGE_COMMITTEE.exec(s);
  if (m) return SETTLEMENT_END.test(m[1]) ? m[1] : m[1] + '村';
  m = RESIDENT_COMMITTEE.exec(s);
  // A bare 委员会 is only a committee suffix after 社区 (第一街委员会 is something else).
  if (m && (m[2] || !s.endsWith('委员会') || /居民/.test(s.slice(m[1].length)))) {
    if (m[2]) return m[1] + '社区';
    return SETTLEMENT_END.test(m[1]) ? m[1] : m[1] + '社区';
  }
  return s;
}

/** Whether a surface ends like a committee record (…村委会, …居委会), i.e. villageName() would rewrite it. */
export function hasCommitteeSuffix(s: string): boolean {
  return villageName(s) !== s;
}

/**
 * The name news prints for a township: the table sometimes repeats the level word
 * (巡镇镇 for the town 巡镇); only that exact duplication collapses.
 */
export function townshipName(raw: string): string {
  const s = stripNotes(cleanName(raw));
  return /(?:镇镇|乡乡)$/.test(s) && s.length >= 3 ? s.slice(0, -1) : s;
}

/** Drops trailing ethnic groups from an autonomous area's base (黔西南布依族苗族 → 黔西南), keeping at least two characters. */
export function stripEthnic(base: string): string {
  let out = base;
  for (;;) {
    const m = ETHNIC_ZU.exec(out) ?? ETHNIC_BARE.exec(out);
    if (!m || out.length - m[0].length < 2) return out;
    out = out.slice(0, -m[0].length);
  }
}

/** Short forms are never a single character (晋, 桂, 忠 are far too ambiguous). */
const shortOk = (s: string) => s.length >= 2;

/**
 * District names whose level word is part of what the place is (浦东新区, 经济开发区) or whose base is a
 * common word: no short form is made for them.
 */
const DISTRICT_NO_SHORT = /(?:新区|开发区|管理区|示范区|工业区|园区|经济区|矿区|城区|郊区)$/;

/**
 * Short aliases news uses for provinces, prefectures and counties: 山西, 忻州, 河曲, 黔西南州, 黔西南, 三都县.
 * Townships and villages get none: 王家 for 王家村 would match everywhere.
 * Districts (…区) get a short form only with a base of three or more characters (七星关), since two-character
 * bases are ordinary words (新华, 和平, 长安, 城关, 市中). Banners (…旗) keep their level word (达拉特旗).
 */
export function shortAliases(name: string, level: PlaceLevel): string[] {
  const out: string[] = [];
  const add = (s: string) => {
    if (shortOk(s) && s !== name && !out.includes(s)) out.push(s);
  };
  const autonomous = /^(.+)自治(区|州|县|旗)$/.exec(name);
  if (autonomous) {
    const [, rawBase, kind] = autonomous;
    const whole = WHOLE_ETHNIC.exec(rawBase);
    // 东乡族自治县 is called 东乡县; the bare 东乡 would be the people's name.
    const base = whole ? whole[1] : stripEthnic(rawBase);
    if (kind !== '区') add(base + kind);
    if (!whole && kind !== '旗') add(base);
    return out;
  }
  let m: RegExpExecArray | null;
  switch (level) {
    case 'Province':
      if ((m = /^(.+)(?:省|市)$/.exec(name))) add(m[1]);
      break;
    case 'Prefecture':
      if ((m = /^(.+)(?:市|地区|盟)$/.exec(name))) add(m[1]);
      break;
    case 'County':
      if ((m = /^(.+)(?:县|市|特区)$/.exec(name))) add(m[1]);
      // 神农架林区 is a forestry district; 万柏林区, 碑林区 are ordinary districts whose name ends in 林.
      else if ((m = /^(.{3,})林区$/.exec(name))) add(m[1]);
      else if (!DISTRICT_NO_SHORT.test(name) && (m = /^(.{3,})区$/.exec(name))) add(m[1]);
      break;
    default:
      break;
  }
  return out;
}

/**
 * The keys a surface is looked up under: the cleaned surface itself and, when it ends like a committee
 * record (小王村委会), the village name it stands for.
 */
export function surfaceKeys(surface: string): string[] {
  const s = cleanName(surface);
  // Every committee suffix contains 委: most surfaces skip the regexes.
  if (!s.includes('委') || !hasCommitteeSuffix(s)) return [s];
  const v = villageName(s);
  return v === s ? [s] : [s, v];
}
