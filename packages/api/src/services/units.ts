import { getUnit, UnitImportError, type UnitInput, upsertUnits } from '@bixue/db';
import type { Level } from '@bixue/domain';
import type { ApiContext } from '../context.ts';
import { ForbiddenError, InputError, NotFoundError } from '../errors.ts';
import { inScope, inScopeSql, memberVisibility, readableUnit, requirePrincipal, scopeRoots } from '../scope.ts';

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
    const rows = await ctx.db
      .selectFrom('units')
      .selectAll()
      .where('path', 'like', `${root.path}%`)
      .where(inScopeSql(p))
      .orderBy('path')
      .execute();
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
    ? await ctx.db
        .selectFrom('units')
        .select(['code', 'name'])
        .where('code', 'in', ancestorCodes)
        .orderBy('path')
        .execute()
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

export interface PeerGroupChoice {
  /** as written in a group spec: `group:NAME` */
  spec: string;
  name: string;
  description: string;
  members: number;
  /** members in the caller's scope, by code; the rest are peers, shown as the province's settings say */
  ownMembers: string[];
}

/**
 * The custom groups the caller can compare in (for the 同级比较 picker): those the analytics
 * would accept, i.e. with a member in the caller's scope and every other member a peer of
 * the caller's level. The operator sees every province's groups.
 */
export async function readablePeerGroups(ctx: ApiContext): Promise<PeerGroupChoice[]> {
  const p = requirePrincipal(ctx);
  let q = ctx.db
    .selectFrom('peer_groups')
    .innerJoin('peer_group_members', 'peer_group_members.group_id', 'peer_groups.id')
    .innerJoin('units', 'units.code', 'peer_group_members.unit_code')
    .select([
      'peer_groups.id',
      'peer_groups.name',
      'peer_groups.description',
      'units.code',
      'units.path',
      'units.level',
      'units.province_code',
    ])
    .orderBy('peer_groups.name');
  if (p.provinceCode !== '*') q = q.where('peer_groups.province_code', '=', p.provinceCode);
  const [rows, own] = await Promise.all([
    q.execute(),
    p.scopeUnitCode === '*' ? null : getUnit(ctx.db, p.scopeUnitCode),
  ]);
  const groups = new Map<number, { name: string; description: string; members: typeof rows }>();
  for (const r of rows) {
    const g = groups.get(r.id) ?? { name: r.name, description: r.description, members: [] };
    g.members.push(r);
    groups.set(r.id, g);
  }
  const out: PeerGroupChoice[] = [];
  for (const g of groups.values()) {
    const seen = g.members.map((u) => memberVisibility(p, own, u, true));
    if (seen.includes(null) || !seen.includes('full')) continue;
    out.push({
      spec: `group:${g.name}`,
      name: g.name,
      description: g.description,
      members: g.members.length,
      ownMembers: g.members.filter((_, i) => seen[i] === 'full').map((u) => u.code),
    });
  }
  return out;
}

/**
 * Adds or updates units, parents before children, all or nothing: the CLI's `units import` and the
 * tRPC `units.import` (one implementation). A province that appears here starts with the default
 * targets and phasing the demo has (upsertUnits → bootstrapProvince; settings take their defaults).
 * An admin places units inside its own province; only the operator (the CLI) creates a province.
 */
export async function importUnits(
  ctx: ApiContext,
  rows: readonly UnitInput[],
): Promise<{ inserted: number; updated: number }> {
  const p = requirePrincipal(ctx);
  if (p.role !== 'admin') throw new ForbiddenError('仅管理员可以导入单位');
  const inBatch = new Set(rows.map((r) => r.code));
  const named = [...new Set(rows.flatMap((r) => (r.parent_code ? [r.code, r.parent_code] : [r.code])))];
  const stored = new Map(
    named.length
      ? (await ctx.db.selectFrom('units').select(['code', 'path']).where('code', 'in', named).execute()).map((u) => [
          u.code,
          u,
        ])
      : [],
  );
  rows.forEach((r, i) => {
    const row = r.row ?? i + 2;
    const old = stored.get(r.code);
    if (old && !inScope(p, old)) throw new ForbiddenError(`第${row}行: 单位 ${r.code} 不在您的管理范围内`);
    if (r.parent_code === null) {
      if (!old && p.provinceCode !== '*')
        throw new ForbiddenError(`第${row}行: 新建省级单位 ${r.code} 需由系统管理员在命令行完成（bixue units import）`);
    } else if (!inBatch.has(r.parent_code)) {
      // a parent in the same batch is checked on its own row
      const parent = stored.get(r.parent_code);
      if (!parent) throw new NotFoundError(`第${row}行 parent_code: 上级单位 ${r.parent_code} 不存在`);
      if (!inScope(p, parent))
        throw new ForbiddenError(`第${row}行 parent_code: 上级单位 ${r.parent_code} 不在您的管理范围内`);
    }
  });
  return ctx.db
    .transaction()
    .execute((trx) => upsertUnits(trx, [...rows]))
    .catch((e: unknown) => {
      if (e instanceof UnitImportError) throw new InputError(e.message, e.column);
      throw e;
    });
}
