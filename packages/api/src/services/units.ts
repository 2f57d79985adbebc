import type { Level } from '@bixue/domain';
import type { ApiContext } from '../context.ts';
import { requirePrincipal, scopeRoots } from '../scope.ts';

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
  requirePrincipal(ctx);
  const roots = await scopeRoots(ctx);
  const trees: UnitNode[] = [];
  for (const root of roots) {
    const rows = await ctx.db.selectFrom('units').selectAll().where('path', 'like', `${root.path}%`).orderBy('path').execute();
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
