// Behaviour of the extraction stages (recognize → link → relate) on short texts written for the purpose:
// each case is a general rule of the genre, checked on names that appear in no bundled article.
import { describe, expect, it } from 'vitest';
import { ingestText } from '../src/ingest/index.ts';
import { extractArticle } from '../src/corpus/article.ts';
import { recognize } from '../src/recognize/index.ts';
import type { ArticleGraph } from '../src/types.ts';
import { linkAcrossArticles } from '../src/corpus/merge.ts';

const HEADER = 'title: 测试\nsource: 人民日报（第5版）\ndate: 2025-03-01\n\n';

function extract(body: string): ArticleGraph {
  return extractArticle(ingestText(HEADER + body, 'case.txt'));
}
const names = (g: ArticleGraph, type: string) => g.entities.filter((e) => e.type === type && !e.fromGazetteer).map((e) => e.name).sort();
const byKey = (g: ArticleGraph, key: string) => g.entities.find((e) => e.key === key)!;
const rels = (g: ArticleGraph, type: string) =>
  g.relations.filter((r) => r.type === type).map((r) => `${byKey(g, r.subject).name}>${byKey(g, r.object).name}`).sort();
const positions = (g: ArticleGraph) =>
  g.positions.map((p) => `${byKey(g, p.holder).name}:${p.title}@${p.organization ? byKey(g, p.organization).name : ''}`).sort();

describe('recognize', () => {
  it('gives mentions whose offsets slice the document text', () => {
    const doc = ingestText(HEADER + '甘肃省渭源县县长赵建国说，全县新建了一批项目。', 'a.txt');
    const mentions = recognize(doc);
    expect(mentions.length).toBeGreaterThan(2);
    for (const m of mentions) expect(doc.text.slice(m.start, m.end)).toBe(m.text);
    expect(mentions.find((m) => m.type === 'Person')?.text).toBe('赵建国');
  });

  it('ends a name before a speech verb and keeps three-character names whole', () => {
    const g = extract('镇党委书记王刚说，村里变了。副县长李文华表示，要坚持下去。');
    expect(names(g, 'Person')).toEqual(['李文华', '王刚']);
  });

  it('does not read ordinary words after a cue as names', () => {
    const g = extract('党员和群众拧成一股绳，村民说好。');
    expect(names(g, 'Person')).toEqual([]);
  });
});

describe('places and the gazetteer', () => {
  it('links places to division codes and adds the parents the text leaves out', () => {
    const g = extract('记者来到甘肃省渭源县，看到新修的路。');
    const county = g.entities.find((e) => e.name === '渭源县')!;
    expect(county.divisionCode).toMatch(/^\d{6}$/);
    // 定西市 is not printed: the gazetteer adds it, marked as such, between the county and the province.
    const parent = g.relations.find((r) => r.type === 'locatedIn' && r.subject === county.key)!;
    expect(byKey(g, parent.object).name).toBe('定西市');
    expect(byKey(g, parent.object).fromGazetteer).toBe(true);
    expect(parent.source).toBe('gazetteer');
  });

  it('resolves a village name shared across the country under the township printed before it', () => {
    const g = extract('山西省忻州市河曲县巡镇河南村的村民说，日子好过了。');
    const village = g.entities.find((e) => e.name === '河南村')!;
    const township = g.entities.find((e) => e.name === '巡镇')!;
    expect(village.subtype).toBe('Village');
    expect(village.divisionCode!.startsWith(township.divisionCode!)).toBe(true);
    expect(names(g, 'Place')).not.toContain('河南省');
  });

  it('keeps a short county form only when the full name is printed too', () => {
    expect(names(extract('河曲的天气很好。'), 'Place')).toEqual([]);
    expect(names(extract('河曲县地处黄河边。河曲的天气很好。'), 'Place')).toContain('河曲县');
  });
});

describe('organizations', () => {
  it('makes the implicit territory explicit and keeps the printed form as an alias', () => {
    const g = extract('甘肃省渭源县有个新社区。县农业农村局的干部常来走访，县农业农村局还派了技术员。');
    const org = g.entities.find((e) => e.type === 'Organization' && e.name === '渭源县农业农村局');
    expect(org).toBeDefined();
    expect(org!.aliases).toContain('县农业农村局');
  });

  it('merges an abbreviation into the full name it shortens', () => {
    const g = extract('甘肃省渭源县住房和城乡建设局发布通知。渭源县住建局的工作人员介绍了情况。');
    const orgs = g.entities.filter((e) => e.type === 'Organization' && e.name !== '人民日报');
    expect(orgs.map((o) => o.name)).toEqual(['渭源县住房和城乡建设局']);
    expect(orgs[0].aliases).toContain('渭源县住建局');
  });

  it('reads a unit inside an organization as part of it', () => {
    const g = extract('兰州大学经济学院的老师来到村里。');
    expect(rels(g, 'partOf')).toEqual(['兰州大学经济学院>兰州大学']);
  });
});

describe('relations', () => {
  it('splits a compound title into positions held at the organization before it', () => {
    const g = extract('甘肃省农业农村厅党组书记、厅长李明说，要抓好春耕。');
    expect(positions(g)).toEqual(['李明:党组书记@甘肃省农业农村厅', '李明:厅长@甘肃省农业农村厅']);
  });

  it('gives a title listed before another title and its body to the same holder, but not a title that opens the clause', () => {
    expect(positions(extract('中共中央政治局常委、国务院总理李强在贵州调研。'))).toEqual(expect.arrayContaining(['李强:常委@中共中央政治局', '李强:总理@国务院']));
    expect(positions(extract('在万山湖，记者见到新安县委书记王智时，他正在湖边考察。'))).toEqual(['王智时:书记@新安县委']);
  });

  it('holds a 县长 title at the county printed before it', () => {
    const g = extract('甘肃省渭源县县长赵建国说，全县要抓好产业。');
    expect(positions(g)).toContain('赵建国:县长@渭源县');
  });

  it('reads spouses, 帮扶 and residence from their cue words', () => {
    const g = extract('甘肃省渭源县莲峰镇的村民张永福和妻子王桂兰种了十亩地。驻村干部、县农业农村局科员刘强对张永福一家进行“一对一”帮扶。');
    expect(rels(g, 'spouse')).toEqual(['张永福>王桂兰']);
    expect(rels(g, 'assists')).toEqual(['刘强>张永福']);
    expect(rels(g, 'residesIn')).toContain('张永福>莲峰镇');
  });

  it('reads a village again where it is printed alone, and residence from "是…村农民" after the name', () => {
    const g = extract('湖南省益阳市赫山区清溪村，穿过荷塘，来到书屋前。63岁的邓春生，是土生土长的清溪村农民，2020年开始写作。');
    expect(g.entities.filter((e) => e.name === '清溪村').map((e) => e.mentions.length)).toEqual([2]);
    expect(rels(g, 'residesIn')).toContain('邓春生>清溪村');
  });

  it('names a Party committee department printed alone after the committee by it (沾益区委常委、组织部部长)', () => {
    const g = extract('“让基层干部轻装上阵。”沾益区委常委、组织部部长严波说。');
    expect(positions(g)).toEqual(expect.arrayContaining(['严波:常委@沾益区委', '严波:部长@沾益区委组织部']));
  });

  it('links a village printed again without its county to the village placed by the chain (洞头区东岙村 … 在东岙村)', () => {
    const g = extract('在一处驿站里，洞头区东岙村村支书甘泽良将塑料瓶投入回收箱。2016年，洞头区在东岙村启动沙滩石块清理。');
    expect(g.entities.filter((e) => e.name === '东岙村')).toHaveLength(1);
  });

  it('reads residence from an origin noun only with the place printed before it (湖北游客徐雅乔), never the article\'s village', () => {
    const g = extract('在山东威海市环翠区张村镇王家疃村，来自辽宁沈阳市的游客王笑说，节目好看。湖北游客徐雅乔一边夸奖，一边下单。游客李明也来了。');
    expect(rels(g, 'residesIn')).toEqual(expect.arrayContaining(['王笑>沈阳市', '徐雅乔>湖北省']));
    expect(rels(g, 'residesIn').filter((r) => r.startsWith('李明>'))).toEqual([]);
  });

  it('reads residence from 来自 with the places printed right before the name (来自辽宁沈阳市的王笑)', () => {
    const g = extract('晚会开始了。来自辽宁沈阳市的王笑说，节目好看。');
    expect(rels(g, 'residesIn')).toEqual(['王笑>沈阳市']);
  });

  it('reads posts taken by a verb, with the organization between them, and titles listed after', () => {
    const g = extract('甘肃省渭源县有个新社区。去年，王海燕担任渭源县委副书记、第三批驻村工作总领队。');
    expect(positions(g)).toEqual(['王海燕:副书记@渭源县委', '王海燕:驻村工作总领队@']);
  });

  it('gives the byline role its own title and the wire service as its organization', () => {
    const doc = ingestText('title: 测试\nsource: 新华网\ndate: 2025-03-01\n\n新华社兰州3月1日电（记者 马 明 通讯员 李华）甘肃省渭源县今年种植中药材。', 'w.txt');
    expect(positions(extractArticle(doc))).toEqual(['李华:通讯员@新华社', '马明:记者@新华社']);
  });

  it('credits the byline reporters to the source paper', () => {
    const g = extractArticle(ingestText(HEADER + '本报记者 马 明\n\n甘肃省渭源县今年种植中药材。', 'b.txt'));
    expect(positions(g)).toContain('马明:记者@人民日报');
  });
});

describe('determinism', () => {
  it('gives the same graph for the same input', () => {
    const text = '甘肃省渭源县县长赵建国说，县农业农村局要抓好春耕。';
    expect(JSON.stringify(extract(text))).toBe(JSON.stringify(extract(text)));
  });
});

describe('across articles', () => {
  it('makes one person of one name at one post, and keeps other namesakes apart', () => {
    const a = extractArticle(ingestText(HEADER + '甘肃省渭源县县长赵建国说，要抓好春耕。', 'one.txt'));
    const b = extractArticle(ingestText(HEADER + '甘肃省渭源县县长赵建国表示，产业要发展。', 'two.txt'));
    const c = extractArticle(ingestText(HEADER + '山西省河曲县村民赵建国种了十亩地。', 'three.txt'));
    const [la, lb, lc] = linkAcrossArticles([a, b, c]);
    const key = (g: ArticleGraph) => g.entities.find((e) => e.name === '赵建国')!.key;
    expect(key(la)).toBe(key(lb));
    expect(key(lc)).not.toBe(key(la));
    // Places are one node across articles by division code.
    const county = (g: ArticleGraph) => g.entities.find((e) => e.name === '渭源县')!.key;
    expect(county(la)).toBe(county(lb));
  });
});

describe('article ids', () => {
  it('does not read an article id that starts with digits and a dash as a division code (20260430-…)', () => {
    const g = extractArticle(ingestText('全国已建成绿色工厂超8000家、绿色工业园区超600个。', '20260430-30154158.txt'));
    expect(g.relations.filter((r) => r.type === 'locatedIn')).toEqual([]);
  });
});

describe('transliterated names printed whole, then by their first part', () => {
  it('makes the first part alone (艾则孜说) the same person as the dotted name (艾则孜·哈力克)', () => {
    const g = extract('这天，镇干部艾则孜·哈力克拨通了老乡的电话。“这是我们的责任。”艾则孜说，工作还要继续做细。');
    expect(names(g, 'Person')).toEqual(['艾则孜·哈力克']);
  });
  it('keeps the part its own person when two dotted names open with it', () => {
    const g = extract('村民买买提·吐尔逊和村民买买提·艾力都来了。买买提说，今年收成好。');
    expect(names(g, 'Person')).toEqual(expect.arrayContaining(['买买提·吐尔逊', '买买提·艾力']));
    // Neither takes the other's mentions.
    for (const e of g.entities.filter((x) => x.type === 'Person')) expect(e.aliases).toEqual([]);
  });
});

describe('bylines of other papers', () => {
  it('reads the reporters after a news app or all-media desk (天眼新闻记者, 全媒体记者), and no name in the outlet', () => {
    expect(names(extract('贵州日报天眼新闻记者 王明 通讯员 李华\n近日，记者走进黔西市新仁苗族乡化屋村。'), 'Person')).toEqual(['李华', '王明']);
    expect(names(extract('四川日报全媒体记者 张三 李四\n近日，记者走进昭觉县。'), 'Person')).toEqual(['张三', '李四']);
  });
});
