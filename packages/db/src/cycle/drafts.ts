import { parsePeriod } from '@bixue/domain';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { FactInput, WriteContext } from '../write-path/index.ts';
import type { Database } from '../schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Upserts drafts (keyed like facts); returns how many were new and how many replaced a draft. A
 * new draft's version is one above the approved fact's (`approvedVersion`, 0 when none), so no
 * form that showed the approved figure matches it; a replaced draft's goes up by one.
 */
export async function writeDrafts(
  trx: Transaction<Database>,
  inputs: readonly FactInput[],
  ctx: Pick<WriteContext, 'source' | 'user' | 'batchId'>,
  approvedVersion: (f: FactInput) => number | null = () => null,
): Promise<{ inserted: number; updated: number }> {
  if (inputs.length === 0) return { inserted: 0, updated: 0 };
  const periods = inputs.map((f) => parsePeriod(f.period));
  const now = new Date();
  const rows = await sql<{ inserted: boolean }>`
    insert into fact_drafts (unit_code, indicator_code, period, grain, start_month, end_month, value, status, source,
      document_id, span_start, span_end, source_text, batch_id, updated_by, updated_at, version)
    select u, i, p, g, sm, em, v, st, ${ctx.source}, d, ss, se, t, ${ctx.batchId ?? null}, ${ctx.user}, ${now}, ver
    from unnest(${inputs.map((f) => f.unitCode)}::text[], ${inputs.map((f) => f.indicatorCode)}::text[],
      ${periods.map((p) => p.code)}::text[], ${periods.map((p) => p.grain)}::text[],
      ${periods.map((p) => p.startMonth)}::int[], ${periods.map((p) => p.endMonth)}::int[],
      ${inputs.map((f) => (f.status === 'value' ? f.value : null))}::float8[], ${inputs.map((f) => f.status)}::text[],
      ${inputs.map((f) => f.documentId ?? null)}::bigint[], ${inputs.map((f) => f.spanStart ?? null)}::int[],
      ${inputs.map((f) => f.spanEnd ?? null)}::int[], ${inputs.map((f) => f.sourceText ?? null)}::text[],
      ${inputs.map((f) => (approvedVersion(f) ?? 0) + 1)}::int[])
      as x(u, i, p, g, sm, em, v, st, d, ss, se, t, ver)
    on conflict (unit_code, indicator_code, period) do update set
      value = excluded.value, status = excluded.status, source = excluded.source, document_id = excluded.document_id,
      span_start = excluded.span_start, span_end = excluded.span_end, source_text = excluded.source_text,
      batch_id = excluded.batch_id, updated_by = excluded.updated_by, updated_at = excluded.updated_at,
      version = fact_drafts.version + 1
    returning (xmax = 0) as inserted`.execute(trx);
  const inserted = rows.rows.filter((r) => r.inserted).length;
  return { inserted, updated: rows.rows.length - inserted };
}

/** A unit's drafts inside [startMonth, endMonth] (a reporting period's), by indicator and period. */
export async function draftsOf(db: Executor, unitCodes: readonly string[], startMonth: number, endMonth: number) {
  if (unitCodes.length === 0) return [];
  return db
    .selectFrom('fact_drafts')
    .selectAll()
    .where('unit_code', 'in', unitCodes)
    .where('start_month', '>=', startMonth)
    .where('end_month', '<=', endMonth)
    .orderBy('unit_code')
    .orderBy('indicator_code')
    .orderBy('period')
    .execute();
}

export type DraftRow = Awaited<ReturnType<typeof draftsOf>>[number];

export async function deleteDrafts(
  trx: Transaction<Database>,
  unitCodes: readonly string[],
  startMonth: number,
  endMonth: number,
): Promise<void> {
  if (unitCodes.length === 0) return;
  await trx
    .deleteFrom('fact_drafts')
    .where('unit_code', 'in', unitCodes)
    .where('start_month', '>=', startMonth)
    .where('end_month', '<=', endMonth)
    .execute();
}

/** Forgets these drafts (a unit taking back a figure nothing approved yet); returns how many there were. */
export async function deleteDraftsByKey(
  trx: Transaction<Database>,
  keys: readonly Pick<FactInput, 'unitCode' | 'indicatorCode' | 'period'>[],
): Promise<number> {
  if (keys.length === 0) return 0;
  const { rows } = await sql`
    delete from fact_drafts where (unit_code, indicator_code, period) in (
      select * from unnest(${keys.map((k) => k.unitCode)}::text[], ${keys.map((k) => k.indicatorCode)}::text[],
        ${keys.map((k) => parsePeriod(k.period).code)}::text[]))
    returning 1`.execute(trx);
  return rows.length;
}

/**
 * At a period's close: forgets every draft its units still hold inside its months (what was never
 * approved never counts, and a closed period shows the approved figures), and leaves in each such
 * unit's task trail who dropped how many, since the drafts themselves are gone. Returns the count
 * per unit, in unit order.
 */
export async function dropDraftsAtClose(
  trx: Transaction<Database>,
  period: { province_code: string; period: string; start_month: number; end_month: number },
  actor: string,
): Promise<{ unit: string; drafts: number }[]> {
  const { rows } = await sql<{ unit_code: string }>`
    delete from fact_drafts d using unit_tasks t
    where t.province_code = ${period.province_code} and t.period = ${period.period} and d.unit_code = t.unit_code
      and d.start_month >= ${period.start_month} and d.end_month <= ${period.end_month}
    returning d.unit_code`.execute(trx);
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.unit_code, (counts.get(r.unit_code) ?? 0) + 1);
  const dropped = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([unit, drafts]) => ({ unit, drafts }));
  if (dropped.length)
    // the task keeps its state: the trail row only records the drop
    await sql`
      insert into task_transitions (unit_code, period, from_state, to_state, actor, at, comment)
      select t.unit_code, t.period, t.state, t.state, ${actor}, ${new Date()},
        '报送期关闭，' || x.n || ' 条未审核的数据作废'
      from unit_tasks t join unnest(${dropped.map((d) => d.unit)}::text[], ${dropped.map((d) => d.drafts)}::int[]) as x(u, n)
        on t.unit_code = x.u
      where t.period = ${period.period}`.execute(trx);
  return dropped;
}

/** A draft as the write path's input, provenance kept; a pending removal becomes a deletion. */
export function draftAsFactInput(d: DraftRow): FactInput {
  return {
    unitCode: d.unit_code,
    indicatorCode: d.indicator_code,
    period: d.period,
    value: d.value,
    status: d.status,
    documentId: d.document_id,
    spanStart: d.span_start,
    spanEnd: d.span_end,
    sourceText: d.source_text,
    atLeastVersion: d.version,
  };
}
