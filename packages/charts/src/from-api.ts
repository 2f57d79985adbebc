/**
 * API results (packages/api analytics) → the rows the builders draw: one mapping for the web app's
 * cards and the server's exports, so a download shows what the screen shows.
 */
import type { Benchmark, CompositeExplanation, Heatmap, Ranking, Trend } from '@bixue/api';
import { type Indicator, parsePeriod, periodLabel } from '@bixue/domain';
import type { BenchmarkRow } from './benchmark.ts';
import type { CompositePart } from './composite-waterfall.ts';
import { STATUSES, type Status } from './palette.ts';
import type { RankingRow } from './ranking-bar.ts';
import type { StatusCountRow } from './status-counts.ts';
import type { HeatmapCell } from './status-heatmap.ts';
import type { TrendPoint } from './trend-line.ts';
import type { Coverage, IndicatorRef } from './types.ts';

type RollupStatus = 'value' | 'partial' | 'missing' | 'undisclosed';
type Colour = 'green' | 'yellow' | 'red' | 'grey';
type Lang = 'zh-CN' | 'en';

/** Partial values carry their coverage; complete ones none. */
export function coverageOf(status: RollupStatus, c: { months: number; of: number } | null): Coverage | null {
  return status === 'partial' && c ? { covered: c.months, total: c.of } : null;
}

/** A status colour for drawing: grey splits into 未报送 and 未公开; null = a value without a target. */
export function statusOf(rollup: RollupStatus, colour: Colour): Status | null {
  if (rollup === 'missing' || rollup === 'undisclosed') return rollup;
  return colour === 'grey' ? null : colour;
}

export function indicatorRef(i: Indicator, lang: Lang): IndicatorRef {
  return { code: i.code, name: lang === 'en' ? i.nameEn : i.nameZh, unit: i.unit };
}

export function rankingRows(r: Ranking): RankingRow[] {
  // ties over the whole group, counted once (a national ranking has thousands of entries)
  const sharing = new Map<number, number>();
  for (const e of r.entries) if (e.rank !== null) sharing.set(e.rank, (sharing.get(e.rank) ?? 0) + 1);
  return r.entries.map((e) => ({
    code: e.unit,
    name: e.name,
    value: e.value,
    // ranked rows are drawn by value; the status only names the unranked ones
    status: e.status === 'undisclosed' ? 'undisclosed' : e.status === 'missing' ? 'missing' : 'green',
    coverage: coverageOf(e.status, e.coverage),
    rank: e.rank,
    tied: e.rank !== null && sharing.get(e.rank)! > 1,
    change: e.rank === null ? null : e.change === null ? 'new' : e.change,
    source: e.source,
    sourceText: e.sourceText,
    sources: e.sources,
  }));
}

/** Indicators that have a target for some unit of the heatmap (a status colour other than grey). */
export function indicatorsWithStatus(h: Heatmap): string[] {
  const withColour = new Set(h.cells.filter((c) => c.colour !== 'grey').map((c) => c.indicator));
  return h.indicators.filter((c) => withColour.has(c));
}

export function heatmapCells(h: Heatmap, codes: ReadonlySet<string>): HeatmapCell[] {
  return h.cells
    .filter((c) => codes.has(c.indicator))
    .flatMap((c) => {
      const status = statusOf(c.status, c.colour);
      return status
        ? [
            {
              unit: c.unit,
              indicator: c.indicator,
              value: c.value,
              attainment: c.attainment,
              status,
              coverage: coverageOf(c.status, c.coverage),
              source: c.source,
              sourceText: c.sourceText,
            },
          ]
        : [];
    });
}

export function statusCounts(cells: readonly HeatmapCell[], indicators: readonly IndicatorRef[]): StatusCountRow[] {
  return indicators.map((i) => {
    const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
    for (const c of cells) if (c.indicator === i.code) counts[c.status]++;
    return { indicator: i, counts };
  });
}

export function benchmarkRows(b: Benchmark, catalog: ReadonlyMap<string, Indicator>, lang: Lang): BenchmarkRow[] {
  return b.lines.flatMap((l) => {
    const ind = catalog.get(l.indicator);
    if (!ind) return [];
    return [
      {
        indicator: indicatorRef(ind, lang),
        value: l.value,
        status: l.status === 'missing' || l.status === 'undisclosed' ? l.status : 'green',
        coverage: coverageOf(l.status, l.coverage),
        median: l.peerMedian,
        p25: l.peerP25,
        p75: l.peerP75,
        best: l.best
          ? { value: l.best.value, unit: { code: l.best.unit?.unit ?? '', name: l.best.unit?.name ?? '—' } }
          : null,
        quartile: l.quartile,
        source: l.source,
        sourceText: l.sourceText,
      },
    ];
  });
}

export function compositeParts(
  c: CompositeExplanation,
  catalog: ReadonlyMap<string, Indicator>,
  lang: Lang,
): CompositePart[] {
  const total = c.contributions.reduce((s, x) => s + x.weight, 0) || 1;
  return c.contributions.map((x) => {
    const ind = catalog.get(x.indicator);
    return {
      code: x.indicator,
      name: ind ? (lang === 'en' ? ind.nameEn : ind.nameZh) : x.indicator,
      weight: x.weight / total,
      score: x.score,
      contribution: x.contribution,
      basis: x.basis,
      source: x.source,
      sourceText: x.sourceText,
    };
  });
}

export function trendPoints(t: Trend, lang: Lang): TrendPoint[] {
  return t.points.map((p) => ({
    window: p.window,
    label: periodLabel(parsePeriod(p.window), lang),
    value: p.value,
    status: p.status === 'missing' || p.status === 'undisclosed' ? p.status : 'green',
    coverage: coverageOf(p.status, p.coverage),
    median: p.peerMedian,
    p25: p.peerP25,
    p75: p.peerP75,
    target: p.target,
    source: p.source,
    sourceText: p.sourceText,
  }));
}
