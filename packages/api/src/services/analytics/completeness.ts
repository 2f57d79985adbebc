import { coveredMonths, factCountsBySource } from '@bixue/db';
import { monthCode, monthsAsPeriods } from '@bixue/domain';
import { unitNamesEn } from '@bixue/domain/unit-names-en';
import { z } from 'zod';
import type { ApiContext } from '../../context.ts';
import { asOfSchema, groupSchema, todaySchema, windowSchema } from './inputs.ts';
import { asOfFields, type AsOfFields, judgeWindow, versionSchema } from './judged-window.ts';
import { provinceOf } from './loaders.ts';
import { ownMembers } from './visibility.ts';
import { type SourceMix } from './provenance.ts';

export const completenessInput = z.object({
  window: windowSchema,
  group: groupSchema,
  today: todaySchema.optional(),
  asOf: asOfSchema.optional(),
  /** who had reported as the approved facts stood at this data version (domain.md §9) */
  version: versionSchema.optional(),
});
export type CompletenessInput = z.output<typeof completenessInput>;

export interface Completeness extends AsOfFields {
  window: string;
  group: string;
  /** months of the window that were due: all of it, or those up to the data as-of month */
  dueMonths: number;
  /** those months, 'YYYY-MM', the columns of the per-unit × month grid */
  months: string[];
  reported: number;
  of: number;
  /** reported ÷ of */
  share: number;
  units: {
    unit: string;
    name: string;
    nameEn: string;
    shortNameEn: string;
    reported: boolean;
    /** what it owes, in the fewest periods (2026H1, 2026-09) */
    missingPeriods: string[];
    /** the due months it reported nothing for, 'YYYY-MM' */
    missingMonths: string[];
  }[];
  /**
   * the facts behind these figures, counted by where they came from; empty as of a past version
   * (the audit log keeps the old values, not where they came from)
   */
  sources: SourceMix;
}

/**
 * 报送情况: who reported anything in the window, and which periods each unit still owes — now, or
 * as the approved facts stood at a data version (the 单位数 / 已报送率 of a view drawn as of it).
 */
export async function completeness(ctx: ApiContext, input: CompletenessInput): Promise<Completeness> {
  // only the caller's own units: a reporter sees its own row, an analyst its subtree's
  const group = await ownMembers(ctx, input.group, input.window);
  const judged = await judgeWindow(ctx, provinceOf(group.members), input.window, input);
  const codes = group.members.map((u) => u.code);
  const at = judged.read.atVersion;
  const [covered, counts] = await Promise.all([
    coveredMonths(ctx.db, codes, input.window.startMonth, input.window.endMonth, at),
    at ? [] : factCountsBySource(ctx.db, codes, input.window.startMonth, input.window.endMonth),
  ]);
  const byUnit = new Map(covered.map((c) => [c.unit_code, new Set(c.months)]));
  const due: number[] = [];
  for (let m = judged.startMonth; m <= judged.endMonth; m++) due.push(m);
  const units = group.members.map((u) => {
    const have = byUnit.get(u.code) ?? new Set<number>();
    const missing = due.filter((m) => !have.has(m));
    return {
      unit: u.code,
      name: u.name,
      ...unitNamesEn(u),
      reported: have.size > 0,
      missingPeriods: monthsAsPeriods(missing).map((p) => p.code),
      missingMonths: missing.map(monthCode),
    };
  });
  const reported = units.filter((u) => u.reported).length;
  return {
    window: input.window.code,
    group: input.group,
    dueMonths: due.length,
    months: due.map(monthCode),
    reported,
    of: units.length,
    share: reported / units.length,
    units,
    sources: Object.fromEntries(counts.map((c) => [c.source, c.n])),
    ...asOfFields(judged),
    // who reported counts approved facts only
    unapproved: false,
  };
}
