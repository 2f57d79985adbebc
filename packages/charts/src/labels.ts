import { asOfLabel, MONTHS_EN, tryParseMonth } from '@bixue/domain';
import type { Status } from './palette.ts';

export type Locale = 'zh-CN' | 'en';

const ZH = {
  status: { green: '达标', yellow: '预警', red: '未达标', missing: '未报送', undisclosed: '未公开' } as Record<
    Status,
    string
  >,
  /** a value that cannot be judged (no target, nothing reported) */
  unjudged: '无法评价',
  source: {
    manual: '手工填报',
    import: '表格导入',
    report: '报告识别',
    demo: '演示数据',
    // what else a data version may change (issue 18): the versions' picker names them with the sources
    targets: '目标修改',
    settings: '设置修改',
    period_close: '关闭报送期',
  } as Record<string, string>,
  sourcePrefix: '来源',
  /** an aggregate's hover: how many indicators (or facts) came from each source */
  mixCount: (n: number, of: 'indicators' | 'facts') =>
    `${n.toLocaleString('en-US')}${of === 'indicators' ? '项' : '条'}`,
  partial: (covered: number, total: number) => `${covered}/${total}月`,
  /** a blank cell says why it is blank (heatmap hover and table) */
  blankWhy: {
    missing: '未报送：该单位本期没有报送此项',
    undisclosed: '未公开：该单位报告中此数被隐去（如“X次”）',
  },
  /** a value whose indicator has no target for that unit and window: it cannot be coloured */
  noTarget: '无目标',
  noTargetWhy: '无目标：该单位本期此项没有设定目标，不评价',
  /** 未到期: nothing of the target is due yet; the month (1–12) it first falls due */
  dueMonth: (month: number) => `${month}月`,
  notYetDue: (month: number) => `未到期（${month}月到期）`,
  judgedOnCovered: (covered: number, total: number) =>
    `部分数据：覆盖 ${covered}/${total} 月，按这些月份的序时目标评价`,
  value: '本单位',
  median: '同级中位数',
  band: '同级 P25–P75',
  best: '同级最佳',
  target: '目标',
  proRatedTarget: '序时目标',
  annualTarget: '全年目标',
  actual: '实际',
  composite: '综合得分',
  contribution: '贡献',
  weight: '权重',
  score: '得分',
  relative: '相对值（同级最大 = 100）',
  ofMedian: '占同级中位数的百分比（中位数 = 100）',
  attainment: '完成率',
  units: '单位数',
  needed: '还差',
  yoy: '同比',
  mom: '环比',
  quartile: (q: number) => `第${q}四分位`,
  /** a value's completeness in the files' tables */
  complete: '完整',
  partialValue: (covered: number, total: number) => `部分（${covered}/${total}月）`,
  unitCode: '单位代码',
  indicatorCode: '指标代码',
  unitName: '单位',
  indicator: '指标',
  measure: '计量单位',
  dataStatus: '数据状态',
  statusCol: '状态',
  window: '报告期',
  rank: '名次',
  rankChange: '名次变化',
  up: '进步',
  down: '退步',
  newRank: '新',
  levelGroup: { province: '全部省局', city: '全省市局', county: '全省县局' } as Record<string, string>,
  childrenOf: (name: string) => `${name}下属单位`,
  exportLine: (time: string) => `数据来源：bixue 比学赶超 · 导出时间：${time}`,
  /** the data version a file was drawn from (domain.md §9) */
  dataVersion: (version: number) => `数据版本 v${version}`,
  /** the province counted drafts (count_unapproved) */
  unapproved: '含未审核数据',
  pageNote: (from: number, to: number, total: string) => `第 ${from}–${to} 位，共 ${total} 个单位`,
  /** words in brackets after a name */
  aside: (s: string) => `（${s}）`,
  /** 报送情况: a month a unit reported something for, and one it owes */
  monthReported: '✓',
  monthOwed: '缺',
  reported: '已报送',
  reportedMonths: '已报月数',
  owedPeriods: '缺报',
  /** a value divided by the unit's party members */
  perMember: (unit: string) => `${unit}/人`,
};

const EN: typeof ZH = {
  status: { green: 'On target', yellow: 'Warning', red: 'Behind', missing: 'Not reported', undisclosed: 'Undisclosed' },
  unjudged: 'Not judged',
  source: {
    manual: 'manual entry',
    import: 'spreadsheet import',
    report: 'work report',
    demo: 'demo data',
    targets: 'targets changed',
    settings: 'settings changed',
    period_close: 'reporting period closed',
  },
  sourcePrefix: 'Source',
  mixCount: (n, of) =>
    `${n.toLocaleString('en-US')} ${of === 'indicators' ? (n === 1 ? 'indicator' : 'indicators') : n === 1 ? 'fact' : 'facts'}`,
  partial: (covered, total) => `${covered}/${total} months`,
  blankWhy: {
    missing: 'No data reported for this period',
    undisclosed: 'Not disclosed: masked in the report (e.g. "X times")',
  },
  noTarget: 'No target',
  noTargetWhy: 'No target: none is set for this unit and period, so it is not judged',
  dueMonth: (month) => MONTHS_EN[month - 1] ?? String(month),
  notYetDue: (month) => `Not yet due (due ${MONTHS_EN[month - 1] ?? month})`,
  judgedOnCovered: (covered, total) => `Partial: covers ${covered}/${total} months, judged on the target due in them`,
  value: 'This unit',
  median: 'Peer median',
  band: 'Peer P25–P75',
  best: 'Peer best',
  target: 'Target',
  proRatedTarget: 'Target to date',
  annualTarget: 'Annual target',
  actual: 'Actual',
  composite: 'Composite score',
  contribution: 'Contribution',
  weight: 'Weight',
  score: 'Score',
  relative: 'Relative (peer max = 100)',
  ofMedian: '% of the peer median (median = 100)',
  attainment: 'Attainment',
  units: 'Units',
  needed: 'Still needed',
  yoy: 'YoY',
  mom: 'vs prev.',
  quartile: (q) => `Quartile ${q}`,
  complete: 'Complete',
  partialValue: (covered, total) => `Partial (${covered}/${total} months)`,
  unitCode: 'Unit code',
  indicatorCode: 'Indicator code',
  unitName: 'Unit',
  indicator: 'Indicator',
  measure: 'Measure',
  dataStatus: 'Data',
  statusCol: 'Status',
  window: 'Period',
  rank: 'Rank',
  rankChange: 'Rank change',
  up: 'Improved',
  down: 'Fell',
  newRank: 'new',
  levelGroup: { province: 'All provinces', city: 'All cities in the province', county: 'All counties in the province' },
  childrenOf: (name) => `Units under ${name}`,
  exportLine: (time) => `Data: bixue · exported ${time}`,
  dataVersion: (version) => `data version v${version}`,
  unapproved: 'includes unapproved data',
  pageNote: (from, to, total) => `Ranks ${from}–${to} of ${total} units`,
  aside: (s) => ` (${s})`,
  monthReported: '✓',
  monthOwed: 'missing',
  reported: 'Reported',
  reportedMonths: 'Months reported',
  owedPeriods: 'Missing',
  perMember: (unit) => `${unit} per member`,
};

export function chartLabels(locale: Locale): typeof ZH {
  return locale === 'en' ? EN : ZH;
}

/** What an answer says it was drawn from, as a file's source line names it. */
export interface DrawnFrom {
  dataVersion: number;
  /** the data as-of month, 'YYYY-MM' */
  asOf: string;
  /** drafts were counted (the province's count_unapproved) */
  unapproved: boolean;
}

/**
 * A file's source line naming what it was drawn from (domain.md §9): "数据来源：bixue 比学赶超 ·
 * 数据版本 v123 · 数据截至2026年9月 · 含未审核数据 · 导出时间：…", so a file shown months later can
 * be drawn again exactly as it was. The server's exports and the web's own downloads both write it.
 */
export function sourceLineOf(locale: Locale, time: string, from: DrawnFrom | null): string {
  const l = chartLabels(locale);
  const line = l.exportLine(time);
  if (!from) return line;
  const month = tryParseMonth(from.asOf);
  const drawn = [
    l.dataVersion(from.dataVersion),
    ...(month === null ? [] : [asOfLabel(month, locale === 'en' ? 'en' : 'zh-CN')]),
    ...(from.unapproved ? [l.unapproved] : []),
  ].join(' · ');
  // after the source, before the time: "数据来源：bixue 比学赶超 · <drawn> · 导出时间：…"
  const cut = line.lastIndexOf(' · ');
  return `${line.slice(0, cut)} · ${drawn}${line.slice(cut)}`;
}

/** A value's completeness in words, for the tables: 完整, 部分（6/12月）, 未报送, 未公开. */
export function rollupText(
  locale: Locale,
  status: 'value' | 'partial' | 'missing' | 'undisclosed',
  coverage: { months: number; of: number } | null,
): string {
  const l = chartLabels(locale);
  if (status === 'missing' || status === 'undisclosed') return l.status[status];
  return status === 'partial' && coverage ? l.partialValue(coverage.months, coverage.of) : l.complete;
}

/** 党课次数（次） / Party lectures (次): a table column of one indicator's values */
export function measured(locale: Locale, name: string, unit: string): string {
  if (!unit) return name;
  return locale === 'en' ? `${name} (${unit})` : `${name}（${unit}）`;
}

/**
 * A status in words: 达标, or 未到期（12月到期） for a green that only means nothing of the target
 * is due yet (the answers' `dueMonth`), so it is not read as done.
 */
export function statusText(locale: Locale, status: Status, dueMonth?: number | null): string {
  const l = chartLabels(locale);
  const due = greenNotYetDue(status, dueMonth);
  return due ? l.notYetDue(due) : l.status[status];
}

/** The month a green falls due when it only means nothing of the target is due yet; null for any other status. */
export function greenNotYetDue(status: string, dueMonth?: number | null): number | null {
  return status === 'green' && dueMonth ? dueMonth : null;
}
