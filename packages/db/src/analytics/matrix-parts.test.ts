import { shownDecimals } from '@bixue/domain';
import { expect, it } from 'vitest';
import { listIndicators } from '../catalog.ts';
import { DEMO_PROVINCE } from '../demo/names.ts';
import { describeEachDb } from '../testing/index.ts';
import { analyticsMatrix, type MatrixPart, type MatrixQuery, type MatrixRow } from './matrix-sql.ts';

const NULLED: Record<MatrixPart, (keyof MatrixRow)[]> = {
  stats: ['p25', 'median', 'p75'],
  best: ['best_value', 'best_unit'],
  targets: ['target_value', 'target_per_capita', 'target_phasing', 'target_due_month'],
};

/** The general answer with the left-out parts' columns null: what the narrower statement must give. */
const narrowed = (rows: MatrixRow[], without: readonly MatrixPart[], memberCount: boolean) =>
  rows.map((r) => {
    const out: Record<string, unknown> = { ...r };
    for (const part of without) for (const column of NULLED[part]) out[column] = null;
    if (!memberCount) out.member_count = null;
    return out;
  });

/** member_count is rolled up beside unless the call says not to, and no value is per member nor asks for it. */
const countsMembers = (q: MatrixQuery) =>
  q.memberCount !== false || q.indicators.some((i) => i.perMember || i.code === 'member_count');

/**
 * A call that leaves parts out (issue 17: a ranking reads no quartiles, best or targets) gets
 * the same rows as the general statement, only those columns null: the same values, statuses,
 * coverage, ranks and order, on the demo's counties, over the roll-ups and from facts.
 */
describeEachDb('matrix statement narrowed to the parts a call reads', 'demo', ({ db }) => {
  const shapes: { name: string; without: MatrixPart[]; memberCount: boolean }[] = [
    { name: 'ranking', without: ['stats', 'best', 'targets'], memberCount: false },
    { name: 'composite and heatmap', without: ['stats', 'best'], memberCount: true },
    { name: 'trends', without: ['best'], memberCount: true },
    { name: 'benchmark', without: ['targets'], memberCount: false },
  ];

  const query = async (
    codes: string[] | null,
    perMember: boolean,
    windows: MatrixQuery['windows'],
  ): Promise<MatrixQuery> => {
    const catalog = await listIndicators(db());
    const units = await db()
      .selectFrom('units')
      .select('code')
      .where('province_code', '=', DEMO_PROVINCE.code)
      .where('code', 'like', '9901%')
      .orderBy('code')
      .execute();
    return {
      units: units.map((u) => u.code),
      indicators: catalog
        .filter((i) => !codes || codes.includes(i.code))
        .map((i) => ({
          code: i.code,
          formula: i.formula,
          direction: i.direction,
          perMember: perMember && i.perCapitaAllowed,
          decimals: shownDecimals(i.unit, perMember && i.perCapitaAllowed),
        })),
      windows,
    };
  };
  const Y = 2025 * 12;
  const cases: [string, MatrixQuery['windows'], Partial<MatrixQuery>][] = [
    [
      'a half year and the one before, over the roll-ups',
      [
        { startMonth: Y, endMonth: Y + 5, year: 2025 },
        { startMonth: Y - 6, endMonth: Y - 1, year: 2024 },
      ],
      {},
    ],
    [
      'quarters of two years, over the roll-ups',
      [0, 3, 6, 9].flatMap((m) => [
        { startMonth: Y + m, endMonth: Y + m + 2, year: 2025 },
        { startMonth: Y - 12 + m, endMonth: Y - 12 + m + 2, year: 2024 },
      ]),
      {},
    ],
    ['Feb–Apr, from facts', [{ startMonth: Y + 1, endMonth: Y + 3, year: 2025 }], {}],
    ['a year from facts', [{ startMonth: Y, endMonth: Y + 11, year: 2025 }], { fromFacts: true }],
  ];

  for (const [what, windows, extra] of cases)
    it(`${what}: every call shape, the catalog and single indicators, totals and per member`, async () => {
      for (const codes of [null, ['party_lecture'], ['rectification_rate'], ['training_hours']])
        for (const perMember of [false, true]) {
          const q = { ...(await query(codes, perMember, windows)), ...extra };
          const general = await analyticsMatrix(db(), q);
          if (!codes) {
            expect(general.some((r) => r.target_value !== null)).toBe(true);
            expect(general.some((r) => r.median !== null && r.best_unit !== null)).toBe(true);
          }
          for (const { name, without, memberCount } of shapes) {
            const call = { ...q, without, memberCount };
            expect(await analyticsMatrix(db(), call), `${name} of ${codes?.join() ?? 'the catalog'}`).toEqual(
              narrowed(general, without, countsMembers(call)),
            );
          }
        }
    }, 300_000);

  it("one unit's rows (rowsOf): those of the general answer; n_valued_outside counts the others' values", async () => {
    const q = await query(null, false, cases[1]![1]);
    const general = await analyticsMatrix(db(), q);
    const [own, insider] = q.units;
    const insiders = [own!, insider!];
    const expected = general
      .filter((r) => r.unit_code === own)
      .map((r) => ({
        ...r,
        n_valued_outside: general.filter(
          (o) =>
            o.indicator_code === r.indicator_code && o.w === r.w && o.value !== null && !insiders.includes(o.unit_code),
        ).length,
      }));
    // the demo's values leave cells with every count from none to all the others
    expect(new Set(expected.map((r) => r.n_valued_outside)).size).toBeGreaterThan(1);
    expect(await analyticsMatrix(db(), { ...q, rowsOf: [own!], insiders })).toEqual(expected);
  }, 300_000);
});
