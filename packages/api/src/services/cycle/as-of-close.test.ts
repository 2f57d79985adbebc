import { describeEachDb } from '@bixue/db/testing';
import { expect, it } from 'vitest';
import { createCaller } from '../../root.ts';
import { demoContext } from '../../testing/demo-context.ts';

/**
 * Closing a reporting period moves the province's data as-of month to the period's end (domain.md
 * §5, §9), and the analytics judge the live year on it: through the API, as an admin does it.
 */
describeEachDb('cycle close moves the data as-of month', 'demo', (t) => {
  const TODAY = '2026-11-29';
  const as = async (username: string) => createCaller(await demoContext(t.db(), t.kind, username));

  it('follows the latest closed period, and a window of the year is judged up to it', async () => {
    const admin = await as('admin');
    // the demo pins 数据截至 by the setting; without it and without closed periods, the last
    // complete month before 29 November is October
    await admin.admin.setDataAsOf({ value: null });
    const asOf = () => admin.analytics.asOf({ unit: '990000', today: TODAY });
    expect(await asOf()).toEqual({ month: '2026-10', source: 'last_complete_month' });

    await admin.cycle.open({ period: '2026Q2', due: '2026-07-10' });
    expect(await asOf()).toEqual({ month: '2026-10', source: 'last_complete_month' });
    await admin.cycle.close({ period: '2026Q2' });
    // a closed quarter outranks the calendar: what was closed is what the year is judged on
    expect(await asOf()).toEqual({ month: '2026-06', source: 'closed_period' });

    await admin.cycle.open({ period: '2026Q3', due: '2026-10-10' });
    await admin.cycle.close({ period: '2026Q3' });
    expect(await asOf()).toEqual({ month: '2026-09', source: 'closed_period' });

    // 党员大会 of 安平县 in 2026 is judged up to 30 September, not to 29 November; the demo's
    // facts (seeded on 15 July) cover Jan–Jun, so of the annual 4 the two quarter ends they cover are due
    const a = await admin.analytics.attainment({
      unit: '990101',
      indicator: 'members_congress',
      window: '2026',
      today: TODAY,
    });
    expect([a.asOf, a.clipped, a.dueBy, a.target, a.proratedTarget]).toEqual(['2026-09', true, '2026-09-30', 4, 2]);

    // an admin's setting still wins over the closed periods
    await admin.admin.setDataAsOf({ value: '2026-08' });
    expect(await asOf()).toEqual({ month: '2026-08', source: 'setting' });
  });
});
