// **link** groups mentions into entities: places by gazetteer code, organizations by their full name with the
// territory made explicit (县环卫队 → 河曲县环卫队), persons by name, programs by canonical name.
import type { Document, Entity, Mention, PlaceLevel, OrgKind } from '../types.ts';
import type { Gazetteer } from '../gazetteer/index.ts';
import { levelRank } from '../recognize/places.ts';
import { sourceName } from '../recognize/index.ts';
import type { Lexicons } from '../recognize/lexicons.ts';

export type RecognizedMention = Mention & { code?: string; canonical?: string };

export interface Linked {
  entities: Entity[];
  /** Entity key of each entity mention, by index into the mention array given to link(). */
  entityOf: Array<string | undefined>;
  /** Territory the article is about, per level: the most mentioned place of that level. */
  focus: Partial<Record<PlaceLevel, Entity>>;
  /** The paper or site the article comes from (its header's source), when it is an organization here. */
  sourceOrg?: string;
  /** Parent organizations found while naming units (质量安全站 → its 厅): child key → parent key. */
  unitParents: Map<string, string>;
}

const TERRITORY_LEVEL: Record<string, PlaceLevel[]> = {
  省: ['Province'],
  市: ['Prefecture', 'County'],
  州: ['Prefecture'],
  县: ['County'],
  区: ['County'],
  旗: ['County'],
  镇: ['Township'],
  乡: ['Township'],
  村: ['Village'],
};

// Heads of units that are named after their parent (质量安全站 of a 厅): read as a part of the organization before.
const SECTION_HEAD = /(股|科|(?<!办公)室)$/;
/** Departments of a Party committee, printed alone after it (县委常委、组织部部长). */
const PARTY_DEPARTMENT = /^(组织部|宣传部|统战部|政法委|编办|社会工作部)$/;
const SUB_UNIT_HEAD = /(站|科|股|(?<!办公)室|处|所|团队)$/;

export function link(doc: Document, mentions: RecognizedMention[], gaz: Gazetteer, lex: Lexicons): Linked {
  const entities = new Map<string, Entity>();
  const entityOf: Array<string | undefined> = new Array(mentions.length);
  const unitParents = new Map<string, string>();
  const add = (key: string, init: () => Omit<Entity, 'mentions' | 'aliases' | 'key'>, m: RecognizedMention, i: number) => {
    let e = entities.get(key);
    if (!e) entities.set(key, (e = { key, ...init(), aliases: [], mentions: [] }));
    e.mentions.push(stripExtras(m));
    const surface = normalizeSurface(m.text);
    if (surface !== e.name && !e.aliases.includes(surface)) e.aliases.push(surface);
    entityOf[i] = key;
    return e;
  };

  // Places first: organizations and persons lean on them.
  mentions.forEach((m, i) => {
    if (m.type !== 'Place') return;
    const d = m.code ? gaz.byCode(m.code) : undefined;
    if (d) add(`place/${d.code}`, () => ({ type: 'Place', subtype: d.level, name: d.name, divisionCode: d.code }), m, i);
  });
  const focus = focusPlaces([...entities.values()], mentions, entityOf);
  mentions.forEach((m, i) => {
    if (m.type !== 'Place' || entityOf[i]) return;
    // Tentative places (the labeler's, below the threshold or with no level or site word at their end: 中国, 东南亚,
    // 黄河) stay mentions: countries and regions are not nodes of this graph.
    if (m.tentative) return;
    const name = normalizeSurface(m.text);
    // A site named after its place (龙里县高新技术产业园区, also printed 龙里高新技术产业园区) lies in that place,
    // and is keyed by the rest of its name so both printings are one site.
    const lead = leadingPlace(name, [...entities.values()], gaz);
    // One name, one place within an article: a village read again near another county (清溪村 … 凤凰县东子山村) is the
    // village already placed.
    const placed = lead ? undefined : [...entities].find(([, e]) => e.type === 'Place' && e.name === name)?.[0];
    if (placed) {
      add(placed, () => ({ type: 'Place', subtype: m.level ?? 'Settlement', name }), m, i);
      return;
    }
    const parent = lead?.place ?? enclosingPlace(mentions, entityOf, entities, i, m.level ?? 'Settlement') ?? focusAbove(focus, m.level ?? 'Settlement');
    const rest = lead ? name.slice(lead.length) : name;
    const key = parent?.divisionCode ? `place/${parent.divisionCode}-${rest}` : `place/${doc.id}-${name}`;
    add(key, () => ({ type: 'Place', subtype: m.level ?? 'Settlement', name }), m, i);
  });

  // Organizations.
  const orgOrder: Entity[] = [];
  const sourceOrg = doc.meta.source ? canonicalOrg(sourceName(doc.meta.source), lex) : undefined;
  // Shorter names first where they start together, so a unit's parent is known when the unit is named.
  const orgIndices = mentions.map((m, i) => i).filter((i) => mentions[i].type === 'Organization' && !mentions[i].tentative);
  orgIndices.sort((a, b) => mentions[a].start - mentions[b].start || mentions[a].end - mentions[b].end);
  orgIndices.forEach((i) => {
    const m = mentions[i];
    let name = canonicalOrg(officialForm(dropFormer(normalizeSurface(m.text), mentions, m), mentions, m, entityOf, entities), lex);
    let parentKey: string | undefined;
    const startsWithPlace = mentions.some((p, j) => p.type === 'Place' && p.start === m.start && entityOf[j]);
    const t = m.text[0];
    if (!startsWithPlace && TERRITORY_LEVEL[t] && m.source !== 'meta' && !lex.nationalOrgs.longestAt(m.text, 0)) {
      // 县民政局 in an article about 河曲县: the territory is the article's own.
      const place = TERRITORY_LEVEL[t].map((l) => focus[l]).find((p) => p && p.name.endsWith(t));
      // With no such place in the article, 市、区人民医院 speaks of hospitals in general: not an entity.
      if (!place) return;
      name = place.name + m.text.slice(1);
    } else if (!startsWithPlace && PARTY_DEPARTMENT.test(m.text)) {
      // 沾益区委常委、组织部部长: a department of the Party committee named before it.
      const committee = [...orgOrder].reverse().find((o) => o.mentions.some((x) => x.sentence >= m.sentence - 3) && /委$/.test(o.name) && !PARTY_DEPARTMENT.test(o.name));
      if (committee) {
        name = committee.name + m.text;
        parentKey = committee.key;
      }
    } else if (!startsWithPlace && !lex.nationalOrgs.longestAt(m.text, 0) && SUB_UNIT_HEAD.test(m.text) && m.text.length <= 8 && m.source !== 'meta' && !mentions.some((p) => p.type === 'Place' && p.start < m.end && m.start < p.end)) {
      // A unit named after its parent: the nearest organization mentioned before it, in this or the previous sentences.
      const parent = [...orgOrder].reverse().find((o) => o.mentions.some((x) => x.sentence >= m.sentence - 3) && !SUB_UNIT_HEAD.test(o.name));
      if (parent && !parent.name.endsWith(m.text) && !m.text.startsWith(parent.name)) {
        name = parent.name + m.text;
        parentKey = parent.key;
      }
    }
    // The smallest sections (金融服务股 of 河曲县财政事务中心) are where a person sits, not organizations of their
    // own: the printed form becomes an alias of the unit that contains it.
    const section = SECTION_HEAD.test(name) ? orgOrder.find((o) => name.startsWith(o.name) && o.name !== name) : undefined;
    if (section) name = section.name;
    // A shorter form of a name already seen (乡村振兴研究院 after 山西大学乡村振兴研究院) is that organization.
    const longer = orgOrder.find((o) => o.name.endsWith(name) && o.name !== name && name.length >= 4);
    if (longer) name = longer.name;
    const e = add(`org/${name}`, () => ({ type: 'Organization', subtype: orgKind(name), name }), m, i);
    if (parentKey) unitParents.set(e.key, parentKey);
    if (!orgOrder.includes(e)) orgOrder.push(e);
  });
  if (sourceOrg) {
    // 本报 in the byline is the source paper.
    const e = entities.get(`org/${sourceOrg}`);
    if (e && doc.meta.reporters.length && doc.text.includes('本报') && !e.aliases.includes('本报')) e.aliases.push('本报');
  }

  mergeAbbreviations(entities, entityOf);

  // Persons and programs. A transliterated name is printed whole once and by its first part after (艾则孜·哈力克 …
  // 艾则孜说): the part alone is that person, when exactly one dotted name of the article opens with it.
  const dotted = new Map<string, string[]>();
  for (const m of mentions) {
    if (m.type !== 'Person' || m.tentative) continue;
    const full = normalizeSurface(m.text);
    const first = full.split(/[·・•]/u)[0];
    if (first !== full && !dotted.get(first)?.includes(full)) dotted.set(first, [...(dotted.get(first) ?? []), full]);
  }
  mentions.forEach((m, i) => {
    if (m.tentative) return;
    if (m.type === 'Person') {
      const printed = normalizeSurface(m.text);
      const whole = dotted.get(printed);
      const name = whole?.length === 1 ? whole[0] : printed;
      add(`person/${name}_${doc.id}`, () => ({ type: 'Person', name }), m, i);
    } else if (m.type === 'Program') {
      const name = m.canonical ?? normalizeSurface(m.text);
      add(`program/${name}`, () => ({ type: 'Program', name }), m, i);
    }
  });

  const list = [...entities.values()];
  for (const e of list) e.aliases.sort();
  return { entities: list, entityOf, focus, unitParents, sourceOrg: sourceOrg && entities.has(`org/${sourceOrg}`) ? `org/${sourceOrg}` : undefined };
}


function stripExtras(m: RecognizedMention): Mention {
  const { code: _c, canonical: _k, ...rest } = m;
  return rest;
}

/**
 * The official form of an agency's name: the place as the gazetteer names it (原朱明乡政府 → 朱明镇…),
 * 人民政府 for 政府 (朱明镇政府 → 朱明镇人民政府), and no 中共 before a place's Party committee (中共浮山县委 → 浮山县委).
 */
function officialForm(name: string, mentions: RecognizedMention[], m: RecognizedMention, entityOf: Array<string | undefined>, entities: Map<string, Entity>): string {
  let out = name;
  const pi = mentions.findIndex((p) => p.type === 'Place' && p.start >= m.start && p.start <= m.start + 3 && p.end < m.end && entityOf[mentions.indexOf(p)]);
  if (pi >= 0) {
    const p = mentions[pi];
    const place = entities.get(entityOf[pi]!);
    const surface = normalizeSurface(p.text);
    const offset = p.start - m.start;
    // Only a full printed form is replaced: 山西大学 keeps its short 山西.
    if (place && place.name !== surface && place.name.length === surface.length && out.slice(offset, offset + surface.length) === surface) {
      out = out.slice(0, offset) + place.name + out.slice(offset + surface.length);
    }
    if (offset > 0 && out.startsWith('中共') && /委$/.test(out)) out = out.slice(2);
    if (out.endsWith('政府') && !out.endsWith('人民政府') && out.length - 2 === (place?.name.length ?? -1)) out = out.slice(0, -2) + '人民政府';
  }
  return out;
}

/** 赫章县原房产局 is 赫章县房产局 as it was: the canonical name drops "former" after the territory. */
function dropFormer(name: string, mentions: RecognizedMention[], m: RecognizedMention): string {
  const place = mentions.find((p) => p.type === 'Place' && p.start === m.start && p.end < m.end);
  // (南平市原市委 → 南平市委: the committee of 南平市 is 南平市委, the level character once.)
  if (place && name[place.end - m.start] === '原') return (name.slice(0, place.end - m.start) + name.slice(place.end - m.start + 1)).replace(/([省市州县区旗])\1委$/u, '$1委');
  if (name.startsWith('原') && name.length > 3) return name.slice(1);
  return name;
}

/** Printed forms with layout spaces removed and quotes dropped (苏 滨 → 苏滨, 康养“百村百院”工程 keeps its words). */
export function normalizeSurface(s: string): string {
  // Quotation and book-title marks are print, not name: 《散文诗》杂志 is the 散文诗杂志.
  return s.replace(/\s+/g, '').replace(/[“”"《》]/g, '');
}

function canonicalOrg(name: string, lex: Lexicons): string {
  const m = lex.nationalOrgs.longestAt(name, 0);
  if (m && m.end === name.length) return m.value;
  return name;
}

const ORG_KINDS: Array<[RegExp, OrgKind]> = [
  [/(党委|党组|党工委|党支部|党总支|县委|市委|省委|区委|州委|旗委|^中共|^中国共产党|政治局)/, 'PartyOrganization'],
  [/(工作队|专业队|支教团)$/, 'WorkTeam'],
  [/(日报|晚报|报社|电视台|广播电视总台|网|新闻社|通讯社)$/, 'MediaOrganization'],
  [/(合作社)$/, 'Cooperative'],
  [/(公司|集团|酒庄|工厂|厂)$/, 'Company'],
  [/(大学|学院|中学|小学|学校)$/, 'EducationalInstitution'],
  [/(研究院|研究所|科学院|实验室|工作站|团队)$/, 'ResearchInstitute'],
  [/(协会|学会|研学会|商会|联合会|基金会)$/, 'SocialOrganization'],
  [/(局|厅|部|委员会|委|办公室|办|政府|中心|署|院|站|所|司|居委会|村委会)$/, 'GovernmentAgency'],
];

function orgKind(name: string): OrgKind | undefined {
  for (const [re, kind] of ORG_KINDS) if (re.test(name)) return kind;
  return undefined;
}

/**
 * Abbreviations are the full name with characters left out, in order, ending in the same head:
 * 赫章县住建局 for 赫章县住房和城乡建设局, 汉唐俊儒公司 for 贵州汉唐俊儒投资有限公司. They are merged into the full name.
 */
function mergeAbbreviations(entities: Map<string, Entity>, entityOf: Array<string | undefined>): void {
  const orgs = [...entities.values()].filter((e) => e.type === 'Organization').sort((a, b) => b.name.length - a.name.length);
  for (const short of [...orgs].reverse()) {
    if (short.name.length < 3) continue;
    const full = orgs.find((o) => o !== short && o.name.length > short.name.length && entities.has(o.key) && o.name.at(-1) === short.name.at(-1) && isSubsequence(short.name, o.name) && !o.name.startsWith(short.name));
    if (!full) continue;
    full.mentions.push(...short.mentions);
    for (const a of [short.name, ...short.aliases]) if (a !== full.name && !full.aliases.includes(a)) full.aliases.push(a);
    entities.delete(short.key);
    for (let i = 0; i < entityOf.length; i++) if (entityOf[i] === short.key) entityOf[i] = full.key;
  }
}

function isSubsequence(short: string, long: string): boolean {
  let j = 0;
  for (const c of long) if (c === short[j]) j++;
  return j === short.length;
}

/** The linked place whose name or alias opens `name` (龙里县 or 龙里 in 龙里高新技术产业园区), longest first. */
function leadingPlace(name: string, places: Entity[], gaz: Gazetteer): { place: Entity; length: number } | undefined {
  let best: { place: Entity; length: number } | undefined;
  for (const p of places) {
    if (p.type !== 'Place' || !p.divisionCode) continue;
    for (const form of [p.name, ...p.aliases, ...(gaz.byCode(p.divisionCode)?.aliases ?? [])]) {
      if (form.length >= 2 && form.length < name.length && name.startsWith(form) && (!best || form.length > best.length)) best = { place: p, length: form.length };
    }
  }
  return best;
}

/** The most mentioned place of each level (first mention breaks ties). */
function focusPlaces(places: Entity[], mentions: RecognizedMention[], entityOf: Array<string | undefined>): Partial<Record<PlaceLevel, Entity>> {
  const firstAt = new Map<string, number>();
  mentions.forEach((m, i) => {
    const k = entityOf[i];
    if (k && !firstAt.has(k)) firstAt.set(k, m.start);
  });
  const focus: Partial<Record<PlaceLevel, Entity>> = {};
  for (const p of places) {
    const level = p.subtype as PlaceLevel;
    const cur = focus[level];
    if (!cur || p.mentions.length > cur.mentions.length || (p.mentions.length === cur.mentions.length && firstAt.get(p.key)! < firstAt.get(cur.key)!)) focus[level] = p;
  }
  return focus;
}

function focusAbove(focus: Partial<Record<PlaceLevel, Entity>>, level: PlaceLevel): Entity | undefined {
  const order: PlaceLevel[] = ['Village', 'Township', 'County', 'Prefecture', 'Province'];
  return order.filter((l) => levelRank(l) < levelRank(level)).map((l) => focus[l]).find(Boolean);
}

/** The nearest place before mention i in its sentence with a higher level and a gazetteer code. */
function enclosingPlace(mentions: RecognizedMention[], entityOf: Array<string | undefined>, entities: Map<string, Entity>, i: number, level: PlaceLevel): Entity | undefined {
  for (let j = i - 1; j >= 0 && mentions[j].sentence === mentions[i].sentence; j--) {
    const m = mentions[j];
    if (m.type !== 'Place' || !entityOf[j]) continue;
    const e = entities.get(entityOf[j]!);
    if (e?.divisionCode && levelRank(e.subtype as PlaceLevel) < levelRank(level)) return e;
  }
  return undefined;
}
