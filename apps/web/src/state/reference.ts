import type { Indicator, Level } from '@bixue/domain';
import { shallowRef } from 'vue';
import { api } from '../trpc.ts';

type Tree = Awaited<ReturnType<typeof api.units.tree.query>>;
export type PeerGroupChoice = Awaited<ReturnType<typeof api.units.peerGroups.query>>[number];

export interface UnitInfo {
  code: string;
  name: string;
  shortName: string;
  /** stored, else romanised: what English pages call the unit */
  nameEn: string;
  shortNameEn: string;
  level: Level;
  parentCode: string | null;
  /** null where the province lies outside what the user may see and cannot be told (a county user) */
  provinceCode: string | null;
  children: string[];
}

/** A unit's full name in the page's language: the server's (Chinese) name where the unit is not loaded. */
export function unitFullName(code: string, name: string, en: boolean): string {
  const u = units.value.get(code);
  return u ? (en ? u.nameEn : u.name) : name;
}

/** Every unit the signed-in user may see, by code, and the indicator catalogue: loaded once per session. */
export const units = shallowRef<Map<string, UnitInfo>>(new Map());
export const indicators = shallowRef<Indicator[]>([]);
/** the admin-defined groups (山区县, 大局 …) the user can compare in */
export const peerGroups = shallowRef<PeerGroupChoice[]>([]);
let loading: Promise<void> | null = null;

function flatten(tree: Tree): Map<string, UnitInfo> {
  const out = new Map<string, UnitInfo>();
  const walk = (nodes: Tree, province: string | null) => {
    for (const n of nodes) {
      out.set(n.code, {
        code: n.code,
        name: n.name,
        shortName: n.shortName,
        nameEn: n.nameEn,
        shortNameEn: n.shortNameEn,
        level: n.level,
        parentCode: n.parentCode,
        provinceCode: province,
        children: n.children.map((c) => c.code),
      });
      walk(n.children, province);
    }
  };
  // a scope root is the province itself, or a city whose parent is the province
  for (const root of tree)
    walk([root], root.level === 'province' ? root.code : root.level === 'city' ? root.parentCode : null);
  return out;
}

/** Asked in the same batch as the session by the router guard, so views can fire their queries at once. */
export function loadReference(): Promise<void> {
  loading ??= Promise.all([api.units.tree.query(), api.catalog.indicators.query(), api.units.peerGroups.query()]).then(
    ([tree, catalog, groups]) => {
      units.value = flatten(tree);
      indicators.value = catalog;
      peerGroups.value = groups;
    },
    (e) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}

export function forgetReference(): void {
  loading = null;
  units.value = new Map();
  indicators.value = [];
  peerGroups.value = [];
}

/** After an admin adds units, so the pickers and breadcrumbs know them without a reload. */
export async function refreshUnits(): Promise<void> {
  units.value = flatten(await api.units.tree.query());
}

/** After an admin changes the groups, so the pickers offer the new ones without a reload. */
export async function refreshPeerGroups(): Promise<void> {
  peerGroups.value = await api.units.peerGroups.query();
}

/** The chain from the first visible ancestor down to the unit (the breadcrumb). */
export function unitPath(code: string, map = units.value): UnitInfo[] {
  const out: UnitInfo[] = [];
  for (let u = map.get(code); u; u = u.parentCode ? map.get(u.parentCode) : undefined) out.unshift(u);
  return out;
}
