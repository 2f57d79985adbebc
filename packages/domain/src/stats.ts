export interface QuartileBands {
  p25: number;
  median: number;
  p75: number;
}

/**
 * The peer-group quartile a value falls in, 1 = best quarter, read against the same
 * P25 / median / P75 the charts draw: higher_better values at or above P75 are in quartile 1,
 * at or above the median in 2, at or above P25 in 3, below in 4 (mirrored for lower_better).
 */
export function quartileOf(value: number, bands: QuartileBands, higherBetter = true): 1 | 2 | 3 | 4 {
  if (higherBetter) return value >= bands.p75 ? 1 : value >= bands.median ? 2 : value >= bands.p25 ? 3 : 4;
  return value <= bands.p25 ? 1 : value <= bands.median ? 2 : value <= bands.p75 ? 3 : 4;
}

/** Relative change (v − base) ÷ |base|; null without both or with a zero base. */
export function relativeChange(value: number | null, base: number | null): number | null {
  if (value === null || base === null || base === 0) return null;
  return (value - base) / Math.abs(base);
}

/**
 * PostgreSQL's `percentile_cont(p) within group (order by v)`: the value at position p·(n−1) of
 * the sorted values, interpolated linearly between its neighbours; nulls are left out, none left
 * gives null. The matrix SQL computes the peer quartiles with it; this is the rule it is tested against.
 */
export function percentileCont(values: readonly (number | null)[], p: number): number | null {
  return percentileOfSorted(sortedValues(values), p);
}

/** The values that exist, ascending: sort once for several percentileOfSorted. */
export function sortedValues(values: readonly (number | null)[]): number[] {
  return values.filter((x): x is number => x !== null).sort((a, b) => a - b);
}

/** percentileCont of values already sorted ascending (sortedValues). */
export function percentileOfSorted(v: readonly number[], p: number): number | null {
  if (!v.length) return null;
  const at = p * (v.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return v[lo]! + (v[hi]! - v[lo]!) * (at - lo);
}

/** The middle of the values that exist (the 综合得分中位数 KPI), as the SQL's median. */
export function median(values: readonly (number | null)[]): number | null {
  return percentileCont(values, 0.5);
}
