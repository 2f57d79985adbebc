import { expect, it } from 'vitest';
import { describeEachDb } from '../testing/index.ts';
import { claimDueWebhooks, enqueueWebhook } from './reminders.ts';

describeEachDb('robot post outbox', 'demo', ({ db }) => {
  it('a post is due to a clock read right after it is queued, to the millisecond', async () => {
    // the 催报 call posts at once with `new Date()` read after the queueing transaction: a due time
    // in microseconds fell after it when both landed in one millisecond, and the post waited 30 s
    for (let i = 0; i < 200; i++) {
      const id = await db()
        .transaction()
        .execute((trx) => enqueueWebhook(trx, '990000', 'http://127.0.0.1:9/robot', { i }));
      const due = await db()
        .transaction()
        .execute((trx) => claimDueWebhooks(trx, new Date(), 1000));
      expect(due.map((r) => r.id)).toContain(id);
      await db().deleteFrom('webhook_outbox').where('id', '=', id).execute();
    }
  });
});
