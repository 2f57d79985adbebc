import { INDICATOR_CATALOG, parsePeriod, shownDecimals } from '@bixue/domain';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../testing/index.ts';
import { loadAnalyticsFixture } from '../testing/analytics-fixture.ts';
import { analyticsMatrix, type MatrixIndicator } from './matrix-sql.ts';

const indicator = (code: string, perMember = false): MatrixIndicator => {
  const i = INDICATOR_CATALOG.find((x) => x.code === code);
  return {
    code,
    formula: i?.formula ?? null,
    direction: 'higher_better',
    perMember,
    decimals: shownDecimals(i?.unit ?? '次', perMember),
  };
};
const win = (code: string) => {
  const p = parsePeriod(code);
  return { startMonth: p.startMonth, endMonth: p.endMonth, year: p.year };
};

describeEachDb('analytics matrix SQL', 'catalog', ({ db }) => {
  beforeAll(() => loadAnalyticsFixture(db()));

  const one = async (unit: string, code: string, window: string, perMember = false) => {
    const rows = await analyticsMatrix(db(), {
      units: [unit],
      indicators: [indicator(code, perMember)],
      windows: [win(window)],
    });
    expect(rows).toHaveLength(1);
    const r = rows[0]!;
    return { value: r.value, status: r.status, coverage: { months: r.months, of: r.span } };
  };

  it('rolls a year up from H1 + H2, and from H1 + Q3 + Q4', async () => {
    // 880101: 2024H1 2 + 2024H2 3 = 5
    expect(await one('880101', 'members_congress', '2024')).toEqual({
      value: 5,
      status: 'value',
      coverage: { months: 12, of: 12 },
    });
    // 880102: 2024H1 1 + Q3 1 + Q4 2 = 4
    expect(await one('880102', 'members_congress', '2024')).toEqual({
      value: 4,
      status: 'value',
      coverage: { months: 12, of: 12 },
    });
  });

  it('takes the annual fact and ignores the halves beside it', async () => {
    // 880103: 2024 = 6 stated directly; H1 2 + H2 3 = 5 must not be added (6, not 11)
    expect(await one('880103', 'members_congress', '2024')).toEqual({
      value: 6,
      status: 'value',
      coverage: { months: 12, of: 12 },
    });
    // the half window uses the half fact: 2
    expect(await one('880103', 'members_congress', '2024H1')).toEqual({
      value: 2,
      status: 'value',
      coverage: { months: 6, of: 6 },
    });
  });

  it('marks a year with only H1 as partial 6/12 and a silent unit as missing', async () => {
    expect(await one('880104', 'members_congress', '2024')).toEqual({
      value: 3,
      status: 'partial',
      coverage: { months: 6, of: 12 },
    });
    expect(await one('880201', 'members_congress', '2024')).toEqual({
      value: null,
      status: 'missing',
      coverage: { months: 0, of: 12 },
    });
    // a half window cannot be carved out of an annual fact: 880103 2024H2 has its own fact (3) but Q3 has nothing
    expect(await one('880103', 'members_congress', '2024Q3')).toEqual({
      value: null,
      status: 'missing',
      coverage: { months: 0, of: 3 },
    });
  });

  it('aggregates last and max', async () => {
    // member_count last: H1 20, H2 22 → 22
    expect(await one('880101', 'member_count', '2024')).toEqual({
      value: 22,
      status: 'value',
      coverage: { months: 12, of: 12 },
    });
    // max_attendance: 2024-03 15, 2024-08 18, 2024Q4 12 → max 18 over 1 + 1 + 3 = 5 months
    expect(await one('880101', 'max_attendance', '2024')).toEqual({
      value: 18,
      status: 'partial',
      coverage: { months: 5, of: 12 },
    });
  });

  it('tells zero, undisclosed and missing apart', async () => {
    expect(await one('880101', 'warning_education', '2024')).toEqual({
      value: 0,
      status: 'value',
      coverage: { months: 12, of: 12 },
    });
    expect(await one('880102', 'warning_education', '2024')).toEqual({
      value: null,
      status: 'undisclosed',
      coverage: { months: 12, of: 12 },
    });
    expect(await one('880103', 'warning_education', '2024')).toEqual({
      value: null,
      status: 'missing',
      coverage: { months: 0, of: 12 },
    });
    // H1 1 + H2 masked: the sum is not known
    expect(await one('880104', 'warning_education', '2024')).toEqual({
      value: null,
      status: 'undisclosed',
      coverage: { months: 12, of: 12 },
    });
  });

  it('computes the rate from rolled-up parts, not as a mean of rates', async () => {
    // closed (2 + 3) ÷ found (4 + 3) × 100 = 5/7 × 100 = 71.428…; the mean of 50 % and 100 % would be 75
    const r = await one('880101', 'rectification_rate', '2024');
    expect(r.status).toBe('value');
    expect(r.value).toBeCloseTo(71.4285714, 6);
    // award_score = 10·1 + 5·0 + 2·2 + 1·3 = 17
    expect((await one('880101', 'award_score', '2024')).value).toBe(17);
  });

  it('divides by member_count for per-member values', async () => {
    // party_lecture 5 ÷ member_count 22
    expect((await one('880101', 'party_lecture', '2024', true)).value).toBeCloseTo(5 / 22, 10);
    // 880103 reported no member count: per member is missing
    expect((await one('880103', 'party_lecture', '2024', true)).status).toBe('missing');
  });

  it('ranks in SQL with ties sharing a rank, ascending when lower is better, with peer quartiles', async () => {
    const rank = async (direction: 'higher_better' | 'lower_better') =>
      (
        await analyticsMatrix(db(), {
          units: ['880101', '880102', '880103', '880104', '880201'],
          indicators: [{ ...indicator('party_lecture'), direction }],
          windows: [win('2024')],
        })
      ).map((r) => [r.unit_code, r.rank]);
    // 5, 3, 3, 1 and a missing unit: 1, 2, 2, 4, unranked
    expect(await rank('higher_better')).toEqual([
      ['880101', 1],
      ['880102', 2],
      ['880103', 2],
      ['880104', 4],
      ['880201', null],
    ]);
    // ascending: 1 → 1st, 3 and 3 → 2nd, 5 → 4th
    expect(await rank('lower_better')).toEqual([
      ['880104', 1],
      ['880102', 2],
      ['880103', 2],
      ['880101', 4],
      ['880201', null],
    ]);
    const [r] = await analyticsMatrix(db(), {
      units: ['880101', '880102', '880103', '880104', '880201'],
      indicators: [indicator('party_lecture')],
      windows: [win('2024')],
    });
    // sorted 1 3 3 5: median 3, P25 at 0.75 → 1 + 0.75·2 = 2.5, P75 at 2.25 → 3 + 0.25·2 = 3.5; percentile of the best 100
    expect([r!.median, r!.p25, r!.p75, r!.percentile, r!.n_ranked, r!.best_unit]).toEqual([
      3,
      2.5,
      3.5,
      100,
      4,
      '880101',
    ]);
  });
});
