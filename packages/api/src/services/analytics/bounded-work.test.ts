import { createUser, upsertUnits } from '@bixue/db';
import { describeEachDb } from '@bixue/db/testing';
import { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { ApiContext } from '../../context.ts';
import { createCaller } from '../../root.ts';
import { MAX_GROUP_UNITS } from '../../scope.ts';
import { login } from '../auth.ts';
import { MAX_MATRIX_CELLS } from './inputs.ts';

/** `count` counties under `city`, codes from `first` on: in SQL, as the national bench loads them. */
async function addCounties(ctx: ApiContext, city: string, first: number, count: number): Promise<void> {
  await sql`
insert into units (code, name, short_name, level, parent_code, province_code, path, sort_order)
select (${first}::int + k)::text, '县' || (${first}::int + k) || '气象局', '县' || (${first}::int + k), 'county',
       ${city}, '870000', '870000/' || ${city} || '/' || (${first}::int + k) || '/', ${first}::int + k
from generate_series(0, ${count - 1}::int) k`.execute(ctx.db);
}

async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  const e = await call.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof TRPCError)) throw new Error(`expected a refusal, got ${String(e)}`);
  return { code: e.code, message: e.message };
}

/** Issue 12: an analytics input cannot ask for unbounded work; the refusal (400) names the limit. */
describeEachDb('bounded analytics work', 'catalog', ({ db, kind }) => {
  let admin: ApiContext;

  beforeAll(async () => {
    await upsertUnits(db(), [
      { code: '870000', name: '大省气象局', level: 'province', parent_code: null },
      { code: '870100', name: '甲市气象局', level: 'city', parent_code: '870000' },
      { code: '870200', name: '乙市气象局', level: 'city', parent_code: '870000' },
      { code: '870300', name: '丙市气象局', level: 'city', parent_code: '870000' },
    ]);
    admin = { db: db(), dbKind: kind, principal: null };
    // one city over the group limit, one of 300 counties within it
    await addCounties(admin, '870100', 871000, MAX_GROUP_UNITS + 1);
    await addCounties(admin, '870200', 875000, 300);
    await addCounties(admin, '870300', 876000, 3);
    await createUser(db(), {
      username: 'boss',
      displayName: '管理员',
      password: 'long-enough-secret-1',
      role: 'admin',
      scopeUnitCode: '870000',
    });
    admin.principal = (await login(db(), 'boss', 'long-enough-secret-1'))!.principal;
  });

  const api = () => createCaller(admin);

  it(`refuses a group of more than ${MAX_GROUP_UNITS} units with 400 naming the limit, in every form`, async () => {
    for (const group of ['siblings:870100', 'level:county@870000']) {
      const r = await refusal(api().analytics.ranking({ indicator: 'party_lecture', window: '2025', group }));
      expect(r).toEqual({
        code: 'BAD_REQUEST',
        message: `比较组 ${group} 超过 3000 个单位，一次最多比较 3000 个单位：请选范围更小的比较组`,
      });
      expect((await refusal(api().analytics.heatmap({ window: '2025', group }))).code).toBe('BAD_REQUEST');
    }
    // 300 counties are an ordinary question
    const ranked = await api().analytics.ranking({
      indicator: 'party_lecture',
      window: '2025',
      group: 'siblings:870200',
    });
    expect([ranked.of, ranked.entries.length]).toEqual([300, 300]);
  });

  it(`refuses trends over ${MAX_MATRIX_CELLS} cells (units × indicators × windows), naming both numbers`, async () => {
    const catalog = (await api().catalog.indicators()).length;
    // 16 months shown, the 12 before them for 同比, and the two like-for-like windows: 30 windows
    const cells = 300 * catalog * 30;
    expect(cells).toBeGreaterThan(MAX_MATRIX_CELLS);
    const r = await refusal(api().analytics.trends({ unit: '875000', window: '2025-06', count: 16 }));
    expect(r).toEqual({
      code: 'BAD_REQUEST',
      message: `一次最多计算 200000 个数据格，这次要 ${cells} 个（300 个单位 × ${catalog} 个指标 × 30 个报告期）：请缩小比较组（group）、减少指标或报告期数`,
    });
    // the same question among three counties is 3 × indicators × 30 cells: answered
    const small = await api().analytics.trends({ unit: '876000', window: '2025-06', count: 16 });
    expect([small.group, small.trends.length, small.trends[0]!.points.length]).toEqual([
      'siblings:870300',
      catalog,
      16,
    ]);
  });
});
