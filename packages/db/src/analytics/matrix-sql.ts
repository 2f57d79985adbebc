import {
  type MatrixCell,
  type MatrixRow,
  type MatrixSpec,
  type MatrixTarget,
  matrixBaseCodes,
  matrixRows,
  type PhasingKind,
  type RollupStatus,
} from '@bixue/domain';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { factsWithDrafts } from '../cycle/drafts-overlay.ts';
import type { Database } from '../schema.ts';
import type { Provenance } from './provenance-sql.ts';
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

/**
 * The one statement's one row: JSON texts of the units found ([code, province, level]), the cells
 * and the target rows (null when left out). One text per part: thousands of rows, each field
 * parsed apart, cost PGlite's protocol reader 15 ms of a composite ranking's 60 (and node-pg its
 * type parsers), where JSON.parse of the same numbers takes one. The cells and the provenance
 * come as columns (one array per field, CellColumns and ProvenanceColumns): an array per row made
 * and parsed was 40 % of PGlite's time for a unit page's 21,000 cells (33 → 24 ms).
 */
interface Fetched {
  units: string | null;
  cells: string | null;
  own_targets: string | null;
  level_targets: string | null;
}
/**
 * the cells as columns: unit's place in `units`, indicator's in `base` (both from 1), w, months,
 * month_mask, status, value (null arrays: no cells); then, when provenance was asked, each cell's
 * source, source_text and document_id, the source null for a cell whose provenance is not shown
 */
type CellColumns = [
  number[] | null,
  number[] | null,
  number[] | null,
  number[] | null,
  number[] | null,
  RollupStatus[] | null,
  (number | null)[] | null,
  (Provenance['source'] | null)[]?,
  (string | null)[]?,
  (number | null)[]?,
];

/** The matrix and, where it was read from the roll-ups, the provenance of some of its units per window. */
export interface MatrixWithProvenance {
  rows: MatrixRow[];
  /**
   * per window of the query, the roll-ups' provenance of `provenanceOf.units` × the base indicators (empty for a
   * window not in `provenanceOf.windows`); null when computed from facts
   */
  provenance: Provenance[][] | null;
}
/** a target row's [indicator, w, value, per_capita, phasing, due_month], behind its unit or its province and level */
type TargetJson = [string, number, number, boolean, PhasingKind | null, number | null];

/**
 * The analytics matrix (matrixRows in @bixue/domain) over what one statement reads: the call's
 * units, the rolled-up values of its reported indicators and, unless left out, the target rows
 * resolved per year.
 *
 * Reported indicators' values come from the rollups table when every window is a standard one
 * (maintained on write with the same rule, rollup-rule-sql.ts); other windows roll facts up here.
 */
export async function analyticsMatrix(db: Kysely<Database>, q: MatrixQuery): Promise<MatrixRow[]> {
  return (await analyticsMatrixWithProvenance(db, q, { units: [], windows: [] })).rows;
}

/**
 * analyticsMatrix, and in the same statement the roll-ups' provenance of the units and windows (places
 * in q.windows) `provenanceOf` (factProvenanceOfWindows of the base indicators): a card showing where
 * its numbers came from asked for it in a second statement, a round trip and on PGlite 3–7 ms of
 * a cold answer (bench/load/cold-profile.ts). Computed from facts, the matrix reads no roll-ups
 * and `provenance` is null: the caller asks factProvenanceOfWindows.
 */
export async function analyticsMatrixWithProvenance(
  db: Kysely<Database>,
  q: MatrixQuery,
  provenanceOf: { units: readonly string[]; windows: readonly number[] },
): Promise<MatrixWithProvenance> {
  const requested = q.indicators.map((i) => i.code);
  const base = matrixBaseCodes(q);
  const units = [...new Set(q.units)];
  const shown = [...new Set(provenanceOf.units)];
  const firstYear = Math.min(...q.windows.map((w) => w.year));
  const lastYear = Math.max(...q.windows.map((w) => w.year));
  // drafts overlaid on facts are not rolled up: those calls compute from facts
  const fromRollups =
    !q.fromFacts && !q.drafts && !q.atVersion && q.windows.every((w) => isStandardWindow(w.startMonth, w.endMonth));
  const withTargets = !q.without?.includes('targets');
  const withProvenance = fromRollups && shown.length > 0 && provenanceOf.windows.length > 0;

  const {
    rows: [row],
  } = await sql<Fetched>`
with win as (
  select (w.i - 1)::int as w, w.ws, w.we, w.yr
  from unnest(${q.windows.map((w) => w.startMonth)}::int[], ${q.windows.map((w) => w.endMonth)}::int[],
              ${q.windows.map((w) => w.year)}::int[]) with ordinality as w(ws, we, yr, i)
),
grp as (
  -- a join, hashed, rather than code = any(…): thousands of codes would be compared one by one
  select u.code as unit_code, u.province_code, u.level, x.i::int${withProvenance ? sql`, x.code = any(${shown}::text[]) as shown` : sql``}
  from unnest(${units}::text[]) with ordinality as x(code, i)
  join units u on u.code = x.code
),
${fromRollups ? cellsFromRollups(units, base) : cellsFromFacts(factsSource(q), units, base, firstYear, lastYear)}${withTargets ? resolvedTargets(targetsSource(q), requested) : sql``}
select
  (select json_agg(json_build_array(g.unit_code, g.province_code, g.level))::text from grp g) as units,
  (select json_build_array(array_agg(g.i), array_agg(b.i), array_agg(c.w), array_agg(c.months), array_agg(c.month_mask),
     array_agg(c.status), array_agg(c.value)${withProvenance ? provenanceColumns(provenanceOf.windows) : sql``})::text
   from cells c
   join grp g on g.unit_code = c.unit_code
   join unnest(${base}::text[]) with ordinality as b(code, i) on b.code = c.indicator_code) as cells,
  ${
    withTargets
      ? sql`(select json_agg(json_build_array(unit_code, indicator_code, w, value, per_capita, phasing, due_month))::text
   from tgt_unit) as own_targets,
  (select json_agg(json_build_array(province_code, level, indicator_code, w, value, per_capita, phasing, due_month))::text
   from tgt_level) as level_targets`
      : sql`null as own_targets, null as level_targets`
  }`.execute(db);

  const found = parsed<[string, string, string][]>(row?.units).map(([code, province_code, level]) => ({
    code,
    province_code,
    level,
  }));
  const [u, b, w, months, masks, statuses, values, source, text, document] = parsed<CellColumns>(row?.cells);
  const cells: MatrixCell[] = [];
  const provenance: Provenance[][] = q.windows.map(() => []);
  for (let i = 0; i < (u?.length ?? 0); i++) {
    const cell: MatrixCell = {
      unit_code: units[u![i]! - 1]!,
      indicator_code: base[b![i]! - 1]!,
      w: w![i]!,
      months: months![i]!,
      month_mask: masks![i]!,
      status: statuses![i]!,
      value: values![i] ?? null,
    };
    cells.push(cell);
    const from = source?.[i];
    if (from)
      provenance[cell.w]!.push({
        unit_code: cell.unit_code,
        indicator_code: cell.indicator_code,
        source: from,
        source_text: text![i] ?? null,
        document_id: document![i] ?? null,
      });
  }
  const target = (
    [indicator_code, w, value, per_capita, phasing, due_month]: TargetJson,
    unit_code: string | null,
    province_code: string | null,
    level: string | null,
  ): MatrixTarget => ({ unit_code, province_code, level, indicator_code, w, value, per_capita, phasing, due_month });
  const targets = withTargets
    ? [
        ...parsed<[string, ...TargetJson][]>(row?.own_targets).map(([unit, ...t]) => target(t, unit, null, null)),
        ...parsed<[string, string, ...TargetJson][]>(row?.level_targets).map(([province, level, ...t]) =>
          target(t, null, province, level),
        ),
      ]
    : null;
  const rows = matrixRows(q, found, cells, targets);
  return { rows, provenance: fromRollups ? provenance : null };
}

/**
 * Each cell's roll-up provenance as three more columns of the cells' aggregate, as
 * factProvenanceOfWindows reads it, for the shown units (grp.shown) in the windows `ws` (places in
 * win) only: a ranking's previous window and a trend's comparison windows are not shown. Null
 * elsewhere. A second aggregate over the same cells, with their unit and indicator codes again as
 * text, was 2 ms of a 70-county heatmap's 8 ms statement.
 */
function provenanceColumns(ws: readonly number[]): RawBuilder<unknown> {
  const shown = sql`g.shown and c.w = any(${[...ws]}::int[])`;
  return sql`,
     array_agg(case when ${shown} then c.source end), array_agg(case when ${shown} then c.source_text end),
     array_agg(case when ${shown} then c.document_id end)`;
}

/** A JSON array the statement aggregated; null when nothing was aggregated. */
function parsed<T extends unknown[]>(text: string | null | undefined): T {
  return text ? (JSON.parse(text) as T) : ([] as unknown as T);
}

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
  // read per unit × window (the primary key: one index range holds all of a unit's
  // indicators in a window), then hashed onto the units; probed per cell, a composite ranking
  // made 3,920 index descents for 70 counties (issue 17)
  return sql`cells as materialized (
  select r.unit_code, r.indicator_code, win.w, r.months, r.month_mask, r.status, r.value,
    r.source, r.source_text, r.document_id
  from win
  -- per window, on purpose (offset 0 keeps it so): PGlite's planner, left to itself, read every
  -- window of a unit page's 8 units (16,000 rows, 12 of its 18 ms) and kept the 1,100 asked for
  cross join lateral (
    select r.* from rollups r
    where r.unit_code = any(${units}::text[]) and r.start_month = win.ws and r.end_month = win.we
      and r.indicator_code = any(${base}::text[])
    offset 0
  ) r
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
