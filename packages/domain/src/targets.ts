import type { Level } from './units.ts';
import type { Phasing } from './phasing.ts';

export interface DefaultTarget {
  indicator: string;
  /** null: every level */
  level: Level | null;
  value: number;
  perCapita: boolean;
  phasing: Phasing;
}

const monthly: Phasing = { kind: 'monthly', dueMonth: 12 };
const quarterly: Phasing = { kind: 'quarterly', dueMonth: 12 };
const december: Phasing = { kind: 'annual', dueMonth: 12 };
const linear: Phasing = { kind: 'linear', dueMonth: 12 };

const all = (indicator: string, value: number, phasing: Phasing, perCapita = false): DefaultTarget => ({
  indicator,
  level: null,
  value,
  perCapita,
  phasing,
});

/**
 * Annual defaults of domain.md §3 with the phasing of §5 (三会一课: 支委会, 党小组会, 主题党日
 * monthly; 党员大会, 党课 quarterly; 组织生活会, 民主评议 once, due in December). §5 is silent on
 * the rest: 集中学习 and 中心组学习 (≥ 12 a year) follow the monthly rhythm their number states;
 * 警示教育 (≥ 2) and 学时 have no rhythm, so linear. Levels (rates, stars) are never pro-rated, so
 * their phasing is only a placeholder. Targets are data, these only seed them.
 */
export const DEFAULT_TARGETS: readonly DefaultTarget[] = [
  all('members_congress', 4, quarterly),
  all('branch_committee', 12, monthly),
  all('party_group_meeting', 12, monthly),
  all('party_lecture', 4, quarterly),
  all('theme_party_day', 12, monthly),
  all('org_life_meeting', 1, december),
  all('democratic_review', 1, december),
  all('collective_study', 12, monthly),
  { indicator: 'center_group_study', level: 'city', value: 12, perCapita: false, phasing: monthly },
  { indicator: 'center_group_study', level: 'province', value: 12, perCapita: false, phasing: monthly },
  all('warning_education', 2, linear),
  all('training_hours', 32, linear, true),
  all('rectification_rate', 100, linear),
  all('star_rating', 4, linear),
];

/** The phasing a new target of this indicator starts with: its default's, else linear. */
export function defaultPhasing(indicatorCode: string): Phasing {
  return DEFAULT_TARGETS.find((t) => t.indicator === indicatorCode)?.phasing ?? linear;
}
