import { isOverdue, TASK_STATES } from '@bixue/domain';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDb, TEST_AS_OF } from '../testing/index.ts';
import { loadCycleHistory } from './cycle-history.ts';

describeEachDb('the demo reporting history', 'demo', (t) => {
  const db = () => t.db();

  const openQuarterFacts = async () =>
    new Map(
      (
        await db()
          .selectFrom('facts')
          .select(['unit_code', 'indicator_code', 'period', 'value', 'status'])
          .where('start_month', '>=', 2026 * 12 + 3)
          .where('end_month', '<=', 2026 * 12 + 5)
          .execute()
      ).map((f) => [`${f.unit_code} ${f.indicator_code} ${f.period}`, f]),
    );
  const provinceVersion = async () =>
    Number(
      (
        await db()
          .selectFrom('data_versions')
          .select('version')
          .where('province_code', '=', '990000')
          .executeTakeFirst()
      )?.version ?? 0,
    );

  it('closes the past year, opens the last quarter with units in every state, some overdue', async () => {
    const factsBefore = await openQuarterFacts();
    const versionBefore = await provinceVersion();
    await loadCycleHistory(db(), TEST_AS_OF);
    // the figures taken out of the open quarter went through the write path: one new data version,
    // an audit row with the true old value for each
    const factsAfter = await openQuarterFacts();
    const removed = [...factsBefore].filter(([k]) => !factsAfter.has(k)).map(([, f]) => f);
    expect(removed.length).toBeGreaterThan(0);
    expect(await provinceVersion()).toBe(versionBefore + 1);
    const audit = await db()
      .selectFrom('fact_audit')
      .select(['unit_code', 'indicator_code', 'period', 'old_value', 'old_status', 'new_status', 'data_version'])
      .where('batch_id', '=', 'demo-cycle')
      .execute();
    const key = (f: { unit_code: string; indicator_code: string; period: string }) =>
      `${f.unit_code} ${f.indicator_code} ${f.period}`;
    expect(audit.map(key).sort()).toEqual(removed.map(key).sort());
    for (const a of audit) {
      const was = factsBefore.get(key(a))!;
      expect([a.old_value, a.old_status, a.new_status, Number(a.data_version)]).toEqual([
        was.value,
        was.status,
        null,
        versionBefore + 1,
      ]);
    }
    const periods = await db()
      .selectFrom('reporting_periods')
      .select(['period', 'state', 'due_date'])
      .orderBy('start_month')
      .execute();
    expect(periods).toEqual([
      { period: '2025Q2', state: 'closed', due_date: '2025-07-10' },
      { period: '2025Q3', state: 'closed', due_date: '2025-10-10' },
      { period: '2025Q4', state: 'closed', due_date: '2026-01-10' },
      { period: '2026Q1', state: 'closed', due_date: '2026-04-10' },
      { period: '2026Q2', state: 'open', due_date: '2026-07-10' },
    ]);
    const tasks = await db()
      .selectFrom('unit_tasks')
      .select(['unit_code', 'state'])
      .where('period', '=', '2026Q2')
      .execute();
    expect(new Set(tasks.map((r) => r.state))).toEqual(new Set(TASK_STATES));
    expect(tasks.find((r) => r.unit_code === '990101')!.state).toBe('draft');
    expect(tasks.filter((r) => isOverdue(r.state, '2026-07-10', TEST_AS_OF)).length).toBeGreaterThan(10);
    const closedNotApproved = await db()
      .selectFrom('unit_tasks')
      .select('unit_code')
      .where('period', '=', '2026Q1')
      .where('state', '<>', 'approved')
      .execute();
    expect(closedNotApproved).toEqual([]);
  });

  it('keeps only approved units’ figures of the open quarter as facts, the others as drafts or nothing', async () => {
    const count = async (table: 'facts' | 'fact_drafts', state: string) =>
      (
        await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} f
          join unit_tasks t on t.unit_code = f.unit_code and t.period = '2026Q2'
          where t.state = ${state} and f.start_month >= ${2026 * 12 + 3} and f.end_month <= ${2026 * 12 + 5}`.execute(
          db(),
        )
      ).rows[0]!.n;
    expect(await count('facts', 'approved')).toBeGreaterThan(0);
    expect(await count('fact_drafts', 'approved')).toBe(0);
    for (const state of ['draft', 'submitted', 'returned']) {
      expect(await count('facts', state)).toBe(0);
      expect(await count('fact_drafts', state)).toBeGreaterThan(0);
    }
    expect(await count('facts', 'not_started')).toBe(0);
    expect(await count('fact_drafts', 'not_started')).toBe(0);
  });
});
