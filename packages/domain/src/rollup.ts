import { type Grain, grainMonths, makePeriod, type Period } from './periods.ts';

/** What a roll-up of one unit × indicator × window found (domain.md §4). */
export const ROLLUP_STATUSES = ['value', 'partial', 'missing', 'undisclosed'] as const;
export type RollupStatus = (typeof ROLLUP_STATUSES)[number];

export interface Coverage {
  months: number;
  of: number;
}

export interface RollupValue {
  value: number | null;
  status: RollupStatus;
  coverage: Coverage;
}

/** Ranked, scored and compared: a value exists, complete or partial. */
export function hasValue(status: RollupStatus): boolean {
  return status === 'value' || status === 'partial';
}

const GRAINS_COARSE_FIRST: Grain[] = ['year', 'half', 'quarter', 'month'];

/**
 * Months (absolute) written as the fewest aligned periods: 2024-01…2024-06 → 2024H1,
 * 2024-07 and 2024-09 → 2024-07, 2024-09. Used to name what a unit has not reported.
 */
export function monthsAsPeriods(months: readonly number[]): Period[] {
  const set = new Set(months);
  const out: Period[] = [];
  const sorted = [...set].sort((a, b) => a - b);
  for (const m of sorted) {
    if (!set.has(m)) continue;
    for (const grain of GRAINS_COARSE_FIRST) {
      const size = grainMonths(grain);
      if (m % size !== 0) continue;
      let whole = true;
      for (let k = m; k < m + size; k++) if (!set.has(k)) whole = false;
      if (!whole) continue;
      const year = Math.floor(m / 12);
      out.push(makePeriod(grain, year, (m % 12) / size + 1));
      for (let k = m; k < m + size; k++) set.delete(k);
      break;
    }
  }
  return out;
}
