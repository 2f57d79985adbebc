import { DEMO_PASSWORD } from '@bixue/db';
import { describeEachDb } from '@bixue/db/testing';
import { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiContext, Principal } from './context.ts';
import { login } from './services/auth.ts';
import { appRouter, createCaller } from './root.ts';
import {
  type AccessCase,
  accessCases,
  declaredRoles,
  declaredScopedFields,
  listProcedures,
  MATRIX_ROLES,
  type MatrixRole,
  prepareAccessMatrix,
  type ProcedureInfo,
  topLevelStringFields,
  unboundedFields,
} from './testing/access-cases.ts';
import { EXPECTED_ACCESS } from './testing/expected-access.ts';
import { type ProcedureMeta, protectedProcedure, router } from './trpc.ts';

const PROCEDURES = listProcedures();

/**
 * Procedures that declare they read no unit's data. Adding one means adding it here, so the
 * claim gets a second pair of eyes in review.
 */
const REVIEWED_UNSCOPED = ['catalog.indicators', 'session.me'];

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

/** Procedures whose declared scope lets in other roles than the hand-written table says. */
function declarationsAgainstTable(procs: readonly ProcedureInfo[]): string[] {
  return procs
    .filter((p) => EXPECTED_ACCESS[p.path])
    .flatMap((p) => {
      const declared = declaredRoles(p).join(', ');
      const table = EXPECTED_ACCESS[p.path]!.may.join(', ');
      return declared === table ? [] : [`${p.path} lets in ${declared}; the table says ${table}`];
    });
}

describe('the scope declaration', () => {
  it('is present on every procedure of appRouter', () => {
    const missing = PROCEDURES.filter((p) => p.rules.length === 0).map((p) => p.path);
    expect(missing).toEqual([]);
    expect(PROCEDURES.length).toBeGreaterThanOrEqual(9);
  });

  it('has a row in the hand-written access table (testing/expected-access.ts) for every procedure', () => {
    const missing = PROCEDURES.map((p) => p.path).filter((path) => !(path in EXPECTED_ACCESS));
    expect(missing, 'procedures without a row: add who may call them, from domain.md §6').toEqual([]);
    const stale = Object.keys(EXPECTED_ACCESS).filter((path) => !PROCEDURES.some((p) => p.path === path));
    expect(stale, 'rows for procedures that no longer exist').toEqual([]);
  });

  it('scopes exactly the input fields the table names', () => {
    const differing = PROCEDURES.filter((p) => EXPECTED_ACCESS[p.path])
      .map((p) => ({ path: p.path, declared: declaredScopedFields(p).sort() }))
      .filter(({ path, declared }) => declared.join() !== [...EXPECTED_ACCESS[path]!.scoped].sort().join());
    expect(differing).toEqual([]);
  });

  it('lets in exactly the roles the table names', () => {
    expect(declarationsAgainstTable(PROCEDURES)).toEqual([]);
  });

  it('fails for a wrong declaration: data.saveEntry declared read instead of write', () => {
    const saveEntry = PROCEDURES.find((p) => p.path === 'data.saveEntry')!;
    const flipped = { ...saveEntry, rules: saveEntry.rules.map((r) => ({ ...r, access: 'read' as const })) };
    expect(declarationsAgainstTable([flipped])).toEqual([
      'data.saveEntry lets in admin, leader, analyst, reporter; the table says admin, analyst, reporter',
    ]);
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

  /** Calls the procedure as the role; null when it gives what the table expects, else what happened. */
  async function mismatch(proc: ProcedureInfo, role: MatrixRole, c: AccessCase): Promise<string | null> {
    const out = await invoke(as(role), proc.path, c.input);
    const got = out.ok ? 'ok' : out.code;
    if (got === c.expected) return null;
    return `${proc.path} as ${role}, ${c.name}: expected ${c.expected}, got ${got}${out.ok ? '' : ` (${out.message})`}`;
  }

  beforeAll(async () => {
    await prepareAccessMatrix(db());
    for (const role of MATRIX_ROLES) principals.set(role, (await login(db(), role, DEMO_PASSWORD))!.principal);
  });

  it('fails when a declaration is wrong: analytics.rollup declared write, so leaders may not read it', async () => {
    const proc = PROCEDURES.find((p) => p.path === 'analytics.rollup')!;
    const def = (appRouter._def.procedures as unknown as Record<string, { _def: { meta: ProcedureMeta } }>)[proc.path]!
      ._def;
    const declared = def.meta;
    def.meta = { ...declared, scope: { kind: 'unit', field: 'unit', access: 'write' } };
    try {
      const found: string[] = [];
      for (const role of MATRIX_ROLES)
        for (const c of accessCases(proc, role)) {
          const m = await mismatch(proc, role, c);
          if (m) found.push(m.replace(/ \(.*\)$/, ''));
        }
      expect(found).toEqual(['analytics.rollup as leader, in scope: expected ok, got FORBIDDEN']);
    } finally {
      def.meta = declared;
    }
  });

  // a procedure without a row fails in 'the scope declaration' above, by name
  for (const proc of PROCEDURES.filter((p) => p.path in EXPECTED_ACCESS)) {
    describe(proc.path, () => {
      if (!proc.meta?.public)
        it('refuses a caller without a session', async () => {
          const [first] = accessCases(proc, 'admin');
          expect(await invoke(as(null), proc.path, first!.input)).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
        });

      for (const role of MATRIX_ROLES) {
        for (const c of accessCases(proc, role)) {
          it(`${role}: ${c.name} → ${c.expected}`, async () => {
            expect(await mismatch(proc, role, c), JSON.stringify(c.input)).toBeNull();
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
