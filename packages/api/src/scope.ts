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

/** Loads a unit the caller may write facts for: leaders only read; everyone else within scope. */
export async function writableUnit(ctx: ApiContext, code: string): Promise<Unit> {
  const p = requirePrincipal(ctx);
  const unit = await readableUnit(ctx, code);
  if (p.role === 'leader') throw new ForbiddenError('领导账号只能查看，不能填报数据');
  return unit;
}
