/**
 * Standard competition ranking (1, 2, 2, 4 — 并列): ties share a rank, the next rank skips.
 * Items with a null value are unranked (null). `higherBetter` false ranks ascending.
 */
export function rankWithTies(values: readonly (number | null)[], higherBetter = true): (number | null)[] {
  // sorted best first, a value's rank (1 + the count of values strictly better) is the position
  // of its first occurrence: one sort instead of a count per value
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => (higherBetter ? b - a : a - b));
  const first = new Map<number, number>();
  sorted.forEach((v, i) => {
    if (!first.has(v)) first.set(v, i + 1);
  });
  return values.map((v) => (v === null ? null : first.get(v)!));
}

/** Measure units whose values are counted, so shown (and compared) as integers. */
const COUNTED_UNITS: ReadonlySet<string> = new Set(['次', '期', '人次', '个', '篇', '项', '名', '星']);

/** The composite score is shown, and ranked, at one decimal. */
export const COMPOSITE_DECIMALS = 1;

/**
 * Decimals a value is shown with (domain.md §5, ranks at the precision shown): counts as
 * integers; rates, hours, scores and anything per member at one decimal.
 */
export function shownDecimals(unit: string, perMember = false): 0 | 1 {
  return !perMember && COUNTED_UNITS.has(unit) ? 0 : 1;
}

/**
 * A value rounded as it is shown: half away from zero, on the value's 15 significant digits —
 * exactly PostgreSQL's round(value::numeric, decimals), whose float8 → numeric cast keeps 15
 * digits. So 0.15 rounds to 0.2 (0.15 × 10 in binary is 1.4999…, which Math.round would make 1)
 * and the ranks the matrix SQL computes equal this module's.
 */
export function roundShown(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  const x = Math.abs(value) * scale;
  const whole = Math.floor(x);
  // Away from a half, the binary product and the 15-digit decimal form (within 1e-14 of each
  // other) round alike: the string work below, a matrix's most costly step, is for near-halves.
  if (x < 1e14 && Math.abs(x - whole - 0.5) > 1e-12 * Math.max(1, x)) {
    const rounded = (x - whole > 0.5 ? whole + 1 : whole) / scale;
    return value < 0 ? -rounded : rounded;
  }
  // shift the 15-digit decimal form, not the binary value: "0.15" → "1.5" → 2
  const [mantissa, exponent = '0'] = Math.abs(value).toPrecision(15).split('e');
  const rounded = Math.round(Number(`${mantissa}e${Number(exponent) + decimals}`)) / 10 ** decimals;
  return value < 0 ? -rounded : rounded;
}

/** Where a unit stands: its rank, whether it shares it (并列), and of how many ranked units. */
export interface RankPlace {
  rank: number;
  tied: boolean;
  of: number;
}

/**
 * Ranks compared at the precision shown (79.1 and 79.1 are 并列, and so are 66.666… and 66.67
 * at one decimal): the one ranking rule behind every indicator, the composite and the matrix SQL.
 */
export function rankPlaces(
  values: readonly (number | null)[],
  decimals: number,
  higherBetter = true,
): (RankPlace | null)[] {
  const shown = values.map((v) => (v === null ? null : roundShown(v, decimals)));
  const ranks = rankWithTies(shown, higherBetter);
  const of = shown.filter((v) => v !== null).length;
  const counts = new Map<number, number>();
  for (const v of shown) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  return shown.map((v, i) => (v === null ? null : { rank: ranks[i]!, tied: counts.get(v)! > 1, of }));
}

/** "第27名/93", "并列第6名/93"; English "#27 of 93", "T-6 of 93". */
export function rankLabel(p: RankPlace, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  if (locale === 'en') return `${p.tied ? 'T-' : '#'}${p.rank} of ${p.of}`;
  return `${p.tied ? '并列' : ''}第${p.rank}名/${p.of}`;
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
