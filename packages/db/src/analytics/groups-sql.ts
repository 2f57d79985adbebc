import type { Level } from '@bixue/domain';
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { Database, Unit } from '../schema.ts';

export type GroupSpec =
  { kind: 'siblings'; unit: string } | { kind: 'level'; level: Level; unit: string } | { kind: 'group'; name: string };

/** Units active at some point of [from, to): merged or split units stay in the windows they lived in. */
export interface ActiveRange {
  from: string;
  to: string;
}

/**
 * Members of a peer group, in display order. `provinces` narrows custom groups to the
 * caller's province(s) (names are unique per province); null = any. `limit` reads no more than
 * that many (a caller refusing groups over a size asks for one more than it allows).
 */
export async function groupMembers(
  db: Kysely<Database>,
  spec: GroupSpec,
  active: ActiveRange,
  provinces: readonly string[] | null,
  limit?: number,
): Promise<Unit[]> {
  let q = db
    .selectFrom('units')
    .selectAll('units')
    .where('units.active_from', '<', active.to)
    .where((eb) => eb.or([eb('units.active_to', 'is', null), eb('units.active_to', '>', active.from)]));
  if (spec.kind === 'siblings') q = q.where('units.parent_code', '=', spec.unit);
  else if (spec.kind === 'level') {
    // the root's subtree in the same statement (no root: no members)
    q = q
      .where('units.level', '=', spec.level)
      .where(sql<SqlBool>`units.path like (select root.path || '%' from units root where root.code = ${spec.unit})`);
  } else {
    let g = db
      .selectFrom('peer_group_members')
      .innerJoin('peer_groups', 'peer_groups.id', 'peer_group_members.group_id')
      .select('peer_group_members.unit_code')
      .where('peer_groups.name', '=', spec.name);
    if (provinces) g = g.where('peer_groups.province_code', 'in', provinces.length ? [...provinces] : ['']);
    q = q.where('units.code', 'in', g);
  }
  q = q.orderBy('units.sort_order').orderBy('units.code');
  return (limit === undefined ? q : q.limit(limit)).execute();
}

/** Custom peer groups of the given provinces (null = all), for pickers and error messages. */
export async function listPeerGroups(db: Kysely<Database>, provinces: readonly string[] | null) {
  let q = db.selectFrom('peer_groups').select(['id', 'province_code', 'name', 'description']);
  if (provinces) q = q.where('province_code', 'in', provinces.length ? [...provinces] : ['']);
  return q.orderBy('province_code').orderBy('name').execute();
}
