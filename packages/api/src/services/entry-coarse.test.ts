import { describeEachDb } from '@bixue/db/testing';
import { expect, it } from 'vitest';
import { createCaller } from '../root.ts';
import { demoContext } from '../testing/demo-context.ts';
import type { CoarseChoice } from './coarse-choice.ts';

const TODAY = '2026-07-15';

/**
 * The manual form asks what a confirmed report and an import ask (domain.md §4): a quarter typed
 * over months that sum to something else, or a month typed under a stored quarter that keeps
 * counting, is shown before anything is written, and written as the person chooses. 安平县 has no
 * facts before the demo's first year (2019): its 2017 党员大会 are exactly what each test writes,
 * each test in a year of its own.
 */
describeEachDb('manual entry across grains', 'demo', ({ db, kind }) => {
  const api = async () => createCaller(await demoContext(db(), kind, 'analyst'));
  const shown = async (window: string) => {
    const r = await (
      await api()
    ).analytics.rollup({
      unit: '990101',
      indicator: 'members_congress',
      window,
      today: TODAY,
    });
    return r.value;
  };
  const version = async (period: string) =>
    (
      await db()
        .selectFrom('facts')
        .select('version')
        .where('unit_code', '=', '990101')
        .where('indicator_code', '=', 'members_congress')
        .where('period', '=', period)
        .executeTakeFirst()
    )?.version ?? null;
  const enter = async (period: string, value: number, choice: CoarseChoice = {}) =>
    (await api()).data.saveEntry({
      unitCode: '990101',
      period,
      changes: [{ indicatorCode: 'members_congress', value, status: 'value', expectedVersion: await version(period) }],
      ...choice,
    });
  const months = async (year: number, values: number[]) => {
    for (const [i, v] of values.entries()) await enter(`${year}-${String(i + 7).padStart(2, '0')}`, v);
  };

  it('asks before a quarter is typed over months that say otherwise, then keeps the months or replaces them', async () => {
    // Jul–Sep 2017: 1 + 1 + 1 = 3
    await months(2017, [1, 1, 1]);
    expect(await shown('2017Q3')).toBe(3);

    const asked = await enter('2017Q3', 2);
    expect(asked).toMatchObject({ saved: false, inserted: 0, updated: 0, deleted: 0, underCoarse: [] });
    expect(asked.conflicts).toEqual([
      {
        unitCode: '990101',
        indicatorCode: 'members_congress',
        period: '2017Q3',
        value: 2,
        finer: { value: 3, months: 3, of: 3, periods: ['2017-07', '2017-08', '2017-09'] },
      },
    ]);
    expect(await version('2017Q3')).toBeNull();

    // keep the months: nothing written, the quarter still shows their 3
    expect(await enter('2017Q3', 2, { conflicts: 'keep_finer' })).toMatchObject({ saved: true, inserted: 0 });
    expect([await version('2017Q3'), await shown('2017Q3')]).toEqual([null, 3]);
    // replace: the quarter is stored and counts
    expect(await enter('2017Q3', 2, { conflicts: 'replace' })).toMatchObject({ saved: true, inserted: 1 });
    expect([await version('2017Q3'), await shown('2017Q3')]).toEqual([1, 2]);
    // a quarter that agrees with its months asks nothing
    expect(await enter('2017Q3', 3)).toMatchObject({ saved: true, updated: 1, conflicts: [], underCoarse: [] });
  });

  it('asks before a month is typed under a stored quarter that keeps counting, then keeps or removes the quarter', async () => {
    // 2016Q3 = 3 with Jul–Sep 1 + 1 + 1: they agree
    await months(2016, [1, 1, 1]);
    expect(await enter('2016Q3', 3)).toMatchObject({ saved: true, inserted: 1, conflicts: [] });

    // July = 2: the months now sum to 4, yet the quarter keeps counting 3
    const asked = await enter('2016-07', 2);
    expect(asked).toMatchObject({ saved: false, updated: 0, conflicts: [] });
    expect(asked.underCoarse).toEqual([
      {
        unitCode: '990101',
        indicatorCode: 'members_congress',
        period: '2016Q3',
        value: 3,
        finer: { value: 4, months: 3, of: 3, periods: ['2016-07', '2016-08', '2016-09'] },
        written: ['2016-07'],
      },
    ]);
    expect(await shown('2016-07')).toBe(1);

    // keep the quarter: July is written, the quarter still counts 3
    expect(await enter('2016-07', 2, { underCoarse: 'keep_coarse' })).toMatchObject({ saved: true, updated: 1 });
    expect([await shown('2016-07'), await shown('2016Q3')]).toEqual([2, 3]);
    // August = 2 and remove the quarter: the months count, 2 + 2 + 1 = 5
    expect(await enter('2016-08', 2, { underCoarse: 'replace_coarse' })).toMatchObject({
      saved: true,
      updated: 1,
      deleted: 1,
    });
    expect([await version('2016Q3'), await shown('2016Q3')]).toEqual([null, 5]);
  });

  it('judges a quarter against months still in draft in an open reporting period', async () => {
    const admin = createCaller(await demoContext(db(), kind, 'admin'));
    await admin.cycle.open({ period: '2015Q3', due: '2015-10-10' });
    // Jul–Sep 2015 wait for approval as drafts: 1 + 1 + 1 = 3, none of them an approved fact
    for (const month of ['2015-07', '2015-08', '2015-09'])
      expect(await enter(month, 1)).toMatchObject({ saved: true, drafted: 1 });
    expect(await version('2015-08')).toBeNull();

    const asked = await enter('2015Q3', 2);
    expect(asked).toMatchObject({ saved: false, drafted: 0 });
    expect(asked.conflicts.map((c) => [c.period, c.value, c.finer])).toEqual([
      ['2015Q3', 2, { value: 3, months: 3, of: 3, periods: ['2015-07', '2015-08', '2015-09'] }],
    ]);
    expect(await enter('2015Q3', 2, { conflicts: 'replace' })).toMatchObject({ saved: true, drafted: 1 });
  });
  it('two people at once, a quarter and the month that completes it: one of them is always asked', async () => {
    // Jul + Aug = 1 + 1 stored. Q3 = 2 alone agrees with them (two of three months, not above 2);
    // Sep = 1 alone completes them. Whichever is saved first, the other meets a disagreement
    // (Q3 = 2 over months summing to 3) and must be asked: never both saved unasked.
    for (let year = 2001; year <= 2012; year++) {
      await months(year, [1, 1]);
      const [quarter, month] = await Promise.all([enter(`${year}Q3`, 2), enter(`${year}-09`, 1)]);
      expect([quarter.saved, month.saved].sort(), `${year}`).toEqual([false, true]);
      if (quarter.saved) expect(month.underCoarse.map((u) => u.period)).toEqual([`${year}Q3`]);
      else expect(quarter.conflicts.map((c) => c.finer.value)).toEqual([3]);
    }
  }, 120_000);
});
