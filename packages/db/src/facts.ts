import { parsePeriod } from '@bixue/domain';
import { type Kysely, type Transaction, sql } from 'kysely';
import { refreshRollups } from './analytics/rollups.ts';
import type { Database, Fact, FactsTable } from './schema.ts';

export interface FactInput {
  unitCode: string;
  indicatorCode: string;
  period: string;
  /** null together with status 'undisclosed' */
  value: number | null;
  status: 'value' | 'undisclosed';
  documentId?: number | null;
  spanStart?: number | null;
  spanEnd?: number | null;
  sourceText?: string | null;
  /** the version the writer last saw; a different stored version is a conflict */
  expectedVersion?: number | null;
}

export interface WriteContext {
  source: FactsTable['source'];
  user: string | null;
  batchId?: string | null;
  /** called after each chunk with the number of inputs handled so far */
  onProgress?: (done: number, total: number) => void;
}

export interface WriteResult {
  inserted: number;
  updated: number;
  unchanged: number;
}

export class FactConflictError extends Error {
  constructor(
    readonly unitCode: string,
    readonly indicatorCode: string,
    readonly period: string,
    readonly expectedVersion: number | null,
    readonly actualVersion: number | null,
  ) {
    super(
      `数据已被他人修改：${unitCode} ${indicatorCode} ${period}（您看到的版本 ${expectedVersion ?? '无'}，当前版本 ${actualVersion ?? '无'}），请刷新后重试`,
    );
    this.name = 'FactConflictError';
  }
}

/** Rows per round trip: every column travels as one array parameter, so a chunk costs a few statements. */
const CHUNK = 5000;
const key = (u: string, i: string, p: string) => `${u}\u0000${i}\u0000${p}`;

type Executor = Kysely<Database> | Transaction<Database>;

export interface FactKey {
  unitCode: string;
  indicatorCode: string;
  period: string;
}

export type StoredFact = Pick<
  Fact,
  'unit_code' | 'indicator_code' | 'period' | 'value' | 'status' | 'version' | 'source' | 'updated_by' | 'updated_at'
>;

/** The stored facts for the given keys (absent keys are simply missing from the result). */
export async function readFacts(db: Executor, keys: readonly FactKey[]): Promise<Map<string, StoredFact>> {
  const out = new Map<string, StoredFact>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const chunk = keys.slice(i, i + CHUNK);
    const rows = await db
      .selectFrom('facts')
      .select([
        'unit_code',
        'indicator_code',
        'period',
        'value',
        'status',
        'version',
        'source',
        'updated_by',
        'updated_at',
      ])
      .where(
        sql<boolean>`(unit_code, indicator_code, period) in (select * from unnest(${chunk.map((f) => f.unitCode)}::text[], ${chunk.map(
          (f) => f.indicatorCode,
        )}::text[], ${chunk.map((f) => f.period)}::text[]))`,
      )
      .execute();
    for (const r of rows) out.set(key(r.unit_code, r.indicator_code, r.period), r);
  }
  return out;
}

export function factKey(f: FactKey): string {
  return key(f.unitCode, f.indicatorCode, f.period);
}

/**
 * Writes facts and their audit rows in one transaction (the caller's, when given one).
 * Unchanged facts are left alone and not audited, so re-writing the same input is a no-op.
 */
export async function writeFacts(db: Executor, inputs: FactInput[], ctx: WriteContext): Promise<WriteResult> {
  if (db.isTransaction) return writeInTransaction(db as Transaction<Database>, inputs, ctx);
  return db.transaction().execute((trx) => writeInTransaction(trx, inputs, ctx));
}

async function writeInTransaction(
  trx: Transaction<Database>,
  inputs: FactInput[],
  ctx: WriteContext,
): Promise<WriteResult> {
  const result: WriteResult = { inserted: 0, updated: 0, unchanged: 0 };
  const now = new Date();
  for (let i = 0; i < inputs.length; i += CHUNK) {
    const chunk = inputs.slice(i, i + CHUNK);
    const stored = await readFacts(trx, chunk);
    const changed: { f: FactInput; old: StoredFact | undefined }[] = [];
    for (const f of chunk) {
      const old = stored.get(factKey(f));
      if (f.expectedVersion !== undefined && (old?.version ?? null) !== f.expectedVersion)
        throw new FactConflictError(f.unitCode, f.indicatorCode, f.period, f.expectedVersion, old?.version ?? null);
      const value = f.status === 'value' ? f.value : null;
      if (old && old.status === f.status && old.value === value) {
        result.unchanged++;
        continue;
      }
      if (old) result.updated++;
      else result.inserted++;
      changed.push({ f, old });
    }
    if (changed.length) {
      await upsertChanged(trx, changed, ctx, now);
      await refreshRollups(
        trx,
        changed.map(({ f }) => ({
          unitCode: f.unitCode,
          indicatorCode: f.indicatorCode,
          year: parsePeriod(f.period).year,
        })),
      );
    }
    ctx.onProgress?.(Math.min(i + CHUNK, inputs.length), inputs.length);
  }
  return result;
}

/** One insert … select from unnest(…) for the facts and one for their audit rows. */
async function upsertChanged(
  trx: Transaction<Database>,
  changed: { f: FactInput; old: StoredFact | undefined }[],
  ctx: WriteContext,
  now: Date,
): Promise<void> {
  const periods = changed.map(({ f }) => parsePeriod(f.period));
  const col = <T>(fn: (c: (typeof changed)[number], i: number) => T) => changed.map(fn);
  const units = col(({ f }) => f.unitCode);
  const indicators = col(({ f }) => f.indicatorCode);
  const codes = periods.map((p) => p.code);
  const values = col(({ f }) => (f.status === 'value' ? f.value : null));
  const statuses = col(({ f }) => f.status);
  const batch = ctx.batchId ?? null;
  await sql`
    insert into facts (unit_code, indicator_code, period, grain, start_month, end_month, value, status, source,
      document_id, span_start, span_end, source_text, batch_id, updated_by, updated_at, version)
    select u, i, p, g, sm, em, v, st, ${ctx.source}, d, ss, se, t, ${batch}, ${ctx.user}, ${now}, ver
    from unnest(${units}::text[], ${indicators}::text[], ${codes}::text[], ${periods.map((p) => p.grain)}::text[],
      ${periods.map((p) => p.startMonth)}::int[], ${periods.map((p) => p.endMonth)}::int[], ${values}::float8[],
      ${statuses}::text[], ${col(({ f }) => f.documentId ?? null)}::bigint[], ${col(({ f }) => f.spanStart ?? null)}::int[],
      ${col(({ f }) => f.spanEnd ?? null)}::int[], ${col(({ f }) => f.sourceText ?? null)}::text[],
      ${col(({ old }) => (old?.version ?? 0) + 1)}::int[]) as x(u, i, p, g, sm, em, v, st, d, ss, se, t, ver)
    on conflict (unit_code, indicator_code, period) do update set
      value = excluded.value, status = excluded.status, source = excluded.source, document_id = excluded.document_id,
      span_start = excluded.span_start, span_end = excluded.span_end, source_text = excluded.source_text,
      batch_id = excluded.batch_id, updated_by = excluded.updated_by, updated_at = excluded.updated_at,
      version = excluded.version`.execute(trx);
  await sql`
    insert into fact_audit (unit_code, indicator_code, period, old_value, old_status, new_value, new_status, source, batch_id, changed_by, changed_at)
    select u, i, p, ov, os, nv, ns, ${ctx.source}, ${batch}, ${ctx.user}, ${now}
    from unnest(${units}::text[], ${indicators}::text[], ${codes}::text[], ${col(({ old }) => old?.value ?? null)}::float8[],
      ${col(({ old }) => old?.status ?? null)}::text[], ${values}::float8[], ${statuses}::text[]) as x(u, i, p, ov, os, nv, ns)`.execute(
    trx,
  );
}

export async function factHistory(db: Kysely<Database>, unitCode: string, indicatorCode: string) {
  return db
    .selectFrom('fact_audit')
    .selectAll()
    .where('unit_code', '=', unitCode)
    .where('indicator_code', '=', indicatorCode)
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
}
