import type { TaskState } from '@bixue/domain';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * The task with its row locked until the transaction ends: two reviewers approving at once, or a
 * draft save racing an approval, take turns here and the second sees the first's state.
 */
export async function lockTask(trx: Transaction<Database>, unitCode: string, period: string) {
  return trx
    .selectFrom('unit_tasks')
    .selectAll()
    .where('unit_code', '=', unitCode)
    .where('period', '=', period)
    .forUpdate()
    .executeTakeFirst();
}

export type TaskRow = NonNullable<Awaited<ReturnType<typeof lockTask>>>;

export interface TaskChange {
  unitCode: string;
  period: string;
  from: TaskState;
  to: TaskState;
  actor: string;
  comment: string | null;
}

/**
 * Sets a locked task's state and writes the transition to its audit trail (who, when, comment).
 * A returned task that the unit starts correcting keeps the return's reason beside its state until
 * it submits again: the person fixing the figures needs to read what to fix. The trail's edit row
 * carries no comment of its own.
 */
export async function recordTransition(trx: Transaction<Database>, c: TaskChange): Promise<void> {
  const now = new Date();
  const correcting = c.from === 'returned' && c.to === 'draft';
  await trx
    .updateTable('unit_tasks')
    .set({
      state: c.to,
      ...(correcting ? {} : { comment: c.comment }),
      updated_by: c.actor,
      updated_at: now,
      ...(c.to === 'submitted' ? { submitted_at: now } : {}),
    })
    .where('unit_code', '=', c.unitCode)
    .where('period', '=', c.period)
    .execute();
  await trx
    .insertInto('task_transitions')
    .values({
      unit_code: c.unitCode,
      period: c.period,
      from_state: c.from,
      to_state: c.to,
      actor: c.actor,
      at: now,
      comment: c.comment,
    })
    .execute();
}

/** Every task of a period with its unit, in tree order. */
export async function listTasks(db: Executor, provinceCode: string, period: string) {
  return db
    .selectFrom('unit_tasks')
    .innerJoin('units', 'units.code', 'unit_tasks.unit_code')
    .select([
      'unit_tasks.unit_code',
      'unit_tasks.state',
      'unit_tasks.comment',
      'unit_tasks.updated_by',
      'unit_tasks.updated_at',
      'unit_tasks.submitted_at',
      'units.name',
      'units.short_name',
      'units.name_en',
      'units.short_name_en',
      'units.level',
      'units.parent_code',
      'units.path',
    ])
    .where('unit_tasks.province_code', '=', provinceCode)
    .where('unit_tasks.period', '=', period)
    .orderBy('units.path')
    .execute();
}

export async function taskHistory(db: Executor, unitCode: string, period: string) {
  return db
    .selectFrom('task_transitions')
    .selectAll()
    .where('unit_code', '=', unitCode)
    .where('period', '=', period)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** A unit's tasks beside their reporting periods: what a task is, when it is due, and its period's months and state. */
function tasksOfUnit(db: Executor, unitCode: string) {
  return db
    .selectFrom('unit_tasks')
    .innerJoin('reporting_periods', (j) =>
      j
        .onRef('reporting_periods.province_code', '=', 'unit_tasks.province_code')
        .onRef('reporting_periods.period', '=', 'unit_tasks.period'),
    )
    .select(['unit_tasks.period', 'unit_tasks.state', 'unit_tasks.comment', 'reporting_periods.due_date'])
    .where('unit_tasks.unit_code', '=', unitCode);
}

/** The open tasks of a unit (its home shows them), with the period's due date. */
export async function openTasksOfUnit(db: Executor, unitCode: string) {
  return tasksOfUnit(db, unitCode)
    .select(sql<number>`reporting_periods.start_month`.as('start_month'))
    .where('reporting_periods.state', '=', 'open')
    .orderBy('reporting_periods.start_month')
    .execute();
}

/**
 * The unit's task in the reporting period holding a fact of [startMonth, endMonth], with the
 * period's due date and state; undefined where no period holds it, or the unit came after the
 * period opened (its data counts at once then). A province's periods never overlap: one at most.
 */
export async function taskCovering(db: Executor, unitCode: string, startMonth: number, endMonth: number) {
  return tasksOfUnit(db, unitCode)
    .select('reporting_periods.state as period_state')
    .where('reporting_periods.start_month', '<=', startMonth)
    .where('reporting_periods.end_month', '>=', endMonth)
    .executeTakeFirst();
}
