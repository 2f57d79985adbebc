/**
 * The one place that decides what a caller may see and change. Procedures declare rules
 * (trpc.ts explains the convention), `checkScope` enforces them; services that look at units
 * from elsewhere (a file's rows, a group's members) use the functions below, never their own test.
 */
import {
  type ActiveRange,
  activeIn,
  customGroupCodes,
  getUnit,
  type GroupSpec,
  inGroupOf,
  listPeerGroups,
  type Unit,
  type User,
} from '@bixue/db';
import {
  actorFor,
  issueSaid,
  LEVELS,
  type Level,
  mayTakeAction,
  type Said,
  unitCodeSchema,
  usernameSchema,
} from '@bixue/domain';
import { unitNamesEn } from '@bixue/domain/unit-names-en';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { ApiContext, Principal } from './context.ts';
import { ForbiddenError, InputError, NotFoundError, refusal } from './errors.ts';
import { type UnitIndex, unitIndex } from './reference.ts';

/** read: every role within scope; write: not leaders (read only); review: superiors (analysts) and admins; admin: admins only. */
export type Access = 'read' | 'write' | 'review' | 'admin';

export type ScopeRule =
  | { kind: 'none' }
  | { kind: 'self'; access?: Access }
  | { kind: 'unit'; field: string; access?: Access; optional?: boolean }
  | { kind: 'units'; field: string; key?: string; access?: Access }
  | { kind: 'group'; field: string; optional?: boolean }
  | { kind: 'user'; field: string }
  | { kind: 'task'; field: string; act: TaskAct; many?: boolean };

/** A reporting task is submitted by its unit and reviewed by the unit's superior (domain.md §9). */
export type TaskAct = 'submit' | 'review';

/** Asked for without a session. */
export const SIGN_IN: Said = { zh: '请先登录', en: 'Please sign in' };

export function requirePrincipal(ctx: ApiContext): Principal {
  if (!ctx.principal) throw new ForbiddenError(SIGN_IN);
  return ctx.principal;
}

/** Whether the role may do this kind of thing at all, wherever. */
export function roleMay(p: Principal, access: Access): boolean {
  if (access === 'admin') return p.role === 'admin';
  if (access === 'write') return p.role !== 'leader';
  if (access === 'review') return p.role === 'admin' || p.role === 'analyst';
  return true;
}

const ACCESS_DENIED: Record<Access, Said> = {
  read: { zh: '无权访问', en: 'Access denied' },
  write: { zh: '当前角色只能查看，不能修改数据', en: 'Your role can view data but not change it' },
  review: {
    zh: '只有上级单位或管理员可以审核和催报',
    en: 'Only the superior unit or an administrator can review submissions and send reminders',
  },
  admin: { zh: '只有管理员可以执行此操作', en: 'Only an administrator can do this' },
};

function requireRole(p: Principal, access: Access): void {
  if (!roleMay(p, access)) throw new ForbiddenError(ACCESS_DENIED[access]);
}

/** True when the unit is the caller's: a reporter's own unit, everyone else's subtree (the operator's: all). */
export function inScope(p: Principal, unit: Pick<Unit, 'code' | 'path'>): boolean {
  if (p.role === 'reporter') return unit.code === p.scopeUnitCode;
  return unit.path.startsWith(p.scopePath);
}

/** The same test in SQL, over a query that has `units` (or an alias of it) in scope. */
export function inScopeSql(p: Principal, table = 'units'): Expression<SqlBool> {
  if (p.role === 'reporter') return sql<SqlBool>`${sql.ref(`${table}.code`)} = ${p.scopeUnitCode}`;
  return sql<SqlBool>`${sql.ref(`${table}.path`)} like ${`${p.scopePath}%`}`;
}

/** Loads a unit the caller may access this way; unknown and out-of-scope units are told apart only by code. */
export async function unitFor(ctx: ApiContext, code: string, access: Access = 'read'): Promise<Unit> {
  const p = requirePrincipal(ctx);
  requireRole(p, access);
  const unit = await unitByCode(ctx, code);
  if (!unit) throw new NotFoundError({ zh: `单位 ${code} 不存在`, en: `Unit ${code} does not exist` });
  if (!inScope(p, unit))
    throw new ForbiddenError({ zh: `无权访问单位 ${code} 的数据`, en: `Unit ${code}'s data is outside your scope` });
  return unit;
}

export const readableUnit = (ctx: ApiContext, code: string) => unitFor(ctx, code, 'read');
export const writableUnit = (ctx: ApiContext, code: string) => unitFor(ctx, code, 'write');

/**
 * A unit by code: from the process's copy of the units when the request read a config stamp,
 * else one row (a write names a unit or two; reading all of them for it would cost more).
 */
async function unitByCode(ctx: ApiContext, code: string): Promise<Unit | undefined> {
  return ctx.reference ? (await unitIndex(ctx)).byCode.get(code) : getUnit(ctx.db, code);
}

/** Checks many units at once (rows of an import or of data entry): all must exist and be in scope. */
export async function assertUnitsInScope(
  ctx: ApiContext,
  codes: Iterable<string>,
  access: Access = 'read',
): Promise<void> {
  const p = requirePrincipal(ctx);
  requireRole(p, access);
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return;
  const rows = await ctx.db.selectFrom('units').select(['code', 'path']).where('code', 'in', wanted).execute();
  const found = new Map(rows.map((r) => [r.code, r]));
  const unknown = wanted.filter((c) => !found.has(c));
  if (unknown.length) {
    const few = unknown.slice(0, 5);
    throw new NotFoundError({
      zh: `单位 ${few.join('、')} 不存在`,
      en: few.length > 1 ? `Units ${few.join(', ')} do not exist` : `Unit ${few[0]} does not exist`,
    });
  }
  const outside = rows.filter((r) => !inScope(p, r)).map((r) => r.code);
  if (outside.length) {
    const few = outside.sort().slice(0, 5);
    throw new ForbiddenError({
      zh: `无权访问单位 ${few.join('、')} 的数据`,
      en:
        few.length > 1
          ? `The data of units ${few.join(', ')} is outside your scope`
          : `Unit ${few[0]}'s data is outside your scope`,
    });
  }
}

/** The units the caller may see, in path order. */
export async function unitsInScope(ctx: ApiContext): Promise<Unit[]> {
  const p = requirePrincipal(ctx);
  return ctx.db.selectFrom('units').selectAll().where(inScopeSql(p)).orderBy('path').execute();
}

/** The unit whose subtree the caller may see (the province roots for the operator). */
export async function scopeRoots(ctx: ApiContext): Promise<Unit[]> {
  const p = requirePrincipal(ctx);
  if (p.scopeUnitCode === '*')
    return ctx.db.selectFrom('units').selectAll().where('level', '=', 'province').orderBy('code').execute();
  const unit = await unitByCode(ctx, p.scopeUnitCode);
  return unit ? [unit] : [];
}

const GROUP_PATTERN = /^(?:siblings:(\d{6})|level:([a-z]+)@(\d{6})|group:(.{1,60}))$/u;

/** Reads `siblings:UNITCODE`, `level:LEVEL@UNITCODE` or `group:NAME`. */
export function parseGroupSpec(text: string): GroupSpec {
  const m = GROUP_PATTERN.exec(text);
  if (m?.[1]) return { kind: 'siblings', unit: m[1] };
  if (m?.[2] && m[3] && (LEVELS as readonly string[]).includes(m[2]))
    return { kind: 'level', level: m[2] as Level, unit: m[3] };
  if (m?.[4]) return { kind: 'group', name: m[4] };
  throw new InputError(
    {
      zh: `同级组 ${text.slice(0, 80)} 格式有误，应为 siblings:单位代码、level:级别@单位代码 或 group:组名`,
      en: `Peer group ${text.slice(0, 80)} is malformed: it should be siblings:UNITCODE, level:LEVEL@UNITCODE or group:NAME`,
    },
    'group',
  );
}

/**
 * A group is readable when at least one member is in the caller's scope: an analyst ranks its
 * counties among all counties of the province, but not another city's counties among themselves.
 * Which members' names the caller then sees is peers.ts's business.
 */
export async function assertGroupReadable(ctx: ApiContext, text: string): Promise<GroupSpec> {
  const p = requirePrincipal(ctx);
  const spec = parseGroupSpec(text);
  const db = ctx.db;
  let hasOwnMember: boolean;
  if (spec.kind === 'group') {
    let q = db
      .selectFrom('peer_groups')
      .innerJoin('peer_group_members', 'peer_group_members.group_id', 'peer_groups.id')
      .innerJoin('units', 'units.code', 'peer_group_members.unit_code')
      .select(['peer_groups.id', 'units.code', 'units.path'])
      .where('peer_groups.name', '=', spec.name);
    if (p.provinceCode !== '*') q = q.where('peer_groups.province_code', '=', p.provinceCode);
    const members = await q.execute();
    if (members.length === 0) {
      const exists = await q.clearSelect().select('peer_groups.id').executeTakeFirst();
      if (!exists)
        throw new NotFoundError({ zh: `同级组 ${spec.name} 不存在`, en: `Peer group ${spec.name} does not exist` });
    }
    hasOwnMember = members.some((m) => inScope(p, m));
  } else {
    // every ranking, heatmap and benchmark is checked here before it starts: from the units index
    const members = anchoredMembers(await unitIndex(ctx), spec);
    // an empty group is a mistake in the request, not a question of rights
    if (!members.length)
      throw new InputError({ zh: `比较组 ${text} 没有单位`, en: `Comparison group ${text} has no units` }, 'group');
    hasOwnMember = members.some((u) => inScope(p, u));
  }
  if (!hasOwnMember)
    throw new ForbiddenError({
      zh: `无权查看同级组 ${text} 的数据`,
      en: `Peer group ${text}'s data is outside your scope`,
    });
  return spec;
}

const membersByIndex = new WeakMap<UnitIndex, Map<string, readonly Unit[]>>();

/**
 * The members of a siblings or level group whatever their dates, in display order; an unknown
 * anchor is NotFound. Kept beside the units index they come from (one per config stamp): every
 * ranking, heatmap and benchmark asks twice, and filtering the country's 2,550 units each time
 * was a millisecond and a half of a cold answer of a few (issue 17).
 */
function anchoredMembers(units: UnitIndex, spec: Exclude<GroupSpec, { kind: 'group' }>): readonly Unit[] {
  let known = membersByIndex.get(units);
  if (!known) membersByIndex.set(units, (known = new Map<string, readonly Unit[]>()));
  const key = spec.kind === 'siblings' ? `siblings:${spec.unit}` : `level:${spec.level}@${spec.unit}`;
  let members = known.get(key);
  if (!members) {
    const anchor = units.byCode.get(spec.unit);
    if (!anchor) throw new NotFoundError({ zh: `单位 ${spec.unit} 不存在`, en: `Unit ${spec.unit} does not exist` });
    members = Object.freeze(units.ordered.filter(inGroupOf(spec, anchor)));
    known.set(key, members);
  }
  return members;
}

/** A user the caller administers: admins only, and only users scoped inside the admin's scope. */
export async function managedUser(ctx: ApiContext, username: string): Promise<User & { path: string }> {
  const p = requirePrincipal(ctx);
  requireRole(p, 'admin');
  const user = await ctx.db
    .selectFrom('users')
    .innerJoin('units', 'units.code', 'users.scope_unit_code')
    .selectAll('users')
    .select('units.path')
    .where('users.username', '=', username)
    .executeTakeFirst();
  if (!user) throw new NotFoundError({ zh: `用户 ${username} 不存在`, en: `User ${username} does not exist` });
  if (!inScope(p, { code: user.scope_unit_code, path: user.path }))
    throw new ForbiddenError({
      zh: `无权管理用户 ${username}`,
      en: `User ${username} is outside the users you manage`,
    });
  return user;
}

/**
 * A unit whose reporting task the caller may act on: its own unit submits (or an admin), its direct
 * superior reviews (the city for a county, the province for a city; or an admin).
 */
export async function taskUnitFor(ctx: ApiContext, code: string, act: TaskAct): Promise<Unit> {
  const p = requirePrincipal(ctx);
  const unit = await unitFor(ctx, code, act === 'submit' ? 'write' : 'review');
  const actor = actorFor(p, { code: unit.code, parentCode: unit.parent_code, provinceCode: unit.province_code });
  if (!mayTakeAction(actor, act === 'submit' ? 'submit' : 'approve'))
    throw new ForbiddenError(
      act === 'submit'
        ? {
            zh: `只有 ${unit.name} 本单位或管理员可以提交其报送`,
            en: `Only ${unitNamesEn(unit).nameEn} itself or an administrator can submit its report`,
          }
        : {
            zh: `只有 ${unit.name} 的上级单位或管理员可以审核其报送`,
            en: `Only the superior unit of ${unitNamesEn(unit).nameEn} or an administrator can review its report`,
          },
    );
  return unit;
}

function fieldOf(raw: unknown, field: string): unknown {
  return raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[field] : undefined;
}

function unitCodeIn(value: unknown, field: string): string {
  const parsed = unitCodeSchema.safeParse(value);
  if (!parsed.success)
    throw new InputError({ zh: `${field}: 单位代码应为6位数字`, en: `${field}: a unit code must be 6 digits` }, field);
  return parsed.data;
}

/** Enforces a procedure's declared rules on its raw input; see trpc.ts for the convention. */
export async function checkScope(
  ctx: ApiContext,
  rules: ScopeRule | readonly ScopeRule[],
  raw: unknown,
): Promise<void> {
  const list: readonly ScopeRule[] = Array.isArray(rules) ? rules : [rules as ScopeRule];
  if (list.length === 0) throw new Error('empty scope declaration');
  for (const rule of list) {
    if (rule.kind === 'none') continue;
    if (!ctx.principal) throw refusal('UNAUTHORIZED', SIGN_IN);
    const p = ctx.principal;
    switch (rule.kind) {
      case 'self':
        requireRole(p, rule.access ?? 'read');
        break;
      case 'unit': {
        const value = fieldOf(raw, rule.field);
        if (value === undefined || value === null) {
          if (rule.optional) break;
          throw new InputError({ zh: `缺少 ${rule.field}`, en: `${rule.field} is missing` }, rule.field);
        }
        await unitFor(ctx, unitCodeIn(value, rule.field), rule.access ?? 'read');
        break;
      }
      case 'units': {
        const value = fieldOf(raw, rule.field);
        if (!Array.isArray(value))
          throw new InputError({ zh: `${rule.field} 应为列表`, en: `${rule.field} must be a list` }, rule.field);
        const codes = value.map((v) =>
          unitCodeIn(rule.key ? fieldOf(v, rule.key) : v, rule.key ? `${rule.field}[].${rule.key}` : rule.field),
        );
        await assertUnitsInScope(ctx, codes, rule.access ?? 'read');
        break;
      }
      case 'group': {
        const value = fieldOf(raw, rule.field);
        if (value === undefined || value === null) {
          if (rule.optional) break;
          throw new InputError({ zh: `缺少 ${rule.field}`, en: `${rule.field} is missing` }, rule.field);
        }
        if (typeof value !== 'string' || value.length > 80)
          throw new InputError({ zh: `${rule.field} 格式有误`, en: `${rule.field} is malformed` }, rule.field);
        await assertGroupReadable(ctx, value);
        break;
      }
      case 'user': {
        const username = usernameSchema.safeParse(fieldOf(raw, rule.field));
        if (!username.success) {
          // the first problem only, as a person reads it
          const first = username.error.issues[0];
          const said = first ? issueSaid(first) : { zh: '用户名有误', en: 'Invalid username' };
          throw new InputError({ zh: `${rule.field}: ${said.zh}`, en: `${rule.field}: ${said.en}` }, rule.field);
        }
        await managedUser(ctx, username.data);
        break;
      }
      case 'task': {
        const value = fieldOf(raw, rule.field);
        if (rule.many && !Array.isArray(value))
          throw new InputError({ zh: `${rule.field} 应为列表`, en: `${rule.field} must be a list` }, rule.field);
        for (const v of rule.many ? (value as unknown[]) : [value])
          await taskUnitFor(ctx, unitCodeIn(v, rule.field), rule.act);
        break;
      }
      default:
        throw new Error(`unknown scope rule ${JSON.stringify(rule satisfies never)}`);
    }
  }
}

/**
 * Who may write a unit's facts: a reporter its own unit, an analyst its subtree, an admin its
 * province (its scope), a leader nothing.
 */
export function canWrite(p: Principal, unit: Pick<Unit, 'code' | 'path'>): boolean {
  return roleMay(p, 'write') && inScope(p, unit);
}

/** The caller may write some data at all (leaders read only). */
export function requireWriter(ctx: ApiContext): Principal {
  const p = requirePrincipal(ctx);
  if (p.role === 'leader')
    throw new ForbiddenError({
      zh: '领导账号只能查看数据，不能填报或导入',
      en: 'Leader accounts can view data but cannot enter or import it',
    });
  return p;
}

/**
 * How a group member may be shown to the caller: `full` (in scope), `peer` (a unit of the
 * caller's own level outside its subtree: named, or anonymised when the province says so),
 * `hidden` (counted in ranks and statistics but never listed — the reporter's peers).
 */
export type MemberVisibility = 'full' | 'peer' | 'hidden';

export interface ReadableGroup {
  spec: GroupSpec;
  members: Unit[];
  visibility: Map<string, MemberVisibility>;
}

export interface GroupAccess {
  /** rankings, benchmarks and trends may show same-level peers outside the caller's subtree */
  peers: boolean;
  /** units active during this range of dates (inclusive from, exclusive to) */
  active: ActiveRange;
}

/**
 * Resolves a peer group and decides, member by member, what the caller may see. Unknown
 * anchors and groups are NotFound, an empty group is bad input, and a member the caller may
 * neither read nor see as a peer makes the whole group forbidden (a ranking with holes cut
 * into it would mislead).
 */
/**
 * Bounded work: the most units one analytics call compares. Every county of the country is
 * ≈ 2,100 (a national custom group), every unit ≈ 2,550; a province's groups are a few hundred.
 * Beyond this a group is a mistake or an attempt to make the server work for minutes.
 */
export const MAX_GROUP_UNITS = 3000;

export async function readableGroup(ctx: ApiContext, text: string, access: GroupAccess): Promise<ReadableGroup> {
  const p = requirePrincipal(ctx);
  const spec = parseGroupSpec(text);
  const units = await unitIndex(ctx);
  const provinces = p.scopeUnitCode === '*' ? null : [p.provinceCode];
  let candidates: readonly Unit[];
  if (spec.kind === 'group') {
    const groups = await listPeerGroups(ctx.db, provinces);
    const named = groups.filter((g) => g.name === spec.name);
    if (!named.length)
      throw new NotFoundError({
        zh: `比较组 "${spec.name}" 不存在`,
        en: `Comparison group "${spec.name}" does not exist`,
      });
    if (named.length > 1)
      throw new InputError(
        {
          zh: `比较组 "${spec.name}" 在多个省存在，请以该省用户身份查询`,
          en: `Comparison group "${spec.name}" exists in several provinces: query it as a user of that province`,
        },
        'group',
      );
    const codes = new Set(await customGroupCodes(ctx.db, spec.name, provinces));
    candidates = units.ordered.filter((u) => codes.has(u.code));
  } else candidates = anchoredMembers(units, spec);
  const members = candidates.filter((u) => activeIn(u, access.active));
  if (members.length > MAX_GROUP_UNITS)
    throw new InputError(
      {
        zh: `比较组 ${text} 超过 ${MAX_GROUP_UNITS} 个单位，一次最多比较 ${MAX_GROUP_UNITS} 个单位：请选范围更小的比较组`,
        en: `Comparison group ${text} has more than ${MAX_GROUP_UNITS} units; at most ${MAX_GROUP_UNITS} units can be compared at once: choose a smaller comparison group`,
      },
      'group',
    );
  if (!members.length)
    throw new InputError(
      { zh: `比较组 ${text} 在该报告期内没有单位`, en: `Comparison group ${text} has no units in this period` },
      'group',
    );

  const own = p.scopeUnitCode === '*' ? null : units.byCode.get(p.scopeUnitCode);
  const visibility = new Map<string, MemberVisibility>();
  for (const u of members) {
    const v = memberVisibility(p, own, u, access.peers);
    if (!v)
      throw new ForbiddenError({
        zh: `无权访问比较组 ${text}：单位 ${u.code} 不在您的权限范围内`,
        en: `Comparison group ${text} is outside your scope: unit ${u.code} is not within your access`,
      });
    visibility.set(u.code, v);
  }
  // peers are shown only beside the caller's own units
  if (![...visibility.values()].includes('full'))
    throw new ForbiddenError({
      zh: `无权访问比较组 ${text}：组内没有您权限范围内的单位`,
      en: `Comparison group ${text} is outside your scope: none of its units are within your access`,
    });
  return { spec, members, visibility };
}

/**
 * How one member of a group may be shown to the caller, or null when it may not be in the
 * caller's groups at all. `own` is the caller's scope unit (none for the operator).
 */
export function memberVisibility(
  p: Principal,
  own: Pick<Unit, 'level' | 'province_code'> | null | undefined,
  u: Pick<Unit, 'code' | 'path' | 'level' | 'province_code'>,
  peers: boolean,
): MemberVisibility | null {
  if (inScope(p, u)) return 'full';
  if (peers && own && u.level === own.level && u.province_code === own.province_code)
    return p.role === 'reporter' ? 'hidden' : 'peer';
  return null;
}

/**
 * The province an admin manages: their own; the operator (CLI) names one. Anyone else is refused.
 */
export function adminProvince(ctx: ApiContext, provinceCode?: string): string {
  const p = requirePrincipal(ctx);
  if (p.role !== 'admin')
    throw new ForbiddenError({
      zh: '仅省局管理员可以修改此项设置',
      en: 'Only a provincial administrator can change this setting',
    });
  if (p.provinceCode === '*') {
    if (!provinceCode) throw new ForbiddenError({ zh: '请指定省份', en: 'Please specify a province' });
    return provinceCode;
  }
  if (provinceCode && provinceCode !== p.provinceCode)
    throw new ForbiddenError({
      zh: `无权管理省份 ${provinceCode}`,
      en: `Province ${provinceCode} is outside what you manage`,
    });
  return p.provinceCode;
}
