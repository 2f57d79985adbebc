import { parsePeriod, percentileCont, rankPlaces } from '@bixue/domain';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../testing/index.ts';
import { upsertUnits } from '../units.ts';
import { writeFacts } from '../write-path/index.ts';
import { analyticsMatrix } from './matrix-sql.ts';

const UNITS = Array.from({ length: 10 }, (_, i) => `6601${String(i + 1).padStart(2, '0')}`);
const WINDOW = parsePeriod('2024');

// values that stress rounding at the shown precision: thirds (66.666…), binary near-halves (0.15,
// 79.05), exact halves (2.5), near-ties (66.67 beside 66.666…), plus any double and missing units
const value = fc.oneof(
  fc.integer({ min: 0, max: 3000 }).map((n) => n / 3),
  fc.integer({ min: 0, max: 2000 }).map((n) => n / 20),
  fc.constantFrom(66.67, 200 / 3, 0.15, 0.25, 2.5, 3.5, 79.05, 79.14, 79.06),
  fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }),
);
const values = fc.array(fc.option(value, { nil: null, freq: 4 }), { minLength: UNITS.length, maxLength: UNITS.length });

/**
 * The matrix SQL ranks values rounded as shown; @bixue/domain's rankPlaces is the rule. For
 * generated values, counts (0 decimals) and rates (1 decimal), both directions, the ranks agree.
 */
describeEachDb('matrix ranks, quartiles and percentiles at the shown precision', 'catalog', ({ db }) => {
  beforeAll(() =>
    upsertUnits(db(), [
      { code: '660000', name: '性质省气象局', level: 'province', parent_code: null },
      { code: '660100', name: '性质市气象局', level: 'city', parent_code: '660000' },
      ...UNITS.map((code) => ({ code, name: `性质${code}县气象局`, level: 'county' as const, parent_code: '660100' })),
    ]),
  );

  it('equal the domain rule for generated values', async () => {
    await fc.assert(
      fc.asyncProperty(
        values,
        fc.constantFrom(0, 1),
        fc.constantFrom('higher_better' as const, 'lower_better' as const),
        async (vals, decimals, direction) => {
          // every unit through the write path: a missing value deletes the unit's fact (and its roll-ups)
          await writeFacts(
            db(),
            UNITS.map((unitCode, i) => ({
              unitCode,
              indicatorCode: 'training_hours',
              period: '2024',
              value: vals[i] ?? null,
              status: vals[i] === null ? ('missing' as const) : ('value' as const),
            })),
            // generated values go beyond the plausible bound (up to 1e6): confirmed like a reviewer would
            { source: 'import', user: 'property', batchId: 'property', acceptWarnings: true },
          );
          const rows = await analyticsMatrix(db(), {
            units: UNITS,
            indicators: [{ code: 'training_hours', formula: null, direction, perMember: false, decimals }],
            windows: [WINDOW],
            memberCount: false,
          });
          const sqlRank = new Map(rows.map((r) => [r.unit_code, r.rank]));
          const domain = rankPlaces(vals, decimals, direction === 'higher_better');
          expect(UNITS.map((u) => sqlRank.get(u))).toEqual(domain.map((p) => p?.rank ?? null));
          // the peer quartiles and the percentile follow the domain's rules too
          const near = (a: number | null, b: number | null) =>
            a === null || b === null
              ? expect(a).toBe(b)
              : expect(a).toBeCloseTo(b, 6 - Math.ceil(Math.log10(Math.abs(b) + 1)));
          for (const [field, p] of [
            ['p25', 0.25],
            ['median', 0.5],
            ['p75', 0.75],
          ] as const)
            near(rows[0]?.[field] ?? null, percentileCont(vals, p));
          const n = domain.filter((p) => p !== null).length;
          for (const r of rows)
            near(r.percentile, r.rank === null ? null : n === 1 ? 100 : (100 * (n - r.rank)) / (n - 1));
        },
      ),
      { numRuns: 40 },
    );
  });
});
