import { coveredMonths, factCountsBySource } from '@bixue/db';
import { absMonthOfDate, monthsAsPeriods } from '@bixue/domain';
import { z } from 'zod';
import type { ApiContext } from '../../context.ts';
import { assertNotFuture, groupSchema, todayOr, todaySchema, windowSchema } from './inputs.ts';
import { ownMembers } from './visibility.ts';
import { type SourceMix } from './provenance.ts';

export const completenessInput = z.object({
  window: windowSchema,
  group: groupSchema,
  today: todaySchema.optional(),
});
export type CompletenessInput = z.output<typeof completenessInput>;

export interface Completeness {
  window: string;
  group: string;
  /** months of the window that were due: all of a past window, those before this month of a running one */
  dueMonths: number;
  reported: number;
  of: number;
  /** reported ÷ of */
  share: number;
  units: { unit: string; name: string; reported: boolean; missingPeriods: string[] }[];
  /** the facts behind these figures, counted by where they came from */
  sources: SourceMix;
}

/** 报送情况: who reported anything in the window, and which periods each unit still owes. */
export async function completeness(ctx: ApiContext, input: CompletenessInput): Promise<Completeness> {
  const today = todayOr(input.today);
  assertNotFuture(input.window, today);
  // only the caller's own units: a reporter sees its own row, an analyst its subtree's
  const group = await ownMembers(ctx, input.group, input.window);
  const lastDue = Math.min(input.window.endMonth, absMonthOfDate(today) - 1);
  const codes = group.members.map((u) => u.code);
  const [covered, counts] = await Promise.all([
    coveredMonths(ctx.db, codes, input.window.startMonth, input.window.endMonth),
    factCountsBySource(ctx.db, codes, input.window.startMonth, input.window.endMonth),
  ]);
  const byUnit = new Map(covered.map((c) => [c.unit_code, new Set(c.months)]));
  const due: number[] = [];
  for (let m = input.window.startMonth; m <= lastDue; m++) due.push(m);
  const units = group.members.map((u) => {
    const have = byUnit.get(u.code) ?? new Set<number>();
    return {
      unit: u.code,
      name: u.name,
      reported: have.size > 0,
      missingPeriods: monthsAsPeriods(due.filter((m) => !have.has(m))).map((p) => p.code),
    };
  });
  const reported = units.filter((u) => u.reported).length;
  return {
    window: input.window.code,
    group: input.group,
    dueMonths: due.length,
    reported,
    of: units.length,
    share: reported / units.length,
    units,
    sources: Object.fromEntries(counts.map((c) => [c.source, c.n])),
  };
}
