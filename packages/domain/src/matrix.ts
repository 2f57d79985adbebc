import { type Direction, type Formula, formulaInputs } from './catalog.ts';
import type { PhasingKind } from './phasing.ts';
import { roundShown } from './ranking.ts';
import { hasValue, type RollupStatus } from './rollup.ts';
import { percentileOfSorted, sortedValues } from './stats.ts';

/**
 * The analytics matrix (domain.md §4–5): every unit × indicator × window of a call with its
 * value, its place among the call's units, the peers' quartiles, the best unit and the resolved
 * target. Every view (roll-up, attainment, ranking, heatmap, trend, benchmark, composite) reads
 * it, so their numbers agree. The database gives the rolled-up values of reported indicators
 * (cells) and the target rows; everything else is this module's rule, computed in one pass over
 * arrays: as SQL, with its sorts, numeric rounding and window functions over a few thousand
 * rows, it was most of a cold answer's time (issue 17).
 */

export interface MatrixWindow {
  startMonth: number;
  endMonth: number;
  year: number;
}

export interface MatrixIndicator {
  code: string;
  formula: Formula | null;
  /** lower_better ranks ascending */
  direction: Direction;
  /** divide by member_count (rolled up with `last` over the same window) */
  perMember: boolean;
  /** decimals the value is shown with; ranks compare values rounded to them (shownDecimals) */
  decimals: number;
}

/** stats: p25, median, p75; best: best_value, best_unit; targets: the target_… columns */
export type MatrixPart = 'stats' | 'best' | 'targets';

/** What a call asks of the matrix (the database part of the query aside). */
export interface MatrixSpec {
  indicators: readonly MatrixIndicator[];
  windows: readonly MatrixWindow[];
  /** per derived indicator, weights that replace its formula's (award_weights of the province) */
  termWeights?: Record<string, Record<string, number>> | undefined;
  /**
   * Roll up member_count beside (default true): per-member values and per-capita targets need
   * it; a plain ranking does not, and skipping it halves the cells a one-indicator call reads.
   */
  memberCount?: boolean | undefined;
  /** parts of the answer the call does not read: their columns come back null */
  without?: readonly MatrixPart[] | undefined;
  /**
   * Only these units' rows come back (a unit page reads its own lines); ranks, quartiles and
   * counts are still over every unit of the call. Default: every unit's.
   */
  rowsOf?: readonly string[] | undefined;
  /** the units `n_valued_outside` leaves out (default: none) */
  insiders?: readonly string[] | undefined;
}

/** One unit × indicator × window, with its place among the units of the same call. */
export interface MatrixRow {
  unit_code: string;
  indicator_code: string;
  /** index into the call's windows */
  w: number;
  value: number | null;
  status: RollupStatus;
  months: number;
  span: number;
  /**
   * the months the value covers: bit m (0 = January of the window's year) set when a fact inside
   * the window holds that month. A partial value is judged on these months (attainment-of.ts).
   */
  month_mask: number;
  /**
   * competition rank among the call's units (1, 2, 2, 4) of the values rounded as shown, as
   * rankPlaces ranks them; null when not ranked
   */
  rank: number | null;
  n_ranked: number;
  /**
   * units of the call besides `insiders` with a value in this indicator × window: peer statistics
   * are withheld from a viewer when too few units it does not see in full have a value
   */
  n_valued_outside: number;
  /** 100 · (n − rank) ÷ (n − 1): 100 for the best, 0 for the worst, 100 when alone */
  percentile: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  best_value: number | null;
  best_unit: string | null;
  /** the resolved annual target row: unit override before level, the year's row before year null */
  target_value: number | null;
  target_per_capita: boolean | null;
  /** how the resolved target falls due through the year; null without a target */
  target_phasing: PhasingKind | null;
  target_due_month: number | null;
  member_count: number | null;
}

/** A unit of the call, as the targets resolve for it. */
export interface MatrixUnit {
  code: string;
  province_code: string;
  level: string;
}

/** A reported indicator rolled up over a window (domain.md §4); absent cells are 'missing'. */
export interface MatrixCell {
  unit_code: string;
  indicator_code: string;
  w: number;
  months: number;
  month_mask: number;
  status: RollupStatus;
  value: number | null;
}

/**
 * An annual target row already resolved per year (the window's year before year null): a unit's
 * own (unit_code set) or its province's for a level (province_code and level set).
 */
export interface MatrixTarget {
  unit_code: string | null;
  province_code: string | null;
  level: string | null;
  indicator_code: string;
  w: number;
  value: number | null;
  per_capita: boolean | null;
  phasing: PhasingKind | null;
  due_month: number | null;
}

export const MEMBER_COUNT = 'member_count';

/** One part of a derived indicator: a ratio's numerator or denominator, or a weighted sum's term. */
export interface FormulaTerm {
  indicator: string;
  part: string;
  role: 'num' | 'den' | 'term';
  weight: number;
}

export function formulaTerms(
  indicator: string,
  f: Formula,
  weights: Record<string, number> | undefined,
): FormulaTerm[] {
  if (f.kind === 'ratio')
    return [
      { indicator, part: f.numerator, role: 'num', weight: f.scale },
      { indicator, part: f.denominator, role: 'den', weight: 1 },
    ];
  return Object.entries(f.terms).map(([part, w]) => ({ indicator, part, role: 'term', weight: weights?.[part] ?? w }));
}

/** The reported indicators a call must roll up: the requested, the parts of the derived, member_count when counted. */
export function matrixBaseCodes(spec: MatrixSpec): string[] {
  return [
    ...new Set([
      ...spec.indicators.filter((i) => i.formula === null).map((i) => i.code),
      ...spec.indicators.flatMap((i) => (i.formula ? formulaInputs(i.formula) : [])),
      ...(spec.memberCount === false && !spec.indicators.some((i) => i.perMember) ? [] : [MEMBER_COUNT]),
    ]),
  ];
}

/** a derived value is as good as its worst part */
const STATUS_WEIGHT: Record<RollupStatus, number> = { value: 0, partial: 1, missing: 2, undisclosed: 3 };
const BY_WEIGHT: RollupStatus[] = ['value', 'partial', 'missing', 'undisclosed'];

/** A unit's value of one indicator in one window, before its place among the others. */
interface Line {
  unit: number;
  value: number | null;
  status: RollupStatus;
  months: number;
  monthMask: number;
  memberCount: number | null;
  /** the value as compared for ranks (rounded as shown, best lowest), and the rank: set when ranked */
  key: number;
  rank: number | null;
}

/**
 * The matrix of a call from its units, its cells and its target rows (null when the call does
 * not read targets). Rows ordered by window, indicator code, rank (unranked last) and unit code.
 */
export function matrixRows(
  spec: MatrixSpec,
  unitsAsGiven: readonly MatrixUnit[],
  cells: readonly MatrixCell[],
  targets: readonly MatrixTarget[] | null,
): MatrixRow[] {
  // lines built in unit-code order stay in it through a stable sort by rank: no sort of the rows
  const units = [...unitsAsGiven].sort((a, b) => cmp(a.code, b.code));
  const base = matrixBaseCodes(spec);
  const nB = base.length;
  const nW = spec.windows.length;
  const nU = units.length;
  const baseAt = new Map(base.map((c, i) => [c, i]));
  const unitAt = new Map(units.map((u, i) => [u.code, i]));
  // the cells on a grid: unit × window × base indicator
  const grid = new Array<MatrixCell | undefined>(nU * nW * nB);
  for (const c of cells) {
    const u = unitAt.get(c.unit_code);
    const b = baseAt.get(c.indicator_code);
    if (u !== undefined && b !== undefined) grid[(u * nW + c.w) * nB + b] = c;
  }
  const mcAt = baseAt.get(MEMBER_COUNT);

  const skip = new Set(spec.without);
  const rowsOf = spec.rowsOf ? new Set(spec.rowsOf) : null;
  const insiders = new Set(spec.insiders ?? []);
  const resolve = skip.has('targets') ? null : targetResolver(targets ?? [], units);
  const out: MatrixRow[] = [];
  const order = [...spec.indicators]
    .sort((a, b) => cmp(a.code, b.code))
    .map((ind) => ({
      ind,
      at: baseAt.get(ind.code),
      terms: ind.formula
        ? formulaTerms(ind.code, ind.formula, spec.termWeights?.[ind.code]).map((t) => ({
            ...t,
            at: baseAt.get(t.part)!,
          }))
        : null,
    }));

  for (let w = 0; w < nW; w++) {
    const win = spec.windows[w]!;
    const span = win.endMonth - win.startMonth + 1;
    for (const { ind, at, terms } of order) {
      const lines = new Array<Line>(nU);
      for (let u = 0; u < nU; u++) {
        const row = (u * nW + w) * nB;
        const line = terms ? derivedLine(terms, grid, row, u) : reportedLine(grid[row + at!], u);
        // the unit's member count in the window, when the call rolls it up
        const mc = mcAt === undefined ? undefined : grid[row + mcAt];
        const mcStatus = mcAt === undefined ? null : (mc?.status ?? 'missing');
        const mcRaw = mcStatus !== null && hasValue(mcStatus) ? (mc?.value ?? null) : null;
        line.memberCount = mcRaw;
        if (ind.perMember && hasValue(line.status)) {
          if (mcStatus === 'undisclosed') line.status = 'undisclosed';
          else if (mcRaw === null || mcRaw === 0) line.status = 'missing';
        }
        if (!hasValue(line.status)) line.value = null;
        else if (ind.perMember && line.value !== null) line.value /= mcRaw!;
        lines[u] = line;
      }
      placed(out, ind, w, span, lines, units, { skip, rowsOf, insiders, resolve });
    }
  }
  return out;
}

function reportedLine(c: MatrixCell | undefined, unit: number): Line {
  return {
    unit,
    value: c?.value ?? null,
    status: c?.status ?? 'missing',
    months: c?.months ?? 0,
    monthMask: c?.month_mask ?? 0,
    memberCount: null,
    key: 0,
    rank: null,
  };
}

/** A derived indicator from its parts (at: their place in a grid row): a ratio of sums or a weighted sum (domain.md §4). */
function derivedLine(
  terms: readonly (FormulaTerm & { at: number })[],
  grid: readonly (MatrixCell | undefined)[],
  row: number,
  unit: number,
): Line {
  let num: number | null = null;
  let den: number | null = null;
  let isRatio = false;
  let worst = 0;
  let months = Infinity;
  let monthMask = -1;
  for (const t of terms) {
    const c = grid[row + t.at];
    const raw = c?.value ?? null;
    worst = Math.max(worst, STATUS_WEIGHT[c?.status ?? 'missing']);
    months = Math.min(months, c?.months ?? 0);
    monthMask &= c?.month_mask ?? 0;
    if (t.role === 'den') {
      isRatio = true;
      if (raw !== null) den = (den ?? 0) + raw;
    } else if (raw !== null) num = (num ?? 0) + raw * t.weight;
  }
  let status = BY_WEIGHT[worst]!;
  // a rate without a denominator (nothing found, nothing to close) is not a value
  if (isRatio && hasValue(status) && den === 0) status = 'missing';
  const value = isRatio ? (num === null || den === null || den === 0 ? null : num / den) : num;
  return { unit, value, status, months, monthMask, memberCount: null, key: 0, rank: null };
}

interface Placing {
  skip: ReadonlySet<MatrixPart>;
  rowsOf: ReadonlySet<string> | null;
  insiders: ReadonlySet<string>;
  resolve: ReturnType<typeof targetResolver> | null;
}

/** One indicator × window's lines ranked, with the peers' quartiles and best, appended to `out` in order. */
function placed(
  out: MatrixRow[],
  ind: MatrixIndicator,
  w: number,
  span: number,
  lines: Line[],
  units: readonly MatrixUnit[],
  p: Placing,
): void {
  const sign = ind.direction === 'lower_better' ? 1 : -1;
  // ranks compare values as the screen shows them (79.14 and 79.06 are both 79.1: 并列), the
  // best first; a ranked line without a value (none is expected) sorts last, as SQL's nulls
  const ranked = lines.filter((l) => hasValue(l.status));
  for (const l of ranked) l.key = l.value === null ? Infinity : roundShown(l.value * sign, ind.decimals);
  ranked.sort((a, b) => (a.key === b.key ? 0 : a.key - b.key));
  ranked.forEach((l, i) => (l.rank = i > 0 && ranked[i - 1]!.key === l.key ? ranked[i - 1]!.rank : i + 1));
  const n = ranked.length;
  let valuedOutside = 0;
  for (const l of lines) if (l.value !== null && !p.insiders.has(units[l.unit]!.code)) valuedOutside++;

  const sorted = p.skip.has('stats') ? null : sortedValues(ranked.map((l) => l.value));
  const stats = sorted && {
    p25: percentileOfSorted(sorted, 0.25),
    median: percentileOfSorted(sorted, 0.5),
    p75: percentileOfSorted(sorted, 0.75),
  };
  // the first by code among those ranked first: lines come in code order and the sort is stable
  const best = p.skip.has('best') ? null : (ranked[0] ?? null);

  const targetOf = p.resolve?.(ind.code, w);
  // ranked first, best first (a stable sort: ties in unit-code order), then the unranked
  for (const l of [...ranked, ...lines.filter((l) => l.rank === null)]) {
    const code = units[l.unit]!.code;
    if (p.rowsOf && !p.rowsOf.has(code)) continue;
    const r = l.rank;
    const t = targetOf?.(l.unit);
    out.push({
      unit_code: code,
      indicator_code: ind.code,
      w,
      value: l.value,
      status: l.status,
      months: l.months,
      span,
      month_mask: l.monthMask,
      rank: r,
      n_ranked: n,
      n_valued_outside: valuedOutside,
      percentile: r === null ? null : n === 1 ? 100 : (100 * (n - r)) / (n - 1),
      p25: stats?.p25 ?? null,
      median: stats?.median ?? null,
      p75: stats?.p75 ?? null,
      best_value: best?.value ?? null,
      best_unit: best ? units[best.unit]!.code : null,
      target_value: t?.value ?? null,
      target_per_capita: t?.per_capita ?? null,
      target_phasing: t?.phasing ?? null,
      target_due_month: t?.due_month ?? null,
      member_count: l.memberCount,
    });
  }
}

/**
 * The target a unit is judged against: its own row before its level's in its province. The
 * value falls back to the level's when the unit's own row has none; the rest of the row is the
 * unit's own when it has one. Asked per indicator × window, then per unit (its place in `units`):
 * the rows are found by indicator and window once, not by a key made for every cell.
 */
function targetResolver(targets: readonly MatrixTarget[], units: readonly MatrixUnit[]) {
  const own = new Map<string, Map<string, MatrixTarget>>();
  const level = new Map<string, Map<string, MatrixTarget>>();
  const into = (m: Map<string, Map<string, MatrixTarget>>, t: MatrixTarget, key: string) => {
    const at = `${t.indicator_code}\u0000${t.w}`;
    let rows = m.get(at);
    if (!rows) m.set(at, (rows = new Map<string, MatrixTarget>()));
    rows.set(key, t);
  };
  for (const t of targets) {
    if (t.unit_code !== null) into(own, t, t.unit_code);
    else into(level, t, `${t.province_code}\u0000${t.level}`);
  }
  const levelKeys = units.map((u) => `${u.province_code}\u0000${u.level}`);
  return (indicator: string, w: number) => {
    const at = `${indicator}\u0000${w}`;
    const owns = own.get(at);
    const levels = level.get(at);
    return (
      unit: number,
    ): Omit<MatrixTarget, 'unit_code' | 'province_code' | 'level' | 'indicator_code' | 'w'> | null => {
      const tu = owns?.get(units[unit]!.code);
      const tl = levels?.get(levelKeys[unit]!);
      if (!tu && !tl) return null;
      const row = tu ?? tl!;
      return {
        value: tu?.value ?? tl?.value ?? null,
        per_capita: row.per_capita,
        phasing: row.phasing,
        due_month: row.due_month,
      };
    };
  };
}

/** Codes compare as PostgreSQL's C collation does: by code unit. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
