import { randomBytes } from 'node:crypto';
import { draftsOf, type FactInput, factHistory, listIndicators, readFacts, taskCovering } from '@bixue/db';
import {
  absMonthOfDate,
  calendarToday,
  type CoarseConflict,
  type FinerUnderCoarse,
  parsePeriod,
  periodLabel,
  type PeriodState,
  type TaskState,
} from '@bixue/domain';
import { writeFactsAs } from '../audited-writes.ts';
import type { RoutedWriteResult } from './cycle/route-writes.ts';
import type { ApiContext } from '../context.ts';
import { InputError } from '../errors.ts';
import { type CoarseChoice, plannedSpans, validateBeforeChoice, weighCoarse } from './coarse-choice.ts';
import { canWrite, readableUnit, requirePrincipal, writableUnit } from '../scope.ts';

export interface EntryRow {
  indicatorCode: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  category: string;
  value: number | null;
  status: 'value' | 'undisclosed' | 'missing';
  source: string | null;
  /** the draft's version where a draft is shown, else the approved fact's; null: nothing stored yet. Send it back as expectedVersion */
  version: number | null;
  updatedBy: string | null;
  updatedAt: string | null;
  /** the value shown is the unit's draft in an open reporting period, not yet approved */
  draft: boolean;
  /** the draft takes the approved figure back (status missing until approved) */
  removal: boolean;
}

/**
 * The unit's task in the reporting period holding the form's period: its drafts are shown as not
 * yet submitted, awaiting the superior, or returned with the superior's comment, by this state.
 */
export interface EntryTask {
  /** the reporting period's code, e.g. 2026Q3 (the form's period may be one of its months) */
  period: string;
  state: TaskState;
  /** the last transition's comment: a return's reason while the state is returned */
  comment: string | null;
  /** 'YYYY-MM-DD' */
  dueDate: string;
  /** closed: the period's facts are locked */
  periodState: PeriodState;
}

export interface EntryForm {
  unit: { code: string; name: string };
  period: string;
  /**
   * why a save would be refused, null when it would go through: no write access to the unit, its
   * task awaits the superior's review, or its period is closed
   */
  readOnly: 'no_access' | 'submitted' | 'closed' | null;
  /** null: no reporting period holds the form's period, so what is saved counts at once */
  task: EntryTask | null;
  rows: EntryRow[];
}

/** The manual-entry form: every reported indicator of the unit for the period, with what is stored. */
export async function entryForm(ctx: ApiContext, input: { unitCode: string; period: string }): Promise<EntryForm> {
  const p = requirePrincipal(ctx);
  const unit = await readableUnit(ctx, input.unitCode);
  const period = parsePeriod(input.period);
  const indicators = (await listIndicators(ctx.db)).filter((i) => !i.formula);
  const stored = await readFacts(
    ctx.db,
    indicators.map((i) => ({ unitCode: unit.code, indicatorCode: i.code, period: period.code })),
  );
  // the unit and its superiors see its drafts over what was approved
  const drafts = new Map(
    (await draftsOf(ctx.db, [unit.code], period.startMonth, period.endMonth))
      .filter((d) => d.period === period.code)
      .map((d) => [d.indicator_code, d]),
  );
  const rows: EntryRow[] = indicators.map((i) => {
    const approved = stored.get(`${unit.code}\u0000${i.code}\u0000${period.code}`);
    const draft = drafts.get(i.code);
    // a draft's own version goes back with the save: it is what a second editor is checked by
    const f = draft ?? approved;
    return {
      indicatorCode: i.code,
      nameZh: i.nameZh,
      nameEn: i.nameEn,
      unit: i.unit,
      category: i.category,
      value: f?.value ?? null,
      status: f?.status ?? 'missing',
      source: f?.source ?? null,
      version: f?.version ?? null,
      updatedBy: f?.updated_by ?? null,
      updatedAt: f ? new Date(f.updated_at).toISOString() : null,
      draft: Boolean(draft),
      removal: draft?.status === 'missing',
    };
  });
  const task = await taskCovering(ctx.db, unit.code, period.startMonth, period.endMonth);
  // what routeWrites would refuse is not offered: a submitted task until its superior returns it,
  // and a closed period (its corrections need an admin's reason, which this form does not take)
  const readOnly = !canWrite(p, unit)
    ? 'no_access'
    : task?.period_state === 'closed'
      ? 'closed'
      : task?.state === 'submitted'
        ? 'submitted'
        : null;
  return {
    unit: { code: unit.code, name: unit.name },
    period: period.code,
    readOnly,
    task: task
      ? {
          period: task.period,
          state: task.state,
          comment: task.comment,
          dueDate: task.due_date,
          periodState: task.period_state,
        }
      : null,
    rows,
  };
}

export interface EntryChange {
  indicatorCode: string;
  /** null with status undisclosed, and with missing (which removes the stored fact) */
  value: number | null;
  status: 'value' | 'undisclosed' | 'missing';
  /** the version the form showed (null when nothing was stored) */
  expectedVersion: number | null;
}

/** What a save did: nothing (`saved: false`) while figures disagree across grains and the person has not chosen. */
export type EntrySaveResult = RoutedWriteResult & {
  saved: boolean;
  batchId: string;
  conflicts: CoarseConflict[];
  underCoarse: FinerUnderCoarse[];
};

/**
 * Saves the changed values of one form in one transaction. Each carries the version it was
 * edited from; if someone saved in between, the whole save is refused with a CONFLICT. The
 * values pass the write path's rule set; a value beyond the plausible bound needs acceptWarnings.
 * A quarter typed over months that sum to something else, or a month under a stored quarter that
 * keeps counting, is shown before anything is written, as for a confirmed report (coarse-choice.ts).
 */
export async function saveEntry(
  ctx: ApiContext,
  input: {
    unitCode: string;
    period: string;
    changes: EntryChange[];
    acceptWarnings?: boolean;
    today?: Date;
  } & CoarseChoice,
): Promise<EntrySaveResult> {
  const unit = await writableUnit(ctx, input.unitCode);
  requirePrincipal(ctx);
  const period = parsePeriod(input.period);
  if (period.startMonth > absMonthOfDate(input.today ?? calendarToday()))
    throw new InputError(
      {
        zh: `报告期 ${period.code} 尚未开始，不能填报`,
        en: `Period ${periodLabel(period, 'en')} has not started yet and cannot be filled in`,
      },
      'period',
    );
  const batchId = `manual-${randomBytes(6).toString('hex')}`;
  const acceptWarnings = input.acceptWarnings ?? false;
  const facts: FactInput[] = input.changes.map((c) => ({
    unitCode: unit.code,
    indicatorCode: c.indicatorCode,
    period: period.code,
    value: c.status === 'value' ? c.value : null,
    status: c.status,
    expectedVersion: c.expectedVersion,
  }));
  const aggregations = new Map((await listIndicators(ctx.db)).map((i) => [i.code, i.aggregation]));
  return ctx.db.transaction().execute(async (trx): Promise<EntrySaveResult> => {
    const weighed = await weighCoarse(trx, plannedSpans(facts, aggregations), input);
    const { conflicts, underCoarse } = weighed;
    if (weighed.undecided) {
      await validateBeforeChoice(trx, facts, acceptWarnings);
      const nothing = { inserted: 0, updated: 0, deleted: 0, unchanged: 0, versions: {}, drafted: 0 };
      return { ...nothing, saved: false, batchId, conflicts, underCoarse };
    }
    const kept = facts.filter(weighed.keep);
    const result = await writeFactsAs({ ...ctx, db: trx }, [...kept, ...weighed.removals(kept)], {
      source: 'manual',
      batchId,
      acceptWarnings,
    });
    return { ...result, saved: true, batchId, conflicts, underCoarse };
  });
}

/** Every change of one unit × indicator, oldest first, from the audit log. */
export async function factChanges(ctx: ApiContext, input: { unitCode: string; indicatorCode: string }) {
  const unit = await readableUnit(ctx, input.unitCode);
  const rows = await factHistory(ctx.db, unit.code, input.indicatorCode);
  return rows.map((r) => ({
    period: r.period,
    oldValue: r.old_value,
    oldStatus: r.old_status,
    newValue: r.new_value,
    newStatus: r.new_status,
    source: r.source,
    batchId: r.batch_id,
    changedBy: r.changed_by,
    changedAt: new Date(r.changed_at).toISOString(),
  }));
}
