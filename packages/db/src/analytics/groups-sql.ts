import type { Level } from '@bixue/domain';
import type { Kysely } from 'kysely';
import type { Database, Unit } from '../schema.ts';

export type GroupSpec =
  { kind: 'siblings'; unit: string } | { kind: 'level'; level: Level; unit: string } | { kind: 'group'; name: string };

/** Units active at some point of [from, to): merged or split units stay in the windows they lived in. */
export interface ActiveRange {
  from: string;
  to: string;
}

/**
 * Whether a unit belongs to a siblings or level group, whatever its dates: the children of the
 * anchor, or the units of a level in the anchor's subtree. `anchor` is the anchor's row.
 */
export function inGroupOf(spec: Exclude<GroupSpec, { kind: 'group' }>, anchor: Pick<Unit, 'code' | 'path'>) {
  return spec.kind === 'siblings'
    ? (u: Unit) => u.parent_code === anchor.code
    : (u: Unit) => u.level === spec.level && u.path.startsWith(anchor.path);
}

/** Active at some point of the range (dates are ISO text, so they compare as strings). */
export function activeIn(u: Pick<Unit, 'active_from' | 'active_to'>, range: ActiveRange): boolean {
  return u.active_from < range.to && (u.active_to === null || u.active_to > range.from);
}

/**
 * The member codes of a custom peer group named `name` in the given provinces (null = any;
 * names are unique per province), whatever their dates.
 */
export async function customGroupCodes(
  db: Kysely<Database>,
  name: string,
  provinces: readonly string[] | null,
): Promise<string[]> {
  let g = db
    .selectFrom('peer_group_members')
    .innerJoin('peer_groups', 'peer_groups.id', 'peer_group_members.group_id')
    .select('peer_group_members.unit_code')
    .where('peer_groups.name', '=', name);
  if (provinces) g = g.where('peer_groups.province_code', 'in', provinces.length ? [...provinces] : ['']);
  return (await g.execute()).map((r) => r.unit_code);
}

/** Custom peer groups of the given provinces (null = all), for pickers and error messages. */
export async function listPeerGroups(db: Kysely<Database>, provinces: readonly string[] | null) {
  let q = db.selectFrom('peer_groups').select(['id', 'province_code', 'name', 'description']);
  if (provinces) q = q.where('province_code', 'in', provinces.length ? [...provinces] : ['']);
  return q.orderBy('province_code').orderBy('name').execute();
}
