import { type Indicator, monthSchema, type Period, periodSchema, unitCodeSchema, windowInFuture } from '@bixue/domain';
import { z } from 'zod';
import { InputError } from '../../errors.ts';

/** Input pieces every analytics procedure shares; the routers, CLI and HTTP all parse with these. */
export const indicatorCodeSchema = z
  .string()
  .max(63)
  .regex(/^[a-z][a-z0-9_]{1,62}$/, '指标代码只能含小写字母、数字和下划线');
export const windowSchema = periodSchema;
export const todaySchema = z
  .string()
  .max(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD')
  .transform((s, ctx) => {
    const d = new Date(`${s}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
      ctx.addIssue({ code: 'custom', message: `无效日期 ${s}` });
      return z.NEVER;
    }
    return d;
  });
export const groupSchema = z.string().min(3).max(120);
/** `--as-of YYYY-MM`: judge windows against this month instead of the province's data as-of month */
export const asOfSchema = monthSchema;
export { unitCodeSchema };

export function todayOr(today: Date | undefined): Date {
  return today ?? new Date();
}

/** A window that has not begun has nothing to say yet. */
export function assertNotFuture(window: Period, today: Date): void {
  if (windowInFuture(window, today))
    throw new InputError(`报告期 ${window.code} 尚未开始（今天是 ${today.toISOString().slice(0, 10)}）`, 'window');
}

export function assertPerMemberAllowed(i: Indicator, perMember: boolean | undefined): void {
  if (perMember && !i.perCapitaAllowed)
    throw new InputError(`指标 ${i.code}（${i.nameZh}）不能按党员人均计算`, 'perMember');
}
