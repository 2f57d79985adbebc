import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import { clampPage, currentPage, followOrder, pageCount, pageOf, pageRange, pageSlice } from './paging.ts';
import { buildRankingBar, niceAxisEnd, type RankingRow, sortRanking } from './ranking/option.ts';
import { buildStatusHeatmap } from './heatmap/option.ts';
import { viewOf } from './testing/option-view.ts';

const codes = Array.from({ length: 95 }, (_, i) => `u${i + 1}`);

describe('paging a list of units', () => {
  it('counts pages, the last one short, and at least one for an empty list', () => {
    expect(pageCount(95, 30)).toBe(4);
    expect(pageCount(90, 30)).toBe(3);
    expect(pageCount(0, 30)).toBe(1);
    expect(pageSlice(codes, 4, 30)).toEqual(['u91', 'u92', 'u93', 'u94', 'u95']);
    expect(pageRange(95, 2, 30)).toEqual({ from: 31, to: 60 });
    expect(pageRange(95, 4, 30)).toEqual({ from: 91, to: 95 });
    expect(pageRange(0, 1, 30)).toEqual({ from: 0, to: 0 });
  });

  it('keeps a page from a stale bookmark inside the list', () => {
    expect(clampPage(9, 95, 30)).toBe(4);
    expect(clampPage(0, 95, 30)).toBe(1);
    expect(clampPage(Number.NaN, 95, 30)).toBe(1);
    expect(pageSlice(codes, 9, 30)[0]).toBe('u91');
  });

  it('opens on the page that holds the selected unit, else the first; a page asked for wins', () => {
    // u31 is the 31st: the first of page 2; u30 the last of page 1
    expect(pageOf(codes, 'u31', 30)).toBe(2);
    expect(pageOf(codes, 'u30', 30)).toBe(1);
    expect(pageOf(codes, '990000', 30)).toBeNull();
    expect(currentPage(null, codes, 'u95', 30)).toBe(4);
    expect(currentPage(null, codes, '990000', 30)).toBe(1);
    expect(currentPage(null, codes, null, 30)).toBe(1);
    expect(currentPage(2, codes, 'u95', 30)).toBe(2);
    expect(currentPage(7, codes, 'u1', 30)).toBe(4);
  });

  it('orders the heatmap rows like the ranking, units the ranking lacks after, in their own order', () => {
    const units = [{ code: 'a' }, { code: 'b' }, { code: 'c' }, { code: 'd' }];
    expect(followOrder(units, ['c', 'x', 'a']).map((u) => u.code)).toEqual(['c', 'a', 'b', 'd']);
    expect(followOrder(units, []).map((u) => u.code)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('a page of the ranking', () => {
  const row = (code: string, value: number | null, rank: number | null, tied: boolean): RankingRow => ({
    code,
    name: `${code}县`,
    value,
    rank,
    tied,
    change: null,
    status: value === null ? 'missing' : 'green',
  });
  // ranks 1, 2, 2, 4 and an unranked one; pages of two split the tie at 2 between page 1 and page 2
  const all = sortRanking([
    row('a', 90, 1, false),
    row('b', 80, 2, true),
    row('c', 80, 2, true),
    row('d', 50, 4, false),
    row('e', null, null, false),
  ]);

  it('labels a tie split by the page boundary 并列 on both pages, ranks counted over all units', () => {
    const first = viewOf(buildRankingBar({ rows: pageSlice(all, 1, 2), axisMax: 90 }));
    const second = viewOf(buildRankingBar({ rows: pageSlice(all, 2, 2), axisMax: 90 }));
    expect(first.yAxis.data).toEqual(['第1名  a县', '并列第2  b县']);
    expect(second.yAxis.data).toEqual(['并列第2  c县', '第4名  d县']);
  });

  it('keeps one value axis across pages, so a bar on page 2 is as long as the same value on page 1', () => {
    const second = viewOf(buildRankingBar({ rows: pageSlice(all, 2, 2), axisMax: 90 }));
    const last = viewOf(buildRankingBar({ rows: pageSlice(all, 3, 2), axisMax: 90 }));
    // 90 in ticks of 20: the axis ends at 100 on every page
    expect(second.xAxis.max).toBe(100);
    expect(last.xAxis.max).toBe(100);
    // the unranked unit's track still spans the whole axis, not the page's largest value (none)
    expect(last.series[0]?.data[0]?.value).toBe(100);
    expect([97.3, 118.6, 7.3, 0.42, 2500].map(niceAxisEnd)).toEqual([100, 120, 8, 0.5, 2500]);
    // without a fixed axis ECharts picks its own end, as before
    expect(viewOf(buildRankingBar({ rows: all })).xAxis.max).toBeUndefined();
  });
});

describe('heatmap cell labels', () => {
  function svgOf(width: number, indicators: number) {
    const inds = Array.from({ length: indicators }, (_, i) => ({ code: `i${i}`, name: `指标${i}`, unit: '次' }));
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height: 200 });
    chart.setOption(
      buildStatusHeatmap({
        units: [{ code: 'u1', name: '甲县' }],
        indicators: inds,
        cells: inds.map((i) => ({
          unit: 'u1',
          indicator: i.code,
          value: 12345,
          attainment: 1,
          status: 'green' as const,
        })),
      }) as echarts.EChartsCoreOption,
    );
    const svg = chart.renderToSVGString();
    chart.dispose();
    return svg;
  }

  it('writes the value when it fits the cell, only the status icon when it does not', () => {
    // 2 columns of ~440 px: the whole label; 30 columns of under 30 px: "✓12,345" would overflow
    expect(svgOf(900, 2)).toContain('✓12,345');
    const narrow = svgOf(900, 30);
    expect(narrow).not.toContain('12,345');
    expect(narrow.match(/>✓</g)?.length).toBe(30);
  });
});
