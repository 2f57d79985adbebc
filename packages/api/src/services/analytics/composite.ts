import { analyticsMatrixWithProvenance, type MatrixRow, type Provenance, type Unit } from '@bixue/db';
import {
  type CompositeExclusion,
  type CompositeScore,
  type Contribution,
  compositeIndicators,
  COMPOSITE_DECIMALS,
  compositeWeight,
  type Indicator,
  type JudgedWindow,
  groupCompositeScores,
  rankPlaces,
  type ScoreInput,
  type Settings,
} from '@bixue/domain';
import { z } from 'zod';
import type { ApiContext } from '../../context.ts';
import { asOfSchema, groupSchema, todaySchema, unitCodeSchema, windowSchema } from './inputs.ts';
import { asOfFields, type AsOfFields, factsAt, type ReadPoint, versionSchema } from './judged-window.ts';
import { unitAmongPeers } from './unit-among-peers.ts';
import { asMatrixIndicator, termWeights } from './matrix-cells.ts';
import { attainmentOf } from './attainment-of.ts';
import { type Origin, originsFor } from './provenance.ts';

export interface UnitComposite extends CompositeScore {
  /** among the group, the scores compared at one decimal as shown (rankPlaces) */
  rank: number | null;
  tied: boolean;
}

export interface CompositeWindow {
  /** the indicators that entered: composite candidates with a value for some unit of the group, less the excluded */
  indicators: string[];
  /** candidates with a value that the group's composite leaves out (a percentile among too few peers) */
  excluded: CompositeExclusion[];
  byUnit: Map<string, UnitComposite>;
  /** the roll-ups' provenance of the units asked for (opts.provenanceOf); null when computed from facts */
  provenance: Provenance[] | null;
}

/**
 * 综合得分 of every member for each window, ranked within the group. One matrix query for all
 * windows; scoring and ranking run over its rows (units × indicators), never over facts.
 * Per member divides the per-capita indicators; their attainment is still measured on the
 * absolute value (value × members), which is what a per-capita target compares.
 */
export async function groupComposite(
  ctx: ApiContext,
  members: readonly Unit[],
  windows: readonly JudgedWindow[],
  opts: {
    perMember: boolean;
    settings: Settings;
    catalog: readonly Indicator[];
    read: ReadPoint;
    provenanceOf?: { units: readonly string[]; windows: readonly number[] };
  },
): Promise<CompositeWindow[]> {
  const candidates = compositeIndicators(opts.catalog, opts.settings.composite);
  const byCode = new Map(candidates.map((i) => [i.code, i]));
  const { rows, provenance } = await analyticsMatrixWithProvenance(
    ctx.db,
    {
      units: members.map((u) => u.code),
      indicators: candidates.map((i) => asMatrixIndicator(i, opts.perMember && i.perCapitaAllowed)),
      windows,
      termWeights: termWeights(opts.settings),
      ...factsAt(opts.read),
      // scores read attainment and percentiles, never the quartiles or the best
      without: ['stats', 'best'],
    },
    opts.provenanceOf ?? { units: [], windows: [] },
  );
  // per window, its rows by indicator, in the matrix's order within each
  const byWindow = windows.map(() => new Map<string, MatrixRow[]>());
  for (const r of rows) {
    const byIndicator = byWindow[r.w]!;
    const of = byIndicator.get(r.indicator_code);
    if (of) of.push(r);
    else byIndicator.set(r.indicator_code, [r]);
  }
  return windows.map((judged, w) => {
    const byIndicator = byWindow[w]!;
    const entered = candidates.filter((i) => byIndicator.get(i.code)?.some((r) => r.n_ranked > 0)).map((i) => i.code);
    const perUnit = new Map<string, ScoreInput[]>(members.map((u) => [u.code, []]));
    // catalog order, so explanations read like the catalog
    for (const code of entered) {
      const indicator = byCode.get(code)!;
      for (const r of byIndicator.get(code)!) perUnit.get(r.unit_code)?.push(scoreInput(r, indicator, judged, opts));
    }
    const { scores, excluded } = groupCompositeScores(
      members.map((u) => perUnit.get(u.code) ?? []),
      opts.settings.composite.cap,
    );
    const places = rankPlaces(
      scores.map((s) => s.score),
      COMPOSITE_DECIMALS,
    );
    const left = new Map(excluded.map((e) => [e.indicator, e]));
    return {
      indicators: entered.filter((code) => !left.has(code)),
      // catalog order, as the indicators
      excluded: entered.flatMap((code) => left.get(code) ?? []),
      byUnit: new Map(
        members.map((u, i) => [
          u.code,
          { ...scores[i]!, rank: places[i]?.rank ?? null, tied: places[i]?.tied ?? false },
        ]),
      ),
      provenance: provenance?.[w] ?? null,
    };
  });
}

function scoreInput(
  r: MatrixRow,
  indicator: Indicator,
  judged: JudgedWindow,
  opts: { perMember: boolean; settings: Settings },
): ScoreInput {
  const divided = opts.perMember && indicator.perCapitaAllowed;
  const absolute = divided && r.value !== null && r.member_count !== null ? r.value * r.member_count : r.value;
  const a = attainmentOf(r, indicator, judged, opts.settings.status_thresholds, absolute);
  // nothing due yet (组织生活会 before December): the indicator says nothing about anyone, so it
  // drops out rather than handing every unit the cap
  const nothingDue = a.proratedTarget === 0;
  return {
    indicator: indicator.code,
    weight: compositeWeight(indicator, opts.settings.composite),
    hasTarget: r.target_value !== null,
    // green without a ratio otherwise: a lower_better zero — as good as it gets, the cap
    attainment: nothingDue ? null : (a.attainment ?? (a.status === 'green' ? Number.POSITIVE_INFINITY : null)),
    percentile: r.percentile,
  };
}

export const compositeInput = z.object({
  unit: unitCodeSchema,
  window: windowSchema,
  /** default: the unit's siblings */
  group: groupSchema.optional(),
  perMember: z.boolean().optional(),
  today: todaySchema.optional(),
  asOf: asOfSchema.optional(),
  version: versionSchema.optional(),
});
export type CompositeInput = z.output<typeof compositeInput>;

export interface CompositeExplanation extends AsOfFields {
  unit: string;
  window: string;
  group: string;
  score: number | null;
  rank: number | null;
  tied: boolean;
  ranked: number;
  /** indicators that entered the composite for this group and window */
  indicators: string[];
  /** indicators left out of it for the whole group, with the reason */
  excluded: CompositeExclusion[];
  /** each with where its number came from, for the waterfall's hover */
  contributions: (Contribution & Origin)[];
}

/** A unit's 综合得分 with each indicator's contribution (they add up to the score). */
export async function compositeExplain(ctx: ApiContext, input: CompositeInput): Promise<CompositeExplanation> {
  const { unit, judged, groupText, group, settings, catalog } = await unitAmongPeers(ctx, input);
  const [c] = await groupComposite(ctx, group.members, [judged], {
    perMember: input.perMember ?? false,
    settings,
    catalog,
    read: judged.read,
    provenanceOf: { units: [unit.code], windows: [0] },
  });
  const own = c!.byUnit.get(unit.code)!;
  const originOf = await originsFor(
    ctx,
    [unit.code],
    catalog.filter((i) => own.contributions.some((x) => x.indicator === i.code)),
    judged,
    c!.provenance ?? undefined,
  );
  return {
    unit: unit.code,
    window: input.window.code,
    group: groupText,
    score: own.score,
    rank: own.rank,
    tied: own.tied,
    ranked: [...c!.byUnit.values()].filter((u) => u.rank !== null).length,
    indicators: c!.indicators,
    excluded: c!.excluded,
    contributions: own.contributions.map((x) => ({ ...x, ...originOf(unit.code, x.indicator) })),
    ...asOfFields(judged),
  };
}
