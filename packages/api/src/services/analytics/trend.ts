import { analyticsMatrix } from '@bixue/db';
import {
  type Coverage,
  grainMonths,
  periodSeries,
  relativeChange,
  type RollupStatus,
} from '@bixue/domain';
import { z } from 'zod';
import type { ApiContext } from '../../context.ts';
import { InputError } from '../../errors.ts';
import { readableGroup, readableUnit } from '../../scope.ts';
import {
  activeRange,
  assertNotFuture,
  assertPerMemberAllowed,
  attainmentOf,
  groupSchema,
  indicatorCodeSchema,
  loadIndicator,
  settingsFor,
  termWeights,
  todayOr,
  todaySchema,
  unitCodeSchema,
  windowSchema,
  asMatrixIndicator,
  type Origin,
  originsFor,
} from './common.ts';

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
  points: TrendPoint[];
}

/** A unit's series over consecutive windows beside its peers' median and P25–P75 band. */
export async function trend(ctx: ApiContext, input: TrendInput): Promise<Trend> {
  const today = todayOr(input.today);
  const [unit, indicator] = await Promise.all([readableUnit(ctx, input.unit), loadIndicator(ctx, input.indicator)]);
  assertPerMemberAllowed(indicator, input.perMember);
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
  const rows = await analyticsMatrix(ctx.db, {
    units: members.map((u) => u.code),
    indicators: [asMatrixIndicator(indicator, input.perMember ?? false)],
    windows,
    termWeights: termWeights(settings),
  });
  const own = windows.map((_, w) => rows.find((r) => r.w === w && r.unit_code === unit.code)!);
  const shown = windows.slice(perYear);
  const origins = await Promise.all(shown.map((w) => originsFor(ctx, [unit.code], [indicator], w)));
  const points = own.slice(perYear).map((r, i): TrendPoint => {
    const w = i + perYear;
    const a = attainmentOf(r, indicator, windows[w]!, today, settings.status_thresholds);
    const perCapitaTargetOnPerMember = input.perMember && r.target_per_capita;
    return {
      ...origins[i]!(unit.code, indicator.code),
      window: windows[w]!.code,
      value: r.value,
      status: r.status,
      coverage: { months: r.months, of: r.span },
      peerMedian: r.median,
      peerP25: r.p25,
      peerP75: r.p75,
      // per member, only a per-capita target is comparable (its per-member level)
      target: input.perMember ? (perCapitaTargetOnPerMember && a.target !== null && r.member_count ? a.target / r.member_count : null) : a.target,
      proratedTarget: input.perMember
        ? perCapitaTargetOnPerMember && a.proratedTarget !== null && r.member_count
          ? a.proratedTarget / r.member_count
          : null
        : a.proratedTarget,
      yoy: relativeChange(r.value, own[w - perYear]!.value),
      pop: relativeChange(r.value, own[w - 1]!.value),
    };
  });
  return { unit: unit.code, indicator: indicator.code, group: groupText ?? `unit:${unit.code}`, points };
}
