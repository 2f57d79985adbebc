import { createCaller } from '@bixue/api';
import { demoContext } from '@bixue/api/testing';
import { describeEachDb, TEST_AS_OF } from '@bixue/db/testing';
import { expect, it } from 'vitest';
import { sharedCaller } from './shared-caller.ts';

const today = TEST_AS_OF.toISOString().slice(0, 10);

describeEachDb('one deck, each question once', 'demo', (t) => {
  it('answers the same question once, whatever the order of its fields, and the answer is the procedure’s', async () => {
    const ctx = await demoContext(t.db(), t.kind, 'analyst');
    const caller = sharedCaller(ctx);
    const first = caller.analytics.heatmap({ window: '2026H1', group: 'siblings:990100', today });
    const again = caller.analytics.heatmap({ today, group: 'siblings:990100', window: '2026H1' });
    expect(again).toBe(first);
    expect(caller.analytics.heatmap({ window: '2026Q1', group: 'siblings:990100', today })).not.toBe(first);
    expect(await first).toEqual(
      await createCaller(ctx).analytics.heatmap({ window: '2026H1', group: 'siblings:990100', today }),
    );
    // a refusal is the procedure's too, every time it is asked
    await expect(caller.analytics.heatmap({ window: '2026H1', group: 'siblings:990200', today })).rejects.toMatchObject(
      {
        code: 'FORBIDDEN',
      },
    );
    // what writes is never shared: each call is its own
    await caller.basket.clear();
    await caller.basket.add({ chart: 'heatmap', window: '2026H1', group: 'siblings:990100' });
    expect(await caller.basket.add({ chart: 'heatmap', window: '2026H1', group: 'siblings:990100' })).toHaveLength(2);
    await caller.basket.clear();
  });
});
