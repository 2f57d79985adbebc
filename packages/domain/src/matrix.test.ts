import { describe, expect, it } from 'vitest';
import { type MatrixCell, matrixRows, type MatrixSpec, type MatrixTarget, type MatrixUnit } from './matrix.ts';

const units: MatrixUnit[] = ['C3', 'A1', 'B2'].map((code) => ({ code, province_code: 'P', level: 'county' }));
const cell = (unit_code: string, indicator_code: string, value: number | null, status = 'value'): MatrixCell => ({
  unit_code,
  indicator_code,
  w: 0,
  months: status === 'partial' ? 6 : 12,
  month_mask: status === 'partial' ? 0b111111 : 0xfff,
  status: status as MatrixCell['status'],
  value,
});
const spec: MatrixSpec = {
  windows: [{ startMonth: 2024 * 12, endMonth: 2024 * 12 + 11, year: 2024 }],
  indicators: [
    { code: 'meetings', formula: null, direction: 'higher_better', perMember: false, decimals: 0 },
    // found ÷ closed × 100
    {
      code: 'rate',
      formula: { kind: 'ratio', numerator: 'closed', denominator: 'found', scale: 100 },
      direction: 'higher_better',
      perMember: false,
      decimals: 1,
    },
    { code: 'hours', formula: null, direction: 'higher_better', perMember: true, decimals: 1 },
  ],
};
const cells = [
  cell('A1', 'meetings', 12.4),
  cell('B2', 'meetings', 11.6),
  cell('C3', 'meetings', 9),
  cell('A1', 'closed', 2),
  cell('A1', 'found', 3),
  cell('B2', 'closed', 0),
  cell('B2', 'found', 0),
  cell('C3', 'closed', 1, 'partial'),
  cell('C3', 'found', 4),
  cell('A1', 'hours', 100),
  cell('B2', 'hours', 90),
  cell('C3', 'hours', 80),
  cell('A1', 'member_count', 50),
  cell('B2', 'member_count', 0),
  cell('C3', 'member_count', 20, 'undisclosed'),
];

describe('the analytics matrix', () => {
  const rows = matrixRows(spec, units, cells, []);
  const of = (indicator: string) => rows.filter((r) => r.indicator_code === indicator);

  it('ranks at the precision shown, ties sharing a rank, rows in indicator code then rank order', () => {
    expect(rows.map((r) => r.indicator_code)).toEqual([
      ...Array(3).fill('hours'),
      ...Array(3).fill('meetings'),
      ...Array(3).fill('rate'),
    ]);
    // 12.4 and 11.6 are both shown as 12: 并列第1, then 9 third
    expect(of('meetings').map((r) => [r.unit_code, r.rank, r.percentile])).toEqual([
      ['A1', 1, 100],
      ['B2', 1, 100],
      ['C3', 3, 0],
    ]);
    expect(of('meetings')[0]).toMatchObject({ n_ranked: 3, n_valued_outside: 3, median: 11.6 });
    // percentile_cont: 9 + (11.6 − 9) · 0.5 and 11.6 + (12.4 − 11.6) · 0.5
    expect(of('meetings')[0]!.p25).toBeCloseTo(10.3, 12);
    expect(of('meetings')[0]!.p75).toBeCloseTo(12, 12);
    expect(of('meetings')[0]).toMatchObject({ best_value: 12.4, best_unit: 'A1' });
  });

  it('derives a rate from its parts: no denominator is missing, a partial part makes it partial', () => {
    expect(of('rate').map((r) => [r.unit_code, r.value, r.status, r.rank, r.months])).toEqual([
      ['A1', 200 / 3, 'value', 1, 12],
      ['C3', 25, 'partial', 2, 6],
      ['B2', null, 'missing', null, 12],
    ]);
  });

  it('divides per member: a zero count is missing, an undisclosed count undisclosed', () => {
    expect(of('hours').map((r) => [r.unit_code, r.value, r.status, r.member_count])).toEqual([
      ['A1', 2, 'value', 50],
      ['B2', null, 'missing', 0],
      ['C3', null, 'undisclosed', null],
    ]);
  });

  it('resolves targets: the unit’s own row before its level’s, the level’s value when the own has none', () => {
    const targets: MatrixTarget[] = [
      {
        unit_code: null,
        province_code: 'P',
        level: 'county',
        indicator_code: 'meetings',
        w: 0,
        value: 12,
        per_capita: false,
        phasing: 'linear',
        due_month: 12,
      },
      {
        unit_code: 'B2',
        province_code: null,
        level: null,
        indicator_code: 'meetings',
        w: 0,
        value: 10,
        per_capita: true,
        phasing: 'quarterly',
        due_month: 6,
      },
      {
        unit_code: 'C3',
        province_code: null,
        level: null,
        indicator_code: 'meetings',
        w: 0,
        value: null,
        per_capita: false,
        phasing: null,
        due_month: null,
      },
    ];
    const meetings = matrixRows(spec, units, cells, targets).filter((r) => r.indicator_code === 'meetings');
    expect(
      meetings.map((r) => [r.unit_code, r.target_value, r.target_per_capita, r.target_phasing, r.target_due_month]),
    ).toEqual([
      ['A1', 12, false, 'linear', 12],
      ['B2', 10, true, 'quarterly', 6],
      ['C3', 12, false, null, null],
    ]);
  });

  it('returns the rows asked for, still ranked among all; counts outsiders only', () => {
    const mine = matrixRows(
      { ...spec, rowsOf: ['C3'], insiders: ['C3', 'B2'], without: ['stats', 'best', 'targets'] },
      units,
      cells,
      null,
    );
    expect(mine.map((r) => [r.indicator_code, r.rank, r.n_ranked, r.n_valued_outside, r.median, r.best_unit])).toEqual([
      ['hours', null, 1, 1, null, null],
      ['meetings', 3, 3, 1, null, null],
      ['rate', 2, 2, 1, null, null],
    ]);
  });
});
