import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import { benchmarkPages, benchmarkRowLabel, buildBenchmark, rowScale } from './benchmark/option.ts';
import { buildCompositeWaterfall, waterfallSteps } from './waterfall/option.ts';
import { waterfallCommentary } from './waterfall/commentary.ts';
import {
  formatChange,
  formatDelta,
  formatDeltaArrow,
  formatRank,
  formatValue,
  sourceLine,
  sourceMixLine,
} from './format.ts';
import { gapsCommentary } from './gaps/commentary.ts';
import { buildGapsBullet, sortByUrgency } from './gaps/option.ts';
import { gapsTable } from './gaps/table.ts';
import { formatWithUnit } from './format.ts';
import { joinSentences } from './commentary.ts';
import { indicatorRef } from './from-api.ts';
import type { Indicator } from '@bixue/domain';
import { BRAND, STATUS_COLORS } from './palette.ts';
import { buildRankingBar, type RankingRow, sortRanking } from './ranking/option.ts';
import { buildStatusCounts } from './status-counts/option.ts';
import { statusCounts } from './status-counts/rows.ts';
import { buildStatusHeatmap } from './heatmap/option.ts';
import { buildTrendLine, type TrendPoint } from './trend/option.ts';
import { buildMultiples } from './multiples/option.ts';
import type { MultipleTile } from './multiples/rows.ts';
import { legendNames, optionOf, type OptionView, seriesByName, viewOf } from './testing/option-view.ts';

const row = (
  code: string,
  name: string,
  value: number | null,
  rank: number | null,
  tied = false,
  change: RankingRow['change'] = null,
): RankingRow => ({
  code,
  name,
  value,
  rank,
  tied,
  change,
  status: value === null ? 'missing' : 'green',
});

/** Renders an option the way server-side export will, so a builder that ECharts rejects fails here. */
function renderSvg(option: OptionView): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 900, height: 600 });
  chart.setOption(optionOf(option));
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

describe('formatting (ui.md number conventions)', () => {
  it('writes ranks, ties and changes the way the bureau writes them', () => {
    expect(formatRank(3, false)).toBe('第3名');
    expect(formatRank(3, true)).toBe('并列第3');
    expect(formatRank(3, true, 'en')).toBe('T-3');
    expect(formatChange(3)).toBe('↑3');
    expect(formatChange(-1)).toBe('↓1');
    expect(formatChange('new')).toBe('新');
    expect(formatChange(0)).toBe('–');
    expect(formatChange(null)).toBe('');
  });
  it('counts as integers with separators, rates and fractions with one decimal', () => {
    expect(formatValue(12345)).toBe('12,345');
    expect(formatValue(71.428, '%')).toBe('71.4%');
    expect(formatValue(2.25)).toBe('2.3');
    expect(formatDelta(0.125)).toBe('+12.5%');
    expect(formatDelta(-0.03)).toBe('−3.0%');
    expect(formatDelta(null)).toBe('–');
    expect([
      formatDeltaArrow(0.125),
      formatDeltaArrow(-0.03),
      formatDeltaArrow(0),
      formatDeltaArrow(null),
      formatDeltaArrow(Infinity),
    ]).toEqual(['↑12.5%', '↓3.0%', '0.0%', '–', '–']);
  });
  it('names the source of a number, with the report sentence', () => {
    expect(sourceLine('zh-CN', 'report', '召开党员大会5次')).toBe('来源：报告识别：“召开党员大会5次”');
    expect(sourceLine('en', 'manual')).toBe('Source: manual entry');
    expect(sourceLine('zh-CN', null)).toBe('');
  });
  it("counts an aggregate's sources, reports first, nothing when nothing is counted", () => {
    expect(sourceMixLine('zh-CN', { demo: 1200, report: 3, manual: 1 }, 'facts')).toBe(
      '来源：报告识别 3条 · 手工填报 1条 · 演示数据 1,200条',
    );
    expect(sourceMixLine('en', { import: 12, report: 1 }, 'indicators')).toBe(
      'Source: work report 1 indicator · spreadsheet import 12 indicators',
    );
    expect(sourceMixLine('zh-CN', {}, 'indicators')).toBe('');
    expect(sourceMixLine('zh-CN', null, 'indicators')).toBe('');
  });
});

describe('commentary paragraphs', () => {
  it('puts a space between English sentences and none between Chinese ones', () => {
    expect(joinSentences(['A is behind on 5 of 13 indicators.', 'Most urgent: star rating.'])).toBe(
      'A is behind on 5 of 13 indicators. Most urgent: star rating.',
    );
    expect(joinSentences(['甲县13项中5项落后。', '最紧迫的是星级评定。'])).toBe(
      '甲县13项中5项落后。最紧迫的是星级评定。',
    );
    expect(joinSentences([])).toBe('');
  });
});

describe('ranking bar', () => {
  // 1, 2, 2, 4 with a missing unit: the missing one goes last, unranked
  const rows = [
    row('c', '丙县', 80, 2, true, -1),
    row('x', '戊县', null, null),
    row('a', '甲县', 95, 1, false, 3),
    row('d', '丁县', 60, 4, false, 'new'),
    row('b', '乙县', 80, 2, true, 0),
  ];

  it('sorts by rank, ties side by side, unranked after', () => {
    // tied units by name in Chinese collation order: 丙 (bǐng) before 乙 (yǐ)
    expect(sortRanking(rows).map((r) => r.code)).toEqual(['a', 'c', 'b', 'd', 'x']);
  });

  it('labels ties as 并列 and shows change arrows', () => {
    const opt = viewOf(buildRankingBar({ rows, selected: 'c' }));
    expect(opt.yAxis.data).toEqual(['第1名  甲县', '并列第2  丙县', '并列第2  乙县', '第4名  丁县', '未报送  戊县']);
    const labels = opt.series[0]?.data.map((d) => d.label.formatter);
    expect(labels).toEqual(['95 ↑3', '80 ↓1', '80 –', '60 新', '未报送']);
  });

  it('draws the selected unit in the brand colour and missing as a hatched track, not a zero bar', () => {
    const opt = viewOf(buildRankingBar({ rows, selected: 'c' }));
    const data = opt.series[0]!.data;
    expect(data[1]?.itemStyle.color).toBe(BRAND);
    expect(data[0]?.itemStyle.color).not.toBe(BRAND);
    // the missing unit's track spans the whole axis (max value 95) and is hatched grey
    expect(data[4]?.value).toBe(95);
    expect(data[4]?.itemStyle.color).toBe(STATUS_COLORS.missing);
    expect(data[4]?.itemStyle.decal).toBeDefined();
    expect(renderSvg(opt)).toContain('并列第2');
  });

  it("says where each number came from on hover: its source, or a composite's mix of sources", () => {
    const sourced = [
      { ...rows[2]!, source: 'report' as const, sourceText: '全年召开党员大会95次' },
      { ...rows[0]!, sources: { import: 10, manual: 2 } },
    ];
    const opt = viewOf(buildRankingBar({ rows: sourced }));
    const hover = (i: number) => opt.tooltip.formatter({ dataIndex: i });
    expect(hover(0)).toContain('来源：报告识别：“全年召开党员大会95次”');
    expect(hover(1)).toContain('来源：表格导入 10项 · 手工填报 2项');
  });
});

describe('status heatmap', () => {
  const input = {
    units: [
      { code: 'u1', name: '甲县' },
      { code: 'u2', name: '乙县' },
    ],
    indicators: [
      { code: 'members_congress', name: '党员大会', unit: '次' },
      { code: 'rectification_rate', name: '整改完成率', unit: '%' },
    ],
    cells: [
      { unit: 'u1', indicator: 'members_congress', value: 2, attainment: 1, status: 'green' as const },
      { unit: 'u1', indicator: 'rectification_rate', value: 0, attainment: 0, status: 'red' as const },
      { unit: 'u2', indicator: 'members_congress', value: null, attainment: null, status: 'missing' as const },
      {
        unit: 'u2',
        indicator: 'rectification_rate',
        value: null,
        attainment: null,
        status: 'undisclosed' as const,
        coverage: { covered: 6, total: 12 },
      },
    ],
  };

  it('puts each cell in the series of its status, with a legend entry per status', () => {
    const opt = viewOf(buildStatusHeatmap(input));
    expect(legendNames(opt)).toEqual(['✓ 达标', '! 预警', '✕ 未达标', '– 未报送', 'X 未公开']);
    const byName = seriesByName(opt);
    expect(byName['✓ 达标']?.data).toEqual([[0, 0, 0]]);
    expect(byName['✕ 未达标']?.data).toEqual([[1, 0, 1]]);
    expect(byName['– 未报送']?.data).toEqual([[0, 1, 2]]);
    expect(byName['X 未公开']?.data).toEqual([[1, 1, 3]]);
  });

  it('says on hover that a partial value was judged on the months it covers', () => {
    const partial = {
      ...input,
      cells: [
        {
          unit: 'u1',
          indicator: 'members_congress',
          value: 2,
          attainment: 1,
          status: 'green' as const,
          coverage: { covered: 6, total: 9 },
          judgedOnCovered: true,
        },
      ],
    };
    const hover = (locale: 'zh-CN' | 'en') =>
      String(viewOf(buildStatusHeatmap({ ...partial, locale })).tooltip.formatter({ data: [0, 0, 0] }));
    expect(hover('zh-CN')).toContain('部分数据：覆盖 6/9 月，按这些月份的序时目标评价');
    expect(hover('en')).toContain('Partial: covers 6/9 months, judged on the target due in them');
  });

  it('says why a blank cell is blank on hover: not reported, or masked in the report', () => {
    const opt = viewOf(buildStatusHeatmap(input));
    // cells 2 and 3 of the input: u2's missing 党员大会 and undisclosed 整改完成率
    expect(String(opt.tooltip.formatter({ data: [0, 1, 2] }))).toContain('未报送：该单位本期没有报送此项');
    expect(String(opt.tooltip.formatter({ data: [1, 1, 3] }))).toContain('未公开：该单位报告中此数被隐去');
    const en = viewOf(buildStatusHeatmap({ ...input, locale: 'en' }));
    expect(String(en.tooltip.formatter({ data: [0, 1, 2] }))).toContain('No data reported for this period');
  });

  it('renders a zero as a red cell with its value and a missing cell hatched without a number', () => {
    const svg = renderSvg(viewOf(buildStatusHeatmap(input)));
    expect(svg).toContain('✕0.0%');
    expect(svg).toContain('✓2');
    // hatching lines are drawn only for the missing cell
    expect(svg.match(/stroke="#FFFFFF"[^>]*ecmeta_ssr_type="chart"/g)?.length ?? 0).toBeGreaterThan(3);
  });

  it('names the month a target not yet due falls due, in the cell, on hover and in the status counts', () => {
    // 组织生活会 due in December, judged through August: u1 held none yet (green), u2 reported nothing
    const early = {
      ...input,
      indicators: [{ code: 'org_life_meeting', name: '组织生活会', unit: '次' }],
      cells: [
        {
          unit: 'u1',
          indicator: 'org_life_meeting',
          value: 0,
          attainment: null,
          status: 'green' as const,
          dueMonth: 12,
        },
        {
          unit: 'u2',
          indicator: 'org_life_meeting',
          value: null,
          attainment: null,
          status: 'missing' as const,
          dueMonth: 12,
        },
      ],
    };
    expect(renderSvg(viewOf(buildStatusHeatmap(early)))).toContain('✓12月');
    const zh = viewOf(buildStatusHeatmap(early));
    expect(String(zh.tooltip.formatter({ data: [0, 0, 0] }))).toContain('0次 · ✓ 未到期（12月到期）');
    expect(String(zh.tooltip.formatter({ data: [0, 1, 1] }))).toContain('未到期（12月到期）');
    const en = viewOf(buildStatusHeatmap({ ...early, locale: 'en' }));
    expect(renderSvg(en)).toContain('✓Dec');
    expect(String(en.tooltip.formatter({ data: [0, 0, 0] }))).toContain('Not yet due (due Dec)');
    const [counts] = statusCounts(early.cells, early.indicators);
    expect(counts?.notYetDue).toEqual({ units: 1, month: 12 });
    const bars = viewOf(buildStatusCounts({ rows: [counts!] }));
    expect(String(bars.tooltip.formatter([{ dataIndex: 0 }]))).toContain('未到期（12月到期）：1');
  });
});

describe('benchmark', () => {
  const rows = [
    {
      indicator: { code: 'members_congress', name: '党员大会', unit: '次' },
      value: 3,
      status: 'green' as const,
      median: 4,
      p25: 2,
      p75: 5,
      best: { value: 8, unit: { code: 'b', name: '乙县' } },
      quartile: 3,
    },
    {
      indicator: { code: 'party_lecture', name: '党课', unit: '次' },
      value: null,
      status: 'missing' as const,
      median: 2,
      p25: 1,
      p75: 4,
      best: null,
      quartile: null,
    },
  ];
  it('draws each row as a percentage of the peer median, the unit and the best joined, labelled with real numbers', () => {
    // 党员大会: median 4 → 100; the unit's 3 → 75, the best 8 → 200
    expect(rowScale(rows[0]!)).toBe(0.04);
    const opt = viewOf(buildBenchmark({ rows }));
    const s = seriesByName(opt);
    expect(s['本单位']?.data[0]?.value).toBe(75);
    expect(s['本单位']?.data[0]?.label.formatter).toBe('3次');
    expect(s['本单位']?.data[1]).toBeNull();
    expect(s['同级最佳']?.data[0]?.value).toBe(200);
    expect(s['同级最佳']?.data[0]?.label.formatter).toBe('8次');
    expect(s['同级最佳']?.data[1]).toBeNull();
    expect(s['同级中位数']?.data).toEqual([100, 100]);
    // the dumbbell's bar from 75 to 200; none where the unit did not report
    expect(s._base?.data).toEqual([75, 0]);
    expect(s._span?.data).toEqual([125, 0]);
    expect(s['未报送']?.data).toEqual([null, 0]);
    // 200 × 1.08 = 216 → a round 250
    expect(opt.xAxis.max).toBe(250);
    expect(opt.yAxis.axisLabel.interval).toBe(0);
    expect(renderSvg(opt)).toContain('党员大会');
  });
  it("labels a unit's 0 to the right of its dot, lifted clear of the bar and of the row above", () => {
    const zero = { ...rows[0]!, value: 0 };
    const s = seriesByName(viewOf(buildBenchmark({ rows: [zero] })));
    expect(s['本单位']?.data[0]?.value).toBe(0);
    expect(s['本单位']?.data[0]?.label).toMatchObject({ formatter: '0次', position: 'right', offset: [0, -10] });
    // 3 of median 4 (75 %) is far from the axis: its label keeps the series' place, left of the dot
    expect(seriesByName(viewOf(buildBenchmark({ rows }))).本单位?.data[0]?.label).not.toHaveProperty('position');
  });
  it('pages by category, whole categories together and never more than the page size', () => {
    const r = (code: string, category: string) => ({ indicator: { code, category } });
    const pages = benchmarkPages([r('a', 'x'), r('b', 'x'), r('c', 'y'), r('d', 'z'), r('e', 'z'), r('f', 'z')], 3);
    expect(pages.map((p) => p.map((x) => x.indicator.code))).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
    const long = benchmarkPages([r('a', 'x'), r('b', 'x'), r('c', 'x'), r('d', 'x')], 3);
    expect(long.map((p) => p.length)).toEqual([3, 1]);
  });
});

describe('composite waterfall', () => {
  it('orders contributions biggest first and ends with the total', () => {
    const parts = [
      { code: 'a', name: '党课', weight: 0.25, score: 80, contribution: 20 },
      { code: 'b', name: '党员大会', weight: 0.5, score: 120, contribution: 60 },
      { code: 'c', name: '主题党日', weight: 0.25, score: null, contribution: 0 },
    ];
    expect(waterfallSteps(parts).map((s) => [s.part.code, s.start])).toEqual([
      ['b', 0],
      ['a', 60],
      ['c', 80],
    ]);
    const opt = viewOf(buildCompositeWaterfall({ total: 80, parts }));
    expect(opt.yAxis.data).toEqual(['党员大会', '党课', '主题党日', '综合得分']);
    expect(opt.series[0]?.data).toEqual([0, 60, 80, 0]);
    expect(opt.series[1]?.data.map((d) => d.label.formatter)).toEqual(['+60', '+20', '未报送', '80']);
    expect(opt.series[1]?.data[3]?.itemStyle.color).toBe(BRAND);
  });
  it('names the source of each part on hover', () => {
    const opt = viewOf(
      buildCompositeWaterfall({
        total: 20,
        parts: [{ code: 'a', name: '党课', weight: 1, score: 20, contribution: 20, source: 'manual' }],
      }),
    );
    expect(opt.tooltip.formatter({ dataIndex: 0 })).toContain('来源：手工填报');
    const two = viewOf(
      buildCompositeWaterfall({
        total: 30,
        parts: [
          { code: 'a', name: '党课', weight: 0.5, score: 20, contribution: 10, source: 'manual' },
          { code: 'b', name: '党员大会', weight: 0.5, score: 40, contribution: 20, source: 'report' },
        ],
      }),
    );
    // the total bar comes after both parts
    expect(two.tooltip.formatter({ dataIndex: 2 })).toContain('来源：报告识别 1项 · 手工填报 1项');
  });
  it('says which indicators too few peers report are not counted', () => {
    const parts = [{ code: 'a', name: '党课', weight: 1, score: 80, contribution: 80 }];
    expect(waterfallCommentary(80, parts, '甲县', 'zh-CN', ['调研报告', '新建制度'])).toEqual([
      '甲县综合得分80分。',
      '贡献最大的是党课（+80分）。',
      '同级可比单位不足，不计入：调研报告和新建制度。',
    ]);
    expect(waterfallCommentary(80, parts, 'County A', 'en', ['Research reports']).at(-1)).toBe(
      'Too few comparable peers; not counted: Research reports.',
    );
    expect(waterfallCommentary(80, parts, '甲县', 'zh-CN')).toHaveLength(2);
  });
});

describe('benchmark row label', () => {
  it('names a row with its real numbers, and a unit without a value by why', () => {
    const row = (value: number | null, status: 'green' | 'missing' = 'green') => ({
      indicator: { code: 'members_congress', name: '党员大会', unit: '次' },
      value,
      status,
      median: 4,
      p25: 3,
      p75: 5,
      best: { value: 8, unit: { code: '990102', name: '宁远县' } },
      quartile: null,
    });
    expect(benchmarkRowLabel(row(1))).toBe('党员大会：本单位1次，中位4次，最佳8次');
    expect(benchmarkRowLabel(row(null, 'missing'))).toBe('党员大会：本单位未报送，中位4次，最佳8次');
    const en = {
      ...row(null, 'missing'),
      indicator: { code: 'members_congress', name: 'Party congress', unit: 'times' },
    };
    expect(benchmarkRowLabel(en, 'en')).toBe('Party congress: unit not reported, median 4 times, best 8 times');
  });
});

describe('trend line', () => {
  it('stacks the band on P25, dashes median and target, leaves missing windows as gaps', () => {
    const base = { status: 'green' as const, target: 2 };
    const opt = viewOf(
      buildTrendLine({
        unit: '次',
        unitName: '甲县',
        points: [
          { ...base, window: '2024H1', label: '2024年上半年', value: 3, median: 2, p25: 1, p75: 4 },
          {
            ...base,
            window: '2024H2',
            label: '2024年下半年',
            value: null,
            status: 'missing',
            median: 3,
            p25: 2,
            p75: 5,
          },
        ],
      }),
    );
    const s = seriesByName(opt);
    expect(s._p25?.data).toEqual([1, 2]);
    expect(s['同级 P25–P75']?.data).toEqual([3, 3]);
    expect(s['同级中位数']?.lineStyle.type).toBe('dashed');
    expect(s['目标']?.lineStyle.type).toBe('dashed');
    expect(s['甲县']?.data[1]).toBeNull();
    expect(s['未报送']?.data).toEqual([null, 0]);
    expect(opt.legend.data).toContain('未报送');
    expect(renderSvg(opt)).toContain('2024年上半年');
  });

  it('names the peers in the legend only where some point has them, in a tile and across the multiples', () => {
    const alone: TrendPoint = {
      window: '2024H1',
      label: '2024年上半年',
      status: 'green',
      target: 2,
      value: 3,
      p25: null,
      p75: null,
      median: null,
    };
    const peered = { ...alone, median: 2, p25: 1, p75: 4 };
    const legendOf = (points: TrendPoint[]) =>
      legendNames(viewOf(buildTrendLine({ unit: '次', unitName: '甲县', points })));
    expect(legendOf([alone])).toEqual(['甲县', '目标', '未报送']);
    expect(legendOf([alone, { ...peered, window: '2024H2' }])).toEqual([
      '甲县',
      '同级中位数',
      '同级 P25–P75',
      '目标',
      '未报送',
    ]);
    const tile = (code: string, points: (typeof alone)[]) =>
      ({ indicator: { code, name: code, unit: '次' }, points, trend: { points: [] } }) as unknown as MultipleTile;
    const multiples = (tiles: MultipleTile[]) => legendNames(viewOf(buildMultiples({ tiles, unitName: '甲县' })));
    // the first tile has no peers, the second has: the one legend names them
    expect(multiples([tile('a', [alone]), tile('b', [peered])])).toEqual([
      '甲县',
      '同级中位数',
      '同级 P25–P75',
      '目标',
      '未报送',
    ]);
    expect(multiples([tile('a', [alone]), tile('b', [alone])])).toEqual(['甲县', '目标', '未报送']);
  });

  it('draws and writes a count target rounded up, a rate target as it is', () => {
    const point = { window: '2026', label: '2026年', value: 3, status: 'green' as const, median: 3, p25: 2, p75: 4 };
    // 10 a year, five months in: 4.1667 due
    const count = viewOf(
      buildTrendLine({ unit: '次', unitName: '甲县', points: [{ ...point, target: (10 * 5) / 12 }] }),
    );
    expect(seriesByName(count)['目标']?.data).toEqual([5]);
    expect(count.tooltip.formatter([{ dataIndex: 0 }])).toContain('目标：5次');
    const rate = viewOf(buildTrendLine({ unit: '%', unitName: '甲县', points: [{ ...point, target: 95 }] }));
    expect(seriesByName(rate)['目标']?.data).toEqual([95]);
    expect(rate.tooltip.formatter([{ dataIndex: 0 }])).toContain('目标：95.0%');
  });

  const points = [
    {
      window: '2023H2',
      label: '2023年下半年',
      value: 0,
      status: 'green' as const,
      median: 1,
      p25: 0,
      p75: 2,
      target: 2,
    },
    {
      window: '2024H1',
      label: '2024年上半年',
      value: null,
      status: 'missing' as const,
      median: 1,
      p25: 0,
      p75: 2,
      target: 2,
    },
    {
      window: '2024H2',
      label: '2024年下半年',
      value: null,
      status: 'undisclosed' as const,
      median: 2,
      p25: 1,
      p75: 3,
      target: 2,
    },
    {
      window: '2025H1',
      label: '2025年上半年',
      value: 2,
      status: 'green' as const,
      coverage: { covered: 3, total: 6 },
      median: 2,
      p25: 1,
      p75: 3,
      target: 2,
    },
  ];

  it('tells a zero, a missing, an undisclosed and a partial window apart', () => {
    const opt = viewOf(buildTrendLine({ unit: '次', unitName: '甲县', points }));
    const s = seriesByName(opt);
    // a reported zero is a filled dot at 0; the gaps are markers on the axis, not line points
    expect(s['甲县']?.data).toEqual([{ value: 0, symbol: 'circle' }, null, null, { value: 2, symbol: 'emptyCircle' }]);
    expect(s['未报送']?.data).toEqual([null, 0, null, null]);
    expect(s['未公开']?.data).toEqual([null, null, 0, null]);
    expect(s['未报送']?.symbol).not.toBe(s['未公开']?.symbol);
    expect(opt.legend.data).toContain('未公开');
    // no undisclosed window, no 未公开 in the legend
    expect(
      viewOf(buildTrendLine({ unit: '次', unitName: '甲县', points: points.slice(0, 2) })).legend.data,
    ).not.toContain('未公开');
    expect(renderSvg(opt)).toContain('2025年上半年');
  });

  it('draws a compact small multiple: same series, no legend or animation, small type', () => {
    const full = viewOf(buildTrendLine({ unit: '次', unitName: '甲县', points }));
    const opt = viewOf(buildTrendLine({ unit: '次', unitName: '甲县', points, compact: true }));
    expect(opt.series.map((x) => [x.name, x.data])).toEqual(full.series.map((x) => [x.name, x.data]));
    expect([opt.legend.show, opt.animation, full.legend.show, full.animation]).toEqual([false, false, true, true]);
    expect(opt.grid.top).toBeLessThan(full.grid.top);
    expect(opt.yAxis.axisLabel.fontSize).toBe(10);
    expect(opt.tooltip.confine).toBe(true);
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 300, height: 180 });
    chart.setOption(optionOf(opt));
    const svg = chart.renderToSVGString();
    chart.dispose();
    // the legend is not drawn; the axis still is
    expect(renderSvg(full)).toContain('同级中位数');
    expect(svg).not.toContain('同级中位数');
    expect(svg).toContain('2023年下半年');
  });
});

describe('gaps bullet', () => {
  const ind = (code: string) => ({ code, name: code, unit: '次' });
  const rows = [
    { indicator: ind('ok'), value: 3, status: 'green' as const, proRated: 2, annual: 4, needed: 1 },
    { indicator: ind('behind'), value: 1, status: 'red' as const, proRated: 6, annual: 12, needed: 11 },
    { indicator: ind('silent'), value: null, status: 'missing' as const, proRated: 0.5, annual: 1, needed: 1 },
    { indicator: ind('warn'), value: 5, status: 'yellow' as const, proRated: 6, annual: 12, needed: 7 },
  ];
  it('sorts by urgency: nothing reported, then furthest behind the pro-rated target', () => {
    // urgencies: silent 0, behind 1/6, warn 5/6, ok 3/2
    expect(sortByUrgency(rows).map((r) => r.indicator.code)).toEqual(['silent', 'behind', 'warn', 'ok']);
  });
  it('draws actual and pro-rated target as % of the annual target', () => {
    const opt = viewOf(buildGapsBullet({ rows }));
    // behind: 1/12 = 8.33%, its pro-rated 6/12 = 50%
    expect(opt.series[1]?.data[1]?.value).toBeCloseTo(8.333, 2);
    expect(opt.series[2]?.data[1]).toBe(50);
    expect(opt.series[1]?.data[0]?.itemStyle.decal).toBeDefined();
    expect(renderSvg(opt)).toContain('序时目标');
  });
  it('shows a count target rounded up wherever it is written, while judging on the exact one', () => {
    // 10 a year, five months in: 10 × 5/12 = 4.1667 due, 2 held, 2.1667 still needed
    const due = (10 * 5) / 12;
    const r = {
      indicator: ind('lecture'),
      value: 2,
      status: 'red' as const,
      proRated: due,
      annual: 10,
      needed: due - 2,
    };
    const opt = viewOf(buildGapsBullet({ rows: [r] }));
    expect(opt.tooltip.formatter({ dataIndex: 0 })).toContain('序时目标：5次');
    expect(opt.tooltip.formatter({ dataIndex: 0 })).toContain('还差：3次');
    // the tick stands at 5 of 10
    expect(opt.series[2]?.data[0]).toBe(50);
    expect(gapsTable([r], 'zh-CN').rows[0]).toMatchObject({ proRated: 5, annual: 10, needed: 3 });
    expect(gapsCommentary([r], '甲县', 'zh-CN')[1]).toBe(
      '最紧迫的是lecture（完成序时目标的48.0%），按序时进度还差3次。',
    );
    // "to date", not "this year": 10 a year would leave 8 for the year, but 3 are owed now
    expect(gapsCommentary([{ ...r, indicator: { ...r.indicator, unit: 'times' } }], 'A County', 'en')[1]).toBe(
      'Most urgent: lecture (48.0% of the target to date), 3 times still needed to be on pace.',
    );
  });
});

describe('status counts', () => {
  it('stacks the counts per status, worst indicator first', () => {
    const counts = (green: number, yellow: number, red: number, missing: number) => ({
      green,
      yellow,
      red,
      missing,
      undisclosed: 0,
    });
    const opt = viewOf(
      buildStatusCounts({
        rows: [
          { indicator: { code: 'a', name: '党课' }, counts: counts(5, 1, 1, 0) },
          { indicator: { code: 'b', name: '党员大会' }, counts: counts(2, 1, 4, 1) },
        ],
      }),
    );
    expect(opt.yAxis.data).toEqual(['党员大会', '党课']);
    expect(opt.series.map((s) => [s.name, s.data])).toEqual([
      ['✓ 达标', [2, 5]],
      ['! 预警', [1, 1]],
      ['✕ 未达标', [4, 1]],
      ['– 未报送', [1, 0]],
      ['X 未公开', [0, 0]],
    ]);
    expect(renderSvg(opt)).toContain('未达标');
  });
});

describe('measure units in English', () => {
  it('writes 5次 in Chinese and 5 times in English, a rate the same in both', () => {
    expect(formatWithUnit(5, '次')).toBe('5次');
    expect(formatWithUnit(5, 'times')).toBe('5 times');
    // one is singular in English, zero and fractions are not
    expect(formatWithUnit(1, 'times')).toBe('1 time');
    expect(formatWithUnit(1, 'person-times')).toBe('1 person-time');
    expect(formatWithUnit(0, 'times')).toBe('0 times');
    expect(formatWithUnit(1.2, 'hours')).toBe('1.2 hours');
    expect(formatWithUnit(1, '次')).toBe('1次');
    expect(formatWithUnit(1234, 'person-times')).toBe('1,234 person-times');
    expect(formatWithUnit(71.43, '%')).toBe('71.4%');
    const lecture = {
      code: 'party_lecture',
      nameZh: '党课',
      nameEn: 'Party lectures',
      unit: '次',
      category: 'x',
    } as unknown as Indicator;
    expect(indicatorRef(lecture, 'en').unit).toBe('times');
    expect(indicatorRef(lecture, 'zh-CN').unit).toBe('次');
    expect(indicatorRef({ ...lecture, unit: '名' }, 'en').unit).toBe('persons');
  });
});
