import { type AsOf, resolveAsOf } from '@bixue/db';
import {
  asOfLabel,
  clipWindow,
  type JudgedWindow,
  monthCode,
  type Period,
  periodLabel,
  tryParseMonth,
} from '@bixue/domain';
import { z } from 'zod';
import type { ApiContext } from '../../context.ts';
import { InputError } from '../../errors.ts';
import { readableUnit } from '../../scope.ts';
import { assertNotFuture, todayOr, todaySchema, unitCodeSchema } from './inputs.ts';

/** What every analytics answer says about the months it judged (数据截至…). */
export interface AsOfFields {
  /** the data as-of month in effect, 'YYYY-MM' */
  asOf: string;
  /** true when the window reaches past it and was judged on the months up to it */
  clipped: boolean;
}

/**
 * The months a window is judged on (domain.md §5): the window clipped to the province's data
 * as-of month — `asOf` given (CLI `--as-of`), else resolveAsOf: the admin's setting, the latest
 * closed period, the last complete month before `today`. A window that has not begun, or begins
 * after the as-of month, has nothing to judge yet: a clear error naming the field.
 */
export async function judgeWindow(
  ctx: ApiContext,
  provinceCode: string,
  window: Period,
  input: { today?: Date | undefined; asOf?: number | undefined },
): Promise<JudgedWindow> {
  const today = todayOr(input.today);
  assertNotFuture(window, today);
  const asOf = input.asOf ?? tryParseMonth((await resolveAsOf(ctx.db, provinceCode, today)).month)!;
  const judged = clipWindow(window, asOf);
  if (!judged) throw new InputError(`报告期 ${periodLabel(window)} 还没有可评价的数据（${asOfLabel(asOf)}）`, 'window');
  return judged;
}

export function asOfFields(judged: JudgedWindow): AsOfFields {
  return { asOf: monthCode(judged.asOf), clipped: judged.clipped };
}

export const dataAsOfInput = z.object({ unit: unitCodeSchema, today: todaySchema.optional() });
export type DataAsOfInput = z.output<typeof dataAsOfInput>;

/** The data as-of month of a unit's province, and where it came from: what 序时进度 and card titles say. */
export async function dataAsOf(ctx: ApiContext, input: DataAsOfInput): Promise<AsOf> {
  const unit = await readableUnit(ctx, input.unit);
  return resolveAsOf(ctx.db, unit.province_code, todayOr(input.today));
}
