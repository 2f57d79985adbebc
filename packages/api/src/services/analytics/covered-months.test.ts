import { analyticsMatrix, upsertUnits, writeFacts } from '@bixue/db';
import { describeEachDb, valueFact as v } from '@bixue/db/testing';
import { beforeAll, expect, it } from 'vitest';
import { type ApiContext, OPERATOR } from '../../context.ts';
import { createCaller } from '../../root.ts';

/**
 * A partial value is judged on the months it covers (domain.md §4: missing is never zero): a
 * county that reported only some months of 2026 through September answers for what fell due in
 * those months, and the answer says it covers n of the 9 months. Targets are the defaults a new
 * province gets (§3, §5): 党员大会 4 quarterly, 支委会 12 monthly, 党课 4 quarterly, 组织生活会 1
 * once in December.
 */
describeEachDb('partial values judged on their covered months', 'catalog', ({ db, kind }) => {
  const op = () => createCaller({ db: db(), dbKind: kind, principal: OPERATOR } satisfies ApiContext);
  const at = (indicator: string, window = '2026', asOf = '2026-09') =>
    op().analytics.attainment({ unit: '740101', indicator, window, asOf, today: '2026-10-15' });

  beforeAll(async () => {
    await upsertUnits(db(), [
      { code: '740000', name: '覆盖省气象局', level: 'province', parent_code: null },
      { code: '740100', name: '覆盖市气象局', level: 'city', parent_code: '740000' },
      { code: '740101', name: '覆盖县气象局', level: 'county', parent_code: '740100' },
      { code: '740102', name: '全报县气象局', level: 'county', parent_code: '740100' },
    ]);
    await writeFacts(
      db(),
      [
        // a 上半年总结 and nothing since: January–June of the nine months
        v('740101', 'members_congress', '2026H1', 2),
        // 支委会 January–May and July, August and September not reported
        ...['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-07'].map((m) =>
          v('740101', 'branch_committee', m, 1),
        ),
        // 党课 in January and February only: no quarter has ended within them
        v('740101', 'party_lecture', '2026-01', 1),
        v('740101', 'party_lecture', '2026-02', 1),
        // 2025: only December reported, and no 组织生活会 in it
        v('740101', 'org_life_meeting', '2025-12', 0),
        // the neighbour reported the same 党员大会 for every quarter through September: not partial
        v('740102', 'members_congress', '2026Q1', 1),
        v('740102', 'members_congress', '2026Q2', 1),
        v('740102', 'members_congress', '2026Q3', 0),
      ],
      { source: 'manual', user: 'test', batchId: 'covered-months' },
    );
  });

  it('pro-rates the target to the covered months by its phasing and says how many', async () => {
    // 党员大会: covers January–June (6 of 9); the quarters ending in them are March and June →
    // 2 of the annual 4 due; held 2 → 1, green (judged on all nine months it would be 2/3, red)
    expect(await at('members_congress')).toMatchObject({
      actual: 2,
      target: 4,
      proratedTarget: 2,
      attainment: 1,
      status: 'green',
      coveredMonths: { months: 6, of: 9 },
      rollup: { status: 'partial', coverage: { months: 6, of: 9 } },
    });
    // 支委会: six months covered (Jan–May, July), one meeting due in each → 6; held 6 → green
    expect(await at('branch_committee')).toMatchObject({
      actual: 6,
      proratedTarget: 6,
      attainment: 1,
      status: 'green',
      coveredMonths: { months: 6, of: 9 },
    });
    // 党课: January and February hold no quarter's end → nothing due in them; green, not red
    expect(await at('party_lecture')).toMatchObject({
      actual: 2,
      proratedTarget: 0,
      attainment: null,
      status: 'green',
      coveredMonths: { months: 2, of: 9 },
    });
    // 组织生活会 of 2025, December reported: its due month is covered → 1 due, none held → red
    expect(await at('org_life_meeting', '2025', '2025-12')).toMatchObject({
      actual: 0,
      proratedTarget: 1,
      attainment: 0,
      status: 'red',
      coveredMonths: { months: 1, of: 12 },
    });
  });

  it('leaves a value that covers every judged month as it was: pro-rated to the as-of month', async () => {
    // March, June and September due → 3; held 1 + 1 + 0 = 2 → 2/3, below 0.8: red
    const full = await op().analytics.attainment({
      unit: '740102',
      indicator: 'members_congress',
      window: '2026',
      asOf: '2026-09',
      today: '2026-10-15',
    });
    expect(full).toMatchObject({ actual: 2, proratedTarget: 3, status: 'red', coveredMonths: null });
    expect(full.attainment).toBeCloseTo(2 / 3, 10);
  });

  it('the heatmap colours the cells the same way, and both roll-up paths agree on the covered months', async () => {
    const heat = await op().analytics.heatmap({
      window: '2026',
      group: 'siblings:740100',
      asOf: '2026-09',
      today: '2026-10-15',
      indicators: ['members_congress', 'branch_committee'],
    });
    const colour = (unit: string, indicator: string) =>
      heat.cells.find((c) => c.unit === unit && c.indicator === indicator)?.colour;
    expect(colour('740101', 'members_congress')).toBe('green');
    expect(colour('740101', 'branch_committee')).toBe('green');
    expect(colour('740102', 'members_congress')).toBe('red');

    // January–September 2026: bits 0–5 (the half) = 63; branch_committee bits 0–4 and 6 = 31 + 64 = 95
    const JAN_2026 = 2026 * 12;
    const query = (fromFacts: boolean) =>
      analyticsMatrix(db(), {
        units: ['740101'],
        indicators: ['members_congress', 'branch_committee'].map((code) => ({
          code,
          formula: null,
          direction: 'higher_better' as const,
          perMember: false,
          decimals: 0,
        })),
        windows: [{ startMonth: JAN_2026, endMonth: JAN_2026 + 8, year: 2026 }],
        fromFacts,
      });
    for (const fromFacts of [false, true]) {
      const masks = Object.fromEntries((await query(fromFacts)).map((r) => [r.indicator_code, r.month_mask]));
      expect(masks, `fromFacts ${fromFacts}`).toEqual({ members_congress: 63, branch_committee: 95 });
    }
  });
});
