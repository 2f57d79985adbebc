import { expect, it } from 'vitest';
import { resolveAsOf } from '../as-of.ts';
import { putSetting } from '../settings.ts';
import { describeEachDb, TEST_AS_OF } from '../testing/index.ts';
import { loadCycleHistory } from './cycle-history.ts';

/**
 * The demo's data as-of month (domain.md §5): with its reporting history the end of the latest
 * closed quarter, not a pinned setting; an admin's setting still wins. Loaded on 15 July 2026, the
 * demo opens 2026Q2 and closes the four quarters before it: 2026Q1 ends in March.
 */
describeEachDb('the demo’s data as-of month', 'demo', ({ db }) => {
  const today = new Date('2026-11-29T00:00:00Z');

  // the tests' seed is the demo loaded by resetDatabase without a reporting history
  it('without a reporting history (the tests’ data) is pinned to the month before loading', async () => {
    expect(await resolveAsOf(db(), '990000', today)).toEqual({ month: '2026-06', source: 'setting' });
  });

  it('follows the latest closed quarter of its reporting history, and the admin may still set it', async () => {
    // the demo as pnpm start loads it (loadDemo's pinAsOf false, then the history), from the seed
    // rather than a second load of the demo: the seed differs only by the pinned setting
    await db().deleteFrom('settings').where('province_code', '=', '990000').where('key', '=', 'data_as_of').execute();
    await loadCycleHistory(db(), TEST_AS_OF);
    expect(await resolveAsOf(db(), '990000', today)).toEqual({ month: '2026-03', source: 'closed_period' });
    await putSetting(db(), '990000', 'data_as_of', '2026-05');
    expect(await resolveAsOf(db(), '990000', today)).toEqual({ month: '2026-05', source: 'setting' });
  });
});
