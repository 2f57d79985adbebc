import { peerGroups, units } from './reference.ts';

type T = (key: string, named?: Record<string, unknown>) => string;

/** Peers for a unit's own comparisons (benchmark, trend, gaps): its siblings, or all provinces for a province. */
export function peerGroupOf(code: string): string {
  const u = units.value.get(code);
  if (u?.parentCode) return `siblings:${u.parentCode}`;
  return `level:${u?.level ?? 'province'}@${code}`;
}

/** What the overview of a unit compares: the units under it, or its peers when it has none. */
export function overviewGroupOf(code: string): string {
  const u = units.value.get(code);
  return u && u.children.length > 0 ? `siblings:${code}` : peerGroupOf(code);
}

/**
 * The admin-defined groups the picker offers: on the overview every one the user may compare
 * in; on a unit's own pages only those the unit belongs to (its benchmark needs it inside).
 */
export function customGroupChoices(code: string, view: string): string[] {
  const any = view === 'overview' || view === 'screen';
  return peerGroups.value.filter((g) => any || g.ownMembers.includes(code)).map((g) => g.spec);
}

/** The built-in peer groups the 同级比较 picker offers for a unit. */
export function groupChoices(code: string): string[] {
  const u = units.value.get(code);
  if (!u) return [];
  const out = new Set<string>();
  if (u.children.length) out.add(`siblings:${code}`);
  if (u.parentCode && units.value.has(u.parentCode)) out.add(`siblings:${u.parentCode}`);
  if (u.provinceCode) {
    out.add(`level:city@${u.provinceCode}`);
    out.add(`level:county@${u.provinceCode}`);
  }
  if (u.parentCode && !units.value.has(u.parentCode)) out.add(`siblings:${u.parentCode}`);
  return [...out];
}

export function groupLabel(spec: string | null, t: T, en: boolean): string {
  if (!spec) return '';
  const [kind, rest = ''] = spec.split(/:(.*)/s);
  if (kind === 'siblings') {
    const u = units.value.get(rest);
    if (u) return t('groups.children', { name: en ? u.shortNameEn : u.name });
    // a parent the user may not open (a county's city): named by its child the user knows, never by code
    const child = [...units.value.values()].find((c) => c.parentCode === rest);
    return child ? t('groups.sameParent', { name: en ? child.shortNameEn : child.name }) : t('groups.someParent');
  }
  if (kind === 'level') return t(`groups.level.${rest.split('@')[0]}`);
  return rest;
}

/** The group a view uses when the URL names none. */
export function defaultGroupFor(view: string, code: string): string {
  return view === 'overview' || view === 'screen' ? overviewGroupOf(code) : peerGroupOf(code);
}
