import {
  calendarToday,
  checkMessage,
  type Indicator,
  INDICATOR_CODE_CHARS,
  monthSchema,
  type Period,
  periodLabel,
  periodSchema,
  unitCodeSchema,
  windowInFuture,
} from '@bixue/domain';
import { z } from 'zod';
import { InputError } from '../../errors.ts';

/** Input pieces every analytics procedure shares; the routers, CLI and HTTP all parse with these. */
export const indicatorCodeSchema = z
  .string()
  .max(63)
  .regex(/^[a-z][a-z0-9_]{1,62}$/, INDICATOR_CODE_CHARS);
export const windowSchema = periodSchema;
export const todaySchema = z
  .string()
  .max(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/, checkMessage({ zh: '日期应为 YYYY-MM-DD', en: 'A date is written YYYY-MM-DD' }))
  .transform((s, ctx) => {
    const d = new Date(`${s}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
      ctx.addIssue({ code: 'custom', message: `无效日期 ${s}`, params: { en: `No such date ${s}` } });
      return z.NEVER;
    }
    return d;
  });
export const groupSchema = z.string().min(3).max(120);
/** `--as-of YYYY-MM`: judge windows against this month instead of the province's data as-of month */
export const asOfSchema = monthSchema;
export { unitCodeSchema };

export function todayOr(today: Date | undefined): Date {
  return today ?? calendarToday();
}

/** A window that has not begun has nothing to say yet. */
export function assertNotFuture(window: Period, today: Date): void {
  if (windowInFuture(window, today))
    throw new InputError(
      {
        zh: `报告期 ${window.code} 尚未开始（今天是 ${today.toISOString().slice(0, 10)}）`,
        en: `Period ${periodLabel(window, 'en')} has not started yet (today is ${today.toISOString().slice(0, 10)})`,
      },
      'window',
    );
}

export function assertPerMemberAllowed(i: Indicator, perMember: boolean | undefined): void {
  if (perMember && !i.perCapitaAllowed)
    throw new InputError(
      {
        zh: `指标 ${i.code}（${i.nameZh}）不能按党员人均计算`,
        en: `Indicator ${i.code} (${i.nameEn}) cannot be calculated per party member`,
      },
      'perMember',
    );
}

/**
 * Bounded work: the most cells (units × indicators × windows) one analytics call computes. A
 * national heatmap is 2,100 counties × 30 indicators ≈ 63,000; a 单位画像 among a large province's
 * 180 counties, 16 months with their year before, ≈ 160,000. Past this a call held PGlite, and so
 * every user, for seconds.
 */
export const MAX_MATRIX_CELLS = 200_000;

export function assertMatrixWithin(shape: { units: number; indicators: number; windows: number }): void {
  const cells = shape.units * shape.indicators * shape.windows;
  if (cells > MAX_MATRIX_CELLS)
    throw new InputError(
      {
        zh: `一次最多计算 ${MAX_MATRIX_CELLS} 个数据格，这次要 ${cells} 个（${shape.units} 个单位 × ${shape.indicators} 个指标 × ${shape.windows} 个报告期）：请缩小比较组（group）、减少指标或报告期数`,
        en: `At most ${MAX_MATRIX_CELLS} data cells can be calculated at once; this request needs ${cells} (${shape.units} units × ${shape.indicators} indicators × ${shape.windows} periods): choose a smaller comparison group (group), fewer indicators or fewer periods`,
      },
      'group',
    );
}
