import { expect, it } from 'vitest';
import { describeEachDb } from './testing/index.ts';
import { FactConflictError, factHistory, writeFacts } from './facts.ts';
import { upsertUnits } from './units.ts';

describeEachDb('fact writes', 'catalog', ({ db }) => {
  it('commits a fact and its audit row together, and neither when the transaction fails', async () => {
    await upsertUnits(db(), [
      { code: '880000', name: '样例省气象局', level: 'province', parent_code: null },
      { code: '880100', name: '样例市气象局', level: 'city', parent_code: '880000' },
    ]);
    const ctx = { source: 'manual' as const, user: 'tester', batchId: 'b1' };
    const r1 = await writeFacts(
      db(),
      [{ unitCode: '880100', indicatorCode: 'party_lecture', period: '2024H1', value: 3, status: 'value' }],
      ctx,
    );
    expect(r1).toEqual({ inserted: 1, updated: 0, unchanged: 0 });

    // same value again: nothing changes, no audit row
    const r2 = await writeFacts(
      db(),
      [{ unitCode: '880100', indicatorCode: 'party_lecture', period: '2024H1', value: 3, status: 'value' }],
      ctx,
    );
    expect(r2).toEqual({ inserted: 0, updated: 0, unchanged: 1 });

    await writeFacts(
      db(),
      [{ unitCode: '880100', indicatorCode: 'party_lecture', period: '2024H1', value: null, status: 'undisclosed' }],
      ctx,
    );
    const history = await factHistory(db(), '880100', 'party_lecture');
    expect(history.map((h) => [h.old_value, h.old_status, h.new_value, h.new_status, h.changed_by])).toEqual([
      [null, null, 3, 'value', 'tester'],
      [3, 'value', null, 'undisclosed', 'tester'],
    ]);

    // a failing write in the same transaction (unknown unit) takes the good fact's audit row with it
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await writeFacts(
            trx,
            [{ unitCode: '880100', indicatorCode: 'seminar', period: '2024', value: 2, status: 'value' }],
            ctx,
          );
          await writeFacts(
            trx,
            [{ unitCode: '889999', indicatorCode: 'seminar', period: '2024', value: 2, status: 'value' }],
            ctx,
          );
        }),
    ).rejects.toThrow();
    expect(await factHistory(db(), '880100', 'seminar')).toEqual([]);
    const seminar = await db().selectFrom('facts').selectAll().where('indicator_code', '=', 'seminar').execute();
    expect(seminar).toEqual([]);
  });

  it('detects a concurrent edit through the version the writer saw', async () => {
    const ctx = { source: 'manual' as const, user: 'a' };
    const key = { unitCode: '880100', indicatorCode: 'members_congress', period: '2024Q1' };
    await writeFacts(db(), [{ ...key, value: 1, status: 'value', expectedVersion: null }], ctx);
    // both writers saw version 1; the first wins, the second is told
    await writeFacts(db(), [{ ...key, value: 2, status: 'value', expectedVersion: 1 }], ctx);
    await expect(
      writeFacts(db(), [{ ...key, value: 5, status: 'value', expectedVersion: 1 }], { ...ctx, user: 'b' }),
    ).rejects.toBeInstanceOf(FactConflictError);
    const stored = await db()
      .selectFrom('facts')
      .select(['value', 'version'])
      .where('indicator_code', '=', 'members_congress')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ value: 2, version: 2 });
  });
});
