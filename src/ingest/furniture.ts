// **furniture** — how page furniture reads: navigation, font-size and share widgets, footers, related-article lists.

// A line that is furniture on its own, wherever it stands. Patterns describe portal templates, not articles.
const FURNITURE_LINE: RegExp[] = [
  /^(您现在所在的位置|您现在的位置|您当前的位置|您的位置|当前位置|现在位置|所在位置)\s*[:：]?/, // breadcrumb
  /^首页\s*([>＞»›/]|$)/,
  /^欢迎(您)?(访问|光临|来到)/, // top bar of a portal
  /^(字号|字体)\s*[:：]/,
  /^【?\s*字体\s*[:：]?\s*[大中小]/,
  /\[\s*大\s*\]\s*\[\s*中\s*\]\s*\[\s*小\s*\]/,
  /^(微信分享|分享|分享到|打印|打印本页|打印本文|关闭|关闭窗口|关闭本页|返回顶部|返回首页|收藏|收藏本页|扫一扫|网站地图|联系我们|无障碍浏览?|长者模式|繁體|繁体|简体|English)\s*[:：]?$/,
  /^(分享到|分享至)\s*[:：]/,
  /^(【\s*(打印|关闭|纠错|收藏|返回顶部)\s*】\s*)+$/,
  /^(上一篇|下一篇|上一条|下一条)\s*[:：]/,
  /^(版权所有|主办单位|承办单位|主办|承办|技术支持|网站标识码|网站识别码)\s*[:：]/,
  /ICP备\s*\d+号|公网安备\s*\d+号|ICP证\s*\d+号/,
  /^(Copyright|©)/i,
  /^(浏览次数|点击数|阅读次数|访问量|浏览量)\s*[:：]/,
];

/** The heading of the list of other stories that ends an article page: it and all after it are furniture. */
export const RELATED_HEADING = /^(相关文章|相关新闻|相关阅读|相关链接|相关稿件|相关推荐|推荐阅读|热点推荐|猜你喜欢|热门文章|最新文章)\s*[:：]?$/;

/**
 * Labels of the government open-information block (公开事项名称 / 索引号 / 制发日期 …). Printed as
 * `label : value` on one line or as the bare label with its value on the next line.
 */
export const OPEN_GOV_LABEL = /^(公开事项名称|索引号|制发日期|成文日期|发文日期|发文机关|发布机构|发文单位|文号|发文字号|主题分类|组配分类|体裁分类|服务对象|公开方式|公开范围|公开时限|有效性|信息分类|主题词|所属机构)\s*([:：]|$)/;

/** Labels of the open-information block whose value is the document's date. */
export const OPEN_GOV_DATE_LABEL = /^(制发日期|成文日期|发文日期)/;

// Share-widget instructions (打开微信,点击底部的“发现”, 使用“扫一扫”即可将网页分享至朋友圈). The
// words also occur in stories (他打开微信记录…), so only short lines that are not sentences count.
const SHARE_WIDGET = /打开微信|扫一扫|分享至朋友圈|分享到朋友圈|手机扫码|扫码分享|在手机上阅读|手机阅读/;
const MAX_WIDGET_LINE = 40;

export function isFurnitureLine(line: string): boolean {
  for (const re of FURNITURE_LINE) if (re.test(line)) return true;
  return line.length <= MAX_WIDGET_LINE && !/[。！？]$/.test(line) && SHARE_WIDGET.test(line);
}

/**
 * class/id values of HTML containers that hold navigation, share buttons or footers. Matched as
 * whole words (separated by space, _ or -) so `content` or `article-menu-free` are not caught by accident.
 */
export const FURNITURE_CLASS = /(^|[\s_-])(nav|navbar|menu|breadcrumbs?|crumbs?|footer|foot|share|bdsharebuttonbox|sidebar|toolbar)([\s_-]|$)/i;

/** HTML elements whose whole content is furniture. */
export const FURNITURE_ELEMENTS = new Set(['nav', 'footer']);
