import { upsertUnits, writeFacts } from '@bixue/db';
import { describeEachDb, loadAnalyticsFixture, valueFact } from '@bixue/db/testing';
import { beforeAll, expect, it } from 'vitest';
import { type ApiContext, OPERATOR } from '../../context.ts';
import { createCaller } from '../../root.ts';
import { unpackHeatmap } from './heatmap-packed.ts';

const v = valueFact;
const months = (year: number, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${year}-${String(from + i).padStart(2, '0')}`);

/**
 * The live year (domain.md §5) on the analytics fixture plus two counties of city A that report
 * monthly: 880105 holds every meeting on time, 880106 brings the rates for the tie at one decimal.
 */
describeEachDb('the live year', 'catalog', ({ db, kind }) => {
  const op = () => createCaller({ db: db(), dbKind: kind, principal: OPERATOR } satisfies ApiContext);

  beforeAll(async () => {
    await loadAnalyticsFixture(db());
    await upsertUnits(db(), [
      { code: '880105', name: '样例戊县气象局', level: 'county', parent_code: '880100' },
      { code: '880106', name: '样例己县气象局', level: 'county', parent_code: '880100' },
    ]);
    await writeFacts(
      db(),
      [
        // 支委会 every month of 2024; 党员大会 at each quarter's end; 组织生活会 not yet (0 each month)
        ...months(2024, 1, 12).map((m) => v('880105', 'branch_committee', m, 1)),
        ...months(2024, 1, 12).map((m) => v('880105', 'org_life_meeting', m, 0)),
        ...['2024-03', '2024-06', '2024-09', '2024-12'].map((m) => v('880105', 'members_congress', m, 1)),
        // 2025 through September: 1 + 2 + 1 = 4 党员大会
        v('880105', 'members_congress', '2025-03', 1),
        v('880105', 'members_congress', '2025-06', 2),
        v('880105', 'members_congress', '2025-09', 1),
        // 整改完成率 in 2022: 2/3 = 66.666…%, 6,667/10,000 = 66.67%, 7/10 = 70%
        v('880105', 'issues_found', '2022', 3),
        v('880105', 'issues_closed', '2022', 2),
        v('880106', 'issues_found', '2022', 10000),
        v('880106', 'issues_closed', '2022', 6667),
        v('880101', 'issues_found', '2022', 10),
        v('880101', 'issues_closed', '2022', 7),
      ],
      // 10,000 issues in a county is beyond the plausible bound: the test confirms it, as a person would
      { source: 'manual', user: 'test', batchId: 'live-year', acceptWarnings: true },
    );
  });

  const at = (indicator: string) =>
    op().analytics.attainment({ unit: '880105', indicator, window: '2024', asOf: '2024-08' });

  it('pro-rates a year judged through August 2024 by each target’s phasing', async () => {
    // 党员大会 quarterly 4: March and June due → 2; held 2 → 1, green
    expect(await at('members_congress')).toMatchObject({
      actual: 2,
      target: 4,
      proratedTarget: 2,
      attainment: 1,
      status: 'green',
      asOf: '2024-08',
      clipped: true,
      // 序时进度: 2 due by 31 August; 3 in all by the end of September
      dueBy: '2024-08-31',
      nextDue: { by: '2024-09-30', target: 3 },
      // due already: not 未到期
      dueMonth: null,
    });
    // 支委会 monthly 12: 8 months due → 8; held 8 → 1, green
    expect(await at('branch_committee')).toMatchObject({ actual: 8, target: 12, proratedTarget: 8, status: 'green' });
    // 组织生活会 once, due in December: nothing due yet, so not having held it is green, not red
    expect(await at('org_life_meeting')).toMatchObject({
      actual: 0,
      target: 1,
      proratedTarget: 0,
      attainment: null,
      status: 'green',
      nextDue: { by: '2024-12-31', target: 1 },
      // 未到期（12月到期）
      dueMonth: 12,
    });
    // the roll-up counts the judged months only: 8 of 8, complete
    expect(
      await op().analytics.rollup({ unit: '880105', indicator: 'branch_committee', window: '2024', asOf: '2024-08' }),
    ).toMatchObject({ value: 8, status: 'value', coverage: { months: 8, of: 8 }, asOf: '2024-08', clipped: true });
  });

  it('says in the heatmap, as objects and as columns, which cells are not yet due and when they fall due', async () => {
    const ask = {
      window: '2024',
      group: 'siblings:880100',
      indicators: ['members_congress', 'org_life_meeting'],
      asOf: '2024-08',
    };
    const due = (h: { cells: { unit: string; indicator: string; dueMonth: number | null }[] }) =>
      h.cells.filter((c) => c.unit === '880105').map((c) => [c.indicator, c.dueMonth]);
    const want = [
      ['members_congress', null],
      ['org_life_meeting', 12],
    ];
    expect(due(await op().analytics.heatmap(ask))).toEqual(want);
    const packed = await op().analytics.heatmapPacked(ask);
    expect(due(unpackHeatmap(packed))).toEqual(want);
    // judged through the whole of 2024, December is past: nothing is not yet due
    const whole = await op().analytics.heatmap({ ...ask, asOf: '2024-12' });
    expect(whole.cells.every((c) => c.dueMonth === null)).toBe(true);
  });

  it('compares like with like: Jan–Sep 2025 against Jan–Sep 2024, not against all of 2024', async () => {
    const t = await op().analytics.trend({
      unit: '880105',
      indicator: 'members_congress',
      window: '2025',
      count: 2,
      asOf: '2025-09',
    });
    const last = t.points[1]!;
    // Jan–Sep 2025: 4; Jan–Sep 2024: March, June, September = 3 → 4/3 − 1 = +33.3 %
    // (against the whole of 2024, 4, it would read 0 %)
    expect([last.value, last.previousYear, t.asOf, t.clipped]).toEqual([4, 3, '2025-09', true]);
    expect(last.yoy).toBeCloseTo(1 / 3, 12);
    // 环比: the 9 months before, Apr–Dec 2024: June, September, December = 3
    expect(last.pop).toBeCloseTo(1 / 3, 12);
    // 2024 ended before the as-of month: judged whole (4), its 同比 against 2023 (nothing reported)
    expect([t.points[0]!.value, t.points[0]!.yoy]).toEqual([4, null]);
  });

  it('ranks at the precision shown: 66.666…% and 66.67% are both 66.7%, 并列', async () => {
    const r = await op().analytics.ranking({
      indicator: 'rectification_rate',
      window: '2022',
      group: 'siblings:880100',
      asOf: '2024-12',
    });
    const line = (unit: string) => r.entries.find((e) => e.unit === unit)!;
    expect([line('880101').rank, line('880101').tied]).toEqual([1, false]);
    expect([line('880105').rank, line('880105').tied, line('880106').rank, line('880106').tied]).toEqual([
      2,
      true,
      2,
      true,
    ]);
    expect(line('880105').value).toBeCloseTo(200 / 3, 12);
    expect(r.ranked).toBe(3);
  });

  it('says when a window has nothing to judge yet', async () => {
    await expect(
      op().analytics.attainment({ unit: '880105', indicator: 'members_congress', window: '2024Q4', asOf: '2024-08' }),
    ).rejects.toThrow('数据截至2024年8月');
  });
});
