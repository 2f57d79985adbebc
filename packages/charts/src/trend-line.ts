import type { EChartsOption } from 'echarts';
import { formatValue, sourceLine } from './format.ts';
import { chartLabels } from './labels.ts';
import { BRAND, DATA, FONT_FAMILY, STATUS_COLORS } from './palette.ts';
import { textColors, tooltipHtml } from './text.ts';
import type { CommonOptions, Observed } from './types.ts';

export interface TrendPoint extends Observed {
  window: string;
  /** label shown on the axis (2024年上半年) */
  label: string;
  median: number | null;
  p25: number | null;
  p75: number | null;
  target: number | null;
}

export interface TrendLineInput extends CommonOptions {
  points: readonly TrendPoint[];
  unit: string;
  unitName: string;
}

/**
 * The unit's line in the brand colour over a light P25–P75 band (stacked areas: an invisible
 * P25 base plus the band's height), a dashed median and a dashed target. Missing windows leave
 * a gap with a hollow grey marker on the axis instead of dropping to zero.
 */
export function buildTrendLine(input: TrendLineInput): EChartsOption {
  const locale = input.locale ?? 'zh-CN';
  const l = chartLabels(locale);
  const c = textColors(input.dark);
  const pts = input.points;
  const suffix = input.unit === '%' ? '' : input.unit;
  const fmt = (v: number | null) => (v === null ? '–' : `${formatValue(v, input.unit)}${suffix}`);

  const tooltip = (params: unknown) => {
    const first = (params as { dataIndex: number }[])[0];
    const p = first ? pts[first.dataIndex] : undefined;
    if (!p) return '';
    return tooltipHtml([
      p.label,
      `${input.unitName}：${p.value === null ? l.status[p.status] : fmt(p.value)}`,
      p.coverage && l.partial(p.coverage.covered, p.coverage.total),
      `${l.median}：${fmt(p.median)}`,
      `${l.band}：${fmt(p.p25)} – ${fmt(p.p75)}`,
      p.target !== null && `${l.target}：${fmt(p.target)}`,
      sourceLine(locale, p.source, p.sourceText),
    ]);
  };

  return {
    textStyle: { fontFamily: FONT_FAMILY },
    animationDuration: 300,
    tooltip: { trigger: 'axis', formatter: tooltip },
    legend: { top: 0, textStyle: { color: c.main }, data: [input.unitName, l.median, l.band, l.target, l.status.missing] },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: pts.map((p) => p.label), boundaryGap: false, axisLabel: { color: c.sub } },
    yAxis: { type: 'value', min: 0, axisLabel: { color: c.sub }, splitLine: { lineStyle: { color: c.grid } } },
    series: [
      { type: 'line', name: '_p25', stack: 'band', silent: true, symbol: 'none', lineStyle: { opacity: 0 }, tooltip: { show: false }, data: pts.map((p) => p.p25) },
      {
        type: 'line',
        name: l.band,
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        itemStyle: { color: DATA.band },
        areaStyle: { color: DATA.band },
        data: pts.map((p) => (p.p25 === null || p.p75 === null ? null : p.p75 - p.p25)),
      },
      { type: 'line', name: l.median, symbol: 'none', lineStyle: { type: 'dashed', color: DATA.median, width: 1.5 }, itemStyle: { color: DATA.median }, data: pts.map((p) => p.median) },
      { type: 'line', name: l.target, symbol: 'none', step: 'middle', lineStyle: { type: 'dashed', color: c.main, width: 1 }, itemStyle: { color: c.main }, data: pts.map((p) => p.target) },
      {
        type: 'line',
        name: input.unitName,
        connectNulls: false,
        symbolSize: 7,
        lineStyle: { color: BRAND, width: 2.5 },
        itemStyle: { color: BRAND },
        z: 5,
        data: pts.map((p) => (p.value === null ? null : { value: p.value, symbol: p.coverage ? 'emptyCircle' : 'circle' })),
      },
      {
        type: 'scatter',
        name: l.status.missing,
        symbol: 'diamond',
        symbolSize: 10,
        itemStyle: { color: 'transparent', borderColor: STATUS_COLORS.missing, borderWidth: 1.5 },
        data: pts.map((p) => (p.value === null ? 0 : null)),
      },
    ],
  } as EChartsOption;
}
