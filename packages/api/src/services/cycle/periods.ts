import {
  dropDraftsAtClose,
  getReportingPeriod,
  insertReportingPeriod,
  listReportingPeriods,
  lockDataVersions,
  markPeriodClosed,
  type ReportingPeriodRow,
} from '@bixue/db';
import {
  CYCLE_GRAINS,
  LEVELS,
  parsePeriod,
  type Period,
  periodCodeLabel,
  periodEndDate,
  periodLabel,
  type RequiredByLevel,
  TASK_STATES,
  type TaskState,
} from '@bixue/domain';
import type { ApiContext } from '../../context.ts';
import { InputError, NotFoundError } from '../../errors.ts';
import { adminProvince, requirePrincipal } from '../../scope.ts';
import { cycleProvince } from './province.ts';

export interface OpenPeriodInput {
  province?: string | undefined;
  period: string;
  due: string;
  /** indicator codes per level; by default every reported indicator the province sets that level a target for */
  required?: RequiredByLevel | undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDue(due: string, period: Period): void {
  const d = new Date(`${due}T00:00:00Z`);
  if (!DATE.test(due) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== due)
    throw new InputError(
      { zh: `截止日期应为 YYYY-MM-DD，收到 "${due}"`, en: `The due date should be YYYY-MM-DD; got "${due}"` },
      'due',
    );
  // a due date inside the period would have units submit months they have not lived yet
  if (d.getTime() < periodEndDate(period).getTime() - 86_400_000)
    throw new InputError(
      {
        zh: `截止日期 ${due} 早于报告期 ${period.code} 结束`,
        en: `The due date ${due} is before the end of the reporting period ${periodLabel(period, 'en')}`,
      },
      'due',
    );
}

/** Opens a reporting period: every unit of the province gets a task in 未开始. Admins only. */
export async function openPeriod(ctx: ApiContext, input: OpenPeriodInput) {
  const p = requirePrincipal(ctx);
  const province = adminProvince(ctx, await cycleProvince(ctx, input.province));
  const period = parsePeriod(input.period);
  if (!(CYCLE_GRAINS as readonly string[]).includes(period.grain))
    throw new InputError(
      {
        zh: `报送期应为季度、半年或年度（如 2026Q3），收到 ${period.code}`,
        en: `A reporting period should be a quarter, a half-year or a year (such as 2026Q3); got ${period.code}`,
      },
      'period',
    );
  checkDue(input.due, period);
  const required = input.required ?? (await defaultRequired(ctx, province, period.year));
  await checkRequired(ctx, required);
  return ctx.db.transaction().execute(async (trx) => {
    // two admins opening 2026Q3 and 2026H2 at once each saw no overlap before the other's row was
    // committed; under the province's lock the second sees the first's period
    await lockDataVersions(trx, [province]);
    const overlapping = await trx
      .selectFrom('reporting_periods')
      .select(['period', 'state'])
      .where('province_code', '=', province)
      .where('start_month', '<=', period.endMonth)
      .where('end_month', '>=', period.startMonth)
      .executeTakeFirst();
    // one period per month keeps "which period holds this fact" a single answer
    if (overlapping && overlapping.period !== period.code)
      throw new InputError(
        {
          zh: `报送期 ${period.code} 与已有报送期 ${overlapping.period} 重叠`,
          en: `Reporting period ${periodLabel(period, 'en')} overlaps the existing reporting period ${periodCodeLabel(overlapping.period, 'en')}`,
        },
        'period',
      );
    // a closed period is not opened again: its facts are locked, and a change is a correction
    if (overlapping?.state === 'closed')
      throw new InputError(
        {
          zh: `报送期 ${period.code} 已关闭，不能再次开启；如需修改其数据，请由管理员注明更正原因（--correction "原因"）`,
          en: `Reporting period ${periodLabel(period, 'en')} is closed and cannot be opened again; to change its data, an administrator must give the reason for a correction (--correction "reason")`,
        },
        'period',
      );
    if (overlapping)
      throw new InputError(
        { zh: `报送期 ${period.code} 已经开启`, en: `Reporting period ${periodLabel(period, 'en')} is already open` },
        'period',
      );
    await insertReportingPeriod(trx, {
      provinceCode: province,
      period,
      dueDate: input.due,
      required,
      openedBy: p.username,
    });
    const opened = (await listReportingPeriods(trx, province)).find((r) => r.period === period.code)!;
    return periodSummary(opened, opened.counts);
  });
}

async function defaultRequired(ctx: ApiContext, province: string, year: number): Promise<RequiredByLevel> {
  const rows = await ctx.db
    .selectFrom('targets')
    .innerJoin('indicators', 'indicators.code', 'targets.indicator_code')
    .select(['targets.level', 'targets.indicator_code'])
    .where('targets.province_code', '=', province)
    .where('targets.level', 'is not', null)
    .where((eb) => eb.or([eb('targets.year', 'is', null), eb('targets.year', '=', year)]))
    .where('indicators.formula', 'is', null)
    .orderBy('indicators.sort_order')
    .execute();
  const out: RequiredByLevel = {};
  for (const r of rows) {
    if (!r.level) continue;
    const list = (out[r.level] ??= []);
    if (!list.includes(r.indicator_code)) list.push(r.indicator_code);
  }
  return out;
}

async function checkRequired(ctx: ApiContext, required: RequiredByLevel): Promise<void> {
  const codes = [...new Set(Object.values(required).flat())];
  if (codes.length === 0) return;
  const known = await ctx.db.selectFrom('indicators').select(['code', 'formula']).where('code', 'in', codes).execute();
  const reported = new Set(known.filter((k) => !k.formula).map((k) => k.code));
  const bad = codes.filter((c) => !reported.has(c));
  if (bad.length)
    throw new InputError(
      {
        zh: `必报指标 ${bad.join('、')} 不存在或由其他指标计算得出`,
        en: `Required indicators ${bad.join(', ')} do not exist or are calculated from other indicators`,
      },
      'required',
    );
  for (const level of Object.keys(required))
    if (!(LEVELS as readonly string[]).includes(level))
      throw new InputError({ zh: `级别 ${level} 不存在`, en: `Level ${level} does not exist` }, 'required');
}

export function periodSummary(row: ReportingPeriodRow, counts: Partial<Record<string, number>>) {
  const byState = Object.fromEntries(TASK_STATES.map((s) => [s, counts[s] ?? 0])) as Record<TaskState, number>;
  const total = TASK_STATES.reduce((n, s) => n + byState[s], 0);
  return {
    province: row.province_code,
    period: row.period,
    due: row.due_date,
    state: row.state,
    required: row.required,
    openedBy: row.opened_by,
    openedAt: new Date(row.opened_at).toISOString(),
    closedBy: row.closed_by,
    closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
    counts: byState,
    total,
  };
}

export type PeriodSummary = ReturnType<typeof periodSummary>;

/** The province's periods with their progress (tasks per state), newest first. Every role reads it. */
export async function listPeriods(ctx: ApiContext, input: { province?: string | undefined } = {}) {
  const province = await cycleProvince(ctx, input.province);
  const rows = await listReportingPeriods(ctx.db, province);
  return rows.map((r) => periodSummary(r, r.counts));
}

export async function requirePeriod(ctx: ApiContext, province: string, period: string): Promise<ReportingPeriodRow> {
  const code = parsePeriod(period).code;
  const row = await getReportingPeriod(ctx.db, province, code);
  if (!row)
    throw new NotFoundError({
      zh: `报送期 ${code} 尚未开启`,
      en: `Reporting period ${periodCodeLabel(code, 'en')} has not been opened`,
    });
  return row;
}

/**
 * Closes a period: its facts are locked from now on (only an admin's correction changes them) and
 * the province's as-of month moves to its end. Submissions still waiting for review must be
 * decided first; drafts of units that never got approved are dropped in the same transaction
 * (each unit's task trail says how many), so the closed period shows its approved figures only.
 */
export async function closePeriod(ctx: ApiContext, input: { province?: string | undefined; period: string }) {
  const p = requirePrincipal(ctx);
  const province = adminProvince(ctx, await cycleProvince(ctx, input.province));
  const row = await requirePeriod(ctx, province, input.period);
  return ctx.db.transaction().execute(async (trx) => {
    // the province's lock before the tasks', as saves and transitions take them: a submission or
    // save racing the close waits, then finds the period closed
    await lockDataVersions(trx, [province]);
    const waiting = await trx
      .selectFrom('unit_tasks')
      .select('unit_code')
      .where('province_code', '=', province)
      .where('period', '=', row.period)
      .where('state', '=', 'submitted')
      .orderBy('unit_code')
      .forUpdate()
      .execute();
    if (waiting.length) {
      const listed = waiting.slice(0, 5).map((w) => w.unit_code);
      const more = waiting.length > 5;
      const one = waiting.length === 1;
      throw new InputError(
        {
          zh: `还有 ${waiting.length} 个单位已提交待审核（${listed.join('、')}${more ? '等' : ''}），请先审核通过或退回，再关闭报送期`,
          en: `${waiting.length} ${one ? 'unit has submitted and is' : 'units have submitted and are'} awaiting review (${listed.join(', ')}${more ? ' and others' : ''}): approve or return ${one ? 'it' : 'them'} before closing the reporting period`,
        },
        'period',
      );
    }
    if (!(await markPeriodClosed(trx, province, row.period, p.username)))
      throw new InputError(
        {
          zh: `报送期 ${row.period} 已经关闭`,
          en: `Reporting period ${periodCodeLabel(row.period, 'en')} is already closed`,
        },
        'period',
      );
    const notApproved = await trx
      .selectFrom('unit_tasks')
      .select('unit_code')
      .where('province_code', '=', province)
      .where('period', '=', row.period)
      .where('state', '<>', 'approved')
      .orderBy('unit_code')
      .execute();
    const dropped = await dropDraftsAtClose(trx, row, p.username);
    return {
      province,
      period: row.period,
      state: 'closed' as const,
      notApproved: notApproved.map((n) => n.unit_code),
      /** the unapproved drafts dropped, per unit */
      droppedDrafts: dropped,
    };
  });
}
