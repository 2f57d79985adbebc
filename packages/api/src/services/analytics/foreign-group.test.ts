import { createUser, upsertUnits } from '@bixue/db';
import { describeEachDb } from '@bixue/db/testing';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { type ApiContext, OPERATOR } from '../../context.ts';
import { createCaller } from '../../root.ts';
import { login } from '../auth.ts';

async function refusal(call: Promise<unknown>): Promise<{ code: string; status: number; message: string }> {
  const e = await call.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof TRPCError)) throw new Error(`expected a refusal, got ${String(e)}`);
  return { code: e.code, status: getHTTPStatusCodeFromError(e), message: e.message };
}

/**
 * The load bench's "ranking, 2100 counties nationwide" (bench/load/run.ts), in small: a custom
 * group of province A (as bench/analytics/load.ts writes it in SQL) holding counties of A and of
 * B, ranked by an admin of A. A province admin's scope is the province (domain.md §6) and a
 * province's groups hold its own units only (setPeerGroupMembers), so the ranking is refused with
 * 403 rather than showing B's data; only the operator, whose scope is every province, ranks it.
 */
describeEachDb('a custom group holding another province’s counties', 'catalog', ({ db, kind }) => {
  let admin: ApiContext;
  let groupId: number;
  const A = ['860101', '860102', '860103'];
  const B = ['850101', '850102'];

  beforeAll(async () => {
    await upsertUnits(db(), [
      { code: '860000', name: '甲省气象局', level: 'province', parent_code: null },
      { code: '860100', name: '甲一市气象局', level: 'city', parent_code: '860000' },
      { code: '860101', name: '甲一县气象局', level: 'county', parent_code: '860100' },
      { code: '860102', name: '甲二县气象局', level: 'county', parent_code: '860100' },
      { code: '860103', name: '甲三县气象局', level: 'county', parent_code: '860100' },
      { code: '850000', name: '乙省气象局', level: 'province', parent_code: null },
      { code: '850100', name: '乙一市气象局', level: 'city', parent_code: '850000' },
      { code: '850101', name: '乙一县气象局', level: 'county', parent_code: '850100' },
      { code: '850102', name: '乙二县气象局', level: 'county', parent_code: '850100' },
    ]);
    await createUser(db(), {
      username: 'jia-admin',
      displayName: '甲省管理员',
      password: 'long-enough-secret-1',
      role: 'admin',
      scopeUnitCode: '860000',
    });
    admin = { db: db(), dbKind: kind, principal: (await login(db(), 'jia-admin', 'long-enough-secret-1'))!.principal };
    ({ id: groupId } = await createCaller(admin).admin.createPeerGroup({ name: '两省县局', members: A }));
    // B's counties go in behind the product's back, as the national bench's loader does
    await sql`insert into peer_group_members (group_id, unit_code)
      select ${groupId}, code from units where province_code = '850000' and level = 'county'`.execute(db());
  });

  const ask = (ctx: ApiContext) =>
    createCaller(ctx).analytics.ranking({
      indicator: 'party_lecture',
      window: '2025',
      group: 'group:两省县局',
      today: '2026-03-01',
    });

  it('refuses the admin of A with 403, naming no unit of B', async () => {
    const r = await refusal(ask(admin));
    expect([r.code, r.status]).toEqual(['FORBIDDEN', 403]);
    expect(r.message).toBe('无权访问比较组 group:两省县局：单位 850101 不在您的权限范围内');
    expect(r.message).not.toContain('乙');
  });

  it('lets no admin put another province’s county into a group (403)', async () => {
    const r = await refusal(createCaller(admin).admin.setPeerGroupMembers({ id: groupId, members: [...A, B[0]!] }));
    expect([r.code, r.status, r.message]).toEqual(['FORBIDDEN', 403, '无权访问单位 850101 的数据']);
  });

  it('the operator ranks all five counties of both provinces', async () => {
    const ranked = await ask({ db: db(), dbKind: kind, principal: OPERATOR });
    expect([ranked.of, ranked.entries.map((e) => e.unit).sort()]).toEqual([5, [...B, ...A].sort()]);
  });

  it('the same group with A’s counties only ranks its three for the admin of A', async () => {
    await createCaller(admin).admin.setPeerGroupMembers({ id: groupId, members: A });
    const ranked = await ask(admin);
    expect([ranked.of, ranked.entries.map((e) => e.unit).sort()]).toEqual([3, A]);
  });
});
