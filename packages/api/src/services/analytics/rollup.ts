import { analyticsMatrix } from '@bixue/db';
import type { RollupValue } from '@bixue/domain';
import { z } from 'zod';
import type { ApiContext } from '../../context.ts';
import { readableUnit } from '../../scope.ts';
import {
  asOfSchema,
  assertPerMemberAllowed,
  indicatorCodeSchema,
  todaySchema,
  unitCodeSchema,
  windowSchema,
} from './inputs.ts';
import { asOfFields, type AsOfFields, factsAt, judgeWindow, versionSchema } from './judged-window.ts';
import { loadIndicator, settingsFor } from './loaders.ts';
import { asMatrixIndicator, rollupOf, termWeights } from './matrix-cells.ts';

export const rollupInput = z.object({
  unit: unitCodeSchema,
  indicator: indicatorCodeSchema,
  window: windowSchema,
  perMember: z.boolean().optional(),
  today: todaySchema.optional(),
  asOf: asOfSchema.optional(),
  version: versionSchema.optional(),
});
export type RollupInput = z.output<typeof rollupInput>;

export type Rollup = RollupValue & AsOfFields;

/** One unit × indicator rolled up to a window, clipped to the data as-of month (contracts.md `rollup`). */
export async function rollup(ctx: ApiContext, input: RollupInput): Promise<Rollup> {
  const unit = await readableUnit(ctx, input.unit);
  const indicator = await loadIndicator(ctx, input.indicator);
  assertPerMemberAllowed(indicator, input.perMember);
  const judged = await judgeWindow(ctx, unit.province_code, input.window, input);
  const settings = await settingsFor(ctx, unit.province_code, judged.read);
  const [row] = await analyticsMatrix(ctx.db, {
    units: [unit.code],
    indicators: [asMatrixIndicator(indicator, input.perMember ?? false)],
    windows: [judged],
    termWeights: termWeights(settings),
    ...factsAt(judged.read),
  });
  return { ...rollupOf(row!), ...asOfFields(judged) };
}
