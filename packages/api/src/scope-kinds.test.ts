import { DEMO_PASSWORD } from '@bixue/db';
import { describeEachDb } from '@bixue/db/testing';
import { unitCodeSchema } from '@bixue/domain';
import type { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiContext, Principal } from './context.ts';
import { login } from './services/auth.ts';
import {
  accessCases,
  listProcedures,
  MATRIX_ROLES,
  type MatrixRole,
  prepareAccessMatrix,
} from './testing/access-cases.ts';
import type { ExpectedAccess } from './testing/expected-access.ts';
import { protectedProcedure, router } from './trpc.ts';

/**
 * Every kind of scope rule, on procedures that echo their input: what the guard lets through is
 * exactly what the generated cases expect, before any real router relies on a kind.
 */
const echo = router({
  readUnit: protectedProcedure
    .meta({ scope: { kind: 'unit', field: 'unit' }, example: { note: 'x' } })
    .input(z.object({ unit: unitCodeSchema, note: z.string().max(10) }))
    .query(({ input }) => input),
  writeUnit: protectedProcedure
    .meta({ scope: { kind: 'unit', field: 'unit', access: 'write' } })
    .input(z.object({ unit: unitCodeSchema }))
    .mutation(({ input }) => input),
  writeRows: protectedProcedure
    .meta({ scope: { kind: 'units', field: 'rows', key: 'unit', access: 'write' }, example: { rows: [{ value: 1 }] } })
    .input(z.object({ rows: z.array(z.object({ unit: unitCodeSchema, value: z.number() })).max(100) }))
    .mutation(({ input }) => input),
  readUnits: protectedProcedure
    .meta({ scope: { kind: 'units', field: 'units' } })
    .input(z.object({ units: z.array(unitCodeSchema).max(100) }))
    .query(({ input }) => input),
  ranking: protectedProcedure
    .meta({ scope: { kind: 'group', field: 'group' } })
    .input(z.object({ group: z.string().max(80) }))
    .query(({ input }) => input),
  adminOnly: protectedProcedure.meta({ scope: { kind: 'self', access: 'admin' } }).query(() => 'ok'),
  unitAndGroup: protectedProcedure
    .meta({
      scope: [
        { kind: 'unit', field: 'unit' },
        { kind: 'group', field: 'group' },
      ],
    })
    .input(z.object({ unit: unitCodeSchema, group: z.string().max(80) }))
    .query(({ input }) => input),
});

/** Who may call each echo, by hand (domain.md §6), as expected-access.ts does for appRouter. */
const READERS = ['admin', 'leader', 'analyst', 'reporter'] as const;
const ENTERERS = ['admin', 'analyst', 'reporter'] as const;
const ECHO_ACCESS: Record<string, ExpectedAccess> = {
  readUnit: { may: READERS, scoped: ['unit'] },
  writeUnit: { may: ENTERERS, scoped: ['unit'] },
  writeRows: { may: ENTERERS, scoped: ['rows'] },
  readUnits: { may: READERS, scoped: ['units'] },
  ranking: { may: READERS, scoped: ['group'] },
  adminOnly: { may: ['admin'], scoped: [] },
  unitAndGroup: { may: READERS, scoped: ['unit', 'group'] },
};

describeEachDb('every kind of scope rule', 'demo', ({ db, kind }) => {
  const principals = new Map<MatrixRole, Principal>();
  const as = (role: MatrixRole): ApiContext => ({ db: db(), dbKind: kind, principal: principals.get(role)! });
  beforeAll(async () => {
    await prepareAccessMatrix(db());
    for (const role of MATRIX_ROLES) principals.set(role, (await login(db(), role, DEMO_PASSWORD))!.principal);
  });

  for (const proc of listProcedures(echo)) {
    describe(proc.path, () => {
      for (const role of MATRIX_ROLES) {
        it(`as ${role}`, async () => {
          for (const c of accessCases(proc, role, ECHO_ACCESS[proc.path])) {
            let target: unknown = echo.createCaller(as(role));
            target = (target as Record<string, unknown>)[proc.path];
            const out = await (target as (i: unknown) => Promise<unknown>)(c.input).then(
              (data) => ({ ok: true, data }),
              (e: TRPCError) => ({ ok: false, code: e.code }),
            );
            expect(out, `${c.name} ${JSON.stringify(c.input)}`).toEqual(
              c.allowed ? { ok: true, data: c.input ?? 'ok' } : { ok: false, code: 'FORBIDDEN' },
            );
          }
        });
      }
    });
  }
});
