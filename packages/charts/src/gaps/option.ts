import type { EChartsOption } from 'echarts';
import { formatTarget, formatWithUnit, shownTarget, sourceLine } from '../format.ts';
import { chartLabels, statusText } from '../labels.ts';
import { FONT_FAMILY, MISSING_DECAL, STATUS_COLORS, STATUS_ICONS } from '../palette.ts';
import { indicatorAxis, textColors, tooltipHtml } from '../text.ts';
import type { CommonOptions, IndicatorRef, Observed } from '../types.ts';

export interface GapRow extends Observed {
  indicator: IndicatorRef;
  /** what of the annual target is due by the end of the data as-of month, by its phasing (序时目标) */
  proRated: number;
  annual: number;
  /** still needed to be on track now: max(0, pro-rated − actual) — an annual duty due in December needs nothing in spring */
  needed: number;
  /** 未到期: the month (1–12) the target first falls due, while nothing of it is due yet */
  dueMonth?: number | null;
  /** the next date by which more falls due, and how much in all by then */
  nextDue?: { by: string; target: number } | null;
}

export interface GapsBulletInput extends CommonOptions {
  rows: readonly GapRow[];
}

/** How far behind the pro-rated target: 0 = nothing done (or nothing reported), ≥1 = on track. */
export function urgency(row: Pick<GapRow, 'value' | 'proRated'>): number {
  if (row.value === null) return 0;
  return row.proRated > 0 ? row.value / row.proRated : Number.POSITIVE_INFINITY;
}

/** Most urgent first; equal urgency by how much is still needed relative to the annual target. */
export function sortByUrgency<T extends Pick<GapRow, 'value' | 'proRated' | 'needed' | 'annual'>>(
  rows: readonly T[],
): T[] {
  return [...rows].sort((a, b) => urgency(a) - urgency(b) || b.needed / (b.annual || 1) - a.needed / (a.annual || 1));
}

/**
 * Bullet chart on "% of the annual target": a light full-year track, the actual bar in its
 * status colour, and a dark tick where the pro-rated target (序时目标) stands today.
 */
export function buildGapsBullet(input: GapsBulletInput): EChartsOption {
  const locale = input.locale ?? 'zh-CN';
  const l = chartLabels(locale);
  const c = textColors(input.dark);
  const rows = sortByUrgency(input.rows);
  const pct = (v: number, r: GapRow) => (r.annual > 0 ? (v / r.annual) * 100 : 0);
  const fmt = (v: number, r: GapRow) => formatWithUnit(v, r.indicator.unit);
  const max = Math.max(120, ...rows.map((r) => (r.value === null ? 0 : pct(r.value, r))));

  const tooltip = (p: unknown) => {
    const r = rows[(p as { dataIndex: number }).dataIndex];
    if (!r) return '';
    return tooltipHtml([
      r.indicator.name,
      `${l.actual}：${r.value === null ? l.status[r.status] : fmt(r.value, r)} · ${STATUS_ICONS[r.status]} ${statusText(locale, r.status, r.dueMonth)}`,
      r.coverage && l.partial(r.coverage.covered, r.coverage.total),
      `${l.proRatedTarget}：${formatTarget(r.proRated, r.indicator)}`,
      `${l.annualTarget}：${formatTarget(r.annual, r.indicator)}`,
      `${l.needed}：${formatTarget(r.needed, r.indicator)}`,
      sourceLine(locale, r.source, r.sourceText),
    ]);
  };

  return {
    textStyle: { fontFamily: FONT_FAMILY },
    animationDuration: 300,
    tooltip: { trigger: 'item', formatter: tooltip },
    legend: {
      top: 0,
      textStyle: { color: c.main },
      selectedMode: false,
      data: [
        l.annualTarget,
        l.proRatedTarget,
        ...(['green', 'yellow', 'red', 'missing'] as const).map((s) => ({
          name: `${STATUS_ICONS[s]} ${l.status[s]}`,
          itemStyle: { color: STATUS_COLORS[s] },
        })),
      ],
    },
    grid: { left: 8, right: 48, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      min: 0,
      max: Math.ceil(max / 10) * 10,
      axisLabel: { color: c.sub, formatter: '{value}%' },
      splitLine: { lineStyle: { color: c.grid } },
    },
    yAxis: indicatorAxis(rows, c),
    series: [
      {
        type: 'bar',
        name: l.annualTarget,
        barWidth: 18,
        barGap: '-100%',
        itemStyle: { color: c.grid },
        data: rows.map(() => 100),
        silent: true,
      },
      {
        type: 'bar',
        name: l.actual,
        barWidth: 8,
        z: 3,
        data: rows.map((r) =>
          r.value === null
            ? {
                value: 100,
                itemStyle: { color: STATUS_COLORS.missing, opacity: 0.5, decal: MISSING_DECAL },
                label: { show: true, position: 'insideLeft', formatter: l.status[r.status], color: c.main },
              }
            : {
                value: pct(r.value, r),
                itemStyle: { color: STATUS_COLORS[r.status] },
                label: {
                  show: true,
                  position: 'right',
                  formatter: `${STATUS_ICONS[r.status]} ${fmt(r.value, r)}`,
                  color: c.main,
                },
              },
        ),
      },
      {
        type: 'scatter',
        name: l.proRatedTarget,
        symbol: 'rect',
        symbolSize: [3, 22],
        z: 4,
        itemStyle: { color: c.main },
        data: rows.map((r) => pct(shownTarget(r.proRated, r.indicator), r)),
      },
      // legend-only entries so the status colours are named
      ...(['green', 'yellow', 'red', 'missing'] as const).map((s) => ({
        type: 'bar' as const,
        name: `${STATUS_ICONS[s]} ${l.status[s]}`,
        itemStyle: { color: STATUS_COLORS[s] },
        data: [],
      })),
    ],
  } as EChartsOption;
}
