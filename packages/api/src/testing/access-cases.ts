/**
 * Test cases for every procedure and role, shared by the tRPC matrix (packages/api) and the HTTP
 * one (apps/api). Who may call what comes from the hand-written table in expected-access.ts; the
 * declared scope (trpc.ts) only says which input fields to move inside and outside the caller's
 * scope, and the matrix checks those fields against the table too.
 */
import { createUser, type Database, upsertUnits } from '@bixue/db';
import type { Role } from '@bixue/domain';
import type { Kysely } from 'kysely';
import type { ZodType } from 'zod';
import { appRouter } from '../root.ts';
import type { Access, ScopeRule } from '../scope.ts';
import type { ProcedureMeta } from '../trpc.ts';
import { type CallOutcome, type ExpectedAccess, expectedAccess, expectedOutcome } from './expected-access.ts';

export const MATRIX_ROLES = ['admin', 'leader', 'analyst', 'reporter'] as const satisfies readonly Role[];
export type MatrixRole = (typeof MATRIX_ROLES)[number];

/** A second province, so that even the demo admin has something out of scope. */
export const OTHER_PROVINCE = [
  { code: '980000', name: '对照省气象局', level: 'province', parent_code: null },
  { code: '980100', name: '对照省甲市气象局', level: 'city', parent_code: '980000' },
  { code: '980101', name: '对照省甲市乙县气象局', level: 'county', parent_code: '980100' },
] as const;
/** a user every admin of 990000 manages (reporter of 990101), and one nobody of 990000 does */
export const MANAGED_USER = 'matrix-target';
export const FOREIGN_USER = 'other-admin';

export async function prepareAccessMatrix(db: Kysely<Database>): Promise<void> {
  await upsertUnits(
    db,
    OTHER_PROVINCE.map((u) => ({ ...u })),
  );
  await createUser(db, {
    username: MANAGED_USER,
    displayName: '矩阵测试',
    password: 'matrix-password',
    role: 'reporter',
    scopeUnitCode: '990101',
  });
  await createUser(db, {
    username: FOREIGN_USER,
    displayName: '对照省管理员',
    password: 'other-password',
    role: 'admin',
    scopeUnitCode: '980000',
  });
}

/** Inside every demo role's scope (the reporter's own county), and outside each one's. */
const INSIDE = { unit: '990101', group: 'siblings:990100', user: MANAGED_USER } as const;
const OUTSIDE: Record<MatrixRole, { unit: string; group: string; user: string }> = {
  admin: { unit: '980101', group: 'siblings:980000', user: FOREIGN_USER },
  leader: { unit: '980101', group: 'siblings:980000', user: FOREIGN_USER },
  analyst: { unit: '990201', group: 'siblings:990200', user: FOREIGN_USER },
  reporter: { unit: '990102', group: 'siblings:990200', user: FOREIGN_USER },
};

export interface ProcedureInfo {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  meta: ProcedureMeta | undefined;
  rules: readonly ScopeRule[];
  inputs: ZodType[];
}

/** The procedures of appRouter (or of another router built with trpc.ts), by path. */
export function listProcedures(of: { _def: { procedures: object } } = appRouter): ProcedureInfo[] {
  return Object.entries(of._def.procedures as unknown as Record<string, { _def: Record<string, unknown> }>)
    .map(([path, proc]) => {
      const meta = proc._def.meta as ProcedureMeta | undefined;
      const scope = meta?.scope;
      return {
        path,
        type: proc._def.type as ProcedureInfo['type'],
        meta,
        rules: scope === undefined ? [] : Array.isArray(scope) ? scope : [scope as ScopeRule],
        inputs: (proc._def.inputs ?? []) as ZodType[],
      };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

function valueFor(
  rule: ScopeRule,
  place: { unit: string; group: string; user: string },
  example: Record<string, unknown>,
): unknown {
  switch (rule.kind) {
    case 'unit':
      return place.unit;
    case 'group':
      return place.group;
    case 'user':
      return place.user;
    case 'task':
      return rule.many ? [place.unit] : place.unit;
    case 'units': {
      if (!rule.key) return [place.unit];
      const template = (example[rule.field] as Record<string, unknown>[] | undefined)?.[0] ?? {};
      return [{ ...template, [rule.key]: place.unit }];
    }
    case 'none':
    case 'self':
      return undefined;
  }
}

/** A unit submits its own task: inside the analyst's scope that is its city, not the county. */
function insideFor(rule: ScopeRule, role: MatrixRole): { unit: string; group: string; user: string } {
  return rule.kind === 'task' && rule.act === 'submit' && role === 'analyst' ? { ...INSIDE, unit: '990100' } : INSIDE;
}

export interface AccessCase {
  name: string;
  input: unknown;
  allowed: boolean;
  /** what the call must give: FORBIDDEN, or (allowed) data or the service's own answer */
  expected: CallOutcome | 'FORBIDDEN';
}

/** The roles the declaration lets in (leaders never write, analysts and admins review, only admins manage users). */
export function declaredRoles(proc: ProcedureInfo): MatrixRole[] {
  const accessOf = (r: ScopeRule): Access => {
    if (r.kind === 'user') return 'admin';
    if (r.kind === 'task') return r.act === 'submit' ? 'write' : 'review';
    if (r.kind === 'none' || r.kind === 'group') return 'read';
    return r.access ?? 'read';
  };
  const roleMay = (role: MatrixRole, access: Access) =>
    access === 'admin'
      ? role === 'admin'
      : access === 'review'
        ? role === 'admin' || role === 'analyst'
        : access === 'write'
          ? role !== 'leader'
          : true;
  return MATRIX_ROLES.filter((role) => proc.rules.every((r) => roleMay(role, accessOf(r))));
}

/** The input fields the procedure declares scope rules for. */
export function declaredScopedFields(proc: ProcedureInfo): string[] {
  return proc.rules.flatMap((r) => ('field' in r ? [r.field] : []));
}

/**
 * One case with every scoped field inside the role's scope (allowed when the table says the role
 * may do this at all), and one per scoped field with that field outside it (always forbidden).
 */
export function accessCases(
  proc: ProcedureInfo,
  role: MatrixRole,
  row: ExpectedAccess = expectedAccess(proc.path),
): AccessCase[] {
  const example = proc.meta?.example ?? {};
  const fielded = proc.rules.filter((r): r is Extract<ScopeRule, { field: string }> => 'field' in r);
  const inside: Record<string, unknown> = { ...example };
  for (const r of fielded) inside[r.field] = valueFor(r, insideFor(r, role), example);
  const expected = expectedOutcome(row, role);
  const input = fielded.length || proc.meta?.example ? inside : undefined;
  const cases: AccessCase[] = [{ name: 'in scope', input, allowed: expected !== 'FORBIDDEN', expected }];
  for (const r of fielded) {
    cases.push({
      name: `${r.field} out of scope`,
      input: { ...inside, [r.field]: valueFor(r, OUTSIDE[role], example) },
      allowed: false,
      expected: 'FORBIDDEN',
    });
  }
  return cases;
}

interface ZodInternals {
  _zod: {
    def: {
      type: string;
      shape?: Record<string, ZodType>;
      innerType?: ZodType;
      element?: ZodType;
      checks?: { _zod: { def: { check: string } } }[];
      in?: ZodType;
      options?: ZodType[];
      keyType?: ZodType;
      valueType?: ZodType;
    };
  };
  maxLength?: number | null;
}

/** Paths of strings and arrays in an input schema that have no upper bound. */
export function unboundedFields(schema: ZodType, path = 'input'): string[] {
  const z = schema as unknown as ZodInternals;
  const def = z._zod.def;
  const hasMax = () =>
    (def.checks ?? []).some((c) => c._zod.def.check === 'max_length' || c._zod.def.check === 'length_equals');
  switch (def.type) {
    case 'string':
      return z.maxLength == null ? [path] : [];
    case 'array':
      return [...(hasMax() ? [] : [path]), ...unboundedFields(def.element!, `${path}[]`)];
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([k, v]) => unboundedFields(v, `${path}.${k}`));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return unboundedFields(def.innerType!, path);
    case 'pipe':
      return unboundedFields(def.in!, path);
    case 'union':
      return (def.options ?? []).flatMap((o) => unboundedFields(o, path));
    case 'record': {
      // bounded keys (an enum or a short string) and bounded values; the body limit caps the count
      const key = def.keyType;
      const keyDef = key ? (key as unknown as ZodInternals)._zod.def : undefined;
      const keyBounded = keyDef?.type === 'enum' || (key !== undefined && unboundedFields(key, path).length === 0);
      return [...(keyBounded ? [] : [`${path}{}`]), ...unboundedFields(def.valueType!, `${path}{}`)];
    }
    case 'map':
    case 'set':
    case 'any':
    case 'unknown':
      return [path];
    default:
      return [];
  }
}

/** Top-level string fields of an object input, for oversize and injection probes. */
export function topLevelStringFields(schema: ZodType): string[] {
  const def = (schema as unknown as ZodInternals)._zod.def;
  if (def.type !== 'object') return [];
  const unwrap = (s: ZodType): string => {
    const d = (s as unknown as ZodInternals)._zod.def;
    return d.innerType ? unwrap(d.innerType) : d.type;
  };
  return Object.entries(def.shape ?? {})
    .filter(([, v]) => unwrap(v) === 'string')
    .map(([k]) => k);
}
