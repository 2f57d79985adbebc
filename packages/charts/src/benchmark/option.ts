import type { EChartsOption } from 'echarts';
import { formatWithUnit, sourceLine } from '../format.ts';
import { chartLabels } from '../labels.ts';
import { BRAND, DATA, FONT_FAMILY, STATUS_COLORS } from '../palette.ts';
import { niceAxisEnd } from '../ranking/option.ts';
import { indicatorAxis, textColors, tooltipHtml } from '../text.ts';
import type { Locale } from '../labels.ts';
import type { CommonOptions, IndicatorRef, Observed, UnitRef } from '../types.ts';

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

/**
 * Each indicator's numbers as a percentage of the peer median, so rows of 次, 人次 and % share one
 * axis and the median stands at 100 in every row (without a median: of the row's largest number).
 */
export function rowScale(row: BenchmarkRow): number {
  if (row.median !== null && row.median > 0) return row.median / 100;
  const m = Math.max(row.value ?? 0, row.best?.value ?? 0);
  return m > 0 ? m / 100 : 1;
}

/** How far the axis reaches: past every unit and best, but a best ten times the median is not allowed to squash the rest. */
export const BENCHMARK_AXIS_CAP = 300;

/** A number of the row as a percentage of the row's scale (the peer median = 100). */
export function relativeToMedian(v: number | null | undefined, row: BenchmarkRow): number | null {
  return v === null || v === undefined ? null : v / rowScale(row);
}

/**
 * The end of the relative axis of the rows drawn together (a page): past every unit and best, at
 * least 150, and never beyond BENCHMARK_AXIS_CAP — what reaches past it is drawn at the cap and
 * labelled with its real number, so one outlier does not flatten every other row.
 */
export function benchmarkAxisMax(rows: readonly BenchmarkRow[]): number {
  const reach = Math.max(
    150,
    ...rows.flatMap((r) => [relativeToMedian(r.value, r) ?? 0, relativeToMedian(r.best?.value, r) ?? 0]),
  );
  return reach > BENCHMARK_AXIS_CAP ? BENCHMARK_AXIS_CAP : niceAxisEnd(reach * 1.08);
}

/** A row's real number with its unit: "5次", "71.4%", "–" for none. */
export function benchmarkNumber(v: number | null, row: BenchmarkRow): string {
  return v === null ? '–' : formatWithUnit(v, row.indicator.unit);
}

const ROW_WORDS = {
  'zh-CN': { sep: '：', and: '，', unit: '本单位', median: '中位', best: '最佳' },
  en: { sep: ': ', and: ', ', unit: 'unit ', median: 'median ', best: 'best ' },
};

/**
 * A row named with its real numbers, for a chart that draws the relative ones (the PPTX's native
 * bars): "党员大会次数：本单位5次，中位4次，最佳40次"; a unit without a value says why.
 */
export function benchmarkRowLabel(row: BenchmarkRow, locale: Locale = 'zh-CN'): string {
  const w = ROW_WORDS[locale];
  const status = chartLabels(locale).status[row.status];
  // mid-sentence in English: "unit not reported", not "unit Not reported"
  const own = row.value !== null ? benchmarkNumber(row.value, row) : locale === 'en' ? status.toLowerCase() : status;
  return [
    `${row.indicator.name}${w.sep}${w.unit}${own}`,
    `${w.median}${benchmarkNumber(row.median, row)}`,
    ...(row.best ? [`${w.best}${benchmarkNumber(row.best.value, row)}`] : []),
  ].join(w.and);
}

/**
 * A dumbbell per indicator, readable on a slide: the unit (● in the brand colour) and the peer
 * best (★) joined by a bar, the peer median as the dashed line at 100; every row labelled with
 * the real numbers. Missing and undisclosed units get a hollow grey marker and a label.
 */
export function buildBenchmark(input: BenchmarkInput): EChartsOption {
  const locale = input.locale ?? 'zh-CN';
  const l = chartLabels(locale);
  const c = textColors(input.dark);
  const rows = input.rows;
  const rel = relativeToMedian;
  const axisMax = benchmarkAxisMax(rows);
  const shown = (v: number | null) => (v === null ? null : Math.min(v, axisMax));
  const fmt = benchmarkNumber;
  const ends = rows.map((r) => {
    const a = shown(rel(r.value, r));
    const b = shown(rel(r.best?.value, r));
    return a === null || b === null ? null : ([Math.min(a, b), Math.max(a, b)] as const);
  });

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
    legend: { top: 0, textStyle: { color: c.main }, data: [l.value, l.best, l.median, l.status.missing] },
    grid: { left: 8, right: 24, top: 32, bottom: 28, containLabel: true },
    xAxis: {
      type: 'value',
      min: 0,
      max: axisMax,
      name: l.ofMedian,
      nameLocation: 'middle',
      nameGap: 24,
      nameTextStyle: { color: c.sub },
      axisLabel: { color: c.sub },
      splitLine: { lineStyle: { color: c.grid } },
    },
    yAxis: indicatorAxis(rows, c),
    series: [
      {
        type: 'bar',
        name: '_base',
        stack: 'span',
        silent: true,
        itemStyle: { color: 'transparent' },
        barWidth: 4,
        data: ends.map((e) => e?.[0] ?? 0),
        tooltip: { show: false },
      },
      {
        type: 'bar',
        name: '_span',
        stack: 'span',
        silent: true,
        itemStyle: { color: DATA.band.replace('0.16', '0.55') },
        barWidth: 4,
        data: ends.map((e) => (e ? e[1] - e[0] : 0)),
        tooltip: { show: false },
      },
      {
        type: 'scatter',
        name: l.median,
        symbol: 'rect',
        symbolSize: [2, 18],
        itemStyle: { color: DATA.median },
        data: rows.map((r) => (r.median === null ? null : shown(rel(r.median, r)))),
        markLine: {
          silent: true,
          symbol: 'none',
          label: { show: false },
          lineStyle: { color: DATA.median, type: 'dashed' },
          data: [{ xAxis: 100 }],
        },
      },
      {
        type: 'scatter',
        name: l.best,
        symbol: STAR_PATH,
        symbolSize: 16,
        itemStyle: { color: '#D4A017' },
        label: { show: true, position: 'right', color: c.sub, fontSize: 11 },
        data: rows.map((r) =>
          r.best ? { value: shown(rel(r.best.value, r)), label: { formatter: fmt(r.best.value, r) } } : null,
        ),
      },
      {
        type: 'scatter',
        name: l.value,
        symbolSize: 13,
        itemStyle: { color: BRAND },
        z: 5,
        label: { show: true, position: 'left', color: BRAND, fontWeight: 'bold', fontSize: 12 },
        data: rows.map((r) =>
          r.value === null
            ? null
            : {
                value: shown(rel(r.value, r)),
                label: {
                  formatter: `${fmt(r.value, r)}${r.coverage ? ' ◔' : ''}`,
                  // at the axis' start a label on the left would run into the indicator's name, and one
                  // on top into the row above on a dense page: it goes right, lifted clear of the bar
                  ...(shown(rel(r.value, r))! < axisMax * 0.06 ? { position: 'right' as const, offset: [0, -10] } : {}),
                },
              },
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

/**
 * The benchmark over several slides: whole categories in the catalogue's order, a page never more
 * than `size` indicators (a category longer than that gets pages of its own).
 */
export function benchmarkPages<T extends { indicator: { category?: string } }>(rows: readonly T[], size = 10): T[][] {
  const byCategory = new Map<string, T[]>();
  for (const r of rows) {
    const k = r.indicator.category ?? '';
    byCategory.set(k, [...(byCategory.get(k) ?? []), r]);
  }
  const pages: T[][] = [];
  for (const group of byCategory.values())
    for (let i = 0; i < group.length; i += size) {
      const part = group.slice(i, i + size);
      const last = pages.at(-1);
      if (last && i === 0 && last.length + part.length <= size) last.push(...part);
      else pages.push(part);
    }
  return pages;
}
