import type { Status } from './palette.ts';

export type Locale = 'zh-CN' | 'en';

const ZH = {
  status: { green: '达标', yellow: '预警', red: '未达标', missing: '未报送', undisclosed: '未公开' } as Record<
    Status,
    string
  >,
  source: { manual: '手工填报', import: '表格导入', report: '报告识别', demo: '演示数据' } as Record<string, string>,
  sourcePrefix: '来源',
  /** an aggregate's hover: how many indicators (or facts) came from each source */
  mixCount: (n: number, of: 'indicators' | 'facts') =>
    `${n.toLocaleString('en-US')}${of === 'indicators' ? '项' : '条'}`,
  partial: (covered: number, total: number) => `${covered}/${total}月`,
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
  attainment: '完成率',
  units: '单位数',
  needed: '还差',
  yoy: '同比',
  mom: '环比',
  quartile: (q: number) => `第${q}四分位`,
};

const EN: typeof ZH = {
  status: { green: 'On target', yellow: 'Warning', red: 'Behind', missing: 'Not reported', undisclosed: 'Undisclosed' },
  source: { manual: 'manual entry', import: 'spreadsheet import', report: 'work report', demo: 'demo data' },
  sourcePrefix: 'Source',
  mixCount: (n, of) =>
    `${n.toLocaleString('en-US')} ${of === 'indicators' ? (n === 1 ? 'indicator' : 'indicators') : n === 1 ? 'fact' : 'facts'}`,
  partial: (covered, total) => `${covered}/${total} months`,
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
  attainment: 'Attainment',
  units: 'Units',
  needed: 'Still needed',
  yoy: 'YoY',
  mom: 'vs prev.',
  quartile: (q) => `Quartile ${q}`,
};

export function chartLabels(locale: Locale): typeof ZH {
  return locale === 'en' ? EN : ZH;
}
