import { reportHeader } from './period.ts';

export type UnitLevel = 'county' | 'city' | 'province';

// 超市 and 都市 are no cities (城市 is, as in 诸城市).
const LEVEL_WORD = '(自治区|省|(?<![超都])市|州|盟|县|区|旗)';
/**
 * What follows a level word when it names an organisation: 区委, 县人民法院, 市政协, 区教育工委,
 * 市机关事务处, 县委办公室, 区人民医院. Courts are named for their level: 中级 is a city's, 高级 a province's.
 */
const ORG_WORD =
  '((?:气象|[*X×]{1,3})?局|委(?![员会])|人民政府|政府|政协|人大|中级人民法院|高级人民法院|人民法院|法院|人民检察院|检察院' +
  // A name of a few characters, but never across another level word (省安康市委 is 安康市's 市委).
  '|(?!场|级|域|直|属|内|外|里|长|民(?!政))(?:市场|(?![省市县区州盟旗])[^\\s，。、；：:（）()“”\\d的等和与及各了在]){0,6}?' +
  '(?:局|处|厅|委员会|工委|党委|(?:卫生计生|卫计|卫健|发改|经信|住建|教育|教)委|中心|医院|公司|学校|中学|小学))';
const ORGANISATION = new RegExp(`${LEVEL_WORD}${ORG_WORD}`, 'g');
/** Departments and groups inside a committee, each a body of its own (市委宣传部 is not the 市委). */
export const DEPARTMENT = /^(?:组织部|宣传部|统战部|政法委|办公室|督导组|巡察组|巡视组)/;
const COURT_LEVEL: Record<string, UnitLevel> = { 中级人民法院: 'city', 高级人民法院: 'province' };
const LEVEL_OF: Record<string, UnitLevel> = {
  自治区: 'province',
  省: 'province',
  市: 'city',
  州: 'city',
  盟: 'city',
  县: 'county',
  区: 'county',
  旗: 'county',
};
// Characters that end a place name when reading backwards: prepositions and particles
// (在湖北省气象局的领导下 names the parent bureau, not the author).
const NAME_STOP = new Set('在于和与及对向由的了是关按照据下为将把从至被给经受等年度月日我们全各');
/** Words that show a would-be place name is part of the sentence instead. */
const NOT_A_PLACE = /制定|建设|思路|工作|干部|开展|组织|召开|参加|关于|按照|深入|推进|各项|到/;
const GOVERNED_BY = new Set('在按根围向受由和与及经');
/** 全市法院系统, 全区: the whole area or system, not an organisation. */
const WHOLE = '全';

interface BureauMention {
  level: UnitLevel;
  name: string | null;
  /** The organisation as written from its level word (区教育工委, 市政协), and where that stands. */
  text: string;
  at: number;
  governed: boolean;
}

function* bureauMentions(text: string): Generator<BureauMention> {
  let previous: { end: number; governed: boolean } | null = null;
  for (const m of text.matchAll(ORGANISATION)) {
    const levelWord = m[1] ?? '';
    const orgWord = m[2] ?? '';
    let start = m.index;
    while (start > 0 && start > m.index - 12) {
      const ch = text[start - 1] ?? '';
      if (!/[\u3400-\u9fff*X×]/.test(ch) || NAME_STOP.has(ch)) break;
      start -= 1;
    }
    const before = text[start - 1] ?? '';
    if (before === WHOLE || text[m.index - 1] === WHOLE) continue;
    let prefix = text.slice(start, m.index);
    if (prefix.startsWith('中共')) prefix = prefix.slice(2);
    const masked = /[*X×]/.test(prefix) || /[*X×]/.test(orgWord);
    // A place name stands on its own: at a line's start, after punctuation or 中共, and holds no verb
    // or noun of the sentence around it (制定县人民法院…, 干部到省委…).
    const standsAlone = start === 0 || !/[\u3400-\u9fff]/.test(text[start - 1] ?? '') || text.startsWith('中共', start);
    const name = !masked && prefix.length >= 2 && standsAlone && !NOT_A_PLACE.test(prefix) ? `${prefix}${m[0]}` : null;
    // 在县委、县政府的领导下: the second of an enumeration is governed like the first.
    const enumerated: boolean = before === '、' && previous !== null && previous.end === start - 1 && previous.governed;
    // A department of the body (市委宣传部表彰了…) speaks for that department, never as the report's author.
    const department = DEPARTMENT.test(text.slice(m.index + m[0].length));
    const governed: boolean = GOVERNED_BY.has(before) || enumerated || department;
    previous = { end: m.index + m[0].length, governed };
    yield { level: COURT_LEVEL[orgWord] ?? LEVEL_OF[levelWord] ?? 'county', name, text: m[0], at: m.index, governed };
  }
}

/**
 * The report's own organisation: the first named as subject in the title or first sentence, else
 * the level named most often. Parents mentioned as "在…领导下" and whole areas (全市) are passed over.
 */
export function detectUnit(text: string): { level: UnitLevel | null; unitName: string | null } {
  for (const mention of bureauMentions(reportHeader(text))) {
    if (!mention.governed) return { level: mention.level, unitName: mention.name };
  }
  const counts = new Map<UnitLevel, number>();
  let firstName: string | null = null;
  for (const mention of bureauMentions(text)) {
    if (mention.governed) continue;
    counts.set(mention.level, (counts.get(mention.level) ?? 0) + 1);
    firstName ??= mention.name;
  }
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return best ? { level: best[0], unitName: firstName } : { level: null, unitName: null };
}

/** The organisation the opening names as the report's author (区教育工委), as written; null if none. */
export function ownOrganisation(text: string): string | null {
  for (const mention of bureauMentions(reportHeader(text))) if (!mention.governed) return mention.text;
  return null;
}

/** The organisation a clause opens with (省人民医院…, 东坪区人民医院…), as written; null if none. */
export function organisationAtStart(clause: string): string | null {
  const [first] = bureauMentions(clause.slice(0, 24));
  return first !== undefined && first.at <= 2 ? first.text : null;
}
