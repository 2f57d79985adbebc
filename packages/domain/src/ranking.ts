/**
 * Standard competition ranking (1, 2, 2, 4 — 并列): ties share a rank, the next rank skips.
 * Items with a null value are unranked (null). `higherBetter` false ranks ascending.
 */
export function rankWithTies(values: readonly (number | null)[], higherBetter = true): (number | null)[] {
  const ranked = values.filter((v): v is number => v !== null);
  return values.map((v) => {
    if (v === null) return null;
    return 1 + ranked.filter((o) => (higherBetter ? o > v : o < v)).length;
  });
}

/** Previous rank minus this rank (+2 = moved up two places); null when either is missing. */
export function rankChange(previous: number | null, current: number | null): number | null {
  return previous === null || current === null ? null : previous - current;
}

/** Letters of the n-th (0-based) anonymous peer, like spreadsheet columns: A, …, Z, AA, AB, … */
export function peerLetters(index: number): string {
  let s = '';
  let n = index;
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}
