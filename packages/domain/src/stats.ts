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
