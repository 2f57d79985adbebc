import { analyticsMatrix } from '@bixue/db';
import type { RollupValue } from '@bixue/domain';
import { z } from 'zod';
import type { ApiContext } from '../../context.ts';
import { readableUnit } from '../../scope.ts';
import { assertNotFuture, indicatorCodeSchema, todayOr, todaySchema, unitCodeSchema, windowSchema } from './inputs.ts';
import { loadIndicator, settingsFor } from './loaders.ts';
import { asMatrixIndicator, rollupOf, termWeights } from './matrix-cells.ts';
import { type Attainment, attainmentOf } from './attainment-of.ts';
import { type Origin, originsFor } from './provenance.ts';

export const attainmentInput = z.object({
  unit: unitCodeSchema,
  indicator: indicatorCodeSchema,
  window: windowSchema,
  today: todaySchema.optional(),
});
export type AttainmentInput = z.output<typeof attainmentInput>;

export interface AttainmentResult extends Attainment {
  rollup: RollupValue;
  origin: Origin;
}

/** Actual against the (pro-rated) target and its status colour (contracts.md `attainment`). */
export async function attainment(ctx: ApiContext, input: AttainmentInput): Promise<AttainmentResult> {
  const today = todayOr(input.today);
  const unit = await readableUnit(ctx, input.unit);
  const indicator = await loadIndicator(ctx, input.indicator);
  assertNotFuture(input.window, today);
  const settings = await settingsFor(ctx, unit.province_code);
  const [row] = await analyticsMatrix(ctx.db, {
    units: [unit.code],
    indicators: [asMatrixIndicator(indicator, false)],
    windows: [input.window],
    termWeights: termWeights(settings),
    drafts: settings.count_unapproved,
  });
  const originOf = await originsFor(ctx, [unit.code], [indicator], input.window);
  return {
    ...attainmentOf(row!, indicator, input.window, today, settings.status_thresholds),
    rollup: rollupOf(row!),
    origin: originOf(unit.code, indicator.code),
  };
}
