import { analyticsMatrix } from '@bixue/db';
import type { RollupValue } from '@bixue/domain';
import { z } from 'zod';
import type { ApiContext } from '../../context.ts';
import { readableUnit } from '../../scope.ts';
import {
  assertNotFuture,
  assertPerMemberAllowed,
  indicatorCodeSchema,
  todayOr,
  todaySchema,
  unitCodeSchema,
  windowSchema,
} from './inputs.ts';
import { loadIndicator, settingsFor } from './loaders.ts';
import { asMatrixIndicator, rollupOf, termWeights } from './matrix-cells.ts';

export const rollupInput = z.object({
  unit: unitCodeSchema,
  indicator: indicatorCodeSchema,
  window: windowSchema,
  perMember: z.boolean().optional(),
  today: todaySchema.optional(),
});
export type RollupInput = z.output<typeof rollupInput>;

/** One unit × indicator rolled up to a window (contracts.md `rollup`). */
export async function rollup(ctx: ApiContext, input: RollupInput): Promise<RollupValue> {
  const unit = await readableUnit(ctx, input.unit);
  const indicator = await loadIndicator(ctx, input.indicator);
  assertPerMemberAllowed(indicator, input.perMember);
  assertNotFuture(input.window, todayOr(input.today));
  const settings = await settingsFor(ctx, unit.province_code);
  const [row] = await analyticsMatrix(ctx.db, {
    units: [unit.code],
    indicators: [asMatrixIndicator(indicator, input.perMember ?? false)],
    windows: [input.window],
    termWeights: termWeights(settings),
    drafts: settings.count_unapproved,
  });
  return rollupOf(row!);
}
