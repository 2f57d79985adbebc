import {
  type MatrixCell,
  type MatrixRow,
  type MatrixSpec,
  type MatrixTarget,
  type MatrixUnit,
  matrixBaseCodes,
  matrixRows,
  type PhasingKind,
  type RollupStatus,
} from '@bixue/domain';
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

export type { MatrixIndicator, MatrixPart, MatrixRow, MatrixWindow } from '@bixue/domain';

export interface MatrixQuery extends MatrixSpec {
  units: readonly string[];
  /** compute from facts even for standard windows: the reference the roll-ups are tested against */
  fromFacts?: boolean;
  /** overlay units' drafts on approved facts (the province's `count_unapproved`, domain.md §9) */
  drafts?: boolean;
  /**
   * read the province's facts as they stood at this data version, rewound through the audit log
   * (versions/facts-at-version.ts); the roll-ups are current, so such a call computes from facts.
   * Drafts are not versioned: a call at a version reads approved facts only. The targets are
   * read as they stood at that version too (versions/targets-at-version.ts).
   */
  atVersion?: AtVersion | null | undefined;
}

/** A row of the one statement: a unit with one of its cells (0), a unit's own target (1), a level's (2). */
interface Fetched {
  kind: 0 | 1 | 2;
  unit_code: string | null;
  province_code: string | null;
  level: string | null;
  indicator_code: string | null;
  w: number | null;
  months: number | null;
  month_mask: number | null;
  status: RollupStatus | null;
  value: number | null;
  per_capita: boolean | null;
  phasing: PhasingKind | null;
  due_month: number | null;
}

/**
 * The analytics matrix (matrixRows in @bixue/domain) over what one statement reads: the call's
 * units, the rolled-up values of its reported indicators and, unless left out, the target rows
 * resolved per year.
 *
 * Reported indicators' values come from the rollups table when every window is a standard one
 * (maintained on write with the same rule, rollup-rule-sql.ts); other windows roll facts up here.
 */
export async function analyticsMatrix(db: Kysely<Database>, q: MatrixQuery): Promise<MatrixRow[]> {
  const requested = q.indicators.map((i) => i.code);
  const base = matrixBaseCodes(q);
  const units = [...new Set(q.units)];
  const firstYear = Math.min(...q.windows.map((w) => w.year));
  const lastYear = Math.max(...q.windows.map((w) => w.year));
  // drafts overlaid on facts are not rolled up: those calls compute from facts
  const fromRollups =
    !q.fromFacts && !q.drafts && !q.atVersion && q.windows.every((w) => isStandardWindow(w.startMonth, w.endMonth));
  const withTargets = !q.without?.includes('targets');

  const { rows } = await sql<Fetched>`
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
${fromRollups ? cellsFromRollups(units, base) : cellsFromFacts(factsSource(q), units, base, firstYear, lastYear)}${withTargets ? resolvedTargets(targetsSource(q), requested) : sql``}
select 0 as kind, g.unit_code, g.province_code, g.level, c.indicator_code, c.w, c.months, c.month_mask, c.status,
  c.value, null::boolean as per_capita, null::text as phasing, null::int as due_month
from grp g left join cells c on c.unit_code = g.unit_code
${withTargets ? TARGET_ROWS : sql``}`.execute(db);

  const grid = rows.filter((r) => r.kind === 0);
  const seen = new Set<string>();
  const found: MatrixUnit[] = [];
  for (const r of grid)
    if (!seen.has(r.unit_code!)) {
      seen.add(r.unit_code!);
      found.push({ code: r.unit_code!, province_code: r.province_code!, level: r.level! });
    }
  const cells = grid.filter((r) => r.indicator_code !== null) as unknown as MatrixCell[];
  const targets = withTargets ? (rows.filter((r) => r.kind !== 0) as unknown as MatrixTarget[]) : null;
  return matrixRows(q, found, cells, targets);
}

const TARGET_ROWS = sql`union all
select 1, unit_code, null, null, indicator_code, w, null, null, null, value, per_capita, phasing, due_month from tgt_unit
union all
select 2, null, province_code, level, indicator_code, w, null, null, null, value, per_capita, phasing, due_month from tgt_level`;

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

/** The targets judged against: as they stood at the version read, else the current ones. */
function targetsSource(q: MatrixQuery): RawBuilder<unknown> {
  return q.atVersion ? targetsAtVersion(q.atVersion) : sql`targets`;
}

/** What the call rolls up: the facts at a version, the facts with drafts overlaid, or the facts. */
function factsSource(q: MatrixQuery): RawBuilder<unknown> {
  if (q.atVersion) return factsAtVersion(q.atVersion);
  return q.drafts ? factsWithDrafts() : sql`facts`;
}

/** The reported indicators' cells of the call (units × indicators `base` × windows win) from the rollups table. */
function cellsFromRollups(units: string[], base: string[]) {
  // read per unit × window (rollups_unit_window_idx: one index range holds all of a unit's
  // indicators in a window), then hashed onto the units; probed per cell, a composite ranking
  // made 3,920 index descents for 70 counties (issue 17)
  return sql`cells as materialized (
  select r.unit_code, r.indicator_code, win.w, r.months, r.month_mask, r.status, r.value
  from win
  join rollups r on r.start_month = win.ws and r.end_month = win.we
  where r.unit_code = any(${units}::text[]) and r.indicator_code = any(${base}::text[])
)`;
}

/** The same cells rolled up from facts, for windows the rollups table does not hold. */
function cellsFromFacts(
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
cells as (
  select a.unit_code, a.indicator_code, a.w, a.months, a.month_mask,
    ${rolledStatusSql(sql`win.we - win.ws + 1`)} as status, ${rolledValueSql} as value
  from agg a
  join indicators i on i.code = a.indicator_code
  join win on win.w = a.w
)`;
}
