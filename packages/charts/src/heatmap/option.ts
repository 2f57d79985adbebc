import type { EChartsOption } from 'echarts';
import { formatPercent, formatValue, formatWithUnit, sourceLine } from '../format.ts';
import { chartLabels, greenNotYetDue, statusText } from '../labels.ts';
import { BRAND, FONT_FAMILY, STATUS_COLORS, STATUS_ICONS, STATUSES, type Status } from '../palette.ts';
import { textColors, tooltipHtml } from '../text.ts';
import type { CommonOptions, IndicatorRef, Observed, UnitRef } from '../types.ts';

/** A heatmap cell's look: a status, or a value whose indicator has no target there (无目标). */
export type HeatmapStatus = Status | 'no_target';

/** 无目标: drawn plain, with its value and a hollow mark, so it is neither a status colour nor a blank. */
export const NO_TARGET_LOOK = { fill: '#F5F6F7', stroke: '#C9CDD4', text: '#646A73', icon: '○' } as const;

export interface HeatmapCell extends Omit<Observed, 'status'> {
  status: HeatmapStatus;
  unit: string;
  indicator: string;
  /** actual ÷ pro-rated target; null without a target */
  attainment: number | null;
  /** a partial value judged on the target due within the months it covers (覆盖 5/9 月) */
  judgedOnCovered?: boolean;
  /** 未到期: the month (1–12) the target first falls due, while nothing of it is due yet */
  dueMonth?: number | null;
}

export interface StatusHeatmapInput extends CommonOptions {
  units: readonly UnitRef[];
  indicators: readonly IndicatorRef[];
  cells: readonly HeatmapCell[];
  /** draw the value in each cell (off when cells get too small to read) */
  showValues?: boolean;
}

/** [x, y] of the cell plus its index into `cells` (tooltips and click need the whole cell). */
type Datum = [number, number, number];

interface RenderApi {
  value(dim: number): number;
  coord(v: [number, number]): [number, number];
  size(v: [number, number]): [number, number];
}

/** Width of a label, generously: Latin digits about 0.6 em, CJK and symbols (✓ ✕) a full em. */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += ch.charCodeAt(0) < 0x2000 ? 0.6 : 1;
  return em * fontSize;
}

/** The 未报送 look of a cell: diagonal hatching, clipped to the cell by drawing only segments inside it. */
export function hatchLines(x: number, y: number, width: number, height: number): unknown[] {
  const step = 6;
  const lines: unknown[] = [];
  for (let d = step; d < width + height; d += step)
    lines.push({
      type: 'line',
      shape: {
        x1: x + Math.max(0, d - height),
        y1: y + Math.min(d, height),
        x2: x + Math.min(d, width),
        y2: y + Math.max(0, d - width),
      },
      style: { fill: 'none', stroke: '#FFFFFF', lineWidth: 1, opacity: 0.7 },
    });
  return lines;
}

/**
 * Units (rows) × indicators (columns), one custom series per status so the legend names every
 * look: colour + icon for 达标/预警/未达标, a hatched grey cell for 未报送, an outlined cell with X
 * for 未公开, and a corner mark on partial values.
 */
export function buildStatusHeatmap(input: StatusHeatmapInput): EChartsOption {
  const locale = input.locale ?? 'zh-CN';
  const l = chartLabels(locale);
  const c = textColors(input.dark);
  const xIndex = new Map(input.indicators.map((ind, i) => [ind.code, i]));
  const yIndex = new Map(input.units.map((u, i) => [u.code, i]));
  const indicatorOf = new Map(input.indicators.map((i) => [i.code, i]));
  const unitOf = new Map(input.units.map((u) => [u.code, u]));
  const showValues = input.showValues ?? true;

  const byStatus = new Map<HeatmapStatus, Datum[]>([...STATUSES, 'no_target' as const].map((s) => [s, []]));
  input.cells.forEach((cell, i) => {
    const x = xIndex.get(cell.indicator);
    const y = yIndex.get(cell.unit);
    if (x === undefined || y === undefined) return;
    byStatus.get(cell.status)!.push([x, y, i]);
  });

  const notYetDue = (cell: HeatmapCell) => greenNotYetDue(cell.status, cell.dueMonth);
  const icon = (s: HeatmapStatus) => (s === 'no_target' ? NO_TARGET_LOOK.icon : STATUS_ICONS[s]);
  const name = (s: HeatmapStatus) => `${icon(s)} ${s === 'no_target' ? l.noTarget : l.status[s]}`;

  const renderItem = (status: HeatmapStatus) => (_params: unknown, api: RenderApi) => {
    const cell = input.cells[api.value(2)]!;
    const [cx, cy] = api.coord([api.value(0), api.value(1)]);
    const [w, h] = api.size([1, 1]);
    const x = cx - w / 2 + 1;
    const y = cy - h / 2 + 1;
    const width = w - 2;
    const height = h - 2;
    const children: unknown[] = [];
    if (status === 'undisclosed') {
      children.push({
        type: 'rect',
        shape: { x, y, width, height },
        style: { fill: 'transparent', stroke: STATUS_COLORS.undisclosed, lineWidth: 1.2 },
      });
    } else if (status === 'no_target') {
      children.push({
        type: 'rect',
        shape: { x, y, width, height },
        style: { fill: NO_TARGET_LOOK.fill, stroke: NO_TARGET_LOOK.stroke, lineWidth: 1, lineDash: [3, 2] },
      });
    } else {
      children.push({
        type: 'rect',
        shape: { x, y, width, height },
        style: { fill: STATUS_COLORS[status], opacity: status === 'missing' ? 0.55 : 1 },
      });
    }
    if (status === 'missing') children.push(...hatchLines(x, y, width, height));
    if (cell.coverage) {
      const s = Math.min(8, width / 3, height / 2);
      children.push({
        type: 'polygon',
        shape: {
          points: [
            [x + width - s, y],
            [x + width, y],
            [x + width, y + s],
          ],
        },
        style: { fill: c.main },
      });
    }
    if (cell.unit === input.selected) {
      children.push({
        type: 'rect',
        shape: { x: x - 1, y: y - 1, width: width + 2, height: height + 2 },
        style: { fill: 'transparent', stroke: BRAND, lineWidth: 2 },
      });
    }
    if (showValues && height >= 12) {
      const ind = indicatorOf.get(cell.indicator);
      const due = notYetDue(cell);
      // a green that only means nothing is due yet says when it falls due (12月), not a value that looks on target
      const full =
        due !== null
          ? `${icon(status)}${l.dueMonth(due)}`
          : cell.value === null
            ? icon(status)
            : `${icon(status)}${formatValue(cell.value, ind?.unit === '%' ? '%' : undefined)}`;
      const fontSize = Math.max(9, Math.min(12, height * 0.55));
      // a number cut off or running into the next cell reads as a different number: then the icon alone (never colour alone)
      const text = [full, ...(due === null ? [] : [l.dueMonth(due)]), icon(status)].find(
        (t) => textWidth(t, fontSize) <= width - 2,
      );
      if (text)
        children.push({
          type: 'text',
          style: {
            text,
            x: cx,
            y: cy,
            align: 'center',
            verticalAlign: 'middle',
            fontSize,
            fontFamily: FONT_FAMILY,
            fill: status === 'missing' || status === 'undisclosed' || status === 'no_target' ? c.sub : '#FFFFFF',
          },
        });
    }
    return { type: 'group', children };
  };

  // 无目标 is named in the legend only where the heatmap has such cells
  const shown: HeatmapStatus[] = byStatus.get('no_target')!.length ? [...STATUSES, 'no_target'] : [...STATUSES];

  const tooltip = (p: unknown) => {
    const datum = (p as { data: Datum }).data;
    const cell = input.cells[datum[2]];
    if (!cell) return '';
    const ind = indicatorOf.get(cell.indicator);
    const due = notYetDue(cell);
    return tooltipHtml([
      `${unitOf.get(cell.unit)?.name ?? cell.unit} · ${ind?.name ?? cell.indicator}`,
      cell.status === 'no_target'
        ? `${cell.value === null ? '' : `${formatWithUnit(cell.value, ind?.unit)} · `}${l.noTargetWhy}`
        : cell.value === null
          ? cell.status === 'missing' || cell.status === 'undisclosed'
            ? l.blankWhy[cell.status]
            : l.status[cell.status]
          : `${formatWithUnit(cell.value, ind?.unit)} · ${STATUS_ICONS[cell.status]} ${statusText(locale, cell.status, due)}`,
      // nothing reported yet, and nothing due yet either
      cell.value === null && cell.dueMonth ? l.notYetDue(cell.dueMonth) : null,
      cell.attainment !== null && `${l.attainment} ${formatPercent(cell.attainment)}`,
      cell.coverage &&
        (cell.judgedOnCovered ? l.judgedOnCovered : l.partial)(cell.coverage.covered, cell.coverage.total),
      sourceLine(locale, cell.source, cell.sourceText),
    ]);
  };

  return {
    textStyle: { fontFamily: FONT_FAMILY },
    animation: false,
    tooltip: { trigger: 'item', formatter: tooltip },
    legend: {
      top: 0,
      data: shown.map((s) => ({
        name: name(s),
        itemStyle:
          s === 'no_target'
            ? { color: NO_TARGET_LOOK.fill, borderColor: NO_TARGET_LOOK.stroke, borderWidth: 1 }
            : s === 'undisclosed'
              ? { color: 'transparent', borderColor: STATUS_COLORS[s], borderWidth: 1 }
              : { color: STATUS_COLORS[s] },
      })),
      textStyle: { color: c.main },
      selectedMode: false,
    },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      position: 'top',
      data: input.indicators.map((i) => i.name),
      splitArea: { show: false },
      axisTick: { show: false },
      axisLabel: { color: c.main, interval: 0, rotate: input.indicators.length > 8 ? 35 : 0, fontSize: 11 },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: input.units.map((u) => u.axisName ?? u.name),
      axisTick: { show: false },
      axisLabel: {
        color: c.main,
        interval: 0,
        formatter: (v: string, i: number) => (input.units[i]?.code === input.selected ? `{sel|${v}}` : v),
        rich: { sel: { color: BRAND, fontWeight: 'bold' } },
      },
    },
    series: shown.map((s) => ({
      type: 'custom',
      name: name(s),
      itemStyle: { color: s === 'no_target' ? NO_TARGET_LOOK.stroke : STATUS_COLORS[s] },
      encode: { x: 0, y: 1 },
      renderItem: renderItem(s),
      data: byStatus.get(s)!,
    })),
  } as EChartsOption;
}
