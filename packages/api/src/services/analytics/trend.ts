import { analyticsMatrix, type MatrixRow } from '@bixue/db';
import {
  type Coverage,
  grainMonths,
  type Indicator,
  type Period,
  periodSeries,
  relativeChange,
  type RollupStatus,
  type Settings,
} from '@bixue/domain';
import { z } from 'zod';
import type { ApiContext } from '../../context.ts';
import { InputError, NotFoundError } from '../../errors.ts';
import { readableGroup, readableUnit } from '../../scope.ts';
import {
  assertNotFuture,
  assertPerMemberAllowed,
  groupSchema,
  indicatorCodeSchema,
  todayOr,
  todaySchema,
  unitCodeSchema,
  windowSchema,
} from './inputs.ts';
import { activeRange, loadCatalog, loadIndicator, settingsFor } from './loaders.ts';
import { asMatrixIndicator, termWeights } from './matrix-cells.ts';
import { attainmentOf } from './attainment-of.ts';
import { type Origin, originsFor } from './provenance.ts';

export const trendInput = z.object({
  unit: unitCodeSchema,
  indicator: indicatorCodeSchema,
  /** the last window of the series */
  window: windowSchema,
  count: z.number().int().min(2).max(60).default(8),
  /** peers for the median and band; default: the unit's siblings */
  group: groupSchema.optional(),
  perMember: z.boolean().optional(),
  today: todaySchema.optional(),
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
  /** the window's target (pro-rated by months for sum indicators) and what is due by today */
  target: number | null;
  proratedTarget: number | null;
  /** 同比: relative change against the same window a year earlier */
  yoy: number | null;
  /** 环比: relative change against the window before */
  pop: number | null;
}

export interface Trend {
  unit: string;
  indicator: string;
  group: string;
  /** values (and targets) are per party member */
  perMember: boolean;
  points: TrendPoint[];
}

export interface Trends {
  unit: string;
  group: string;
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
  if (unknown.length) throw new NotFoundError(`指标 ${unknown.join('、')} 不存在`);
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

async function trendsOf(
  ctx: ApiContext,
  input: Omit<TrendsInput, 'indicators' | 'perMember'>,
  lines: readonly Line[],
): Promise<Trends> {
  const today = todayOr(input.today);
  const unit = await readableUnit(ctx, input.unit);
  assertNotFuture(input.window, today);
  // a year more than shown, so the first shown windows have their 同比 too
  const perYear = 12 / grainMonths(input.window.grain);
  const windows = periodSeries(input.window, input.count + perYear);
  const groupText = input.group ?? (unit.parent_code ? `siblings:${unit.parent_code}` : null);
  let members = [unit];
  if (groupText) {
    const group = await readableGroup(ctx, groupText, { peers: true, active: activeRange(windows) });
    if (!group.members.some((u) => u.code === unit.code))
      throw new InputError(`单位 ${unit.code} 不在比较组 ${groupText} 中`, 'group');
    members = group.members;
  }
  const settings = await settingsFor(ctx, unit.province_code);
  const indicators = lines.map((l) => l.indicator);
  const shown = windows.slice(perYear);
  const [rows, origins] = await Promise.all([
    analyticsMatrix(ctx.db, {
      units: members.map((u) => u.code),
      indicators: lines.map((l) => asMatrixIndicator(l.indicator, l.perMember)),
      windows,
      termWeights: termWeights(settings),
      drafts: settings.count_unapproved,
    }),
    Promise.all(shown.map((w) => originsFor(ctx, [unit.code], indicators, w))),
  ]);
  const own = new Map(rows.filter((r) => r.unit_code === unit.code).map((r) => [`${r.indicator_code}|${r.w}`, r]));
  const trends = lines.map(({ indicator, perMember }): Trend => {
    const series = windows.map((_, w) => own.get(`${indicator.code}|${w}`)!);
    const points = shown.map((window, i): TrendPoint => {
      const w = i + perYear;
      return {
        ...origins[i]!(unit.code, indicator.code),
        ...pointOf(series[w]!, indicator, perMember, window, today, settings),
        yoy: relativeChange(series[w]!.value, series[w - perYear]!.value),
        pop: relativeChange(series[w]!.value, series[w - 1]!.value),
      };
    });
    return { unit: unit.code, indicator: indicator.code, group: groupText ?? `unit:${unit.code}`, perMember, points };
  });
  return { unit: unit.code, group: groupText ?? `unit:${unit.code}`, trends };
}

function pointOf(
  r: MatrixRow,
  indicator: Indicator,
  perMember: boolean,
  window: Period,
  today: Date,
  settings: Settings,
): Omit<TrendPoint, keyof Origin | 'yoy' | 'pop'> {
  const a = attainmentOf(r, indicator, window, today, settings.status_thresholds);
  // per member, only a per-capita target is comparable (its per-member level)
  const perMemberTarget = (t: number | null) =>
    r.target_per_capita && t !== null && r.member_count ? t / r.member_count : null;
  return {
    window: window.code,
    value: r.value,
    status: r.status,
    coverage: { months: r.months, of: r.span },
    peerMedian: r.median,
    peerP25: r.p25,
    peerP75: r.p75,
    target: perMember ? perMemberTarget(a.target) : a.target,
    proratedTarget: perMember ? perMemberTarget(a.proratedTarget) : a.proratedTarget,
  };
}
