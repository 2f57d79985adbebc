import type { EChartsOption } from 'echarts';
import { hatchLines } from '../heatmap/option.ts';
import { chartLabels } from '../labels.ts';
import { BRAND, FONT_FAMILY, STATUS_COLORS } from '../palette.ts';
import { textColors, tooltipHtml } from '../text.ts';
import type { CommonOptions } from '../types.ts';
import type { CompletenessRow } from './rows.ts';

export interface CompletenessInput extends CommonOptions {
  /** the due months, the columns */
  months: readonly { code: string; label: string }[];
  /** the units drawn (one page of them), the rows */
  rows: readonly CompletenessRow[];
}

interface RenderApi {
  value(dim: number): number;
  coord(v: [number, number]): [number, number];
  size(v: [number, number]): [number, number];
}

/**
 * 报送情况: units (rows) × due months (columns), a green ✓ where the unit reported something for
 * the month and the 未报送 look (hatched grey, 缺) where it reported nothing.
 */
export function buildCompleteness(input: CompletenessInput): EChartsOption {
  const l = chartLabels(input.locale ?? 'zh-CN');
  const c = textColors(input.dark);
  const cells = { reported: [] as [number, number][], owed: [] as [number, number][] };
  input.rows.forEach((r, y) => {
    const missing = new Set(r.missingMonths);
    input.months.forEach((m, x) => cells[missing.has(m.code) ? 'owed' : 'reported'].push([x, y]));
  });
  const names = { reported: `${l.monthReported} ${l.reported}`, owed: `${l.monthOwed} · ${l.status.missing}` };
  const series = (kind: 'reported' | 'owed') => ({
    type: 'custom' as const,
    name: names[kind],
    itemStyle: { color: kind === 'reported' ? STATUS_COLORS.green : STATUS_COLORS.missing },
    encode: { x: 0, y: 1 },
    data: cells[kind],
    renderItem: (_p: unknown, api: RenderApi) => {
      const [cx, cy] = api.coord([api.value(0), api.value(1)]);
      const [w, h] = api.size([1, 1]);
      const [x, y, width, height] = [cx - w / 2 + 1, cy - h / 2 + 1, w - 2, h - 2];
      const fill = kind === 'reported' ? STATUS_COLORS.green : STATUS_COLORS.missing;
      const selected = input.rows[api.value(1)]?.code === input.selected;
      return {
        type: 'group',
        children: [
          { type: 'rect', shape: { x, y, width, height }, style: { fill, opacity: kind === 'owed' ? 0.55 : 1 } },
          ...(kind === 'owed' ? hatchLines(x, y, width, height) : []),
          ...(selected
            ? [
                {
                  type: 'rect',
                  shape: { x: x - 1, y: y - 1, width: width + 2, height: height + 2 },
                  style: { fill: 'transparent', stroke: BRAND, lineWidth: 2 },
                },
              ]
            : []),
          ...(height >= 12
            ? [
                {
                  type: 'text',
                  style: {
                    text: kind === 'reported' ? l.monthReported : l.monthOwed,
                    x: cx,
                    y: cy,
                    align: 'center',
                    verticalAlign: 'middle',
                    fontSize: Math.max(9, Math.min(12, height * 0.55)),
                    fontFamily: FONT_FAMILY,
                    fill: kind === 'reported' ? '#FFFFFF' : c.main,
                  },
                },
              ]
            : []),
        ],
      };
    },
  });
  const tooltip = (p: unknown) => {
    const [x, y] = (p as { data: [number, number] }).data;
    const row = input.rows[y];
    const month = input.months[x];
    if (!row || !month) return '';
    return tooltipHtml([
      `${row.name} · ${month.label}`,
      row.missingMonths.includes(month.code) ? l.blankWhy.missing : names.reported,
    ]);
  };
  return {
    textStyle: { fontFamily: FONT_FAMILY },
    animation: false,
    tooltip: { trigger: 'item', formatter: tooltip },
    legend: { top: 0, textStyle: { color: c.main }, selectedMode: false },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      position: 'top',
      data: input.months.map((m) => m.label),
      axisTick: { show: false },
      axisLabel: { color: c.main, interval: 0, fontSize: 11 },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: input.rows.map((r) => r.axisName),
      axisTick: { show: false },
      axisLabel: {
        color: c.main,
        interval: 0,
        formatter: (v: string, i: number) => (input.rows[i]?.code === input.selected ? `{sel|${v}}` : v),
        rich: { sel: { color: BRAND, fontWeight: 'bold' } },
      },
    },
    series: [series('reported'), series('owed')],
  } as EChartsOption;
}
