import { DEMO_PASSWORD } from '@bixue/db';
import { describeEachDb } from '@bixue/db/testing';
import { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiContext, Principal } from './context.ts';
import { createCaller } from './root.ts';
import { login } from './services/auth.ts';
import {
  accessCases,
  listProcedures,
  MATRIX_ROLES,
  type MatrixRole,
  prepareAccessMatrix,
  topLevelStringFields,
  unboundedFields,
} from './testing/access-cases.ts';
import { protectedProcedure, router } from './trpc.ts';

const PROCEDURES = listProcedures();

/**
 * Procedures that declare they read no unit's data. Adding one means adding it here, so the
 * claim gets a second pair of eyes in review.
 */
const REVIEWED_UNSCOPED = ['catalog.indicators', 'session.me'];

/** Answers that only a call the scope check let through can get. */
const PAST_THE_GATE = ['NOT_FOUND', 'CONFLICT'];

type Outcome = { ok: true; data: unknown } | { ok: false; code: string; message: string };

async function invoke(ctx: ApiContext, path: string, input: unknown): Promise<Outcome> {
  let target: unknown = createCaller(ctx);
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  try {
    return { ok: true, data: await (target as (i: unknown) => Promise<unknown>)(input) };
  } catch (e) {
    if (e instanceof TRPCError) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}

describe('the scope declaration', () => {
  it('is present on every procedure of appRouter', () => {
    const missing = PROCEDURES.filter((p) => p.rules.length === 0).map((p) => p.path);
    expect(missing).toEqual([]);
    expect(PROCEDURES.length).toBeGreaterThanOrEqual(9);
  });

  it('says "reads nothing scoped" only for the reviewed procedures', () => {
    const unscoped = PROCEDURES.filter((p) => p.rules.every((r) => r.kind === 'none')).map((p) => p.path);
    expect(unscoped).toEqual(REVIEWED_UNSCOPED);
  });

  it('bounds every string and array of every input', () => {
    const unbounded = PROCEDURES.flatMap((p) => p.inputs.flatMap((s) => unboundedFields(s, p.path)));
    expect(unbounded).toEqual([]);
  });

  it('fails closed for a procedure built without one', async () => {
    const rogue = router({
      leak: protectedProcedure.input(z.object({ unit: z.string().max(6) })).query(({ input }) => input.unit),
    });
    const principal: Principal = {
      userId: 1,
      username: 'x',
      role: 'admin',
      scopeUnitCode: '990000',
      scopePath: '990000/',
      provinceCode: '990000',
    };
    const caller = rogue.createCaller({ db: null as never, dbKind: 'pglite', principal });
    await expect(caller.leak({ unit: '990101' })).rejects.toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      message: expect.stringContaining('declares no scope'),
    });
  });
});

describeEachDb('access matrix', 'demo', ({ db, kind }) => {
  const principals = new Map<MatrixRole, Principal>();
  const as = (role: MatrixRole | null): ApiContext => ({
    db: db(),
    dbKind: kind,
    principal: role ? principals.get(role)! : null,
  });

  beforeAll(async () => {
    await prepareAccessMatrix(db());
    for (const role of MATRIX_ROLES) principals.set(role, (await login(db(), role, DEMO_PASSWORD))!.principal);
  });

  for (const proc of PROCEDURES) {
    describe(proc.path, () => {
      if (!proc.meta?.public)
        it('refuses a caller without a session', async () => {
          const [first] = accessCases(proc, 'admin');
          expect(await invoke(as(null), proc.path, first!.input)).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
        });

      for (const role of MATRIX_ROLES) {
        for (const c of accessCases(proc, role)) {
          it(`${role}: ${c.name} → ${c.allowed ? 'allowed' : 'FORBIDDEN'}`, async () => {
            const out = await invoke(as(role), proc.path, c.input);
            // past the gate the procedure may still find nothing to act on (an example id, an
            // upload of another session, a stale version): that is the service speaking, not the scope
            if (c.allowed)
              expect(out.ok || PAST_THE_GATE.includes(out.code), JSON.stringify({ input: c.input, out })).toBe(true);
            else
              expect(out, JSON.stringify(c.input)).toEqual({
                ok: false,
                code: 'FORBIDDEN',
                message: expect.any(String),
              });
          });
        }
      }

      const fields = proc.inputs.flatMap((s) => topLevelStringFields(s));
      if (fields.length === 0) return;
      const schema = proc.inputs[0] as unknown as {
        shape: Record<string, { maxLength?: number | null; unwrap?: () => { maxLength?: number | null } }>;
      };
      const maxOf = (f: string) => schema.shape[f]?.maxLength ?? schema.shape[f]?.unwrap?.().maxLength ?? 0;

      it(`rejects oversize ${fields.join(', ')} with BAD_REQUEST`, async () => {
        for (const role of MATRIX_ROLES) {
          const [inside] = accessCases(proc, role);
          for (const f of fields) {
            const input = { ...(inside!.input as object), [f]: 'x'.repeat(maxOf(f) + 1) };
            const out = await invoke(as(role), proc.path, input);
            // a role that may not call the procedure at all is turned away before its input is read
            if (inside!.allowed) expect(out, `${role} ${f}`).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
            else
              expect(out, `${role} ${f}`).toMatchObject({
                ok: false,
                code: expect.stringMatching(/^(BAD_REQUEST|FORBIDDEN)$/),
              });
          }
        }
      });

      it(`takes SQL injection in ${fields.join(', ')} as plain text`, async () => {
        const before = await sql<{ n: number }>`select count(*)::int as n from units`.execute(db());
        for (const role of ['admin', 'reporter'] as const) {
          const [inside] = accessCases(proc, role);
          for (const f of fields) {
            for (const attack of ["990101' OR '1'='1", "'; drop table users; --", '990102/%']) {
              const out = await invoke(as(role), proc.path, { ...(inside!.input as object), [f]: attack });
              // refused as bad input, or stored and shown literally: never an internal error, never another unit
              if (!out.ok)
                expect(['BAD_REQUEST', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT'], `${role} ${f} ${attack}`).toContain(
                  out.code,
                );
              else
                expect(JSON.stringify(out.data).replaceAll(JSON.stringify(attack).slice(1, -1), '')).not.toContain(
                  '990102',
                );
            }
          }
        }
        const after = await sql<{ n: number }>`select count(*)::int as n from units`.execute(db());
        expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
        expect(
          (await sql<{ n: number }>`select count(*)::int as n from users`.execute(db())).rows[0]!.n,
        ).toBeGreaterThanOrEqual(6);
      });
    });
  }
});
