import { analyticsMatrixWithProvenance } from '@bixue/db';
import { type JudgedWindow, monthEndDate, nextDue, type RollupValue } from '@bixue/domain';
import type { MatrixRow } from '@bixue/db';
import { z } from 'zod';
import type { ApiContext } from '../../context.ts';
import { readableUnit } from '../../scope.ts';
import { asOfSchema, indicatorCodeSchema, todaySchema, unitCodeSchema, windowSchema } from './inputs.ts';
import { asOfFields, type AsOfFields, factsAt, judgeWindow, versionSchema } from './judged-window.ts';
import { loadIndicator, settingsFor } from './loaders.ts';
import { asMatrixIndicator, rollupOf, termWeights } from './matrix-cells.ts';
import { type Attainment, attainmentOf } from './attainment-of.ts';
import { type Origin, originsFor } from './provenance.ts';

export const attainmentInput = z.object({
  unit: unitCodeSchema,
  indicator: indicatorCodeSchema,
  window: windowSchema,
  today: todaySchema.optional(),
  asOf: asOfSchema.optional(),
  version: versionSchema.optional(),
});
export type AttainmentInput = z.output<typeof attainmentInput>;

export interface AttainmentResult extends Attainment, AsOfFields {
  rollup: RollupValue;
  origin: Origin;
  /** the date by which proratedTarget is due: the last day of the judged months (序时进度 截至…) */
  dueBy: string;
  /** the next date by which more falls due within the window, and how much is due by then in all */
  nextDue: { by: string; target: number } | null;
}

/** What falls due next after the judged months, by the target's phasing; sum indicators only. */
function nextDueOf(r: MatrixRow, judged: JudgedWindow, accumulates: boolean): AttainmentResult['nextDue'] {
  if (!accumulates || r.target_value === null || r.target_phasing === null) return null;
  const annual = r.target_per_capita
    ? r.member_count === null
      ? null
      : r.target_value * r.member_count
    : r.target_value;
  if (annual === null) return null;
  const next = nextDue(
    { kind: r.target_phasing, dueMonth: r.target_due_month! },
    annual,
    judged.startMonth,
    judged.endMonth,
  );
  return next && next.month <= judged.window.endMonth
    ? { by: monthEndDate(next.month), target: next.cumulative }
    : null;
}

/**
 * Actual against the target pro-rated to the end of the judged months by its phasing, and its
 * status colour (contracts.md `attainment`).
 */
export async function attainment(ctx: ApiContext, input: AttainmentInput): Promise<AttainmentResult> {
  const unit = await readableUnit(ctx, input.unit);
  const indicator = await loadIndicator(ctx, input.indicator);
  const judged = await judgeWindow(ctx, unit.province_code, input.window, input);
  const settings = await settingsFor(ctx, unit.province_code, judged.read);
  const {
    rows: [row],
    provenance,
  } = await analyticsMatrixWithProvenance(
    ctx.db,
    {
      units: [unit.code],
      indicators: [asMatrixIndicator(indicator, false)],
      windows: [judged],
      termWeights: termWeights(settings),
      ...factsAt(judged.read),
    },
    { units: [unit.code], windows: [0] },
  );
  const originOf = await originsFor(ctx, [unit.code], [indicator], judged, provenance?.[0]);
  return {
    ...attainmentOf(row!, indicator, judged, settings.status_thresholds),
    ...asOfFields(judged),
    dueBy: monthEndDate(judged.endMonth),
    nextDue: nextDueOf(row!, judged, indicator.aggregation === 'sum' && indicator.formula === null),
    rollup: rollupOf(row!),
    origin: originOf(unit.code, indicator.code),
  };
}
