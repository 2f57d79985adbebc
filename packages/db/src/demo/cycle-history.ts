import { absMonthOfDate, makePeriod, type Period, type TaskState } from '@bixue/domain';
import { type Kysely, sql, type Transaction } from 'kysely';
import { insertReportingPeriod } from '../cycle/periods.ts';
import type { Database } from '../schema.ts';
import { DEMO_PROVINCE } from './names.ts';
import { writeFacts } from '../write-path/write-facts.ts';

/** Closed quarters before the open one: a year of history on the board. */
const CLOSED_QUARTERS = 4;

/**
 * The open quarter's states, by a unit's place in the tree: every state present, a few units
 * approved, some submitted waiting for review, one in ten returned. 安平县 (the demo reporter's
 * county) is drafting, so its reporter has something to submit.
 */
const OPEN_STATES: readonly TaskState[] = [
  'approved',
  'submitted',
  'draft',
  'approved',
  'not_started',
  'submitted',
  'returned',
  'draft',
  'approved',
  'not_started',
];

function dueOf(p: Period): string {
  const end = new Date(Date.UTC(Math.floor((p.endMonth + 1) / 12), (p.endMonth + 1) % 12, 10));
  return end.toISOString().slice(0, 10);
}

/**
 * The demo province's reporting history (domain.md §9): the quarters of the past year closed and
 * approved, the last complete quarter before `asOf` open and due on the 10th after it, with units
 * in every state — their figures of that quarter moved into drafts (drafting, submitted, returned)
 * or removed (not started), so rankings show only what was approved.
 */
export async function loadCycleHistory(db: Kysely<Database>, asOf: Date = new Date()): Promise<void> {
  const month = absMonthOfDate(asOf);
  const openStart = month - (month % 3) - 3;
  const open = makePeriod('quarter', Math.floor(openStart / 12), (openStart % 12) / 3 + 1);
  await db.transaction().execute(async (trx) => {
    for (let i = CLOSED_QUARTERS; i >= 1; i--) {
      const s = openStart - 3 * i;
      const p = makePeriod('quarter', Math.floor(s / 12), (s % 12) / 3 + 1);
      await openAs(trx, p);
      await sql`update unit_tasks set state = 'approved', updated_by = 'demo', submitted_at = ${dueOf(p)}::date - 3
        where province_code = ${DEMO_PROVINCE.code} and period = ${p.code}`.execute(trx);
      await sql`update reporting_periods set state = 'closed', closed_by = 'admin', closed_at = ${dueOf(p)}::date + 5
        where province_code = ${DEMO_PROVINCE.code} and period = ${p.code}`.execute(trx);
    }
    await openAs(trx, open);
    const tasks = await trx
      .selectFrom('unit_tasks')
      .innerJoin('units', 'units.code', 'unit_tasks.unit_code')
      .select(['unit_tasks.unit_code', 'units.level'])
      .where('unit_tasks.province_code', '=', DEMO_PROVINCE.code)
      .where('unit_tasks.period', '=', open.code)
      .orderBy('units.path')
      .execute();
    const byState = new Map<TaskState, string[]>();
    tasks.forEach((t, i) => {
      const state: TaskState =
        t.unit_code === '990101' ? 'draft' : t.level === 'province' ? 'draft' : OPEN_STATES[i % 10]!;
      byState.set(state, [...(byState.get(state) ?? []), t.unit_code]);
    });
    const staged = [
      ...(byState.get('draft') ?? []),
      ...(byState.get('submitted') ?? []),
      ...(byState.get('returned') ?? []),
    ];
    const inQuarter = sql`start_month >= ${open.startMonth} and end_month <= ${open.endMonth}`;
    if (staged.length)
      await sql`insert into fact_drafts (unit_code, indicator_code, period, grain, start_month, end_month, value, status,
          source, batch_id, updated_by, updated_at)
        select unit_code, indicator_code, period, grain, start_month, end_month, value, status, 'manual', 'demo', 'demo', updated_at
        from facts where unit_code = any(${staged}::text[]) and ${inQuarter}`.execute(trx);
    const unapproved = tasks.map((t) => t.unit_code).filter((u) => !(byState.get('approved') ?? []).includes(u));
    if (unapproved.length) {
      const removed = await trx
        .selectFrom('facts')
        .select(['unit_code', 'indicator_code', 'period'])
        .where('unit_code', 'in', unapproved)
        .where('start_month', '>=', open.startMonth)
        .where('end_month', '<=', open.endMonth)
        .execute();
      // through the write path: the removal is audited and raises the province's data version, so
      // answers cached on the version and the facts as of an earlier version both see it
      await writeFacts(
        trx,
        removed.map((r) => ({
          unitCode: r.unit_code,
          indicatorCode: r.indicator_code,
          period: r.period,
          value: null,
          status: 'missing' as const,
        })),
        { source: 'demo', user: 'demo', batchId: 'demo-cycle' },
      );
    }
    for (const [state, units] of byState) {
      if (state === 'not_started') continue;
      await sql`update unit_tasks set state = ${state}, updated_by = 'demo',
          comment = ${state === 'returned' ? '党员大会次数与上季度差异较大，请核实后重新提交' : null},
          submitted_at = ${state === 'submitted' || state === 'approved' ? sql`${dueOf(open)}::date - 5` : null}
        where province_code = ${DEMO_PROVINCE.code} and period = ${open.code} and unit_code = any(${units}::text[])`.execute(
        trx,
      );
      await sql`insert into task_transitions (unit_code, period, from_state, to_state, actor, comment)
        select u, ${open.code}, 'not_started', ${state}, 'demo', null from unnest(${units}::text[]) as u`.execute(trx);
    }
  });
}

async function openAs(trx: Transaction<Database>, p: Period): Promise<void> {
  await insertReportingPeriod(trx, {
    provinceCode: DEMO_PROVINCE.code,
    period: p,
    dueDate: dueOf(p),
    required: {},
    openedBy: 'admin',
  });
}
