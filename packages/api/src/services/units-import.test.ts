import { writeFacts } from '@bixue/db';
import { describeEachDb, valueFact as v } from '@bixue/db/testing';
import { messageEnOf } from '@bixue/domain';
import { TRPCError } from '@trpc/server';
import { expect, it } from 'vitest';
import { type ApiContext, OPERATOR, type Principal } from '../context.ts';
import { createCaller } from '../root.ts';

/**
 * A province that appears through the API (tRPC units.import, as the CLI's `units import` does
 * through the same service) starts with the default targets and settings: its statuses are
 * judged, not grey. The CLI's path is pinned by apps/cli's "judges a province that came by units
 * import" with the same kind of hand-computed values.
 */
describeEachDb('units.import', 'catalog', ({ db, kind }) => {
  const as = (principal: Principal) => createCaller({ db: db(), dbKind: kind, principal } satisfies ApiContext);
  const op = () => as(OPERATOR);
  const admin760: Principal = {
    userId: null,
    username: 'admin760',
    role: 'admin',
    scopeUnitCode: '760000',
    scopePath: '760000/',
    provinceCode: '760000',
  };

  it('creates a province with the default targets, judged by their phasing', async () => {
    expect(
      await op().units.import({
        units: [
          // children before their parents: the service orders them
          { code: '760101', name: '接口县气象局', level: 'county', parent_code: '760100' },
          { code: '760100', name: '接口市气象局', level: 'city', parent_code: '760000', name_en: 'Jiekou City Bureau' },
          { code: '760000', name: '接口省气象局', level: 'province', parent_code: null },
        ],
      }),
    ).toEqual({ inserted: 3, updated: 0 });
    // an English name given is kept as typed; one not given stays unset (pages show it romanised)
    const names = await db()
      .selectFrom('units')
      .select(['code', 'name_en'])
      .where('code', 'in', ['760100', '760101'])
      .orderBy('code')
      .execute();
    expect(names).toEqual([
      { code: '760100', name_en: 'Jiekou City Bureau' },
      { code: '760101', name_en: null },
    ]);
    // domain.md §3: 12 targets for every level and 中心组学习 for city and province: 12 × 3 + 2
    const targets = await db()
      .selectFrom('targets')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('province_code', '=', '760000')
      .executeTakeFirstOrThrow();
    expect(Number(targets.n)).toBe(38);

    await writeFacts(
      db(),
      [
        v('760101', 'party_lecture', '2025', 3),
        v('760101', 'members_congress', '2026-03', 1),
        v('760101', 'members_congress', '2026-06', 1),
        ...['2026-01', '2026-02', '2026-03', '2026-04', '2026-06'].map((m) => v('760101', 'branch_committee', m, 1)),
        v('760101', 'branch_committee', '2026-05', 0),
      ],
      { source: 'manual', user: 'test', batchId: 'units-import' },
    );
    const at = (indicator: string, window: string, extra: { today?: string; asOf?: string }) =>
      op().analytics.attainment({ unit: '760101', indicator, window, ...extra });
    // 党课 2025: 3 of the annual 4 → 0.75, below the default yellow 0.8: red (grey without targets)
    expect(await at('party_lecture', '2025', { today: '2026-01-15' })).toMatchObject({
      actual: 3,
      target: 4,
      proratedTarget: 4,
      attainment: 0.75,
      status: 'red',
    });
    // 党员大会 quarterly 4, judged through June 2026: two quarters due → 2; held 2 → green
    expect(await at('members_congress', '2026', { today: '2026-07-15', asOf: '2026-06' })).toMatchObject({
      actual: 2,
      target: 4,
      proratedTarget: 2,
      attainment: 1,
      status: 'green',
    });
    // 支委会 monthly 12 through June: 6 due; held 5 → 5/6 = 0.833…, at least 0.8: yellow
    const branch = await at('branch_committee', '2026', { today: '2026-07-15', asOf: '2026-06' });
    expect(branch).toMatchObject({ actual: 5, target: 12, proratedTarget: 6, status: 'yellow' });
    expect(branch.attainment).toBeCloseTo(5 / 6, 10);
  });

  it('lets a province admin add units inside its province only; a province is the operator’s', async () => {
    expect(
      await as(admin760).units.import({
        units: [{ code: '760102', name: '接口乙县气象局', level: 'county', parent_code: '760100' }],
      }),
    ).toEqual({ inserted: 1, updated: 0 });
    const refused = async (units: Parameters<ReturnType<typeof op>['units']['import']>[0]['units']) => {
      const e = await as(admin760)
        .units.import({ units })
        .catch((x: unknown) => x);
      expect(e).toBeInstanceOf(TRPCError);
      return (e as TRPCError).code;
    };
    expect(await refused([{ code: '750000', name: '别省气象局', level: 'province', parent_code: null }])).toBe(
      'FORBIDDEN',
    );
    await op().units.import({ units: [{ code: '750000', name: '别省气象局', level: 'province', parent_code: null }] });
    expect(await refused([{ code: '750100', name: '别省市气象局', level: 'city', parent_code: '750000' }])).toBe(
      'FORBIDDEN',
    );
    // nor may it move another province's unit into its own
    expect(await refused([{ code: '750000', name: '别省气象局', level: 'city', parent_code: '760000' }])).toBe(
      'FORBIDDEN',
    );
    // the row and column say where, in the words of the CLI's refusal (unitProblemSaid), in both languages
    const said = async (units: Parameters<ReturnType<typeof op>['units']['import']>[0]['units']) => {
      const e = (await as(admin760)
        .units.import({ units })
        .catch((x: unknown) => x)) as TRPCError;
      return [e.code, e.message, messageEnOf(e)];
    };
    expect(await said([{ code: '760103', name: '丙县气象局', level: 'county', parent_code: '760199' }])).toEqual([
      'NOT_FOUND',
      '第2行 parent_code: 上级单位 760199 不存在',
      'Row 2, parent_code: Parent unit 760199 does not exist',
    ]);
    // a county under a province breaks the tree
    expect(await said([{ code: '760104', name: '丁县气象局', level: 'county', parent_code: '760000' }])).toEqual([
      'BAD_REQUEST',
      '第2行 parent_code: county 级单位的上级应为 city 级，760000 是 province 级',
      "Row 2, parent_code: A county unit's parent must be a city unit; 760000 is a province unit",
    ]);
    // the reporter's kind of user may not import units at all
    expect(
      await as({ ...admin760, role: 'analyst' })
        .units.import({ units: [{ code: '760105', name: '戊县气象局', level: 'county', parent_code: '760100' }] })
        .catch((x: unknown) => (x as TRPCError).code),
    ).toBe('FORBIDDEN');
  });
});
