import {
  eventLoopTurns,
  FactConflictError,
  type FactInput,
  lockDataVersions,
  factKey,
  lockTask,
  periodsOfProvinces,
  recordTransition,
  type ReportingPeriodRow,
  validateFacts,
  type WriteContext,
  type WriteResult,
  writeDrafts,
  writeFacts,
  type Database,
  deleteDraftsByKey,
  readFacts,
} from '@bixue/db';
import {
  actorFor,
  CycleError,
  mayTakeAction,
  nextTaskState,
  parsePeriod,
  periodCodeLabel,
  saidOf,
} from '@bixue/domain';
import { unitNamesEn } from '@bixue/domain/unit-names-en';
import { sql, type Transaction } from 'kysely';
import type { Principal } from '../../context.ts';
import { ForbiddenError } from '../../errors.ts';

export interface RoutedWriteResult extends WriteResult {
  /** of inserted + updated, how many went into drafts awaiting approval */
  drafted: number;
}

export interface RouteOptions extends Omit<WriteContext, 'user'> {
  /** an admin's correction of facts in a closed period: the reason is required and audited */
  correction?: string | undefined;
}

interface UnitInfo {
  code: string;
  name: string;
  /** for the English of a refusal (unitNamesEn) */
  name_en: string | null;
  short_name_en: string | null;
  parent_code: string | null;
  province_code: string;
}

/**
 * Every entry path's writes pass here (domain.md §9): a fact inside a closed reporting period is
 * refused naming the lock (an admin's correction goes through); inside an open period it becomes a
 * draft of the unit's task until its superior approves it; outside any period it is written at
 * once, as for a province that runs no cycle. All in the caller's transaction, all or nothing.
 */
export async function routeWrites(
  trx: Transaction<Database>,
  p: Principal,
  inputs: FactInput[],
  options: RouteOptions,
): Promise<RoutedWriteResult> {
  const { correction, ...writeOptions } = options;
  // drafts obey the write path's rule set too, so a value is refused when entered, not at approval
  await validateFacts(trx, inputs, options.acceptWarnings ?? false);
  const units = await unitsOf(trx, inputs);
  const provinces = [...new Set([...units.values()].map((u) => u.province_code))];
  // the provinces' locks first, then the tasks' (below), as approval and close take them; the
  // periods are read under them, so a period closed meanwhile is seen closed
  await lockDataVersions(trx, provinces);
  const periods = await periodsOfProvinces(trx, provinces);
  const direct: FactInput[] = [];
  const drafted = new Map<string, { unit: UnitInfo; period: ReportingPeriodRow; facts: FactInput[] }>();
  // the reporting period holding a fact depends on its province and period only: a file repeats both
  const holders = new Map<string, ReportingPeriodRow | undefined>();
  const holderOf = (province: string, period: string) => {
    const fp = parsePeriod(period);
    return periods.find(
      (r) => r.province_code === province && r.start_month <= fp.startMonth && r.end_month >= fp.endMonth,
    );
  };
  const turns = eventLoopTurns();
  for (const f of inputs) {
    if (turns.due()) await turns.pass();
    const unit = units.get(f.unitCode)!;
    const key = `${unit.province_code}\u0000${f.period}`;
    if (!holders.has(key)) holders.set(key, holderOf(unit.province_code, f.period));
    const holder = holders.get(key);
    if (!holder) direct.push(f);
    else if (holder.state === 'closed') {
      if (!correction)
        throw new CycleError({
          zh: `报送期 ${holder.period} 已关闭并锁定：${unit.name} ${f.indicatorCode} ${f.period} 不能修改；如需更正，请由管理员注明更正原因（--correction "原因"）`,
          en: `Reporting period ${periodCodeLabel(holder.period, 'en')} is closed and locked: ${unitNamesEn(unit).nameEn} ${f.indicatorCode} ${periodCodeLabel(f.period, 'en')} cannot be changed; to correct it, an administrator must give the reason (--correction "reason")`,
        });
      if (p.role !== 'admin')
        throw new ForbiddenError({
          zh: `只有管理员可以更正已锁定的报送期 ${holder.period}`,
          en: `Only an administrator can correct the locked reporting period ${periodCodeLabel(holder.period, 'en')}`,
        });
      direct.push(f);
    } else {
      const k = `${unit.code}\u0000${holder.period}`;
      const group = drafted.get(k) ?? { unit, period: holder, facts: [] };
      group.facts.push(f);
      drafted.set(k, group);
    }
  }
  const result: RoutedWriteResult = { inserted: 0, updated: 0, deleted: 0, unchanged: 0, versions: {}, drafted: 0 };
  for (const { unit, period, facts } of [...drafted.values()].sort((a, b) => (a.unit.code < b.unit.code ? -1 : 1))) {
    // the task's row lock orders this save against a racing submission or approval
    const task = await lockTask(trx, unit.code, period.period);
    if (!task) {
      direct.push(...facts); // a unit created after the period opened has no task: its data counts as before
      continue;
    }
    if (task.state === 'approved') {
      direct.push(...facts);
      continue;
    }
    const actor = actorFor(p, { code: unit.code, parentCode: unit.parent_code, provinceCode: unit.province_code });
    if (!mayTakeAction(actor, 'edit'))
      throw new ForbiddenError({
        zh: `${unit.name} 在报送期 ${period.period} 的数据只能由本单位、上级单位或管理员填报`,
        en: `The data of ${unitNamesEn(unit).nameEn} in reporting period ${periodCodeLabel(period.period, 'en')} can be entered only by the unit itself, its superior unit or an administrator`,
      });
    let next;
    try {
      next = nextTaskState(task.state, 'edit');
    } catch (e) {
      const why = saidOf(e as Error);
      throw new CycleError({
        zh: `${unit.name} ${period.period}：${why.zh}`,
        en: `${unitNamesEn(unit).nameEn} ${periodCodeLabel(period.period, 'en')}: ${why.en}`,
      });
    }
    const { changed, dropped, approvedVersion } = await planDrafts(trx, facts);
    result.unchanged += facts.length - changed.length - dropped.length;
    if (changed.length === 0 && dropped.length === 0) continue;
    const w = await writeDrafts(trx, changed, { ...writeOptions, user: p.username }, approvedVersion);
    result.inserted += w.inserted;
    result.updated += w.updated;
    result.drafted += changed.length;
    result.deleted += await deleteDraftsByKey(trx, dropped);
    if (next !== task.state)
      await recordTransition(trx, {
        unitCode: unit.code,
        period: period.period,
        from: task.state,
        to: next,
        actor: p.username,
        comment: null,
      });
  }
  if (direct.length) {
    // a correction's reason goes into every audit row it makes
    const w = await writeFacts(trx, direct, {
      ...writeOptions,
      user: p.username,
      ...(correction ? { reason: correction } : {}),
    });
    result.inserted += w.inserted;
    result.updated += w.updated;
    result.deleted += w.deleted;
    result.unchanged += w.unchanged;
    result.versions = w.versions;
  }
  return result;
}

async function unitsOf(trx: Transaction<Database>, inputs: readonly FactInput[]): Promise<Map<string, UnitInfo>> {
  const codes = [...new Set(inputs.map((f) => f.unitCode))];
  const rows = codes.length
    ? await trx
        .selectFrom('units')
        .select(['code', 'name', 'name_en', 'short_name_en', 'parent_code', 'province_code'])
        .where('code', 'in', codes)
        .execute()
    : [];
  return new Map(rows.map((r) => [r.code, r]));
}

/**
 * What a save does to the unit's drafts, read under the task's lock. Each fact carrying the
 * version its editor saw (expectedVersion) is checked against the draft's version, or the approved
 * fact's where there is no draft, and a stale one refuses the whole save, as on the approved path.
 * Re-saving the same draft is no change: imports stay idempotent while a period is open. Removing
 * a figure (status missing) waits for approval like any change when an approved fact is there to
 * remove — a pending-removal draft — and merely forgets the draft when nothing was approved.
 */
async function planDrafts(
  trx: Transaction<Database>,
  facts: FactInput[],
): Promise<{ changed: FactInput[]; dropped: FactInput[]; approvedVersion: (f: FactInput) => number | null }> {
  // each fact with its period's canonical code, and its key, made once: the drafts' read, the
  // approved facts' read and each comparison below all go by them
  const canonical = facts.map((f) => ({ ...f, period: parsePeriod(f.period).code }));
  const keyOf = new Map(facts.map((f, i) => [f, factKey(canonical[i]!)]));
  const stored = await sql<{
    unit_code: string;
    indicator_code: string;
    period: string;
    value: number | null;
    status: string;
    version: number;
  }>`
    select unit_code, indicator_code, period, value, status, version from fact_drafts
    where (unit_code, indicator_code, period) in (
      select * from unnest(${facts.map((f) => f.unitCode)}::text[], ${facts.map((f) => f.indicatorCode)}::text[],
        ${canonical.map((f) => f.period)}::text[]))`.execute(trx);
  const byKey = new Map(
    stored.rows.map((r) => [factKey({ unitCode: r.unit_code, indicatorCode: r.indicator_code, period: r.period }), r]),
  );
  const approved = await readFacts(trx, canonical);
  const changed: FactInput[] = [];
  const dropped: FactInput[] = [];
  for (const f of facts) {
    const k = keyOf.get(f)!;
    const d = byKey.get(k);
    const a = approved.get(k);
    const current = d ? d.version : (a?.version ?? null);
    if (f.expectedVersion !== undefined && f.expectedVersion !== current)
      throw new FactConflictError(f.unitCode, f.indicatorCode, f.period, f.expectedVersion, current);
    if (f.status === 'missing' && !a) {
      if (d) dropped.push(f);
    } else if (!d || d.status !== f.status || d.value !== (f.status === 'value' ? f.value : null)) changed.push(f);
  }
  return {
    changed,
    dropped,
    approvedVersion: (f) =>
      approved.get(keyOf.get(f) ?? factKey({ ...f, period: parsePeriod(f.period).code }))?.version ?? null,
  };
}
