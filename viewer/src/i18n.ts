// **i18n** — the UI's words in Chinese (default) and English: a plain table, looked up by key.
import type { EntityType, OrgKind, PlaceLevel } from '../../src/types.ts';
import type { ViewerEdgeType } from '../../src/viewer/types.ts';
import type { Lang } from './types.ts';

type Entry = Record<Lang, string>;

const UI = {
  appTitle: { zh: '乡村振兴知识图谱', en: 'Rural revitalization knowledge graph' },
  search: { zh: '搜索人名、地名、机构（汉字或拼音）', en: 'Search names (Chinese or pinyin)' },
  searchLabel: { zh: '搜索', en: 'Search' },
  noResults: { zh: '没有匹配的节点', en: 'No matching node' },
  legend: { zh: '图例', en: 'Legend' },
  legendSize: { zh: '节点大小 = 连接数', en: 'Node size = number of links' },
  legendEdges: { zh: '关系（连线颜色）', en: 'Relations (edge colours)' },
  filters: { zh: '筛选', en: 'Filters' },
  entityTypes: { zh: '实体类型', en: 'Entity types' },
  placeLevels: { zh: '地点层级', en: 'Place levels' },
  relationTypes: { zh: '关系类型', en: 'Relation types' },
  article: { zh: '文章', en: 'Article' },
  allArticles: { zh: '全部文章', en: 'All articles' },
  neighbourhood: { zh: '邻域（以选中节点为中心）', en: 'Neighbourhood of the selected node' },
  egoOff: { zh: '关闭', en: 'Off' },
  ego1: { zh: '1 层', en: 'Depth 1' },
  ego2: { zh: '2 层', en: 'Depth 2' },
  egoNeedsSelection: { zh: '先选中一个节点', en: 'Select a node first' },
  resetFilters: { zh: '重置筛选', en: 'Reset filters' },
  runLayout: { zh: '运行布局', en: 'Run layout' },
  stopLayout: { zh: '停止布局', en: 'Stop layout' },
  reseed: { zh: '重新随机', en: 'Re-seed' },
  treeLayout: { zh: '行政树', en: 'Place tree' },
  fit: { zh: '适应窗口', en: 'Fit view' },
  exportPng: { zh: '导出 PNG', en: 'Export PNG' },
  downloads: { zh: '下载数据', en: 'Download data' },
  language: { zh: 'English', en: '中文' },
  languageHint: { zh: '切换到英文', en: 'Switch to Chinese' },
  shortcuts: {
    zh: '快捷键：/ 搜索 · Esc 取消选择 · L 布局 · T 行政树 · F 适应窗口 · + − 缩放',
    en: 'Keys: / search · Esc clear · L layout · T tree · F fit · + − zoom',
  },
  panelEmpty: {
    zh: '点击或搜索一个节点，查看它的职务、关系和出处句子；点击连线查看关系的依据。',
    en: 'Click or search a node to see its positions, relations and source sentences; click an edge to see its evidence.',
  },
  close: { zh: '关闭', en: 'Close' },
  type: { zh: '类型', en: 'Type' },
  aliases: { zh: '别名', en: 'Aliases' },
  pinyin: { zh: '拼音', en: 'Pinyin' },
  divisionCode: { zh: '区划代码', en: 'Division code' },
  parents: { zh: '上级', en: 'Parents' },
  children: { zh: '下辖', en: 'Subdivisions' },
  positions: { zh: '职务', en: 'Positions' },
  relations: { zh: '关系', en: 'Relations' },
  evidence: { zh: '出处', en: 'Evidence' },
  showEvidence: { zh: '依据', en: 'evidence' },
  fromGazetteer: { zh: '来自行政区划数据，文中未提及', en: 'From the gazetteer; not mentioned in the text' },
  gazetteerEvidence: { zh: '行政区划数据（非文中所述）', en: 'Gazetteer hierarchy (not stated in the text)' },
  noEvidence: { zh: '无出处句子', en: 'No source sentence' },
  inArticles: { zh: '见于 {n} 篇文章', en: 'in {n} article(s)' },
  moreSentences: { zh: '还有 {n} 句未显示', en: '{n} more sentences not shown' },
  relation: { zh: '关系', en: 'Relation' },
  title: { zh: '职务', en: 'Title' },
  at: { zh: '任职于', en: 'at' },
  nodesShown: { zh: '显示 {shown} / {total} 个节点，{edges} 条连线', en: '{shown} of {total} nodes, {edges} edges shown' },
  treeNote: { zh: '行政树只显示地点', en: 'The place tree shows places only' },
  loading: { zh: '加载中…', en: 'Loading…' },
  loadError: { zh: '无法加载图数据：', en: 'Cannot load the graph: ' },
  unknown: { zh: '未知', en: 'unknown' },
  source: { zh: '来源', en: 'Source' },
  openArticle: { zh: '原文链接', en: 'Original' },
} satisfies Record<string, Entry>;

export type UiKey = keyof typeof UI;

const TYPES: Record<EntityType, Entry> = {
  Person: { zh: '人物', en: 'Person' },
  Place: { zh: '地点', en: 'Place' },
  Organization: { zh: '机构', en: 'Organization' },
  Program: { zh: '项目/政策', en: 'Program' },
};

const LEVELS: Record<PlaceLevel, Entry> = {
  Province: { zh: '省级', en: 'Province' },
  Prefecture: { zh: '地级', en: 'Prefecture' },
  County: { zh: '县级', en: 'County' },
  Township: { zh: '乡镇', en: 'Township' },
  Village: { zh: '村/社区', en: 'Village' },
  Settlement: { zh: '安置点/园区', en: 'Settlement' },
};

const ORG_KINDS: Record<OrgKind, Entry> = {
  GovernmentAgency: { zh: '政府机构', en: 'Government agency' },
  PartyOrganization: { zh: '党组织', en: 'Party organization' },
  WorkTeam: { zh: '工作队', en: 'Work team' },
  MediaOrganization: { zh: '媒体', en: 'Media' },
  Company: { zh: '企业', en: 'Company' },
  Cooperative: { zh: '合作社', en: 'Cooperative' },
  EducationalInstitution: { zh: '学校', en: 'Educational institution' },
  ResearchInstitute: { zh: '研究机构', en: 'Research institute' },
  SocialOrganization: { zh: '社会组织', en: 'Social organization' },
};

/** Relation names read subject → object (forward) and object ← subject (inverse), for the panel's grouped lists. */
const RELATIONS: Record<ViewerEdgeType, { forward: Entry; inverse: Entry }> = {
  locatedIn: { forward: { zh: '位于', en: 'located in' }, inverse: { zh: '包含', en: 'contains' } },
  partOf: { forward: { zh: '隶属于', en: 'part of' }, inverse: { zh: '下属单位', en: 'has unit' } },
  spouse: { forward: { zh: '配偶', en: 'spouse' }, inverse: { zh: '配偶', en: 'spouse' } },
  assists: { forward: { zh: '帮扶', en: 'assists' }, inverse: { zh: '受帮扶于', en: 'assisted by' } },
  residesIn: { forward: { zh: '居住于', en: 'resides in' }, inverse: { zh: '居民', en: 'residents' } },
  memberOf: { forward: { zh: '任职/所属', en: 'member of' }, inverse: { zh: '成员', en: 'members' } },
  position: { forward: { zh: '职务', en: 'position at' }, inverse: { zh: '任职人员', en: 'office holders' } },
};

export function t(lang: Lang, key: UiKey, vars: Record<string, string | number> = {}): string {
  return UI[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

export const typeName = (lang: Lang, type: EntityType) => TYPES[type][lang];
export const levelName = (lang: Lang, level: PlaceLevel) => LEVELS[level][lang];

export function subtypeName(lang: Lang, subtype: string | undefined): string | undefined {
  if (!subtype) return undefined;
  if (subtype in LEVELS) return LEVELS[subtype as PlaceLevel][lang];
  if (subtype in ORG_KINDS) return ORG_KINDS[subtype as OrgKind][lang];
  return subtype;
}

export function relationName(lang: Lang, type: ViewerEdgeType, inverse = false): string {
  const r = RELATIONS[type];
  return r ? (inverse ? r.inverse : r.forward)[lang] : type;
}
