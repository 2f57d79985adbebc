import { createDb, createUser, upsertUnits } from '@bixue/db';
import { describeEachDb, testDbUrl } from '@bixue/db/testing';
import { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { ApiContext } from './context.ts';
import { createCaller } from './root.ts';
import { login } from './services/auth.ts';

async function outcome(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => 'answered',
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  );
}

/** Issue 12: a read whose client went away stops, on the server too; a write still completes. */
describeEachDb('a caller that hung up', 'catalog', ({ db, kind }) => {
  let admin: ApiContext;

  beforeAll(async () => {
    await upsertUnits(db(), [
      { code: '880000', name: '远省气象局', level: 'province', parent_code: null },
      { code: '880100', name: '甲市气象局', level: 'city', parent_code: '880000' },
    ]);
    await createUser(db(), {
      username: 'gone',
      displayName: '管理员',
      password: 'long-enough-secret-1',
      role: 'admin',
      scopeUnitCode: '880000',
    });
    admin = { db: db(), dbKind: kind, principal: (await login(db(), 'gone', 'long-enough-secret-1'))!.principal };
  });

  const ranking = { indicator: 'party_lecture', window: '2025', group: 'level:city@880000' };

  it('gets no answer computed once it has gone, and a write it sent is still made', async () => {
    const ac = new AbortController();
    ac.abort();
    const api = createCaller(admin, { signal: ac.signal });
    expect(await outcome(api.analytics.ranking(ranking))).toBe('CLIENT_CLOSED_REQUEST');
    // the same question from someone still there
    expect(await outcome(createCaller(admin).analytics.ranking(ranking))).toBe('answered');
    await api.basket.add({ chart: 'ranking', ...ranking, title: '关门前加入' });
    const items = await createCaller(admin).basket.list();
    expect(items.map((i) => i.title)).toContain('关门前加入');
  });

  it('on PostgreSQL, stops waiting on the server the moment it hangs up', async () => {
    if (kind !== 'postgres') return;
    // another session holds the units table, so the ranking's first statement waits on it
    const other = await createDb({ url: await testDbUrl(db()), maxConnections: 1 });
    try {
      await other.db.connection().execute(async (holder) => {
        const waiting = async () =>
          (
            await sql<{ n: number }>`
              select count(*)::int as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`.execute(
              holder,
            )
          ).rows[0]!.n;
        await sql`begin`.execute(holder);
        try {
          await sql`lock table units in access exclusive mode`.execute(holder);
          const ac = new AbortController();
          const call = outcome(createCaller(admin, { signal: ac.signal }).analytics.ranking(ranking));
          while ((await waiting()) === 0) await new Promise((r) => setTimeout(r, 50));
          ac.abort();
          expect(await call).toBe('CLIENT_CLOSED_REQUEST');
          // the lock is still held: nothing waits for it any more
          expect(await waiting()).toBe(0);
        } finally {
          await sql`rollback`.execute(holder);
        }
      });
    } finally {
      await other.close();
    }
  });
});
