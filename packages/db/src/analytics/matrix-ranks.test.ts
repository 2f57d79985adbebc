import { parsePeriod, percentileCont, rankPlaces } from '@bixue/domain';
import fc from 'fast-check';
import { sql } from 'kysely';
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
  // a hair off a half: where roundShown leaves its fast binary path for the decimal one
  fc
    .tuple(fc.integer({ min: 0, max: 2000 }), fc.constantFrom(-1e-9, -1e-11, -1e-13, 1e-13, 1e-11, 1e-9))
    .map(([n, e]) => Math.max(0, n / 20 + 0.05 * (n % 2) + e)),
  fc.constantFrom(66.67, 200 / 3, 0.15, 0.25, 2.5, 3.5, 79.05, 79.14, 79.06),
  fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }),
);
const values = fc.array(fc.option(value, { nil: null, freq: 4 }), { minLength: UNITS.length, maxLength: UNITS.length });

/**
 * The matrix ranks values rounded as shown; @bixue/domain's rankPlaces is the rule, and
 * PostgreSQL's rank() over round(value::numeric, decimals) of the stored roll-ups an independent
 * path to it. For generated values, counts (0 decimals) and rates (1 decimal), both directions,
 * the three agree.
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
          const matrixRank = new Map(rows.map((r) => [r.unit_code, r.rank]));
          const domain = rankPlaces(vals, decimals, direction === 'higher_better');
          expect(UNITS.map((u) => matrixRank.get(u))).toEqual(domain.map((p) => p?.rank ?? null));
          const sign = direction === 'lower_better' ? 1 : -1;
          const { rows: pg } = await sql<{ unit_code: string; rank: number }>`
            select unit_code, (rank() over (order by round((value * ${sign})::numeric, ${decimals})))::int as rank
            from rollups where unit_code = any(${UNITS}::text[]) and indicator_code = 'training_hours'
              and start_month = ${WINDOW.startMonth} and end_month = ${WINDOW.endMonth}
              and status in ('value', 'partial')`.execute(db());
          const pgRank = new Map(pg.map((r) => [r.unit_code, r.rank]));
          expect(UNITS.map((u) => matrixRank.get(u))).toEqual(UNITS.map((u) => pgRank.get(u) ?? null));
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
      { numRuns: 60 },
    );
  });
});
