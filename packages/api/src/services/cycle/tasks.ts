import {
  draftAsFactInput,
  draftsOf,
  deleteDrafts,
  listTasks,
  lockDataVersions,
  lockTask,
  type ReportingPeriodRow,
  recordTransition,
  taskHistory,
  type Unit,
  writeFacts,
} from '@bixue/db';
import {
  calendarToday,
  actorFor,
  CycleError,
  isOverdue,
  mayTakeAction,
  nextTaskState,
  periodCodeLabel,
  type Said,
  saidOf,
  type TaskAction,
  TASK_STATES,
  type TaskState,
} from '@bixue/domain';
import { type UnitNamesEn, unitNamesEn } from '@bixue/domain/unit-names-en';
import type { Transaction } from 'kysely';
import type { Database } from '@bixue/db';
import type { ApiContext, Principal } from '../../context.ts';
import { InputError, NotFoundError } from '../../errors.ts';
import { inScope, readableUnit, requirePrincipal, taskUnitFor } from '../../scope.ts';
import { requirePeriod } from './periods.ts';
import { cycleProvince } from './province.ts';

/** What an action does to a task: en is the participle, as in "can no longer be submitted". */
const ACTION_LABEL: Record<TaskAction, Said> = {
  edit: { zh: '填报', en: 'edited' },
  submit: { zh: '提交', en: 'submitted' },
  approve: { zh: '审核', en: 'approved' },
  return: { zh: '退回', en: 'returned' },
};

export interface TransitionInput {
  unit: string;
  period: string;
  comment?: string | undefined;
}

/**
 * One transition of one task in the caller's transaction: the task row is locked, so of two
 * racing decisions the second sees the first's outcome and is refused by the state machine. The
 * province's data-version row is locked before it, the order every save and the period's close
 * take them in, so a transition never deadlocks a save, and never lands in a period a racing
 * close has just locked.
 */
async function transition(
  trx: Transaction<Database>,
  p: Principal,
  unit: Unit,
  period: ReportingPeriodRow,
  action: Exclude<TaskAction, 'edit'>,
  comment: string | null,
): Promise<{ unit: string; from: TaskState; state: TaskState }> {
  await lockDataVersions(trx, [unit.province_code]);
  const task = await lockTask(trx, unit.code, period.period);
  if (!task)
    throw new NotFoundError({
      zh: `${unit.name} 在报送期 ${period.period} 没有报送任务`,
      en: `${unitNamesEn(unit).nameEn} has no reporting task in reporting period ${periodCodeLabel(period.period, 'en')}`,
    });
  const state = await trx
    .selectFrom('reporting_periods')
    .select('state')
    .where('province_code', '=', period.province_code)
    .where('period', '=', period.period)
    .executeTakeFirstOrThrow();
  if (state.state === 'closed')
    throw new CycleError({
      zh: `报送期 ${period.period} 已关闭（锁定），不能再${ACTION_LABEL[action].zh}`,
      en: `Reporting period ${periodCodeLabel(period.period, 'en')} is closed (locked): it can no longer be ${ACTION_LABEL[action].en}`,
    });
  let to: TaskState;
  try {
    to = nextTaskState(task.state, action);
  } catch (e) {
    const why = saidOf(e as Error);
    throw new CycleError({
      zh: `${unit.name}（${unit.code}）${period.period}：${why.zh}`,
      en: `${unitNamesEn(unit).nameEn} (${unit.code}) ${periodCodeLabel(period.period, 'en')}: ${why.en}`,
    });
  }
  if (action === 'approve') await approveDrafts(trx, p, unit, period);
  await recordTransition(trx, {
    unitCode: unit.code,
    period: period.period,
    from: task.state,
    to,
    actor: p.username,
    comment,
  });
  return { unit: unit.code, from: task.state, state: to };
}

/**
 * Approval moves the unit's drafts of the period into facts through the one write path (one call
 * per source, so provenance stays), then forgets them: from here on the data counts everywhere.
 */
async function approveDrafts(
  trx: Transaction<Database>,
  p: Principal,
  unit: Unit,
  period: ReportingPeriodRow,
): Promise<void> {
  const drafts = await draftsOf(trx, [unit.code], period.start_month, period.end_month);
  const bySource = new Map<string, typeof drafts>();
  for (const d of drafts) bySource.set(d.source, [...(bySource.get(d.source) ?? []), d]);
  for (const [source, rows] of bySource)
    await writeFacts(trx, rows.map(draftAsFactInput), {
      source: source as (typeof drafts)[number]['source'],
      user: p.username,
      batchId: `approve-${period.period}-${unit.code}`,
      // the reviewer saw the plausibility warnings on the review screen: approving confirms them
      acceptWarnings: true,
    });
  await deleteDrafts(trx, [unit.code], period.start_month, period.end_month);
}

async function act(ctx: ApiContext, input: TransitionInput, action: Exclude<TaskAction, 'edit'>) {
  const p = requirePrincipal(ctx);
  const unit = await taskUnitFor(ctx, input.unit, action === 'submit' ? 'submit' : 'review');
  const comment = input.comment?.trim() || null;
  if (action === 'return' && !comment)
    throw new InputError(
      {
        zh: '退回时请填写意见，告诉填报单位要改什么',
        en: 'Write a comment when returning a submission, telling the unit what to change',
      },
      'comment',
    );
  const period = await requirePeriod(ctx, unit.province_code, input.period);
  return ctx.db.transaction().execute((trx) => transition(trx, p, unit, period, action, comment));
}

export const submitTask = (ctx: ApiContext, input: TransitionInput) => act(ctx, input, 'submit');
export const approveTask = (ctx: ApiContext, input: TransitionInput) => act(ctx, input, 'approve');
export const returnTask = (ctx: ApiContext, input: TransitionInput) => act(ctx, input, 'return');

/**
 * 批量审核: approves every listed submission in one transaction — all or nothing, so a board never
 * shows half a batch approved after an error.
 */
export async function approveTasks(ctx: ApiContext, input: { units: string[]; period: string; comment?: string }) {
  const p = requirePrincipal(ctx);
  const units: Unit[] = [];
  for (const code of [...new Set(input.units)].sort()) {
    units.push(await taskUnitFor(ctx, code, 'review'));
  }
  if (units.length === 0)
    throw new InputError({ zh: '请选择要审核的单位', en: 'Choose the units to approve' }, 'units');
  const provinces = new Set(units.map((u) => u.province_code));
  if (provinces.size > 1)
    throw new InputError(
      { zh: '一次只能审核同一省的单位', en: 'Units approved together must all be in the same province' },
      'units',
    );
  const period = await requirePeriod(ctx, units[0]!.province_code, input.period);
  const comment = input.comment?.trim() || null;
  return ctx.db.transaction().execute(async (trx) => {
    const out = [];
    for (const unit of units) out.push(await transition(trx, p, unit, period, 'approve', comment));
    return out;
  });
}

export interface BoardRow extends UnitNamesEn {
  unit: string;
  name: string;
  shortName: string;
  level: Unit['level'];
  parent: string | null;
  state: TaskState;
  overdue: boolean;
  comment: string | null;
  updatedBy: string | null;
  updatedAt: string;
  submittedAt: string | null;
  /** the caller may approve or return it (its superior, or an admin) */
  canReview: boolean;
  /** the caller may submit it (the unit itself, or an admin) */
  canSubmit: boolean;
}

/** 报送进度: one row per unit of the caller's scope, with the counts by state over those rows. */
export async function board(
  ctx: ApiContext,
  input: { province?: string | undefined; period: string; today?: Date | undefined; state?: TaskState | undefined },
) {
  const p = requirePrincipal(ctx);
  const province = await cycleProvince(ctx, input.province);
  const period = await requirePeriod(ctx, province, input.period);
  const today = input.today ?? calendarToday();
  const tasks = (await listTasks(ctx.db, province, period.period)).filter((t) =>
    inScope(p, { code: t.unit_code, path: t.path }),
  );
  const rows: BoardRow[] = tasks.map((t) => {
    const actor = actorFor(p, { code: t.unit_code, parentCode: t.parent_code, provinceCode: province });
    return {
      unit: t.unit_code,
      name: t.name,
      shortName: t.short_name,
      ...unitNamesEn(t),
      level: t.level,
      parent: t.parent_code,
      state: t.state,
      overdue: period.state === 'open' && isOverdue(t.state, period.due_date, today),
      comment: t.comment,
      updatedBy: t.updated_by,
      updatedAt: new Date(t.updated_at).toISOString(),
      submittedAt: t.submitted_at ? new Date(t.submitted_at).toISOString() : null,
      canReview: period.state === 'open' && mayTakeAction(actor, 'approve'),
      canSubmit: period.state === 'open' && mayTakeAction(actor, 'submit'),
    };
  });
  const counts = Object.fromEntries(TASK_STATES.map((s) => [s, rows.filter((r) => r.state === s).length])) as Record<
    TaskState,
    number
  >;
  return {
    province,
    period: period.period,
    due: period.due_date,
    periodState: period.state,
    counts,
    overdue: rows.filter((r) => r.overdue).length,
    rows: input.state ? rows.filter((r) => r.state === input.state) : rows,
  };
}

/** The fixed JSON of `cycle status` (contracts.md). */
export async function cycleStatus(ctx: ApiContext, input: { province?: string; period: string; today?: Date }) {
  const b = await board(ctx, input);
  return b.rows.map((r) => ({ unit: r.unit, state: r.state, overdue: r.overdue }));
}

/** Who moved a task when, with their comments, oldest first. */
export async function taskTrail(ctx: ApiContext, input: { unit: string; period: string }) {
  const unit = await readableUnit(ctx, input.unit);
  const period = await requirePeriod(ctx, unit.province_code, input.period);
  return (await taskHistory(ctx.db, unit.code, period.period)).map((t) => ({
    from: t.from_state,
    to: t.to_state,
    actor: t.actor,
    at: new Date(t.at).toISOString(),
    comment: t.comment,
  }));
}
