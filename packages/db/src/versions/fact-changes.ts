import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';

/** One audited change inside a diff: which version made it, who, when, from where and why. */
export interface FactChangeStep {
  version: number;
  value: number | null;
  status: 'value' | 'undisclosed' | null;
  by: string | null;
  at: string;
  source: string;
  /** a correction's reason; null for an ordinary write */
  reason: string | null;
}

/** A fact that differs between two versions: as it stood at `from`, at `to`, and every step between. */
export interface FactChange {
  unit: string;
  indicator: string;
  period: string;
  /** null status: the fact did not exist (missing) */
  before: { value: number | null; status: 'value' | 'undisclosed' | null };
  after: { value: number | null; status: 'value' | 'undisclosed' | null };
  steps: FactChangeStep[];
}

interface AuditRow {
  unit_code: string;
  indicator_code: string;
  period: string;
  old_value: number | null;
  old_status: 'value' | 'undisclosed' | null;
  new_value: number | null;
  new_status: 'value' | 'undisclosed' | null;
  data_version: number | string;
  changed_by: string | null;
  changed_at: Date | string;
  source: string;
  reason: string | null;
}

/**
 * The facts of a province's subtree (the province itself, a city, a county) that changed between
 * the province's versions `from` and `to` (from ≤ to): the audit rows of the versions in
 * (from, to], grouped by fact, in the order they were written. A fact changed and changed back
 * nets to no change and is left out.
 */
export async function factChanges(
  db: Kysely<Database>,
  under: { province_code: string; path: string },
  from: number,
  to: number,
): Promise<FactChange[]> {
  const province = under.province_code;
  const r = await sql<AuditRow>`
    select a.unit_code, a.indicator_code, a.period, a.old_value, a.old_status, a.new_value, a.new_status,
      a.data_version, a.changed_by, a.changed_at, a.source, a.reason
    from fact_audit a
    where a.data_version > ${from} and a.data_version <= ${to}
      and a.unit_code in (select code from units where province_code = ${province} and path like ${`${under.path}%`})
    order by a.unit_code, a.indicator_code, a.period, a.data_version, a.id`.execute(db);
  const out: FactChange[] = [];
  for (const row of r.rows) {
    const last = out[out.length - 1];
    const step: FactChangeStep = {
      version: Number(row.data_version),
      value: row.new_value,
      status: row.new_status,
      by: row.changed_by,
      at: new Date(row.changed_at).toISOString(),
      source: row.source,
      reason: row.reason,
    };
    if (last && last.unit === row.unit_code && last.indicator === row.indicator_code && last.period === row.period) {
      last.after = { value: row.new_value, status: row.new_status };
      last.steps.push(step);
    } else
      out.push({
        unit: row.unit_code,
        indicator: row.indicator_code,
        period: row.period,
        before: { value: row.old_value, status: row.old_status },
        after: { value: row.new_value, status: row.new_status },
        steps: [step],
      });
  }
  return out.filter((c) => c.before.status !== c.after.status || c.before.value !== c.after.value);
}
