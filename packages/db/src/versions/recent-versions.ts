import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';

/** One data version as a person picks it: its number, when it was made, by whom, from what, and how much it changed. */
export interface VersionEntry {
  version: number;
  /** ISO time of its last audited write */
  at: string;
  /** who wrote it, each once (null: the system, e.g. a demo load) */
  by: string[];
  /**
   * where its facts came from (import, manual, report, correction …), each once, and what else it
   * changed: 'targets', 'settings', 'period_close' (a reporting period closed)
   */
  sources: string[];
  /** a correction's reason, when one was given */
  reason: string | null;
  /** facts of the subtree it wrote */
  facts: number;
}

interface Row {
  data_version: number | string;
  at: Date | string;
  by: (string | null)[] | string | null;
  sources: string[] | string;
  reason: string | null;
  facts: number | string;
}

/** Postgres returns text[] as an array; some drivers hand the literal '{a,b}' back: both read as a list. */
function list(v: (string | null)[] | string | null): string[] {
  if (v === null) return [];
  const items = Array.isArray(v) ? v : v.replace(/^\{|\}$/g, '').split(',');
  return items.filter((s): s is string => s !== null && s !== '' && s !== 'NULL').sort();
}

export interface RecentVersionsQuery {
  /** the province's current version: nothing newer exists */
  current: number;
  /** how many of the newest */
  limit: number;
  /** a version listed as well however old (the one a view is drawn as of), when it changed the subtree */
  include?: number | undefined;
  /** looked for among the last this many versions only */
  window?: number;
}

/**
 * The newest data versions of a province that wrote facts of a subtree (the province, a city, a
 * county) or changed what every view of it is judged by (targets, settings, closings), newest first, looked for only among its last `window` versions (default 1000) so the
 * audit log's version index bounds the read however long the history. Versions are the audit
 * log's order (domain.md §9): each is one write transaction of the province.
 */
export async function recentVersions(
  db: Kysely<Database>,
  under: { province_code: string; path: string },
  q: RecentVersionsQuery,
): Promise<VersionEntry[]> {
  const lowest = Math.max(0, q.current - (q.window ?? 1000));
  const versions =
    q.include === undefined
      ? sql`s.data_version > ${lowest}`
      : sql`(s.data_version > ${lowest} or s.data_version = ${q.include})`;
  const province = under.province_code;
  const subtree = sql`(select code from units where province_code = ${province} and path like ${`${under.path}%`})`;
  // the facts of the subtree each version wrote, and its changes of targets, settings and periods
  // (issue 18: they change views too, so a version that only made them is listed as well); the
  // filter on the version is pushed into each branch, so each reads its version index
  const r = await sql<Row>`
    select s.data_version, max(s.changed_at) as at,
      array_agg(distinct s.changed_by) as by, array_agg(distinct s.source) as sources,
      max(s.reason) as reason, sum(s.fact) as facts
    from (
      select a.data_version, a.changed_at, a.changed_by, a.source, a.reason, 1 as fact
      from fact_audit a where a.unit_code in ${subtree}
      union all
      select t.data_version, t.changed_at, t.changed_by, 'targets', t.reason, 0
      from target_audit t
      where t.province_code = ${province} and (t.unit_code is null or t.unit_code in ${subtree})
      union all
      select c.data_version, c.changed_at, c.changed_by, 'settings', c.reason, 0
      from settings_audit c where c.province_code = ${province} and c.data_version is not null
      union all
      select p.closed_version, p.closed_at, p.closed_by, 'period_close', null, 0
      from reporting_periods p where p.province_code = ${province} and p.closed_version is not null
    ) s
    where ${versions} and s.data_version <= ${q.current}
    group by s.data_version
    order by s.data_version desc`.execute(db);
  // the newest `limit`, and the one asked to be included wherever it falls
  const rows = r.rows.filter((row, i) => i < q.limit || Number(row.data_version) === q.include);
  return rows.map((row) => ({
    version: Number(row.data_version),
    at: new Date(row.at).toISOString(),
    by: list(row.by),
    sources: list(row.sources),
    reason: row.reason,
    facts: Number(row.facts),
  }));
}
