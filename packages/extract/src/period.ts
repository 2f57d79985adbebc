import { parseNumeral } from './numerals.ts';

const YEAR = '(\\d{4}|[〇零一二三四五六七八九]{4})年';
const MONTH = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';
const PERIOD_PATTERN = new RegExp(
  [
    `${YEAR}度?(上半年|下半年)`,
    `${YEAR}度?第?([1-4一二三四])季度`,
    `${YEAR}${MONTH}月?\\s*[-—–~至到]\\s*${MONTH}月`,
    // A single month only when it names a reporting month (7月份, 7月党建…), not a date (7月1日).
    `${YEAR}${MONTH}月(?:份|党建|工作|总结|[“"]?[^，。；\\d“”]{0,2}主题)`,
    // A year on its own: 2022年度, 2022年，… 2022年党建工作总结. Not 2023年版 nor a date.
    `${YEAR}(?:度|(?=[，,、）)]|全年|以来|党建|党务|工作|总结|上|支部|党支部|我|是|开展))`,
  ].join('|'),
  'g',
);

const RANGE_GRAIN: Record<string, string> = {
  '1-6': 'H1',
  '7-12': 'H2',
  '1-3': 'Q1',
  '4-6': 'Q2',
  '7-9': 'Q3',
  '10-12': 'Q4',
  '1-12': '',
};

/** Title lines: the short lines before the body's first sentence. */
function titleLines(lines: readonly string[]): string[] {
  const titles: string[] = [];
  for (const line of lines) {
    if (/[。！？]/.test(line) || titles.length >= 6) break;
    titles.push(line);
  }
  return titles;
}

/** Book and document titles (《关于召开2022年度组织生活会的通知》) name other periods. */
const unquoted = (s: string) => s.replace(/《[^》]{0,80}》/g, (m) => ' '.repeat(m.length));

/**
 * Where a report states its period: the title lines before the body, then the body's first sentence.
 * Periods mentioned later (deadlines, plans, past awards) describe something else.
 */
export function reportHeader(text: string): string {
  const lines = nonEmptyLines(text);
  const titles = titleLines(lines);
  const first = lines[titles.length] ?? '';
  const stop = first.search(/[。！？]/);
  return [...titles, stop >= 0 ? first.slice(0, stop + 1) : first].filter((l) => l.length > 0).join('\n');
}

const nonEmptyLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

/** The next sentences of the body, where a yearbook or a news report names its year (…研讨。2016年，…). */
const OPENING_SENTENCES = 3;

/** A year naming a meeting held to review it: 召开(了)2021年…研判会, not the Nth meeting of a year (2023年度…第1次工作例会). */
const MEETING_YEAR = /召开了?(\d{4}|[〇零一二三四五六七八九]{4})年度?(?:(?!第)[^，。；第]){0,24}?(?:会议|大会|例会|会)/;
/** A year anywhere in a title line: 2023年党组理论学习中心组学习情况汇报, 2022年市政协工作总结. */
const TITLE_YEAR = /(\d{4}|[〇零一二三四五六七八九]{4})年度?(?![版\d一二三四五六七八九十]|月)/;
const TITLE_WORD = /总结|汇报|报告|述职|情况|要点/;

/** The period a report covers, written as in domain.md §4 (2022, 2022H1, 2022Q3, 2022-07), or null. */
export function detectPeriod(text: string): string | null {
  const header = unquoted(reportHeader(text)).replace(HONOUR_YEAR, ' ').replace(ORDINAL_MEETING, ' ');
  const found = periodIn(header);
  if (found !== undefined) return found;
  const lines = nonEmptyLines(text);
  const titles = titleLines(lines).map(unquoted);
  for (const title of titles) {
    const year = TITLE_WORD.test(title) ? title.match(TITLE_YEAR)?.[1] : undefined;
    if (year) return `${parseNumeral(year)}${yearlessPart(titles.join('\n'))}`;
  }
  // The opening is all that is read: a few hundred characters, not the whole report.
  // A meeting named for its year: 召开2021年发展学生党员工作研判会 reviews 2021.
  const meeting = header.match(MEETING_YEAR);
  if (meeting) return String(parseNumeral(meeting[1] ?? ''));
  const body = unquoted(
    lines
      .slice(titles.length, titles.length + 8)
      .join('\n')
      .slice(0, 1200),
  );
  const sentences = body.split(/(?<=[。！？])/);
  const later = sentences
    .slice(1, 1 + OPENING_SENTENCES)
    .join('')
    .replace(STARTING_POINT, ' ')
    .replace(ORDINAL_MEETING, ' ');
  // Later in the opening only a year, half or quarter counts: 从2023年6月份开始 starts something, it is no period.
  return periodIn(later, { months: false }) ?? null;
}

/** The year of an honour: 表彰了2017年度先进单位 names the honour's year, not the report's. */
const HONOUR_YEAR = /(?:\d{4}|[〇零一二三四五六七八九]{4})年度?(?=[^，。；]{0,14}(?:先进|优秀|标兵|模范|表彰))/g;
/** The Nth meeting of a year is an event in it (2023年度党支部书记第1次工作例会), not a review of it. */
const ORDINAL_MEETING = /(?:\d{4}|[〇零一二三四五六七八九]{4})年度?(?=[^，。；]{0,12}第[\d一二三四五六七八九十]+次)/g;
/** A year as the start or end of something (从2023年…, 截至2022年底), not the period reported on. */
const STARTING_POINT = /(?:从|自|截至|截止到?|至)(?:\d{4}|[〇零一二三四五六七八九]{4})年/g;

/** The first period stated in `text`; null when it states a span no standard period covers (1—10月), undefined when none. */
function periodIn(text: string, { months } = { months: true }): string | null | undefined {
  for (const m of text.matchAll(PERIOD_PATTERN)) {
    const [, y1, half, y2, quarter, y3, from, to, y4, month, y5] = m;
    if (y1 && half) return `${parseNumeral(y1)}${half === '上半年' ? 'H1' : 'H2'}`;
    if (y2 && quarter) return `${parseNumeral(y2)}Q${parseNumeral(quarter)}`;
    if (!months && (y3 || y4)) continue;
    if (y3 && from && to)
      return ((g) => (g === undefined ? null : `${parseNumeral(y3)}${g}`))(
        RANGE_GRAIN[`${parseNumeral(from)}-${parseNumeral(to)}`],
      );
    if (y4 && month) {
      const n = parseNumeral(month);
      if (n !== null && n >= 1 && n <= 12) return `${parseNumeral(y4)}-${String(n).padStart(2, '0')}`;
      continue;
    }
    if (y5) return `${parseNumeral(y5)}${yearlessPart(text)}`;
  }
  return undefined;
}

/** 上半年 or 第三季度 written apart from the year (XX县气象局上半年工作总结 … 2023年以来…). */
function yearlessPart(header: string): string {
  const m = header.match(/(?<!今年|去年|明年|\d年度?)(?:(上半年|下半年)|第?([1-4一二三四])季度)/);
  if (!m) return '';
  return m[1] ? (m[1] === '上半年' ? 'H1' : 'H2') : `Q${parseNumeral(m[2] ?? '')}`;
}
