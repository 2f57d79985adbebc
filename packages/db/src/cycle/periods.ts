import type { Period, RequiredByLevel } from '@bixue/domain';
import { type Kysely, sql, type Transaction } from 'kysely';
import { onceInSnapshot } from '../read-snapshot.ts';
import type { Database } from '../schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface NewReportingPeriod {
  provinceCode: string;
  period: Period;
  dueDate: string;
  required: RequiredByLevel;
  openedBy: string;
}

/**
 * Opens a period: its row and one not-started task for every unit of the province active in it.
 * False when the province already has this period (nothing is written then).
 */
export async function insertReportingPeriod(trx: Transaction<Database>, p: NewReportingPeriod): Promise<boolean> {
  const inserted = await trx
    .insertInto('reporting_periods')
    .values({
      province_code: p.provinceCode,
      period: p.period.code,
      start_month: p.period.startMonth,
      end_month: p.period.endMonth,
      due_date: p.dueDate,
      required: JSON.stringify(p.required),
      opened_by: p.openedBy,
    })
    .onConflict((oc) => oc.columns(['province_code', 'period']).doNothing())
    .returning('period')
    .executeTakeFirst();
  if (!inserted) return false;
  // active at some point of the period: a unit merged away mid-quarter still reports its months
  const start = monthStartDate(p.period.startMonth);
  const end = monthStartDate(p.period.endMonth + 1);
  await sql`
    insert into unit_tasks (unit_code, period, province_code)
    select code, ${p.period.code}, ${p.provinceCode} from units
    where province_code = ${p.provinceCode} and active_from < ${end}::date
      and (active_to is null or active_to > ${start}::date)`.execute(trx);
  return true;
}

function monthStartDate(absMonth: number): string {
  return `${Math.floor(absMonth / 12)}-${String((absMonth % 12) + 1).padStart(2, '0')}-01`;
}

export async function getReportingPeriod(db: Executor, provinceCode: string, period: string) {
  return db
    .selectFrom('reporting_periods')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('period', '=', period)
    .executeTakeFirst();
}

export type ReportingPeriodRow = NonNullable<Awaited<ReturnType<typeof getReportingPeriod>>>;

/** A province's periods, newest first, with the number of tasks in each state. */
export async function listReportingPeriods(db: Executor, provinceCode: string) {
  const periods = await db
    .selectFrom('reporting_periods')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .orderBy('start_month', 'desc')
    .orderBy('end_month', 'desc')
    .execute();
  const counts = await db
    .selectFrom('unit_tasks')
    .select(['period', 'state', sql<number>`count(*)::int`.as('n')])
    .where('province_code', '=', provinceCode)
    .groupBy(['period', 'state'])
    .execute();
  return periods.map((p) => ({
    ...p,
    counts: Object.fromEntries(counts.filter((c) => c.period === p.period).map((c) => [c.state, c.n])),
  }));
}

/** Marks an open period closed; false when it was not open (closed meanwhile by someone else). */
export async function markPeriodClosed(
  trx: Transaction<Database>,
  provinceCode: string,
  period: string,
  closedBy: string,
): Promise<boolean> {
  const row = await trx
    .updateTable('reporting_periods')
    .set({ state: 'closed', closed_by: closedBy, closed_at: new Date() })
    .where('province_code', '=', provinceCode)
    .where('period', '=', period)
    .where('state', '=', 'open')
    .returning('period')
    .executeTakeFirst();
  return Boolean(row);
}

/** The last month (absolute) of the latest closed period of the province, or null. */
export function latestClosedMonth(db: Executor, provinceCode: string): Promise<number | null> {
  return onceInSnapshot(db, `closed:${provinceCode}`, async () => {
    const row = await db
      .selectFrom('reporting_periods')
      .select(sql<number | null>`max(end_month)`.as('m'))
      .where('province_code', '=', provinceCode)
      .where('state', '=', 'closed')
      .executeTakeFirst();
    return row?.m ?? null;
  });
}

/**
 * The periods of a province whose months hold a fact of [startMonth, endMonth] entirely. A fact
 * straddling a period's edge (a year fact beside a quarter period) is not the period's.
 */
export async function periodsCovering(db: Executor, provinceCode: string, startMonth: number, endMonth: number) {
  return db
    .selectFrom('reporting_periods')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('start_month', '<=', startMonth)
    .where('end_month', '>=', endMonth)
    .execute();
}

/** Every period of the given provinces, for classifying many facts at once. */
export async function periodsOfProvinces(db: Executor, provinceCodes: readonly string[]) {
  if (provinceCodes.length === 0) return [];
  return db.selectFrom('reporting_periods').selectAll().where('province_code', 'in', provinceCodes).execute();
}
