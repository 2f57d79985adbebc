import type { EChartsOption } from 'echarts';
import { formatChange, formatRank, formatValue, sourceLine, sourceMixLine } from '../format.ts';
import { chartLabels } from '../labels.ts';
import { BRAND, DATA, FONT_FAMILY, MISSING_DECAL, STATUS_COLORS } from '../palette.ts';
import { textColors, tooltipHtml } from '../text.ts';
import type { CommonOptions, Observed, RankChange, UnitRef } from '../types.ts';

export interface RankingRow extends UnitRef, Observed {
  /** null: not ranked (missing or undisclosed), listed after the ranked units */
  rank: number | null;
  tied: boolean;
  change: RankChange;
}

export interface RankingBarInput extends CommonOptions {
  rows: readonly RankingRow[];
  /** measure unit of the value axis (分 for the composite) */
  unit?: string;
  /** end of the value axis when `rows` is one page of a longer ranking: the whole list's largest value, so bars compare across pages */
  axisMax?: number;
}

/** Ranked units first by rank (ties keep input order by name), then the unranked ones by name. */
export function sortRanking<T extends Pick<RankingRow, 'rank' | 'name'>>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => {
    if (a.rank === null || b.rank === null)
      return a.rank === b.rank ? a.name.localeCompare(b.name, 'zh') : a.rank === null ? 1 : -1;
    return a.rank - b.rank || a.name.localeCompare(b.name, 'zh');
  });
}

export function rankLabel(
  row: Pick<RankingRow, 'rank' | 'tied' | 'status'>,
  locale: CommonOptions['locale'] = 'zh-CN',
): string {
  if (row.rank === null) return chartLabels(locale).status[row.status];
  return formatRank(row.rank, row.tied, locale);
}

/**
 * A fixed axis end the way ECharts would pick one: about five ticks of 1, 2, 3 or 5 × 10ⁿ, the
 * end the first tick at or past the value (97.3 → 100, 118.6 → 120, 7.3 → 8).
 */
export function niceAxisEnd(v: number): number {
  const raw = v / 5;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const f = raw / pow;
  const step = (f < 1.5 ? 1 : f < 2.5 ? 2 : f < 4 ? 3 : f < 7 ? 5 : 10) * pow;
  return Number((Math.ceil(v / step - 1e-9) * step).toPrecision(12));
}

/**
 * Horizontal bars, best on top. Unranked units get a full-length hatched grey track labelled
 * 未报送/未公开, so silence never looks like a short bar or a zero.
 */
export function buildRankingBar(input: RankingBarInput): EChartsOption {
  const locale = input.locale ?? 'zh-CN';
  const l = chartLabels(locale);
  const c = textColors(input.dark);
  const rows = sortRanking(input.rows);
  const max = input.axisMax ?? rows.reduce((m, r) => Math.max(m, r.value ?? 0), 0);
  // a fixed axis (paging) ends on a round number; an unranked unit's track spans the whole axis either way
  const track = max <= 0 ? 1 : input.axisMax === undefined ? max : niceAxisEnd(max);
  const rowColor = (r: RankingRow) => (r.code === input.selected ? BRAND : DATA.bar);

  return {
    textStyle: { fontFamily: FONT_FAMILY },
    animationDuration: 300,
    grid: { left: 8, right: 64, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const r = rows[(p as { dataIndex: number }).dataIndex];
        if (!r) return '';
        return tooltipHtml([
          `${r.name} · ${rankLabel(r, locale)} ${formatChange(r.change, locale)}`,
          r.value === null ? l.status[r.status] : `${formatValue(r.value, input.unit)}${input.unit ?? ''}`,
          r.coverage && l.partial(r.coverage.covered, r.coverage.total),
          sourceLine(locale, r.source, r.sourceText) || sourceMixLine(locale, r.sources, 'indicators'),
        ]);
      },
    },
    xAxis: {
      type: 'value',
      max: input.axisMax === undefined ? undefined : track,
      splitLine: { lineStyle: { color: c.grid } },
      axisLabel: { color: c.sub },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => `${rankLabel(r, locale)}  ${r.axisName ?? r.name}`),
      axisTick: { show: false },
      axisLabel: {
        color: c.main,
        // the selected unit's label is bold as well as its bar red
        formatter: (v: string, i: number) => (rows[i]?.code === input.selected ? `{sel|${v}}` : v),
        rich: { sel: { color: BRAND, fontWeight: 'bold' } },
      },
    },
    series: [
      {
        type: 'bar',
        name: l.value,
        barMaxWidth: 18,
        data: rows.map((r) =>
          r.value === null
            ? {
                value: track,
                itemStyle: {
                  color: r.status === 'undisclosed' ? 'transparent' : STATUS_COLORS.missing,
                  borderColor: STATUS_COLORS.undisclosed,
                  borderWidth: r.status === 'undisclosed' ? 1 : 0,
                  opacity: 0.45,
                  decal: r.status === 'missing' ? MISSING_DECAL : undefined,
                },
                label: { show: true, position: 'insideLeft', formatter: l.status[r.status], color: c.sub },
              }
            : {
                value: r.value,
                itemStyle: { color: rowColor(r) },
                label: {
                  show: true,
                  position: 'right',
                  color: c.main,
                  formatter: [
                    formatValue(r.value, input.unit),
                    r.coverage ? `(${l.partial(r.coverage.covered, r.coverage.total)})` : '',
                    formatChange(r.change, locale),
                  ]
                    .filter(Boolean)
                    .join(' '),
                },
              },
        ),
      },
    ],
  } as EChartsOption;
}
