import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';

/** One data version as a person picks it: its number, when it was made, by whom, from what, and how much it changed. */
export interface VersionEntry {
  version: number;
  /** ISO time of its last audited write */
  at: string;
  /** who wrote it, each once (null: the system, e.g. a demo load) */
  by: string[];
  /** where its facts came from (import, manual, report, correction …), each once */
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
  /** a version listed as well however old (the one a view is drawn as of), when it wrote facts of the subtree */
  include?: number | undefined;
  /** looked for among the last this many versions only */
  window?: number;
}

/**
 * The newest data versions of a province that wrote facts of a subtree (the province, a city, a
 * county), newest first, looked for only among its last `window` versions (default 1000) so the
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
      ? sql`a.data_version > ${lowest}`
      : sql`(a.data_version > ${lowest} or a.data_version = ${q.include})`;
  const r = await sql<Row>`
    select a.data_version, max(a.changed_at) as at,
      array_agg(distinct a.changed_by) as by, array_agg(distinct a.source) as sources,
      max(a.reason) as reason, count(*) as facts
    from fact_audit a
    where ${versions} and a.data_version <= ${q.current}
      and a.unit_code in (select code from units where province_code = ${under.province_code}
        and path like ${`${under.path}%`})
    group by a.data_version
    order by a.data_version desc`.execute(db);
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
