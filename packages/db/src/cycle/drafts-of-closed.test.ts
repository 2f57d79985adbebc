import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { MIGRATIONS_DIR, splitSqlStatements } from '../migrate.ts';
import { describeEachDb } from '../testing/index.ts';

describeEachDb('migration 0019: drafts earlier closes left behind', 'demo', ({ db }) => {
  it("drops the drafts inside closed periods, records the count in each task trail, and keeps an open period's", async () => {
    // what closes before the fix left behind: 2025Q4 closed with two drafts of 990102 inside it,
    // 2026Q1 open with one draft that must stay
    const quarter = (period: string, start: number, state: 'open' | 'closed') =>
      sql`insert into reporting_periods (province_code, period, start_month, end_month, due_date, state, closed_at)
        values ('990000', ${period}, ${start}, ${start + 2}, '2026-06-30', ${state}, ${state === 'closed' ? sql`now()` : null})`.execute(
        db(),
      );
    const q4 = 2025 * 12 + 9;
    const q1 = 2026 * 12;
    await quarter('2025Q4', q4, 'closed');
    await quarter('2026Q1', q1, 'open');
    await sql`insert into unit_tasks (unit_code, period, province_code, state) values
      ('990102', '2025Q4', '990000', 'draft'), ('990101', '2025Q4', '990000', 'approved'),
      ('990102', '2026Q1', '990000', 'draft')`.execute(db());
    const draft = (indicator: string, period: string, grain: string, start: number, end: number) =>
      sql`insert into fact_drafts (unit_code, indicator_code, period, grain, start_month, end_month, value, status, source)
        values ('990102', ${indicator}, ${period}, ${grain}, ${start}, ${end}, 1, 'value', 'manual')`.execute(db());
    await draft('seminar', '2025Q4', 'quarter', q4, q4 + 2);
    await draft('seminar', '2025-11', 'month', q4 + 1, q4 + 1);
    await draft('seminar', '2026-02', 'month', q1 + 1, q1 + 1);

    const text = readFileSync(`${MIGRATIONS_DIR}/0019_drop_drafts_of_closed_periods.sql`, 'utf8');
    for (const statement of splitSqlStatements(text)) await sql.raw(statement).execute(db());

    const left = await db().selectFrom('fact_drafts').select(['unit_code', 'period']).execute();
    expect(left).toEqual([{ unit_code: '990102', period: '2026-02' }]);
    const trail = await db()
      .selectFrom('task_transitions')
      .select(['unit_code', 'from_state', 'to_state', 'actor', 'comment'])
      .where('actor', '=', 'migration')
      .execute();
    expect(trail).toEqual([
      {
        unit_code: '990102',
        from_state: 'draft',
        to_state: 'draft',
        actor: 'migration',
        comment: '报送期关闭，2 条未审核的数据作废',
      },
    ]);
  });
});
