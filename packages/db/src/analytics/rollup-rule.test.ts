import { type Aggregation, makePeriod, maximalFacts, type Period, rollUp, type RollupFact } from '@bixue/domain';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../testing/index.ts';
import { upsertUnits } from '../units.ts';
import { writeFacts } from '../write-path/index.ts';
import { analyticsMatrix, type MatrixWindow } from './matrix-sql.ts';
import { STANDARD_WINDOW_OFFSETS } from './rollups.ts';

const YEAR = 2024;
const UNITS = ['670101', '670102', '670103'];
/** one indicator per aggregation; the catalog has no `max` indicator, so the test adds one */
const INDICATORS: Record<Aggregation, string> = { sum: 'training_hours', last: 'star_rating', max: 'prop_peak' };

/** Every aligned period of the year and its neighbours' edges: facts outside a window must not count. */
const PERIODS: Period[] = [
  makePeriod('year', YEAR),
  ...[1, 2].map((i) => makePeriod('half', YEAR, i)),
  ...[1, 2, 3, 4].map((i) => makePeriod('quarter', YEAR, i)),
  ...Array.from({ length: 12 }, (_, m) => makePeriod('month', YEAR, m + 1)),
  makePeriod('month', YEAR - 1, 12),
  makePeriod('quarter', YEAR + 1, 1),
];

// per unit × indicator × period: nothing (most often), a value (thirds, halves, integers) or masked
const cell = fc.oneof(
  { arbitrary: fc.constant(null), weight: 5 },
  { arbitrary: fc.integer({ min: 0, max: 15 }).map((n) => ({ value: n / 3, status: 'value' as const })), weight: 4 },
  { arbitrary: fc.constant({ value: null, status: 'undisclosed' as const }), weight: 1 },
);
const facts = fc.array(cell, {
  minLength: UNITS.length * 3 * PERIODS.length,
  maxLength: UNITS.length * 3 * PERIODS.length,
});

/** The standard windows (read from the roll-ups) and some that are not (computed from facts). */
const WINDOWS: MatrixWindow[] = [
  ...STANDARD_WINDOW_OFFSETS.map(([s, e]) => ({ startMonth: YEAR * 12 + s, endMonth: YEAR * 12 + e, year: YEAR })),
  { startMonth: YEAR * 12 + 1, endMonth: YEAR * 12 + 6, year: YEAR },
  { startMonth: YEAR * 12 + 4, endMonth: YEAR * 12 + 10, year: YEAR },
];

const maskOf = (used: RollupFact[]) =>
  used.reduce((mask, f) => {
    for (let m = f.startMonth; m <= f.endMonth; m++) mask |= 1 << (m - YEAR * 12);
    return mask;
  }, 0);

/**
 * The roll-up rule has one reference, `rollUp` in @bixue/domain; the SQL that maintains the
 * rollups table on write and the SQL that rolls facts up for other windows must agree with it for
 * any mix of grains, gaps and masked values, for every aggregation.
 */
describeEachDb('the roll-up SQL against the domain rule', 'catalog', ({ db }) => {
  beforeAll(async () => {
    await upsertUnits(db(), [
      { code: '670000', name: '性质省气象局', level: 'province', parent_code: null },
      { code: '670100', name: '性质市气象局', level: 'city', parent_code: '670000' },
      ...UNITS.map((code) => ({ code, name: `性质${code}县气象局`, level: 'county' as const, parent_code: '670100' })),
    ]);
    await db()
      .insertInto('indicators')
      .values({
        code: INDICATORS.max,
        name_zh: '性质峰值',
        name_en: 'Property peak',
        category: 'rating',
        unit: '个',
        aggregation: 'max',
        direction: 'higher_better',
        per_capita_allowed: false,
        formula: null,
        plausible_max: 100,
        sort_order: 999,
      })
      .execute();
  });

  it('agrees for generated facts on standard and other windows', async () => {
    await fc.assert(
      fc.asyncProperty(facts, async (cells) => {
        const stored = new Map<string, (RollupFact & { unit: string; indicator: string })[]>();
        const inputs = UNITS.flatMap((unitCode, u) =>
          Object.values(INDICATORS).flatMap((indicatorCode, i) =>
            PERIODS.map((p, k) => {
              const c = cells[(u * 3 + i) * PERIODS.length + k] ?? null;
              if (c) {
                const key = `${unitCode}|${indicatorCode}`;
                const list = stored.get(key) ?? [];
                list.push({
                  unit: unitCode,
                  indicator: indicatorCode,
                  startMonth: p.startMonth,
                  endMonth: p.endMonth,
                  ...c,
                });
                stored.set(key, list);
              }
              // every cell is written, so the previous run's facts go (missing deletes)
              return {
                unitCode,
                indicatorCode,
                period: p.code,
                value: c?.value ?? null,
                status: c?.status ?? ('missing' as const),
              };
            }),
          ),
        );
        await writeFacts(db(), inputs, {
          source: 'import',
          user: 'property',
          batchId: 'property',
          acceptWarnings: true,
        });

        const indicators = Object.values(INDICATORS).map((code) => ({
          code,
          formula: null,
          direction: 'higher_better' as const,
          perMember: false,
          decimals: 1,
        }));
        for (const fromFacts of [false, true]) {
          const rows = await analyticsMatrix(db(), {
            units: UNITS,
            indicators,
            windows: WINDOWS,
            memberCount: false,
            fromFacts,
          });
          expect(rows).toHaveLength(UNITS.length * indicators.length * WINDOWS.length);
          for (const r of rows) {
            const aggregation = (Object.keys(INDICATORS) as Aggregation[]).find(
              (a) => INDICATORS[a] === r.indicator_code,
            )!;
            const own = stored.get(`${r.unit_code}|${r.indicator_code}`) ?? [];
            const window = WINDOWS[r.w]!;
            const expected = rollUp(own, window, aggregation);
            const where = `${r.unit_code} ${r.indicator_code} ${window.startMonth - YEAR * 12}–${window.endMonth - YEAR * 12} fromFacts=${fromFacts}`;
            expect({ status: r.status, months: r.months, span: r.span }, where).toEqual({
              status: expected.status,
              months: expected.coverage.months,
              span: expected.coverage.of,
            });
            if (expected.value === null) expect(r.value, where).toBeNull();
            else expect(r.value, where).toBeCloseTo(expected.value, 9);
            expect(r.month_mask, where).toBe(maskOf(maximalFacts(own, window)));
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});
