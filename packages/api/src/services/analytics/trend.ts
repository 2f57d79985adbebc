import { analyticsMatrixWithProvenance, type MatrixRow } from '@bixue/db';
import {
  checkMessage,
  clipWindow,
  type Coverage,
  grainMonths,
  type Indicator,
  type JudgedWindow,
  type MonthRange,
  periodSeries,
  previousSameLength,
  relativeChange,
  type RollupStatus,
  sameMonthsLastYear,
  type Settings,
} from '@bixue/domain';
import { z } from 'zod';
import type { ApiContext } from '../../context.ts';
import { NotFoundError } from '../../errors.ts';
import { type ReadableGroup, readableGroup, readableUnit } from '../../scope.ts';
import {
  asOfSchema,
  assertMatrixWithin,
  assertPerMemberAllowed,
  groupSchema,
  indicatorCodeSchema,
  todaySchema,
  unitCodeSchema,
  windowSchema,
} from './inputs.ts';
import { asOfFields, type AsOfFields, factsAt, judgeWindow, versionSchema } from './judged-window.ts';
import { activeRange, loadIndicator, settingsFor } from './loaders.ts';
import { loadCatalog } from '../../reference.ts';
import { asMatrixIndicator, termWeights } from './matrix-cells.ts';
import { attainmentOf } from './attainment-of.ts';
import { type Origin, originsForWindows } from './provenance.ts';
import { insidersOf, peerStatsShown } from './visibility.ts';
import { requireAmong } from './unit-among-peers.ts';

/**
 * Bounded work: many indicators × many windows is one large matrix. The 单位画像 draws 8 windows;
 * 60 windows of the whole catalog once held PGlite (and every user) for 10 s. One indicator gets
 * the same bound: 16 half-years is eight years of history, more than a chart can show.
 */
export const MAX_TRENDS_COUNT = 16;
const countSchema = z
  .number()
  .int()
  .min(2, checkMessage({ zh: 'count 至少 2 期', en: 'count is at least 2 periods' }))
  .max(
    MAX_TRENDS_COUNT,
    checkMessage({
      zh: `count 最多 ${MAX_TRENDS_COUNT} 期（一次最多看 ${MAX_TRENDS_COUNT} 个报告期）`,
      en: `count is at most ${MAX_TRENDS_COUNT} periods (at most ${MAX_TRENDS_COUNT} periods at a time)`,
    }),
  )
  .default(8);

export const trendInput = z.object({
  unit: unitCodeSchema,
  indicator: indicatorCodeSchema,
  /** the last window of the series */
  window: windowSchema,
  count: countSchema,
  /** peers for the median and band; default: the unit's siblings */
  group: groupSchema.optional(),
  perMember: z.boolean().optional(),
  today: todaySchema.optional(),
  asOf: asOfSchema.optional(),
  version: versionSchema.optional(),
});
export type TrendInput = z.output<typeof trendInput>;

export const trendsInput = trendInput.omit({ indicator: true }).extend({
  /** default: the whole catalog, as the benchmark shows it */
  indicators: z.array(indicatorCodeSchema).min(1).max(60).optional(),
  /** applies to the indicators that may be counted per member; the others stay totals */
  perMember: z.boolean().optional(),
});
export type TrendsInput = z.output<typeof trendsInput>;

export interface TrendPoint extends Origin {
  window: string;
  value: number | null;
  status: RollupStatus;
  coverage: Coverage;
  peerMedian: number | null;
  peerP25: number | null;
  peerP75: number | null;
  /** too few units besides the viewer's own have a value: the median and band are withheld */
  peersWithheld: boolean;
  /** the window's target and what of it is due by the end of the judged months (by its phasing) */
  target: number | null;
  proratedTarget: number | null;
  /** the same months a year earlier: the value 同比 compares with */
  previousYear: number | null;
  /** 同比: relative change against the same months a year earlier */
  yoy: number | null;
  /** 环比: relative change against as many months just before */
  pop: number | null;
}

export interface Trend extends AsOfFields {
  unit: string;
  indicator: string;
  group: string;
  /** the group's members besides the unit (benchmark.ts): none, and no point has a median or band */
  peers: number;
  /** values (and targets) are per party member */
  perMember: boolean;
  points: TrendPoint[];
}

export interface Trends extends AsOfFields {
  unit: string;
  group: string;
  peers: number;
  trends: Trend[];
}

/** A unit's series over consecutive windows beside its peers' median and P25–P75 band. */
export async function trend(ctx: ApiContext, input: TrendInput): Promise<Trend> {
  const indicator = await loadIndicator(ctx, input.indicator);
  assertPerMemberAllowed(indicator, input.perMember);
  const {
    trends: [one],
  } = await trendsOf(ctx, input, [{ indicator, perMember: input.perMember ?? false }]);
  return one!;
}

/** The trends of many indicators (the 单位画像's small multiples) from one matrix call. */
export async function trends(ctx: ApiContext, input: TrendsInput): Promise<Trends> {
  const catalog = await loadCatalog(ctx);
  const byCode = new Map(catalog.map((i) => [i.code, i]));
  const codes = input.indicators ? [...new Set(input.indicators)] : catalog.map((i) => i.code);
  const unknown = codes.filter((c) => !byCode.has(c));
  if (unknown.length)
    throw new NotFoundError({
      zh: `指标 ${unknown.join('、')} 不存在`,
      en: `${unknown.length > 1 ? 'Indicators' : 'Indicator'} ${unknown.join(', ')} ${unknown.length > 1 ? 'do' : 'does'} not exist`,
    });
  const lines = codes.map((c) => {
    const indicator = byCode.get(c)!;
    return { indicator, perMember: !!input.perMember && indicator.perCapitaAllowed };
  });
  return trendsOf(ctx, input, lines);
}

interface Line {
  indicator: Indicator;
  perMember: boolean;
}

/** A point's peer statistics: shown, withheld for k-anonymity, or none, there being no peer at all. */
type PeerStats = 'shown' | 'withheld' | 'none';

async function trendsOf(
  ctx: ApiContext,
  input: Omit<TrendsInput, 'indicators' | 'perMember'>,
  lines: readonly Line[],
): Promise<Trends> {
  const unit = await readableUnit(ctx, input.unit);
  const last = await judgeWindow(ctx, unit.province_code, input.window, input);
  // a year more than shown, so the first shown windows have their 同比 too; every window but the
  // last ended before the as-of month, the last is judged on its months up to it
  const perYear = 12 / grainMonths(input.window.grain);
  const windows = periodSeries(input.window, input.count + perYear).map((p) => clipWindow(p, last.asOf)!);
  // the last window's like-for-like comparisons when it is clipped: the same months a year
  // earlier (Jan–Sep 2025 for Jan–Sep 2026) and as many months just before (Apr–Dec 2025)
  const withYear = (r: MonthRange) => ({ ...r, year: Math.floor(r.startMonth / 12) });
  const lastYear = windows.length;
  const lastBefore = windows.length + 1;
  const matrixWindows = [...windows, withYear(sameMonthsLastYear(last)), withYear(previousSameLength(last))];
  const groupText = input.group ?? (unit.parent_code ? `siblings:${unit.parent_code}` : null);
  let members = [unit];
  let group: ReadableGroup | null = null;
  if (groupText) {
    group = await readableGroup(ctx, groupText, {
      peers: true,
      active: activeRange(windows.map((w) => w.window)),
    });
    requireAmong(group.members, unit.code, groupText);
    members = group.members;
  }
  // a province has no parent and no default group: alone, its own series would be its "median"
  const peers = members.length - 1;
  assertMatrixWithin({ units: members.length, indicators: lines.length, windows: matrixWindows.length });
  const settings = await settingsFor(ctx, unit.province_code, last.read);
  const indicators = lines.map((l) => l.indicator);
  const shown = windows.slice(perYear);
  const { rows, provenance } = await analyticsMatrixWithProvenance(
    ctx.db,
    {
      units: members.map((u) => u.code),
      indicators: lines.map((l) => asMatrixIndicator(l.indicator, l.perMember)),
      windows: matrixWindows,
      termWeights: termWeights(settings),
      ...factsAt(last.read),
      // points show the peers' band, not who is best
      without: ['best'],
      rowsOf: [unit.code],
      insiders: insidersOf(group, members),
    },
    // the shown points are the matrix's windows perYear … windows.length − 1
    { units: [unit.code], windows: shown.map((_, i) => i + perYear) },
  );
  const origins = await originsForWindows(
    ctx,
    [unit.code],
    indicators,
    shown,
    provenance?.slice(perYear, windows.length),
  );
  const own = new Map(rows.map((r) => [`${r.indicator_code}|${r.w}`, r]));
  const trends = lines.map(({ indicator, perMember }): Trend => {
    const series = matrixWindows.map((_, w) => own.get(`${indicator.code}|${w}`)!);
    const points = shown.map((judged, i): TrendPoint => {
      const w = i + perYear;
      const isLast = w === windows.length - 1;
      const previousYear = series[isLast ? lastYear : w - perYear]!.value;
      const peerStats: PeerStats =
        peers === 0
          ? 'none'
          : peerStatsShown(series[w]!.n_valued_outside, settings.peer_min_others)
            ? 'shown'
            : 'withheld';
      return pointOf(
        series[w]!,
        indicator,
        perMember,
        judged,
        settings,
        peerStats,
        origins[i]!(unit.code, indicator.code),
        {
          previousYear,
          yoy: relativeChange(series[w]!.value, previousYear),
          pop: relativeChange(series[w]!.value, series[isLast ? lastBefore : w - 1]!.value),
        },
      );
    });
    return {
      unit: unit.code,
      indicator: indicator.code,
      group: groupText ?? `unit:${unit.code}`,
      peers,
      perMember,
      points,
      ...asOfFields(last),
    };
  });
  return { unit: unit.code, group: groupText ?? `unit:${unit.code}`, peers, trends, ...asOfFields(last) };
}

/**
 * One point of a trend. Built field by field, not from spreads: a unit page's trends are hundreds
 * of points, and V8's object spread is several times slower than a literal (bench/load/cold-profile.ts).
 */
function pointOf(
  r: MatrixRow,
  indicator: Indicator,
  perMember: boolean,
  judged: JudgedWindow,
  settings: Settings,
  peerStats: PeerStats,
  origin: Origin,
  change: Pick<TrendPoint, 'previousYear' | 'yoy' | 'pop'>,
): TrendPoint {
  const a = attainmentOf(r, indicator, judged, settings.status_thresholds);
  // per member, only a per-capita target is comparable (its per-member level)
  const perMemberTarget = (t: number | null) =>
    r.target_per_capita && t !== null && r.member_count ? t / r.member_count : null;
  return {
    source: origin.source,
    sourceText: origin.sourceText,
    documentId: origin.documentId,
    window: judged.window.code,
    value: r.value,
    status: r.status,
    coverage: { months: r.months, of: r.span },
    peerMedian: peerStats === 'shown' ? r.median : null,
    peerP25: peerStats === 'shown' ? r.p25 : null,
    peerP75: peerStats === 'shown' ? r.p75 : null,
    peersWithheld: peerStats === 'withheld',
    target: perMember ? perMemberTarget(a.target) : a.target,
    proratedTarget: perMember ? perMemberTarget(a.proratedTarget) : a.proratedTarget,
    previousYear: change.previousYear,
    yoy: change.yoy,
    pop: change.pop,
  };
}
