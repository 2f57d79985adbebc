import { getUnit, type Unit } from '@bixue/db';
import type { ApiContext, Principal } from './context.ts';
import { ForbiddenError, NotFoundError } from './errors.ts';

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
 * Who may write a unit's facts: a reporter its own unit, an analyst its subtree, an admin its
 * province (its scope), a leader nothing.
 */
export function canWrite(p: Principal, unit: Pick<Unit, 'code' | 'path'>): boolean {
  if (p.role === 'leader') return false;
  if (p.role === 'reporter') return unit.code === p.scopeUnitCode;
  return inScope(p, unit);
}

/** The caller may write some data at all (leaders read only). */
export function requireWriter(ctx: ApiContext): Principal {
  const p = requirePrincipal(ctx);
  if (p.role === 'leader') throw new ForbiddenError('领导账号只能查看数据，不能填报或导入');
  return p;
}

/** Loads a unit whose facts the caller may write. */
export async function writableUnit(ctx: ApiContext, code: string): Promise<Unit> {
  const p = requireWriter(ctx);
  const unit = await readableUnit(ctx, code);
  if (!canWrite(p, unit)) throw new ForbiddenError(`无权填报单位 ${code} 的数据`);
  return unit;
}

/**
 * The province an admin manages: their own; the operator (CLI) names one. Anyone else is refused.
 */
export function adminProvince(ctx: ApiContext, provinceCode?: string): string {
  const p = requirePrincipal(ctx);
  if (p.role !== 'admin') throw new ForbiddenError('仅省局管理员可以修改此项设置');
  if (p.provinceCode === '*') {
    if (!provinceCode) throw new ForbiddenError('请指定省份');
    return provinceCode;
  }
  if (provinceCode && provinceCode !== p.provinceCode) throw new ForbiddenError(`无权管理省份 ${provinceCode}`);
  return p.provinceCode;
}
