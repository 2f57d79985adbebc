import type { Level } from './units.ts';

export interface DefaultTarget {
  indicator: string;
  /** null: every level */
  level: Level | null;
  value: number;
  perCapita: boolean;
}

const all = (indicator: string, value: number, perCapita = false): DefaultTarget => ({
  indicator,
  level: null,
  value,
  perCapita,
});

/** Annual defaults of domain.md §3; targets are data, these only seed them. */
export const DEFAULT_TARGETS: readonly DefaultTarget[] = [
  all('members_congress', 4),
  all('branch_committee', 12),
  all('party_group_meeting', 12),
  all('party_lecture', 4),
  all('theme_party_day', 12),
  all('org_life_meeting', 1),
  all('democratic_review', 1),
  all('collective_study', 12),
  { indicator: 'center_group_study', level: 'city', value: 12, perCapita: false },
  { indicator: 'center_group_study', level: 'province', value: 12, perCapita: false },
  all('warning_education', 2),
  all('training_hours', 32, true),
  all('rectification_rate', 100),
  all('star_rating', 4),
];
