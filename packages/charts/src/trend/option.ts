import type { EChartsOption } from 'echarts';
import { formatTarget, formatWithUnit, shownTarget, sourceLine } from '../format.ts';
import { chartLabels } from '../labels.ts';
import { BRAND, DATA, FONT_FAMILY, STATUS_COLORS } from '../palette.ts';
import { textColors, tooltipHtml } from '../text.ts';
import type { CommonOptions, Observed } from '../types.ts';

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
  /**
   * A small multiple (~180px high): no legend (the grid shows one for all), small type and
   * markers, no animation so thirty charts draw at once.
   */
  compact?: boolean;
}

/** An X drawn by the marker's border: 未公开 is a fact that exists but was not published. */
const CROSS = 'path://M0,0L10,10M10,0L0,10';

/**
 * The legend's entries for the points drawn (one chart's, or every small multiple's): the peers'
 * only where some point has them — withheld, or no peer at all, a legend entry for nothing
 * misleads — and 未公开 only where a point is.
 */
export function trendLegend(
  l: ReturnType<typeof chartLabels>,
  unitName: string,
  points: readonly Pick<TrendPoint, 'value' | 'status' | 'median'>[],
): string[] {
  return [
    unitName,
    ...(points.some((p) => p.median !== null) ? [l.median, l.band] : []),
    l.target,
    l.status.missing,
    ...(points.some((p) => p.value === null && p.status === 'undisclosed') ? [l.status.undisclosed] : []),
  ];
}

/**
 * The unit's line in the brand colour over a light P25–P75 band (stacked areas: an invisible
 * P25 base plus the band's height), a dashed median and a dashed target. Missing windows leave
 * a gap with a hollow grey marker on the axis instead of dropping to zero (a diamond when not
 * reported, a cross when undisclosed); a partial window has a hollow dot.
 */
export function buildTrendLine(input: TrendLineInput): EChartsOption {
  const locale = input.locale ?? 'zh-CN';
  const l = chartLabels(locale);
  const c = textColors(input.dark);
  const pts = input.points;
  const compact = input.compact ?? false;
  const fmt = (v: number | null) => (v === null ? '–' : formatWithUnit(v, input.unit));
  const measure = { unit: input.unit };

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
      p.target !== null && `${l.target}：${formatTarget(p.target, measure)}`,
      sourceLine(locale, p.source, p.sourceText),
    ]);
  };

  const gap = (status: 'missing' | 'undisclosed', symbol: string, size: number) => ({
    type: 'scatter',
    name: l.status[status],
    symbol,
    symbolSize: size,
    itemStyle: { color: 'transparent', borderColor: STATUS_COLORS[status], borderWidth: 1.5 },
    data: pts.map((p) =>
      p.value === null && (p.status === 'undisclosed' ? 'undisclosed' : 'missing') === status ? 0 : null,
    ),
  });
  const axisText = compact ? { color: c.sub, fontSize: 10 } : { color: c.sub };

  return {
    textStyle: { fontFamily: FONT_FAMILY },
    animation: !compact,
    animationDuration: 300,
    tooltip: { trigger: 'axis', formatter: tooltip, confine: compact },
    legend: {
      show: !compact,
      top: 0,
      textStyle: { color: c.main },
      data: trendLegend(l, input.unitName, pts),
    },
    grid: compact
      ? { left: 2, right: 10, top: 8, bottom: 2, containLabel: true }
      : { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: pts.map((p) => p.label),
      boundaryGap: false,
      axisLabel: { ...axisText, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      min: 0,
      splitNumber: compact ? 3 : undefined,
      axisLabel: axisText,
      splitLine: { lineStyle: { color: c.grid } },
    },
    series: [
      {
        type: 'line',
        name: '_p25',
        stack: 'band',
        silent: true,
        symbol: 'none',
        lineStyle: { opacity: 0 },
        tooltip: { show: false },
        data: pts.map((p) => p.p25),
      },
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
      {
        type: 'line',
        name: l.median,
        symbol: 'none',
        lineStyle: { type: 'dashed', color: DATA.median, width: 1.5 },
        itemStyle: { color: DATA.median },
        data: pts.map((p) => p.median),
      },
      {
        type: 'line',
        name: l.target,
        symbol: 'none',
        step: 'middle',
        lineStyle: { type: 'dashed', color: c.main, width: 1 },
        itemStyle: { color: c.main },
        data: pts.map((p) => (p.target === null ? null : shownTarget(p.target, measure))),
      },
      {
        type: 'line',
        name: input.unitName,
        connectNulls: false,
        symbolSize: compact ? 5 : 7,
        lineStyle: { color: BRAND, width: compact ? 2 : 2.5 },
        itemStyle: { color: BRAND },
        z: 5,
        data: pts.map((p) =>
          p.value === null ? null : { value: p.value, symbol: p.coverage ? 'emptyCircle' : 'circle' },
        ),
      },
      gap('missing', 'diamond', compact ? 8 : 10),
      gap('undisclosed', CROSS, compact ? 6 : 8),
    ],
  } as EChartsOption;
}
