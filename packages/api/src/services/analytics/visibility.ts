import type { Unit } from '@bixue/db';
import type { Period } from '@bixue/domain';
import { unitNamesEn } from '@bixue/domain/unit-names-en';
import type { ApiContext } from '../../context.ts';
import type { Anonymiser } from '../../peers.ts';
import { type MemberVisibility, type ReadableGroup, readableGroup } from '../../scope.ts';
import { activeRange } from './loaders.ts';

/** What the caller sees of a unit: its code and name, or an anonymous peer label. */
export interface UnitLabel {
  unit: string;
  name: string;
  /** the stored English name, else romanised (unit-names-en.ts); an anonymised peer's is Peer X */
  nameEn: string;
  /** the place alone (Nanping), for chart axes; Peer X for an anonymised peer */
  shortNameEn: string;
  anonymised: boolean;
}

/**
 * Labels for the members of a group: hidden members get none, peers the viewer's anonymiser
 * label (the same 同级单位X in every chart and export), everyone else code and name.
 */
export function memberLabels(group: ReadableGroup, names: Anonymiser): Map<string, UnitLabel | null> {
  const out = new Map<string, UnitLabel | null>();
  for (const u of group.members) {
    const v: MemberVisibility = group.visibility.get(u.code) ?? 'hidden';
    if (v === 'hidden') out.set(u.code, null);
    else if (v === 'peer' && names.hidesPeers) {
      const label = names.label(u);
      // English from the same letter, never from the unit: its name_en would give it away
      const en = names.label(u, 'en');
      out.set(u.code, { unit: label, name: label, nameEn: en, shortNameEn: en, anonymised: true });
    } else out.set(u.code, { unit: u.code, name: u.name, ...unitNamesEn(u), anonymised: false });
  }
  return out;
}

/**
 * The members of a group the caller may see in full, for views that list every value (heatmap,
 * 报送情况): peers that rankings may show, or count without naming, stay out here.
 */
export async function ownMembers(ctx: ApiContext, groupText: string, window: Period) {
  const group = await readableGroup(ctx, groupText, { peers: true, active: activeRange([window]) });
  return { ...group, members: group.members.filter((u) => group.visibility.get(u.code) === 'full') };
}

/**
 * k-anonymity for peer statistics: the median, quartiles and best of a group are shown only when
 * no unit beyond the viewer's own has a value, or at least `k` do (the province's
 * peer_min_others, 3 by default). With one other unit, 2 × median − own is that unit's value.
 * `valuedOutside`: the units with a value that are not insidersOf the group (the matrix's
 * n_valued_outside).
 */
export function peerStatsShown(valuedOutside: number, k: number): boolean {
  return valuedOutside === 0 || valuedOutside >= k;
}

/** The viewer's own among the units compared: every member it sees in full; all of them without a group. */
export function insidersOf(group: Pick<ReadableGroup, 'visibility'> | null, members: readonly Unit[]): string[] {
  if (!group) return members.map((u) => u.code);
  return [...group.visibility].filter(([, v]) => v === 'full').map(([code]) => code);
}
