import { expect, it } from 'vitest';
import { resolveAsOf } from '../as-of.ts';
import { resetDatabase } from '../reset.ts';
import { putSetting } from '../settings.ts';
import { describeEachDb, SEEDED_DB_TIMEOUT, TEST_AS_OF } from '../testing/index.ts';

/**
 * The demo's data as-of month (domain.md §5): with its reporting history the end of the latest
 * closed quarter, not a pinned setting; an admin's setting still wins. Loaded on 15 July 2026, the
 * demo opens 2026Q2 and closes the four quarters before it: 2026Q1 ends in March.
 */
describeEachDb('the demo’s data as-of month', 'catalog', ({ db }) => {
  const today = new Date('2026-11-29T00:00:00Z');

  it(
    'follows the latest closed quarter of its reporting history, and the admin may still set it',
    async () => {
      await resetDatabase(db(), { demo: true, cycleHistory: true, asOf: TEST_AS_OF });
      expect(await resolveAsOf(db(), '990000', today)).toEqual({ month: '2026-03', source: 'closed_period' });
      await putSetting(db(), '990000', 'data_as_of', '2026-05');
      expect(await resolveAsOf(db(), '990000', today)).toEqual({ month: '2026-05', source: 'setting' });
    },
    SEEDED_DB_TIMEOUT,
  );
});

// the tests' seed is this load (resetDatabase without a reporting history): read it rather than load it again
describeEachDb('the demo without a reporting history (tests’ data)', 'demo', ({ db }) => {
  it('is pinned to the month before loading', async () => {
    const today = new Date('2026-11-29T00:00:00Z');
    expect(await resolveAsOf(db(), '990000', today)).toEqual({ month: '2026-06', source: 'setting' });
  });
});
