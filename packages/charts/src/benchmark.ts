import type { EChartsOption } from 'echarts';
import { formatValue, sourceLine } from './format.ts';
import { chartLabels } from './labels.ts';
import { BRAND, DATA, FONT_FAMILY, STATUS_COLORS } from './palette.ts';
import { textColors, tooltipHtml } from './text.ts';
import type { CommonOptions, IndicatorRef, Observed, UnitRef } from './types.ts';

export interface BenchmarkRow extends Observed {
  indicator: IndicatorRef;
  median: number | null;
  p25: number | null;
  p75: number | null;
  best: { value: number; unit: UnitRef } | null;
  /** 1 = best quarter of the peers */
  quartile: number | null;
}

export interface BenchmarkInput extends CommonOptions {
  rows: readonly BenchmarkRow[];
}

export const STAR_PATH = 'path://M50 0 L61 35 L98 35 L68 57 L79 91 L50 70 L21 91 L32 57 L2 35 L39 35 Z';

/** Each indicator's numbers divided by the largest number in its row, so rows of 次 and 人次 share one axis. */
export function rowScale(row: BenchmarkRow): number {
  const m = Math.max(row.value ?? 0, row.median ?? 0, row.p75 ?? 0, row.best?.value ?? 0);
  return m > 0 ? m : 1;
}

/**
 * One row per indicator: the peer P25–P75 band (light bar), median (|), best (★) and the unit
 * (● in the brand colour). Missing and undisclosed units get a hollow grey marker and a label.
 */
export function buildBenchmark(input: BenchmarkInput): EChartsOption {
  const locale = input.locale ?? 'zh-CN';
  const l = chartLabels(locale);
  const c = textColors(input.dark);
  const rows = input.rows;
  const rel = (v: number | null | undefined, r: BenchmarkRow) =>
    v === null || v === undefined ? null : (v / rowScale(r)) * 100;
  const names = rows.map((r) => r.indicator.name);
  const fmt = (v: number | null, r: BenchmarkRow) =>
    v === null ? '–' : `${formatValue(v, r.indicator.unit)}${r.indicator.unit === '%' ? '' : r.indicator.unit}`;

  const tooltip = (p: unknown) => {
    const r = rows[(p as { dataIndex: number }).dataIndex];
    if (!r) return '';
    return tooltipHtml([
      r.indicator.name,
      `${l.value}：${r.value === null ? l.status[r.status] : fmt(r.value, r)}${r.quartile ? ` · ${l.quartile(r.quartile)}` : ''}`,
      r.coverage && l.partial(r.coverage.covered, r.coverage.total),
      `${l.median}：${fmt(r.median, r)}`,
      `${l.band}：${fmt(r.p25, r)} – ${fmt(r.p75, r)}`,
      r.best && `${l.best}：${fmt(r.best.value, r)}（${r.best.unit.name}）`,
      sourceLine(locale, r.source, r.sourceText),
    ]);
  };

  return {
    textStyle: { fontFamily: FONT_FAMILY },
    animationDuration: 300,
    tooltip: { trigger: 'item', formatter: tooltip },
    legend: { top: 0, textStyle: { color: c.main }, data: [l.value, l.median, l.band, l.best, l.status.missing] },
    grid: { left: 8, right: 24, top: 32, bottom: 24, containLabel: true },
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      name: l.relative,
      nameLocation: 'middle',
      nameGap: 22,
      nameTextStyle: { color: c.sub },
      axisLabel: { color: c.sub },
      splitLine: { lineStyle: { color: c.grid } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: names,
      axisTick: { show: false },
      axisLabel: { color: c.main, interval: 0 },
    },
    series: [
      {
        type: 'bar',
        name: '_base',
        stack: 'band',
        silent: true,
        itemStyle: { color: 'transparent' },
        barWidth: 14,
        data: rows.map((r) => rel(r.p25, r) ?? 0),
        tooltip: { show: false },
      },
      {
        type: 'bar',
        name: l.band,
        stack: 'band',
        itemStyle: { color: DATA.band },
        barWidth: 14,
        data: rows.map((r) => (r.p25 === null || r.p75 === null ? 0 : rel(r.p75, r)! - rel(r.p25, r)!)),
      },
      {
        type: 'scatter',
        name: l.median,
        symbol: 'rect',
        symbolSize: [3, 20],
        itemStyle: { color: DATA.median },
        data: rows.map((r) => rel(r.median, r)),
      },
      {
        type: 'scatter',
        name: l.best,
        symbol: STAR_PATH,
        symbolSize: 14,
        itemStyle: { color: '#D4A017' },
        data: rows.map((r) => rel(r.best?.value, r)),
      },
      {
        type: 'scatter',
        name: l.value,
        symbolSize: 12,
        itemStyle: { color: BRAND },
        z: 5,
        data: rows.map((r) =>
          r.value === null
            ? null
            : { value: rel(r.value, r), label: { show: !!r.coverage, formatter: '◔', position: 'top' } },
        ),
      },
      {
        type: 'scatter',
        name: l.status.missing,
        symbol: 'diamond',
        symbolSize: 11,
        itemStyle: { color: 'transparent', borderColor: STATUS_COLORS.missing, borderWidth: 1.5 },
        label: {
          show: true,
          position: 'right',
          color: c.sub,
          formatter: (p: unknown) => l.status[rows[(p as { dataIndex: number }).dataIndex]!.status],
        },
        data: rows.map((r) => (r.value === null ? 0 : null)),
      },
    ],
  };
}
