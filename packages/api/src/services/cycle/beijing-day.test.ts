import { describeEachDb } from '@bixue/db/testing';
import { expect, it, vi } from 'vitest';
import { createCaller } from '../../root.ts';
import { demoContext } from '../../testing/demo-context.ts';

/** The bureaus' day is Beijing's: a due date passes at its midnight there, not 8 hours later at UTC's. */
describeEachDb('the day a call is judged on, asked without today', 'demo', ({ db, kind }) => {
  const at = async <T>(instant: string, body: () => Promise<T>): Promise<T> => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date(instant));
      return await body();
    } finally {
      vi.useRealTimers();
    }
  };

  it('is the day in China: a unit is overdue from 00:00 after its due date there', async () => {
    const admin = createCaller(await demoContext(db(), kind, 'admin'));
    await admin.cycle.open({ period: '2026Q2', due: '2026-07-10' });
    const overdue = async () =>
      (await admin.cycle.board({ period: '2026Q2' })).rows.find((r) => r.unit === '990103')!.overdue;
    // 23:30 on 10 July in Beijing: due today, not late
    expect(await at('2026-07-10T15:30:00Z', overdue)).toBe(false);
    // 00:30 on 11 July in Beijing, still 10 July in UTC: late
    expect(await at('2026-07-10T16:30:00Z', overdue)).toBe(true);
    // what the web reads as today
    expect(await at('2026-07-10T16:30:00Z', async () => (await admin.session.me())?.today)).toBe('2026-07-11');
  });
});
