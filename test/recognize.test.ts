// The recognizer's reading of place chains and of names the labeler leads on.
import { describe, expect, it } from 'vitest';
import { recognizeText } from '../src/recognize/text.ts';
import { loadResources, type Thresholds } from '../src/recognize/index.ts';
import { loadGazetteer } from '../src/gazetteer/index.ts';

const spans = (text: string, type: string) => recognizeText(text, { titles: true }).filter((m) => m.type === type).map((m) => text.slice(m.start, m.end));
/**
 * The same at chosen thresholds: a mechanism is tested where it is switched on, whatever `npm run tune` ships (it
 * switches off what the dev articles do not need).
 */
const spansAt = (thresholds: Partial<Thresholds>, text: string, type: string) => {
  const res = loadResources();
  return recognizeText(text, { titles: true }, { ...res, thresholds: { ...res.thresholds, ...thresholds } }).filter((m) => m.type === type).map((m) => text.slice(m.start, m.end));
};
/** Places the graph makes nodes of (a tentative labeler place around them, 北京天文馆 around 北京, left out). */
const places = (text: string) => recognizeText(text).filter((m) => m.type === 'Place' && !m.tentative).map((m) => text.slice(m.start, m.end));
/** Organizations the graph makes nodes of (tentative labeler proposals left out). */
const sure = (text: string) => recognizeText(text).filter((m) => m.type === 'Organization' && !m.tentative).map((m) => text.slice(m.start, m.end));

describe('place chains', () => {
  it('reads a county and a township the gazetteer files under the county name (濮阳县庆祖镇) as two places', () => {
    expect(loadGazetteer().lookup('庆祖镇').map((d) => d.code)).toContain('410928103');
    expect(places('河南濮阳市濮阳县庆祖镇西辛庄村，旧房改造工地一派繁忙。')).toEqual(['河南', '濮阳市', '濮阳县', '庆祖镇', '西辛庄村']);
  });
  it('reads no division that starts inside a word (顺应|城市 is no 应城市), but keeps a chain (河南濮阳市)', () => {
    expect(places('我们要顺应城市发展规律。')).toEqual([]);
    expect(places('河南濮阳市濮阳县庆祖镇西辛庄村。')).toEqual(['河南', '濮阳市', '濮阳县', '庆祖镇', '西辛庄村']);
  });
  it('keeps a township whose last character starts a word with what follows, when its own village follows', () => {
    // 镇西 is a dictionary word; 西辛庄村 is a village of 庆祖镇.
    expect(places('濮阳县庆祖镇西辛庄村。')).toEqual(['濮阳县', '庆祖镇', '西辛庄村']);
  });
});

describe('names the labeler leads on', () => {
  it('finds a name with no title or cue word beside it', () => {
    expect(spans('一番话让艾则孜很是无奈，艾则孜说，这是责任。', 'Person')).toContain('艾则孜');
  });
  it('takes a name the labeler half-believes when it is listed beside a taken name (周立波、王蒙、迟子建)', () => {
    const text = '书屋立在田野阡陌间，周立波、王蒙、迟子建、刘震云、毕飞宇……';
    const names = recognizeText(text).filter((m) => m.type === 'Person' && !m.tentative).map((m) => text.slice(m.start, m.end));
    expect(names).toContain('王蒙');
  });
  it('reads a name glued to the verb after it without the verb', () => {
    const names = spans('古海银向记者介绍了非遗技艺。古海银说，要传下去。', 'Person');
    expect(names).toContain('古海银');
    for (const name of names) expect(name).toBe('古海银');
  });
});

describe('bylines of several outlets', () => {
  it('gives every name after 人民网记者 to 人民网, and those after 本报记者 to the paper', async () => {
    const { ingestText } = await import('../src/ingest/index.ts');
    const { extractArticle } = await import('../src/corpus/article.ts');
    const text = 'title: 老区新产业\nsource: 人民日报（第14版：经济）\ndate: 2026-08-14\n\n本报记者 李 纵 人民网记者 张永生 邹 星\n\n人民网和本报记者走进县城，看到产业兴旺。\n';
    const g = extractArticle(ingestText(text, 'byline.txt'));
    const name = (key: string) => g.entities.find((e) => e.key === key)?.name;
    const employer = Object.fromEntries(g.positions.filter((p) => p.title === '记者').map((p) => [name(p.holder), p.organization && name(p.organization)]));
    expect(employer).toEqual({ 李纵: '人民日报', 张永生: '人民网', 邹星: '人民网' });
  });
});

describe('titles and job names', () => {
  const positions = async (text: string) => {
    const { ingestText } = await import('../src/ingest/index.ts');
    const { extractArticle } = await import('../src/corpus/article.ts');
    const g = extractArticle(ingestText(text, 'roles.txt'));
    const name = (key: string) => g.entities.find((e) => e.key === key)?.name;
    return g.positions.map((p) => `${name(p.holder)}:${p.title}`).sort();
  };
  it('reads a job noun in apposition before a name as the title it holds (送餐员, 社区志愿者, 神经内科医师)', async () => {
    const got = await positions('清晨，送餐员王永福骑车出门。社区志愿者刘春生上门检查，刘春生说这是分内事。县医院神经内科医师赵明华正在查房。');
    expect(got).toEqual(expect.arrayContaining(['王永福:送餐员', '刘春生:社区志愿者', '赵明华:神经内科医师']));
  });
  it('does not read a verb ending in a role head as a title (动员孙海涛回村)', async () => {
    expect((await positions('街道干部多次登门，动员孙海涛回村参选。孙海涛说，他想试试。')).filter((p) => p.endsWith(':动员'))).toEqual([]);
  });
  it('reads no title in the name of a meeting or a body (县委常委会议)', () => {
    expect(spans('河曲县委书记王兴主持召开县委常委会议，研究后续扶持工作。', 'Title')).toEqual(['书记']);
  });
  it('starts no title inside a place name: 社区 of 庆春社区 stays the place, 党委书记 is the title', () => {
    const text = '宁夏银川市兴庆区庆春社区党委书记赵丽园翻开清单。';
    expect(spans(text, 'Title')).toContain('党委书记');
    expect(places(text)).toContain('庆春社区');
  });
});

describe('names cut or glued at the edges', () => {
  it('reads a name glued to a one-character verb as the two-character name the article uses elsewhere', () => {
    const names = spans('驻村第一书记安平举着手机拍摄。安平说，要让村里的货卖出去。安平蹲在老人面前。', 'Person');
    expect(names).toContain('安平');
    expect(names).not.toContain('安平举');
  });
});

describe('short forms and Inner Mongolian units', () => {
  it('reads a county printed as X县 for X族自治县 (澜沧县, not 沧县 inside it), but not 全州 "the whole prefecture"', () => {
    expect(places('云南省澜沧县竹塘乡老达保村')).toEqual(['云南省', '澜沧县', '竹塘乡', '老达保村']);
    expect(places('全州上下齐心协力。')).toEqual([]);
  });
  it('chains a 苏木 and a 嘎查 the gazetteer lacks after the banner (阿拉善左旗乌力吉苏木巴彦嘎查)', () => {
    expect(places('阿拉善左旗乌力吉苏木巴彦嘎查牧民说。')).toEqual(['阿拉善左旗', '乌力吉苏木', '巴彦嘎查']);
  });
});

describe('transliterated names', () => {
  it('reads a Uyghur name after a cue word though jieba finds a word in it (村民|买买提江·阿布拉), but no column name', () => {
    const names = (text: string) => recognizeText(text).filter((m) => m.type === 'Person' && !m.tentative).map((m) => text.slice(m.start, m.end));
    expect(names('村民买买提江·阿布拉说。')).toEqual(['买买提江·阿布拉']);
    expect(names('新时代·新征程')).toEqual([]);
    expect(names('公司首席执行官卡洛斯·塔瓦雷斯说')).toEqual(['卡洛斯·塔瓦雷斯']);
  });
  it('reads no shorter name inside a transliterated one, nor elsewhere in the article (书记|夏提古 of 夏提古丽·热合曼)', () => {
    const text = '达西村党支部书记夏提古丽·热合曼说，村里对事项进行拆分。夏提古丽身上总是带着一本手册。';
    const names = recognizeText(text).filter((m) => m.type === 'Person' && !m.tentative).map((m) => text.slice(m.start, m.end));
    expect(names).toEqual(['夏提古丽·热合曼']);
  });
});

describe('kinds, not names', () => {
  it('reads no place after a number and measure word (2000名|山区女孩), no school kind (内蒙古结对学校), no estate kind (无物业小区)', () => {
    expect(places('点亮近2000名山区女孩的求学梦想。')).toEqual([]);
    expect(places('四川省雅安市名山区')).toEqual(['四川省', '雅安市', '名山区']);
    // (The labeler may still propose it, below the graph's threshold: a tentative mention, no node.)
    expect(sure('内蒙古结对学校教育水平显著提升。')).toEqual([]);
    expect(places('辖区7个无物业小区全部清零。')).toEqual([]);
  });
});

describe('pieces of longer names', () => {
  it('reads no division in a mountain or foreign place name the labeler reads whole (长白山, 佛罗里达州), but keeps a chain (甘肃兰州)', () => {
    expect(places('游客登上长白山天池。')).not.toContain('白山');
    expect(places('他从美国佛罗里达州回来。')).not.toContain('达州');
    expect(places('甘肃兰州的牛肉面')).toEqual(['甘肃', '兰州']);
    expect(places('宁夏回族自治区吴忠市红寺堡区')).toEqual(['宁夏回族自治区', '吴忠市', '红寺堡区']);
  });
});

describe('organization names', () => {
  it('reads a company name with a place in brackets as one name (乐聚智能（深圳）股份有限公司)', () => {
    expect(spans('新机器人由乐聚智能（深圳）股份有限公司研发。', 'Organization')).toEqual(['乐聚智能（深圳）股份有限公司']);
  });
  it('starts no organization in a wire dateline (新华社北京4月29日电|外交部)', () => {
    expect(spans('新华社北京4月29日电外交部发言人毛宁说。', 'Organization')).toEqual(['新华社', '外交部']);
  });
  it('reads a quoted name before a head as the organization (“节节高”旅游专业合作社), not a pronoun or a slogan', () => {
    expect(spans('村党支部书记游存明领办“节节高”旅游专业合作社，采用新模式。', 'Organization')).toContain('“节节高”旅游专业合作社');
    expect(spans('他说“我们”合作社好。', 'Organization')).not.toContain('“我们”合作社');
    expect(spans('共建“一县一企”稳岗就业基地近200个。', 'Organization')).not.toContain('“一县一企”稳岗就业基地');
  });
  it('reads a Party committee named by a territory character and abbreviated bodies (县委, 省作协)', () => {
    expect(spans('株洲市炎陵县的果农挂念一个人：县委原书记黄诗燕。', 'Organization')).toContain('县委');
    expect(spans('湖南省作协派出工作人员驻村。', 'Organization')).toContain('湖南省作协');
  });
  it('ends a name before a clause verb or before 与/和 after a complete name (江苏|成立研发公司, 宝坻区政府|与北京大学)', () => {
    expect(sure('2024年在江苏成立研发公司。')).toEqual([]);
    expect(sure('作为宝坻区政府与北京大学合作共建的平台')).toEqual(['宝坻区政府', '北京大学']);
    expect(sure('公安大学学者走进二分院。')).toEqual(['公安大学']);
    expect(sure('经济合作与发展组织发布报告。')).toEqual(['经济合作与发展组织']);
    expect(sure('贵州省发展和改革委员会印发通知。')).toEqual(['贵州省发展和改革委员会']);
  });
  it('does not read a head into the name\'s own head or a title (南京大学|校门, 对外友协|会长), and ends a name at 以及', () => {
    expect(spans('原来在南京大学校门外经营的各类摊点。', 'Organization')).toEqual(['南京大学']);
    expect(sure('会见以对外友协会长为首的代表团。')).not.toContain('对外友协会');
    expect(spans('南京大学校长出席。', 'Organization')).toEqual(['南京大学']);
    expect(spans('村委会以及镇党委负责。', 'Organization')).toEqual(['村委会', '镇党委']);
  });
  it('reads age groups inside a name (延庆区珍珠泉村老年驿站, 青年突击队), and no head after a one-character verb (突击队|建队)', () => {
    expect(spans('延庆区珍珠泉村老年驿站负责人于甫琴介绍。', 'Organization')).toContain('珍珠泉村老年驿站');
    expect(spans('北京建工青年突击队建队原则从未动摇。', 'Organization')).toEqual(['北京建工青年突击队']);
  });
  it('takes no organization whose brackets do not pair (县（市）|综治中心 read from 市）)', () => {
    const text = '12个县（市）综治中心全面达标运行，109个乡镇（街道）综治中心规范运行。';
    expect(recognizeText(text).filter((m) => m.type === 'Organization' && /[（）]/.test(text.slice(m.start, m.end)))).toEqual([]);
  });
  it('reads a troupe and its head (资中县木偶剧团|团长), with no territory inside the county name (资中|县)', () => {
    expect(spans('资中县木偶剧团团长胡海说。', 'Organization')).toEqual(['资中县木偶剧团']);
    expect(spans('资中县木偶剧团团长胡海说。', 'Title')).toEqual(['团长']);
  });
  it('reads a Party committee and a government printed together as two bodies (省委|省政府)', () => {
    expect(spans('会同青海省委省政府开展调查。', 'Organization')).toEqual(['青海省委', '省政府']);
  });
  it('starts no organization with a word of tenure (时任|省委书记)', () => {
    expect(spans('时任省委书记习近平同志中断基层调研。', 'Organization').filter((o) => o.includes('时任'))).toEqual([]);
  });
  it('reads a numbered division before a title as a unit of its body (社会工作部|一处|处长), not 一处 in running text', () => {
    expect(spans('吉林省委社会工作部一处处长崔艳丽表示。', 'Organization')).toContain('吉林省委社会工作部一处');
    expect(spans('这一处景点很美。', 'Organization')).toEqual([]);
  });
  it('reads a bracketed publication title with a media head as its organization (《散文诗》杂志), a known body as itself (求是)', () => {
    expect(spans('和《散文诗》杂志总编辑卜寸丹交流。', 'Organization')).toEqual(['《散文诗》杂志']);
    expect(spans('《求是》杂志发表重要文章。', 'Organization')).toEqual(['求是']);
  });
  it('takes the start of a sure labeler name where the patterns glued a word on, but keeps a coordinated agency whole', () => {
    expect(spansAt({ organizationBounds: 0.9 }, '主办单位中国国际象棋协会日前发布通知。', 'Organization')).toEqual(['中国国际象棋协会']);
    expect(spansAt({ organizationBounds: 0.9 }, '民间团体海峡两岸关系协会会长会见了他们。', 'Organization')).toEqual(['海峡两岸关系协会']);
    expect(spans('河曲县民政和人力资源社会保障局局长张乃田说。', 'Organization')).toContain('河曲县民政和人力资源社会保障局');
  });
});

describe('labeler organizations', () => {
  it('takes no labeler organization that ends inside a word (老城区党|员干部), but one a title runs on from (外交部|长)', () => {
    expect(sure('“我们要的不是单点开花。”老城区党员干部深入调研。')).toEqual([]);
    expect(sure('孟加拉国外交部长会见了代表团。')).toContain('孟加拉国外交部');
  });
});

describe('names that are places or bodies', () => {
  it('reads no person in a village printed without its suffix (陈家沟 for 陈家沟村)', () => {
    expect(spans('河南温县陈家沟村太极拳走上国际舞台。走在陈家沟，太极拳祖祠被完整保留。', 'Person')).toEqual([]);
  });
  it('ends an organization before 所属 (玛曲站|所属|黄河水利委员会)', () => {
    expect(spans('玛曲站所属黄河水利委员会上游水文水资源局给年轻干部压担子。', 'Organization')).not.toContain('玛曲站所属黄河水利委员会');
  });
});

describe('words that are no names', () => {
  it('reads no person in a word that introduces people (5岁的孙子), and no organization in a tier of hospitals (上级医院)', () => {
    expect(spans('58岁的马福根和5岁的孙子正在做科学实验。', 'Person')).toEqual(['马福根']);
    expect(spans('推动二、三级医院向基层派驻，基层成员单位都有上级医院的医务人员。', 'Organization')).toEqual([]);
  });
});

describe('titles', () => {
  it('starts no title inside a word that does not end in it (片区|长江: no 区长), but reads 县委书记 and 农村部副部长', () => {
    expect(spans('在滨江片区长江生态监测点，江苏省环境监测中心高级工程师说。', 'Title')).toEqual(['高级工程师']);
    expect(spans('赫章县委书记王兴说。', 'Title')).toEqual(['书记']);
    expect(spans('农业农村部副部长麦尔丹·木盖提说。', 'Title')).toEqual(['副部长']);
  });
});

describe('names cut short', () => {
  it('grows a two-character reading by the next character when the labeler expects the longer name over the text', () => {
    const text = '2009年，黄大年毅然放弃海外优渥生活，回到母校工作。“国家需要我们。”黄大年说。这句话，黄大年用一生去践行。';
    const names = recognizeText(text).filter((m) => m.type === 'Person' && !m.tentative).map((m) => text.slice(m.start, m.end));
    expect(names).toEqual(['黄大年', '黄大年', '黄大年']);
  });
});

describe('Tibetan names', () => {
  it('reads a run of two or three Tibetan name parts as one name, and no lone part', () => {
    const text = '乡党委书记多吉旺久敲开村民家门。她的大女儿巴桑卓嘎回来了。格桑花开了，卓玛笑了。';
    // Tentative mentions (below the graph's thresholds) make no node.
    const names = recognizeText(text).filter((m) => m.type === 'Person' && !m.tentative).map((m) => text.slice(m.start, m.end));
    expect(names).toEqual(expect.arrayContaining(['多吉旺久', '巴桑卓嘎']));
    expect(names).not.toContain('格桑');
    expect(names).not.toContain('卓玛');
  });
  it('reads one part as a name where a cue introduces it, then wherever it is printed and next in a list (老党员卓嘎 … 卓嘎、央宗)', () => {
    const text = '65岁的老党员卓嘎推开家门。曾经只有父亲带着卓嘎、央宗姐妹俩生活。';
    const names = recognizeText(text).filter((m) => m.type === 'Person' && !m.tentative).map((m) => text.slice(m.start, m.end));
    expect(names).toEqual(['卓嘎', '卓嘎', '央宗']);
    expect(recognizeText('格桑花开了。').filter((m) => m.type === 'Person' && !m.tentative)).toEqual([]);
  });
  it('leaves a run beside a middle dot to the transliterated name (阿沛·阿旺晋美)', () => {
    expect(spans('全国政协副主席阿沛·阿旺晋美出席会议。', 'Person')).toEqual(['阿沛·阿旺晋美']);
  });
  it('ends a transliterated name where a name printed against it begins, or a word of running text the labeler leaves out', () => {
    expect(spans('陈俊生司马义·艾买提彭珮云等人参加。', 'Person')).toEqual(['陈俊生', '司马义·艾买提', '彭珮云']);
    expect(spans('卡尔·施泰勒有一次说起这件事。', 'Person')).toEqual(['卡尔·施泰勒']);
    expect(spansAt({ personCued: 0.5 }, '泰国王储玛哈·哇集拉隆功今天抵达。', 'Person')).toEqual(['玛哈·哇集拉隆功']);
    // A transliterated last character stays (买买提 is to the labeler 买买 + 提).
    expect(spans('副镇长吾拉木江·买买提说。', 'Person')).toEqual(['吾拉木江·买买提']);
  });
});

describe('programmes', () => {
  const programs = (text: string) => spans(text, 'Program');
  it('names a quoted programme with the head printed after the quotes (“三北”工程 is 三北工程)', () => {
    const found = recognizeText('紧盯林草遥感影像与“三北”工程核查图斑。').filter((m) => m.type === 'Program');
    expect(found.map((m) => m.canonical)).toEqual(['三北工程']);
  });
  it('leaves the verbs that open the clause out of a programme name, and keeps a verb of the name', () => {
    expect(programs('深入实施暖心民政三年行动。')).toEqual(['暖心民政三年行动']);
    expect(programs('开展打击非法捕猎贩卖鸟类专项行动。')).toEqual(['打击非法捕猎贩卖鸟类专项行动']);
    expect(programs('有力有效落实专项行动。')).toEqual([]);
  });
  it('reads a quoted name before 工程 as a programme, not a catchphrase before 模式', () => {
    expect(programs('学习运用“千万工程”经验。')).toContain('千万工程');
    expect(programs('除了传统的“人找货”模式，还有新的。')).toEqual([]);
  });
});

describe('labeler organizations over places and parents', () => {
  it('keeps an organization the labeler extends into a unit as its nested parent (联合国 in 联合国安理会)', () => {
    expect(spans('联合国安理会今天一致通过决议。', 'Organization')).toEqual(['联合国安理会', '联合国']);
  });
  it('takes an organization the labeler is sure of that holds places, and keeps the places', () => {
    const text = '中国航发沈阳黎明航空发动机有限责任公司智能化生产车间，航空产品光洁锃亮。';
    const orgs = spans(text, 'Organization');
    expect(orgs.some((o) => o.endsWith('黎明航空发动机有限责任公司'))).toBe(true);
    expect(places(text)).toContain('沈阳');
  });
});

describe('organizations read at word boundaries', () => {
  it('reads no known body or territory agency inside a word (实事|求是, 上|市|公司)', () => {
    expect(spans('坚持党的实事求是思想路线，认真贯彻。', 'Organization')).toEqual([]);
    expect(spans('它去年底的上市公司为771家，总市值上升。', 'Organization')).toEqual([]);
  });
  it('reads no head that jieba takes as a particle (“石棺”所需) and keeps one before a verb (县自然资源局缴纳)', () => {
    expect(spans('还特别强调，改造“石棺”所需的7．5亿美元。', 'Organization')).toEqual([]);
    expect(spans('公司需向县自然资源局缴纳480万元的土地出让金。', 'Organization')).toEqual(['县自然资源局']);
    expect(spans('银川市富宁街市场监管所所长丁岚向记者介绍。', 'Organization')).toContain('银川市富宁街市场监管所');
  });
  it('ends a strong head where a word ends (索非亚大学|生 is no university), and counts a counted kind as no name (一所师范大学)', () => {
    expect(spans('五星红旗在索非亚大学生体育馆里三次升起。', 'Organization')).toEqual([]);
    expect(spans('而且是在一所师范大学。', 'Organization')).toEqual([]);
    expect(spans('国内多所名牌大学来函愿意接收他。', 'Organization')).toEqual([]);
  });
  it('leaves 原 (former) and words of tenure out of a name (原北京外国语学院, 现任北京教育学院)', () => {
    expect(spans('北京4月13日电原北京外国语学院顾问、副部级离休干部。', 'Organization')).toEqual(['北京外国语学院']);
    expect(spans('将学习以原沈阳自动化研究所所长蒋新松院士为榜样。', 'Organization')).toEqual(['沈阳自动化研究所']);
    expect(spans('现任北京教育学院美术系副教授。', 'Organization')).not.toContain('现任北京教育学院');
  });
  it('ends a name at 暨 (中共北京市委宣传部暨市委讲师团)', () => {
    expect(spans('在日前中共北京市委宣传部暨市委讲师团举行的会上。', 'Organization')).not.toContain('中共北京市委宣传部暨市委');
  });
});

describe('names after a title', () => {
  it('takes the labeler reading of a name from the same start where it all but rules out the pattern one (张万年, not 张万)', () => {
    expect(spans('中央军委副主席张万年上将今天在人民大会堂会见了他们。', 'Person')).toEqual(['张万年']);
    expect(spans('据内政部长施勒格尔19日晚宣布的结果。', 'Person')).toEqual(['施勒格尔']);
    expect(spans('伊朗外长阿拉格齐在巴基斯坦首都伊斯兰堡表示。', 'Person')).toEqual(['阿拉格齐']);
  });
  it('adds no verb the labeler glues on (总经理刘浩说)', () => {
    expect(spans('文化旅游有限公司总经理刘浩说。', 'Person')).toEqual(['刘浩']);
  });
});

describe('names printed one against the next', () => {
  it('reads each name of a list without separators, across annotations (（女）)', () => {
    expect(spans('委员：李鹏乔石李瑞环彭真朱镕基刘华清胡锦涛荣毅仁丁关根田纪云李岚清', 'Person')).toEqual(['李鹏', '乔石', '李瑞环', '彭真', '朱镕基', '刘华清', '胡锦涛', '荣毅仁', '丁关根', '田纪云', '李岚清']);
    expect(spans('陈慕华（女）费孝通孙起孟雷洁琼（女）李锡铭', 'Person')).toEqual(['陈慕华', '费孝通', '孙起孟', '雷洁琼', '李锡铭']);
  });
  it('reads no list in running text that splits into surname-led pieces (但千万棵树连成林海, 焦裕禄初到兰考)', () => {
    expect(spans('一棵树的力量或许微小，但千万棵树连成林海，便能锁住风沙。', 'Person')).toEqual([]);
    expect(spans('焦裕禄初到兰考，就下乡调研。', 'Person')).toEqual(['焦裕禄']);
  });
});

describe('short place forms inside words', () => {
  it('reads no place in a common word that opens with one (朝阳产业, 邯郸学步), and keeps one in a name (南京大屠杀, 甘肃兰州)', () => {
    expect(places('被世界各国誉为“朝阳产业”。')).toEqual([]);
    expect(places('但绝不是像邯郸学步那样。')).toEqual([]);
    expect(places('南京大屠杀文献中心。')).toEqual(['南京']);
    expect(places('现象引起了甘肃兰州市红古区纪委监委工作人员的注意。')).toEqual(expect.arrayContaining(['甘肃', '兰州市', '红古区']));
  });
});

describe('the flat convention (xckg recognize --outermost)', () => {
  it('gives a government named by its territory as that territory, and keeps it an organization in the graph', () => {
    const text = '由北京市政府和科技部共同主办。';
    const flat = recognizeText(text, { outermost: true }).map((m) => `${m.type}:${text.slice(m.start, m.end)}`);
    expect(flat).toContain('Place:北京市');
    expect(flat).not.toContain('Organization:北京市政府');
    expect(spans(text, 'Organization')).toContain('北京市政府');
    const bare = '县委、县政府在全县响亮提出了口号。';
    expect(recognizeText(bare, { outermost: true }).map((m) => bare.slice(m.start, m.end))).not.toContain('县政府');
  });
});

describe('names that start inside a word', () => {
  it('reads no organization by a strong head that starts inside a word (型卡车制造商|斯堪尼亚集团), and no clause after 作为', () => {
    const text = '今年3月，瑞典重型卡车制造商斯堪尼亚集团交付首批卡车。';
    expect(spans(text, 'Organization')).toContain('斯堪尼亚集团');
    expect(spans(text, 'Organization')).not.toContain('型卡车制造商斯堪尼亚集团');
    expect(sure('记者了解到，戈麦斯儿童医院作为私立医院，却主要收治穷人。')).not.toContain('戈麦斯儿童医院作为私立医院');
  });
});

describe('a labeler place around places', () => {
  it('reports a facility the labeler reads as a place around a place (北京天文馆) as tentative, and keeps the place inside', () => {
    const text = '在筹建北京天文馆的3年中，李元说。';
    const all = recognizeText(text).filter((m) => m.type === 'Place');
    expect(all.filter((m) => m.tentative).map((m) => text.slice(m.start, m.end))).toContain('北京天文馆');
    expect(places(text)).toEqual(['北京']);
    expect(recognizeText(text, { outermost: true }).map((m) => text.slice(m.start, m.end))).toContain('北京天文馆');
  });
});

describe('names a word introduces', () => {
  it('takes a name of any origin after 牧民 or 群众, even one the dictionary holds (牧民巴特尔)', () => {
    expect(spans('牧民巴特尔在白音锡勒牧场放牧。', 'Person')).toContain('巴特尔');
  });
});

describe('Yi names', () => {
  it('reads a four-character Yi name opened by its clan name after a cue or title (村民吉克阿呷, 村支书吉克日哈)', () => {
    expect(spans('在镇宁县六马镇板腰村，村民吉克阿呷正在采摘蜂糖李。', 'Person')).toEqual(['吉克阿呷']);
    expect(spans('昭觉县支尔莫乡阿土列尔村村支书吉克日哈说。', 'Person')).toEqual(['吉克日哈']);
  });
  it('reads no clan name in a transliterated place (新华社阿克拉4月26日电)', () => {
    expect(spans('新华社阿克拉4月26日电 加纳阿克拉女商贩说。', 'Person')).toEqual([]);
  });
});
