import { lastCompleteMonth, monthCode } from '@bixue/domain';
import type { Kysely } from 'kysely';
import { latestClosedMonth } from './cycle/periods.ts';
import type { Database } from './schema.ts';
import { getSettings } from './settings.ts';

export type AsOfSource = 'setting' | 'closed_period' | 'last_complete_month';

export interface AsOf {
  /** 'YYYY-MM' */
  month: string;
  source: AsOfSource;
}

/**
 * The end month ('YYYY-MM') of the latest reporting period the province closed (domain.md §9:
 * closing a period moves the as-of month); null while it closed none.
 */
export async function latestClosedPeriodEnd(
  db: Kysely<Database>,
  provinceCode: string,
  atVersion: number | null = null,
): Promise<string | null> {
  const end = await latestClosedMonth(db, provinceCode, atVersion);
  return end === null ? null : monthCode(end);
}

/**
 * A province's data as-of month (数据截至, domain.md §5): the admin's `data_as_of` setting, else
 * the end of the latest closed reporting period, else the last complete month before `today`.
 * `atVersion`: the setting and the closed periods as they stood at the province's data version N
 * (issue 18), so a view drawn as of N is judged on the months it was judged on then.
 */
export async function resolveAsOf(
  db: Kysely<Database>,
  provinceCode: string,
  today: Date,
  atVersion: number | null = null,
): Promise<AsOf> {
  const setting = (await getSettings(db, provinceCode, atVersion)).data_as_of;
  if (setting !== null) return { month: setting, source: 'setting' };
  const closed = await latestClosedPeriodEnd(db, provinceCode, atVersion);
  if (closed !== null) return { month: closed, source: 'closed_period' };
  return { month: monthCode(lastCompleteMonth(today)), source: 'last_complete_month' };
}
