import type { Period, RequiredByLevel } from '@bixue/domain';
import { type Kysely, sql, type Transaction } from 'kysely';
import { onceInSnapshot } from '../read-snapshot.ts';
import type { Database } from '../schema.ts';
import { inConfigVersion } from '../versions/config-version.ts';

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

/**
 * Marks an open period closed through the versioned write path (inConfigVersion): closing moves
 * the as-of month (domain.md §9), so it creates a data version and the period records it — a view
 * drawn as of an earlier version still sees the period open. False when it was not open (closed
 * meanwhile by someone else); no version is created then.
 */
export async function markPeriodClosed(
  trx: Transaction<Database>,
  provinceCode: string,
  period: string,
  closedBy: string,
): Promise<boolean> {
  const { result } = await inConfigVersion(trx, provinceCode, async (t, next) => {
    const row = await t
      .updateTable('reporting_periods')
      .set({ state: 'closed', closed_by: closedBy, closed_at: new Date(), closed_version: next })
      .where('province_code', '=', provinceCode)
      .where('period', '=', period)
      .where('state', '=', 'open')
      .returning('period')
      .executeTakeFirst();
    return { changed: Boolean(row), result: Boolean(row) };
  });
  return result;
}

/**
 * The last month (absolute) of the latest closed period of the province, or null; `atVersion`:
 * of the periods closed by then (a period closed before closings were versioned counts as closed).
 * Read once per read snapshot and version.
 */
export function latestClosedMonth(
  db: Executor,
  provinceCode: string,
  atVersion: number | null = null,
): Promise<number | null> {
  const key = atVersion === null ? `closed:${provinceCode}` : `closed:${provinceCode}@${atVersion}`;
  return onceInSnapshot(db, key, async () => {
    let q = db
      .selectFrom('reporting_periods')
      .select(sql<number | null>`max(end_month)`.as('m'))
      .where('province_code', '=', provinceCode)
      .where('state', '=', 'closed');
    if (atVersion !== null)
      q = q.where((eb) => eb.or([eb('closed_version', 'is', null), eb('closed_version', '<=', atVersion)]));
    const row = await q.executeTakeFirst();
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
