import type { Level } from '@bixue/domain';
import type { ApiContext } from '../context.ts';
import { inScopeSql, readableUnit, requirePrincipal, scopeRoots } from '../scope.ts';

export interface UnitNode {
  code: string;
  name: string;
  shortName: string;
  level: Level;
  parentCode: string | null;
  activeFrom: string;
  activeTo: string | null;
  children: UnitNode[];
}

/** The units the caller may see, as a tree per scope root. */
export async function unitTree(ctx: ApiContext): Promise<UnitNode[]> {
  const p = requirePrincipal(ctx);
  const roots = await scopeRoots(ctx);
  const trees: UnitNode[] = [];
  for (const root of roots) {
    const rows = await ctx.db.selectFrom('units').selectAll().where('path', 'like', `${root.path}%`).where(inScopeSql(p)).orderBy('path').execute();
    const nodes = new Map<string, UnitNode>();
    for (const r of rows) {
      const node: UnitNode = {
        code: r.code,
        name: r.name,
        shortName: r.short_name,
        level: r.level,
        parentCode: r.parent_code,
        activeFrom: r.active_from,
        activeTo: r.active_to,
        children: [],
      };
      nodes.set(r.code, node);
      const parent = r.parent_code ? nodes.get(r.parent_code) : undefined;
      if (parent) parent.children.push(node);
    }
    trees.push(nodes.get(root.code)!);
  }
  return trees;
}

export interface UnitInfo {
  code: string;
  name: string;
  shortName: string;
  level: Level;
  parent: { code: string; name: string } | null;
  /** from the province down to the unit's parent, for a breadcrumb */
  ancestors: { code: string; name: string }[];
  children: number;
  activeFrom: string;
  activeTo: string | null;
}

/** One unit's basic facts; the procedure's scope rule has already checked the caller may read it. */
export async function unitInfo(ctx: ApiContext, code: string): Promise<UnitInfo> {
  const unit = await readableUnit(ctx, code);
  const ancestorCodes = unit.path.split('/').filter((c) => c && c !== unit.code);
  const ancestors = ancestorCodes.length
    ? await ctx.db.selectFrom('units').select(['code', 'name']).where('code', 'in', ancestorCodes).orderBy('path').execute()
    : [];
  const children = await ctx.db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_code', '=', unit.code)
    .executeTakeFirstOrThrow();
  return {
    code: unit.code,
    name: unit.name,
    shortName: unit.short_name,
    level: unit.level,
    parent: ancestors.at(-1) ?? null,
    ancestors,
    children: Number(children.n),
    activeFrom: unit.active_from,
    activeTo: unit.active_to,
  };
}
