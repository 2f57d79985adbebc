import { getUnit } from '@bixue/db';
import type { Level } from '@bixue/domain';
import { type UnitNamesEn, unitNamesEn } from '@bixue/domain/unit-names-en';
import type { ApiContext } from '../context.ts';
import { inScopeSql, memberVisibility, readableUnit, requirePrincipal, scopeRoots } from '../scope.ts';

/** Stored English names, else romanised: what English pages and files call the unit. */
export interface UnitNode extends UnitNamesEn {
  code: string;
  name: string;
  shortName: string;
  /** the English names an admin stored (管理 → 单位 edits these); null where the romanised one shows */
  storedEn: { nameEn: string | null; shortNameEn: string | null };
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
        ...unitNamesEn(r),
        storedEn: { nameEn: r.name_en, shortNameEn: r.short_name_en },
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

export interface UnitInfo extends UnitNamesEn {
  code: string;
  name: string;
  shortName: string;
  level: Level;
  parent: NamedAncestor | null;
  /** from the province down to the unit's parent, for a breadcrumb */
  ancestors: NamedAncestor[];
  children: number;
  activeFrom: string;
  activeTo: string | null;
}

export interface NamedAncestor extends UnitNamesEn {
  code: string;
  name: string;
}

/** One unit's basic facts; the procedure's scope rule has already checked the caller may read it. */
export async function unitInfo(ctx: ApiContext, code: string): Promise<UnitInfo> {
  const unit = await readableUnit(ctx, code);
  const ancestorCodes = unit.path.split('/').filter((c) => c && c !== unit.code);
  const ancestorRows = ancestorCodes.length
    ? await ctx.db
        .selectFrom('units')
        .select(['code', 'name', 'name_en', 'short_name_en'])
        .where('code', 'in', ancestorCodes)
        .orderBy('path')
        .execute()
    : [];
  const ancestors = ancestorRows.map((a) => ({ code: a.code, name: a.name, ...unitNamesEn(a) }));
  const children = await ctx.db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_code', '=', unit.code)
    .executeTakeFirstOrThrow();
  return {
    code: unit.code,
    name: unit.name,
    shortName: unit.short_name,
    ...unitNamesEn(unit),
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
