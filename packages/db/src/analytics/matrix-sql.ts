import type { Direction, Formula, PhasingKind, RollupStatus } from '@bixue/domain';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { factsWithDrafts } from '../cycle/drafts-overlay.ts';
import type { Database } from '../schema.ts';
import { type AtVersion, factsAtVersion } from '../versions/facts-at-version.ts';
import { targetsAtVersion } from '../versions/targets-at-version.ts';
import { isStandardWindow } from './rollups.ts';
import {
  containedSql,
  heldPeriodsSql,
  maximalAggColumnsSql,
  rolledStatusSql,
  rolledValueSql,
} from './rollup-rule-sql.ts';

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

export interface MatrixQuery {
  units: readonly string[];
  indicators: readonly MatrixIndicator[];
  windows: readonly MatrixWindow[];
  /** per derived indicator, weights that replace its formula's (award_weights of the province) */
  termWeights?: Record<string, Record<string, number>>;
  /** compute from facts even for standard windows: the reference the roll-ups are tested against */
  fromFacts?: boolean;
  /**
   * Roll up member_count beside (default true): per-member values and per-capita targets need
   * it; a plain ranking does not, and skipping it halves the facts a one-indicator call reads.
   */
  memberCount?: boolean;
  /** overlay units' drafts on approved facts (the province's `count_unapproved`, domain.md §9) */
  drafts?: boolean;
  /**
   * read the province's facts as they stood at this data version, rewound through the audit log
   * (versions/facts-at-version.ts); the roll-ups are current, so such a call computes from facts.
   * Drafts are not versioned: a call at a version reads approved facts only. The targets are
   * read as they stood at that version too (versions/targets-at-version.ts).
   */
  atVersion?: AtVersion | null | undefined;
  /**
   * Parts of the answer the call does not read (default: none left out): their stages are neither
   * planned nor run, and their columns come back null. A cold answer over the roll-ups is mostly
   * the statement's fixed cost, so a ranking that reads no quartiles, best or targets should not
   * pay for them (issue 17).
   */
  without?: readonly MatrixPart[];
  /**
   * Only these units' rows come back (a unit page reads its own lines); ranks, quartiles and
   * counts are still over every unit of the call. Default: every unit's. A unit page's trends
   * returned 5,880 rows for its 400: on PGlite moving them cost more than computing them.
   */
  rowsOf?: readonly string[];
  /** the units `n_valued_outside` leaves out (default: none) */
  insiders?: readonly string[];
}

/** stats: p25, median, p75; best: best_value, best_unit; targets: the target_… columns */
export type MatrixPart = 'stats' | 'best' | 'targets';

/** One unit × indicator × window, with its place among the units of the same call. */
export interface MatrixRow {
  unit_code: string;
  indicator_code: string;
  /** index into MatrixQuery.windows */
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
   * rankPlaces in @bixue/domain ranks them; null when not ranked
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

const MEMBER_COUNT = 'member_count';

/**
 * The analytics matrix in one statement: roll-up of every unit × indicator × window without
 * double counting, derived indicators from their rolled-up parts, per-member values, ranks,
 * peer quartiles, the best unit and the resolved target. Every view (roll-up, attainment,
 * ranking, heatmap, trend, benchmark) reads it, so their numbers agree.
 *
 * Reported indicators' values come from the rollups table when every window is a standard one
 * (maintained on write with the same rule, rollup-rule-sql.ts); other windows roll facts up here.
 */
export async function analyticsMatrix(db: Kysely<Database>, q: MatrixQuery): Promise<MatrixRow[]> {
  const requested = q.indicators.map((i) => i.code);
  const derived = q.indicators.filter((i) => i.formula !== null);
  const base = [
    ...new Set([
      ...q.indicators.filter((i) => i.formula === null).map((i) => i.code),
      ...derived.flatMap((i) => termsOf(i.code, i.formula!, q.termWeights?.[i.code]).map((t) => t.part)),
      ...(q.memberCount === false && !q.indicators.some((i) => i.perMember) ? [] : [MEMBER_COUNT]),
    ]),
  ];
  const terms = derived.flatMap((i) => termsOf(i.code, i.formula!, q.termWeights?.[i.code]));
  const perMember = q.indicators.filter((i) => i.perMember).map((i) => i.code);
  const units = [...q.units];

  // ranks order by value × sign ascending: the best first
  const signs = q.indicators.map((i) => (i.direction === 'lower_better' ? 1 : -1));
  const decimals = q.indicators.map((i) => i.decimals);
  const firstYear = Math.min(...q.windows.map((w) => w.year));
  const lastYear = Math.max(...q.windows.map((w) => w.year));
  // drafts overlaid on facts are not rolled up: those calls compute from facts
  const fromRollups =
    !q.fromFacts && !q.drafts && !q.atVersion && q.windows.every((w) => isStandardWindow(w.startMonth, w.endMonth));
  const targets = targetsSource(q);
  const skip = new Set(q.without);
  const counted = base.includes(MEMBER_COUNT);

  const result = await sql<MatrixRow>`
with win as (
  select (w.i - 1)::int as w, w.ws, w.we, w.yr
  from unnest(${q.windows.map((w) => w.startMonth)}::int[], ${q.windows.map((w) => w.endMonth)}::int[],
              ${q.windows.map((w) => w.year)}::int[]) with ordinality as w(ws, we, yr, i)
),
grp as (
  -- a join, hashed, rather than code = any(…): thousands of codes would be compared one by one
  select u.code as unit_code, u.province_code, u.level
  from unnest(${units}::text[]) as x(code)
  join units u on u.code = x.code
),
ind as (
  select code, aggregation from indicators where code = any(${base}::text[])
),
${fromRollups ? baseFromRollups(units) : baseFromFacts(factsSource(q), units, base, firstYear, lastYear)},
${counted ? MEMBER_COUNT_BESIDE : sql`counted as (select b.*, null::float8 as mc_raw, null::text as mc_status from base b),`}
terms as (
  select * from unnest(${terms.map((t) => t.indicator)}::text[], ${terms.map((t) => t.part)}::text[],
                       ${terms.map((t) => t.role)}::text[], ${terms.map((t) => t.weight)}::float8[])
    as t(indicator_code, part_code, role, weight)
),
derived as (
  select b.unit_code, t.indicator_code, b.w, min(b.span) as span, min(b.months) as months,
    bit_and(b.month_mask)::int as month_mask,
    case
      when bool_or(b.status = 'undisclosed') then 'undisclosed'
      when bool_or(b.status = 'missing') then 'missing'
      when bool_or(b.status = 'partial') then 'partial'
      else 'value'
    end as status,
    sum(b.raw * t.weight) filter (where t.role <> 'den') as num,
    sum(b.raw) filter (where t.role = 'den') as den,
    bool_or(t.role = 'den') as is_ratio,
    max(b.mc_raw) as mc_raw,
    max(b.mc_status) as mc_status
  from counted b
  join terms t on t.part_code = b.indicator_code
  group by b.unit_code, t.indicator_code, b.w
),
vals as (
  select unit_code, indicator_code, w, span, months, month_mask, status, raw as value, mc_raw, mc_status
  from counted where indicator_code = any(${requested}::text[])
  union all
  -- a rate without a denominator (nothing found, nothing to close) is not a value
  select unit_code, indicator_code, w, span, months, month_mask,
    case when is_ratio and status in ('value', 'partial') and den = 0 then 'missing' else status end,
    case when is_ratio then num / nullif(den, 0) else num end,
    mc_raw, mc_status
  from derived
),
checked as (
  select unit_code, indicator_code, w, span, months, month_mask, value, mc_raw,
    indicator_code = any(${perMember}::text[]) as per_member,
    case
      when status not in ('value', 'partial') or not (indicator_code = any(${perMember}::text[])) then status
      when mc_status = 'undisclosed' then 'undisclosed'
      when mc_raw is null or mc_raw = 0 then 'missing'
      else status
    end as status
  from vals
),
eff as (
  select unit_code, indicator_code, w, span, months, month_mask, status, mc_raw as member_count,
    case when status not in ('value', 'partial') then null
         when per_member then value / mc_raw
         else value end as value
  from checked
),
shown as (
  select code as indicator_code, decimals, sign
  from unnest(${requested}::text[], ${decimals}::int[], ${signs}::int[]) as d(code, decimals, sign)
),
-- ranks compare values as the screen shows them (79.14 and 79.06 are both 79.1: 并列); numeric
-- rounds half away from zero, and the domain's roundShown does the same
ranked as (
  select e.*,
    case when e.status in ('value', 'partial') then
      (rank() over (
        partition by e.indicator_code, e.w, e.status in ('value', 'partial')
        order by round((e.value * sh.sign)::numeric, sh.decimals)))::int
    end as rank,
    (count(*) filter (where e.status in ('value', 'partial')) over (partition by e.indicator_code, e.w))::int as n_ranked,
    (count(*) filter (where e.value is not null and not (e.unit_code = any(${[...(q.insiders ?? [])]}::text[])))
      over (partition by e.indicator_code, e.w))::int as n_valued_outside
  from eff e
  join shown sh on sh.indicator_code = e.indicator_code
)${skip.has('stats') ? sql`` : PEER_STATS}${skip.has('best') ? sql`` : BEST}${skip.has('targets') ? sql`` : resolvedTargets(targets, requested)}
select r.unit_code, r.indicator_code, r.w, r.value, r.status, r.months, r.span, r.month_mask, r.rank, r.n_ranked,
  r.n_valued_outside,
  case when r.rank is null then null
       when r.n_ranked = 1 then 100.0
       else 100.0 * (r.n_ranked - r.rank) / (r.n_ranked - 1) end::float8 as percentile,
  ${skip.has('stats') ? sql`null::float8 as p25, null::float8 as median, null::float8 as p75` : sql`s.p25, s.median, s.p75`},
  ${skip.has('best') ? sql`null::float8 as best_value, null::text as best_unit` : sql`b.best_value, b.best_unit`},
  ${skip.has('targets') ? NO_TARGET_COLUMNS : TARGET_COLUMNS},
  r.member_count
from ranked r
${skip.has('stats') ? sql`` : sql`left join stats s on s.indicator_code = r.indicator_code and s.w = r.w`}
${skip.has('best') ? sql`` : sql`left join best b on b.indicator_code = r.indicator_code and b.w = r.w`}
${skip.has('targets') ? sql`` : TARGET_JOINS}
${q.rowsOf ? sql`where r.unit_code = any(${[...q.rowsOf]}::text[])` : sql``}
order by r.w, r.indicator_code, r.rank nulls last, r.unit_code`.execute(db);
  return result.rows;
}

/**
 * Quartiles of the ranked values per indicator × window. Materialised, as is the best: inlined,
 * a call of one unit's rows (rowsOf) joined them in a nested loop that aggregated every unit's
 * rows again for each of its 524 rows (2.2 s on PGlite, for 0.1 s of work).
 */
const PEER_STATS = sql`,
stats as materialized (
  select indicator_code, w,
    percentile_cont(0.25) within group (order by value) as p25,
    percentile_cont(0.5) within group (order by value) as median,
    percentile_cont(0.75) within group (order by value) as p75
  from ranked where rank is not null
  group by indicator_code, w
)`;

/** The best unit per indicator × window: the first by code among those ranked first. */
const BEST = sql`,
best as materialized (
  select distinct on (indicator_code, w) indicator_code, w, value as best_value, unit_code as best_unit
  from ranked where rank = 1
  order by indicator_code, w, unit_code
)`;

const TARGET_COLUMNS = sql`coalesce(tu.value, tl.value) as target_value,
  case when tu.unit_code is not null then tu.per_capita else tl.per_capita end as target_per_capita,
  case when tu.unit_code is not null then tu.phasing else tl.phasing end as target_phasing,
  case when tu.unit_code is not null then tu.due_month else tl.due_month end as target_due_month`;
const NO_TARGET_COLUMNS = sql`null::float8 as target_value, null::boolean as target_per_capita,
  null::text as target_phasing, null::int as target_due_month`;
const TARGET_JOINS = sql`join grp g on g.unit_code = r.unit_code
left join tgt_unit tu on tu.unit_code = r.unit_code and tu.indicator_code = r.indicator_code and tu.w = r.w
left join tgt_level tl on tl.province_code = g.province_code and tl.level = g.level and tl.indicator_code = r.indicator_code and tl.w = r.w`;

function resolvedTargets(targets: RawBuilder<unknown>, requested: string[]): RawBuilder<unknown> {
  return sql`,
-- the resolved annual target: the unit's own row before its level's, the year's row before the
-- every-year row (year null). Level rows are resolved once per level, not once per unit: spread
-- over thousands of units they made a join the planner, misled by the estimates of CTEs, merged
-- on indicator and window alone and filtered by unit (75 million rows for 2,500 counties).
tgt_unit as (
  select distinct on (t.unit_code, t.indicator_code, win.w)
    t.unit_code, t.indicator_code, win.w, t.value, t.per_capita, t.phasing, t.due_month
  from ${targets} t
  join grp g on g.unit_code = t.unit_code and g.province_code = t.province_code
  join win on t.year = win.yr or t.year is null
  where t.indicator_code = any(${requested}::text[])
  order by t.unit_code, t.indicator_code, win.w, (t.year is null)
),
tgt_level as (
  select distinct on (t.province_code, t.level, t.indicator_code, win.w)
    t.province_code, t.level, t.indicator_code, win.w, t.value, t.per_capita, t.phasing, t.due_month
  from ${targets} t
  join win on t.year = win.yr or t.year is null
  -- only the call's provinces and levels: every province's level rows sorted for distinct on
  -- were most of this CTE's rows
  where t.unit_code is null and (t.province_code, t.level) in (select province_code, level from grp)
    and t.indicator_code = any(${requested}::text[])
  order by t.province_code, t.level, t.indicator_code, win.w, (t.year is null)
)`;
}

/** The unit's member count beside every row (a window function, not a self-join, keeps the planner's row estimates honest). */
const MEMBER_COUNT_BESIDE = sql`counted as (
  select b.*,
    max(case when b.indicator_code = ${MEMBER_COUNT} and b.status in ('value', 'partial') then b.raw end)
      over (partition by b.unit_code, b.w) as mc_raw,
    max(case when b.indicator_code = ${MEMBER_COUNT} then b.status end) over (partition by b.unit_code, b.w) as mc_status
  from base b
),`;

/** The targets judged against: as they stood at the version read, else the current ones. */
function targetsSource(q: MatrixQuery): RawBuilder<unknown> {
  return q.atVersion ? targetsAtVersion(q.atVersion) : sql`targets`;
}

/** What the call rolls up: the facts at a version, the facts with drafts overlaid, or the facts. */
function factsSource(q: MatrixQuery): RawBuilder<unknown> {
  if (q.atVersion) return factsAtVersion(q.atVersion);
  return q.drafts ? factsWithDrafts() : sql`facts`;
}

interface Term {
  indicator: string;
  part: string;
  role: 'num' | 'den' | 'term';
  weight: number;
}

function termsOf(indicator: string, f: Formula, weights: Record<string, number> | undefined): Term[] {
  if (f.kind === 'ratio')
    return [
      { indicator, part: f.numerator, role: 'num', weight: f.scale },
      { indicator, part: f.denominator, role: 'den', weight: 1 },
    ];
  return Object.entries(f.terms).map(([part, w]) => ({ indicator, part, role: 'term', weight: weights?.[part] ?? w }));
}

/** The reported indicators of the call (units grp × indicators ind × windows win) from the rollups table. */
function baseFromRollups(units: string[]) {
  // The call's rows are read per unit × window (rollups_unit_window_idx: one index range holds
  // all of a unit's indicators in a window), materialised, then hashed onto the grid. Probed per
  // cell, a composite ranking made 3,920 index descents for 70 counties (issue 17); joined to all
  // of the table, the planner hashed every row of it to find the few thousand cells asked for.
  return sql`cells as materialized (
  select r.unit_code, r.indicator_code, r.start_month, r.end_month, r.months, r.month_mask, r.status, r.value
  from win
  join rollups r on r.start_month = win.ws and r.end_month = win.we
  where r.unit_code = any(${units}::text[]) and r.indicator_code in (select code from ind)
),
base as (
  select g.unit_code, i.code as indicator_code, win.w, (win.we - win.ws + 1)::int as span,
    coalesce(r.months, 0) as months, coalesce(r.month_mask, 0) as month_mask,
    coalesce(r.status, 'missing') as status, r.value as raw
  from grp g
  cross join ind i
  cross join win
  left join cells r on r.unit_code = g.unit_code and r.indicator_code = i.code
    and r.start_month = win.ws and r.end_month = win.we
)`;
}

/** The same rows rolled up from facts, for windows the rollups table does not hold. */
function baseFromFacts(
  facts: RawBuilder<unknown>,
  units: string[],
  base: string[],
  firstYear: number,
  lastYear: number,
) {
  return sql`inside as (
  select f.unit_code, f.indicator_code, win.w, f.start_month, f.end_month, f.value, f.status,
    ${containedSql} as contained
  from (
    select f.*, ${heldPeriodsSql} as held
    from ${facts} f
    where f.unit_code = any(${units}::text[]) and f.indicator_code = any(${base}::text[])
      -- every period of year Y is written 'Y…' and sorts in ['Y', 'Y+1'): a range on the
      -- primary key's third column, so only the windows' years are read
      and f.period >= ${String(firstYear)} and f.period < ${String(lastYear + 1)}
  ) f
  join win on f.start_month >= win.ws and f.end_month <= win.we
),
agg as (
  select unit_code, indicator_code, w, ${maximalAggColumnsSql},
    bit_or(((1 << (end_month - start_month + 1)) - 1) << (start_month % 12))::int as month_mask
  from inside group by unit_code, indicator_code, w
),
base as (
  select g.unit_code, i.code as indicator_code, win.w, (win.we - win.ws + 1)::int as span,
    coalesce(a.months, 0) as months, coalesce(a.month_mask, 0) as month_mask,
    case when a.unit_code is null then 'missing' else ${rolledStatusSql(sql`win.we - win.ws + 1`)} end as status,
    ${rolledValueSql} as raw
  from grp g
  cross join ind i
  cross join win
  left join agg a on a.unit_code = g.unit_code and a.indicator_code = i.code and a.w = win.w
)`;
}
