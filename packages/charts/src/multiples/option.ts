import type { EChartsOption } from 'echarts';
import { formatDeltaArrow } from '../format.ts';
import { chartLabels } from '../labels.ts';
import { FONT_FAMILY } from '../palette.ts';
import { textColors } from '../text.ts';
import { buildTrendLine, trendLegend } from '../trend/option.ts';
import type { CommonOptions } from '../types.ts';
import type { MultipleTile } from './rows.ts';

export interface MultiplesInput extends CommonOptions {
  tiles: readonly MultipleTile[];
  unitName: string;
  /** tiles across; rows follow from the count */
  columns?: number;
}

/** 党员大会（次） · 同比 ↑12.5% · 环比 –: a tile's heading, as the web's tile heads it. */
export function tileHeading(tile: MultipleTile, locale: CommonOptions['locale']) {
  const l = chartLabels(locale ?? 'zh-CN');
  const last = tile.trend.points.at(-1);
  return {
    name: tile.indicator.unit ? `${tile.indicator.name}${l.aside(tile.indicator.unit)}` : tile.indicator.name,
    deltas: `${l.yoy} ${formatDeltaArrow(last?.yoy ?? null)} · ${l.mom} ${formatDeltaArrow(last?.pop ?? null)}`,
  };
}

type Axis = Record<string, unknown>;
type Series = Record<string, unknown> & { stack?: string };

/**
 * The small multiples as one chart (what a slide or an image draws): each tile is the trend
 * line's compact option on a grid of its own, headed by the indicator, its measure and 同比/环比;
 * one legend for all. The web draws each tile as its own chart (lazily, as it scrolls in).
 */
export function buildMultiples(input: MultiplesInput): EChartsOption {
  const locale = input.locale ?? 'zh-CN';
  const c = textColors(input.dark);
  const cols = Math.max(1, Math.min(input.columns ?? 4, input.tiles.length));
  const rows = Math.max(1, Math.ceil(input.tiles.length / cols));
  // percent of the chart: the legend's band on top, then equal cells
  const top = 7;
  const cellW = 100 / cols;
  const cellH = (100 - top) / rows;
  const parts = input.tiles.map((tile, k) => {
    const o = buildTrendLine({
      points: tile.points,
      unit: tile.indicator.unit,
      unitName: input.unitName,
      locale,
      dark: input.dark,
      compact: true,
    }) as { xAxis: Axis; yAxis: Axis; series: Series[] };
    const [x, y] = [(k % cols) * cellW, top + Math.floor(k / cols) * cellH];
    const head = tileHeading(tile, locale);
    return {
      title: {
        text: head.name,
        subtext: head.deltas,
        left: `${x + 0.5}%`,
        top: `${y}%`,
        itemGap: 2,
        textStyle: { fontSize: 13, fontWeight: 'bold', color: c.main, width: 0 },
        subtextStyle: { fontSize: 11, color: c.sub },
      },
      grid: {
        left: `${x + 0.5}%`,
        width: `${cellW - 2}%`,
        top: `${y + 0.3 * cellH}%`,
        height: `${0.62 * cellH}%`,
        containLabel: true,
      },
      xAxis: { ...o.xAxis, gridIndex: k },
      yAxis: { ...o.yAxis, gridIndex: k },
      // a stack of its own per tile: ECharts stacks same-named stacks across grids, lifting every band onto the last
      series: o.series.map((s) => ({
        ...s,
        ...(s.stack ? { stack: `${s.stack}-${k}` } : {}),
        xAxisIndex: k,
        yAxisIndex: k,
      })),
    };
  });
  return {
    textStyle: { fontFamily: FONT_FAMILY },
    animation: false,
    // one legend for every tile: a tile may have no peer statistics where another has some
    legend: {
      top: 0,
      textStyle: { color: c.main },
      data: trendLegend(
        chartLabels(locale),
        input.unitName,
        input.tiles.flatMap((t) => t.points),
      ),
    },
    title: parts.map((p) => p.title),
    grid: parts.map((p) => p.grid),
    xAxis: parts.map((p) => p.xAxis),
    yAxis: parts.map((p) => p.yAxis),
    series: parts.flatMap((p) => p.series),
  } as EChartsOption;
}
