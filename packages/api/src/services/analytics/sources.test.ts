import { describeEachDb, TEST_AS_OF } from '@bixue/db/testing';
import { parsePeriod, periodOfMonth } from '@bixue/domain';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createCaller } from '../../root.ts';
import { demoContext } from '../../testing/demo-context.ts';

const WINDOW = parsePeriod('2026H1');
const today = TEST_AS_OF.toISOString().slice(0, 10);

describeEachDb('where aggregates come from (综合得分, KPI hovers)', 'demo', ({ db, kind }) => {
  const as = (username: string) => demoContext(db(), kind, username);

  it("counts a composite's indicators by source, and names the source of each contribution", async () => {
    const admin = createCaller(await as('admin'));
    const unit = '990101';
    const group = 'siblings:990100';
    const before = await admin.analytics.composite({ unit, window: WINDOW.code, group, today });
    expect(before.contributions.length).toBeGreaterThan(3);
    // the demo's facts are all demo data
    expect(new Set(before.contributions.map((c) => c.source))).toEqual(new Set(['demo']));
    const ranked = await admin.analytics.ranking({ indicator: 'composite', window: WINDOW.code, group, today });
    const line = ranked.entries.find((e) => e.unit === unit)!;
    expect(line.sources).toEqual({ demo: before.contributions.length });

    // change, by hand, the latest fact of a plain (not derived) contributing indicator
    const plain = await db()
      .selectFrom('facts')
      .innerJoin('indicators', 'indicators.code', 'facts.indicator_code')
      .select(['facts.indicator_code', 'facts.grain', 'facts.start_month', 'facts.value', 'facts.version'])
      .where('facts.unit_code', '=', unit)
      .where('indicators.formula', 'is', null)
      .where(
        'facts.indicator_code',
        'in',
        before.contributions.map((c) => c.indicator),
      )
      .where('facts.start_month', '>=', WINDOW.startMonth)
      .where('facts.end_month', '<=', WINDOW.endMonth)
      .where('facts.value', 'is not', null)
      .orderBy('facts.end_month', 'desc')
      .orderBy('facts.indicator_code')
      .executeTakeFirstOrThrow();
    const period = periodOfMonth(plain.start_month, plain.grain);
    await createCaller(await as('reporter')).data.saveEntry({
      unitCode: unit,
      period: period.code,
      changes: [
        {
          indicatorCode: plain.indicator_code,
          value: Number(plain.value) + 1,
          status: 'value',
          expectedVersion: plain.version,
        },
      ],
    });

    const after = await admin.analytics.composite({ unit, window: WINDOW.code, group, today });
    expect(after.contributions.find((c) => c.indicator === plain.indicator_code)!.source).toBe('manual');
    const again = (
      await admin.analytics.ranking({ indicator: 'composite', window: WINDOW.code, group, today })
    ).entries.find((e) => e.unit === unit)!;
    const manual = after.contributions.filter((c) => c.source === 'manual').length;
    expect(again.sources).toEqual({ demo: after.contributions.length - manual, manual });
  });

  it('counts the facts behind 报送情况 by source, as a plain count over the facts table does', async () => {
    const analyst = createCaller(await as('analyst'));
    const done = await analyst.analytics.completeness({ window: WINDOW.code, group: 'siblings:990100', today });
    const counted = await sql<{ source: string; n: string }>`
      select f.source, count(*) as n from facts f join units u on u.code = f.unit_code
       where u.parent_code = '990100' and f.start_month <= ${WINDOW.endMonth} and f.end_month >= ${WINDOW.startMonth}
       group by f.source`.execute(db());
    expect(done.sources).toEqual(Object.fromEntries(counted.rows.map((r) => [r.source, Number(r.n)])));
    expect(done.sources.demo).toBeGreaterThan(0);
  });
});
