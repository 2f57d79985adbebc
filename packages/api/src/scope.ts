import { type ActiveRange, getUnit, type GroupSpec, groupMembers, listPeerGroups, type Unit } from '@bixue/db';
import type { Level } from '@bixue/domain';
import type { ApiContext, Principal } from './context.ts';
import { ForbiddenError, InputError, NotFoundError } from './errors.ts';

export function requirePrincipal(ctx: ApiContext): Principal {
  if (!ctx.principal) throw new ForbiddenError('请先登录');
  return ctx.principal;
}

/** True when the unit lies in the caller's subtree (the operator sees everything). */
export function inScope(p: Principal, unit: Pick<Unit, 'path'>): boolean {
  return unit.path.startsWith(p.scopePath);
}

/** Loads a unit the caller may read; unknown and out-of-scope units are told apart only by code. */
export async function readableUnit(ctx: ApiContext, code: string): Promise<Unit> {
  const p = requirePrincipal(ctx);
  const unit = await getUnit(ctx.db, code);
  if (!unit) throw new NotFoundError(`单位 ${code} 不存在`);
  if (!inScope(p, unit)) throw new ForbiddenError(`无权访问单位 ${code} 的数据`);
  return unit;
}

/** The unit whose subtree the caller may see (the province root for the operator). */
export async function scopeRoots(ctx: ApiContext): Promise<Unit[]> {
  const p = requirePrincipal(ctx);
  if (p.scopeUnitCode === '*')
    return ctx.db.selectFrom('units').selectAll().where('level', '=', 'province').orderBy('code').execute();
  const unit = await getUnit(ctx.db, p.scopeUnitCode);
  return unit ? [unit] : [];
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

const LEVEL_SET = new Set<string>(['province', 'city', 'county']);

/** `siblings:CODE`, `level:LEVEL@CODE` or `group:NAME` (contracts.md). */
export function parseGroupSpec(text: string): GroupSpec {
  const m = /^(siblings|level|group):(.+)$/.exec(text.trim());
  const bad = () => new InputError(`无法识别的比较组 "${text}"：应为 siblings:单位代码、level:级别@单位代码 或 group:组名`, 'group');
  if (!m) throw bad();
  const [, kind, rest] = m as unknown as [string, string, string];
  if (kind === 'siblings') {
    if (!/^\d{6}$/.test(rest)) throw bad();
    return { kind, unit: rest };
  }
  if (kind === 'level') {
    const [level, unit] = rest.split('@');
    if (!level || !LEVEL_SET.has(level) || !unit || !/^\d{6}$/.test(unit)) throw bad();
    return { kind, level: level as Level, unit };
  }
  return { kind: 'group', name: rest };
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
export async function readableGroup(ctx: ApiContext, text: string, access: GroupAccess): Promise<ReadableGroup> {
  const p = requirePrincipal(ctx);
  const spec = parseGroupSpec(text);
  if (spec.kind !== 'group' && !(await getUnit(ctx.db, spec.unit))) throw new NotFoundError(`单位 ${spec.unit} 不存在`);
  const provinces = p.scopeUnitCode === '*' ? null : [p.provinceCode];
  if (spec.kind === 'group') {
    const groups = await listPeerGroups(ctx.db, provinces);
    const named = groups.filter((g) => g.name === spec.name);
    if (!named.length) throw new NotFoundError(`比较组 "${spec.name}" 不存在`);
    if (named.length > 1) throw new InputError(`比较组 "${spec.name}" 在多个省存在，请以该省用户身份查询`, 'group');
  }
  const members = await groupMembers(ctx.db, spec, access.active, provinces);
  if (!members.length) throw new InputError(`比较组 ${text} 在该报告期内没有单位`, 'group');

  const own = p.scopeUnitCode === '*' ? null : await getUnit(ctx.db, p.scopeUnitCode);
  const visibility = new Map<string, MemberVisibility>();
  for (const u of members) {
    if (inScope(p, u)) visibility.set(u.code, 'full');
    else if (access.peers && own && u.level === own.level && u.province_code === own.province_code)
      visibility.set(u.code, p.role === 'reporter' ? 'hidden' : 'peer');
    else throw new ForbiddenError(`无权访问比较组 ${text}：单位 ${u.code} 不在您的权限范围内`);
  }
  // peers are shown only beside the caller's own units
  if (![...visibility.values()].includes('full')) throw new ForbiddenError(`无权访问比较组 ${text}：组内没有您权限范围内的单位`);
  return { spec, members, visibility };
}
