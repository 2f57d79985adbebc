import type { EChartsOption } from 'echarts';
import { chartLabels } from '../labels.ts';
import { FONT_FAMILY, MISSING_DECAL, STATUS_COLORS, STATUS_ICONS, STATUSES, type Status } from '../palette.ts';
import { countAxis, indicatorAxis, textColors, tooltipHtml } from '../text.ts';
import type { CommonOptions, IndicatorRef } from '../types.ts';

export interface StatusCountRow {
  indicator: Pick<IndicatorRef, 'code' | 'name'>;
  counts: Record<Status, number>;
  /** 未到期: how many of the 达标 units are so only because nothing is due yet, and the earliest month it falls due */
  notYetDue?: { units: number; month: number } | null;
}

export interface StatusCountsInput extends CommonOptions {
  rows: readonly StatusCountRow[];
}

/** Indicators with the most 未达标 units first, so the problems are at the top. */
export function sortByRed(rows: readonly StatusCountRow[]): StatusCountRow[] {
  return [...rows].sort(
    (a, b) =>
      b.counts.red - a.counts.red ||
      b.counts.yellow - a.counts.yellow ||
      a.indicator.code.localeCompare(b.indicator.code),
  );
}

/** Per indicator, how many units are green / yellow / red / grey: one stacked horizontal bar. */
export function buildStatusCounts(input: StatusCountsInput): EChartsOption {
  const l = chartLabels(input.locale ?? 'zh-CN');
  const c = textColors(input.dark);
  const rows = sortByRed(input.rows);
  return {
    textStyle: { fontFamily: FONT_FAMILY },
    animationDuration: 300,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = (params as { dataIndex: number }[])[0];
        const r = first ? rows[first.dataIndex] : undefined;
        if (!r) return '';
        const due = r.notYetDue;
        return tooltipHtml([
          r.indicator.name,
          ...STATUSES.map((s) => `${STATUS_ICONS[s]} ${l.status[s]}：${r.counts[s]}`),
          due && `${l.notYetDue(due.month)}：${due.units}`,
        ]);
      },
    },
    legend: { top: 0, textStyle: { color: c.main }, selectedMode: false },
    grid: { left: 8, right: 16, top: 32, bottom: 24, containLabel: true },
    xAxis: countAxis(l.units, c),
    yAxis: indicatorAxis(rows, c),
    series: STATUSES.map((s) => ({
      type: 'bar',
      stack: 'n',
      name: `${STATUS_ICONS[s]} ${l.status[s]}`,
      barMaxWidth: 16,
      itemStyle:
        s === 'undisclosed'
          ? { color: 'transparent', borderColor: STATUS_COLORS[s], borderWidth: 1 }
          : { color: STATUS_COLORS[s], decal: s === 'missing' ? MISSING_DECAL : undefined },
      label: {
        show: true,
        formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : ''),
        color: s === 'missing' || s === 'undisclosed' ? c.main : '#fff',
        fontSize: 11,
      },
      data: rows.map((r) => r.counts[s]),
    })),
  } as EChartsOption;
}
