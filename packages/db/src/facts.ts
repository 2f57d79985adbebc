import { parsePeriod } from '@bixue/domain';
import { type Insertable, type Kysely, type Transaction, sql } from 'kysely';
import type { Database, FactAuditTable, FactsTable } from './schema.ts';

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

const CHUNK = 1000;
const key = (u: string, i: string, p: string) => `${u}\u0000${i}\u0000${p}`;

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Writes facts and their audit rows in one transaction (the caller's, when given one).
 * Unchanged facts are left alone and not audited, so re-writing the same input is a no-op.
 */
export async function writeFacts(db: Executor, inputs: FactInput[], ctx: WriteContext): Promise<WriteResult> {
  if (db.isTransaction) return writeInTransaction(db as Transaction<Database>, inputs, ctx);
  return db.transaction().execute((trx) => writeInTransaction(trx, inputs, ctx));
}

async function writeInTransaction(trx: Transaction<Database>, inputs: FactInput[], ctx: WriteContext): Promise<WriteResult> {
  const result: WriteResult = { inserted: 0, updated: 0, unchanged: 0 };
  for (let i = 0; i < inputs.length; i += CHUNK) {
    const chunk = inputs.slice(i, i + CHUNK);
    const existing = await trx
      .selectFrom('facts')
      .select(['unit_code', 'indicator_code', 'period', 'value', 'status', 'version'])
      .where(
        sql<boolean>`(unit_code, indicator_code, period) in (select * from unnest(${chunk.map((f) => f.unitCode)}::text[], ${chunk.map(
          (f) => f.indicatorCode,
        )}::text[], ${chunk.map((f) => f.period)}::text[]))`,
      )
      .execute();
    const stored = new Map(existing.map((r) => [key(r.unit_code, r.indicator_code, r.period), r]));

    const upserts: Insertable<FactsTable>[] = [];
    const audits: Insertable<FactAuditTable>[] = [];
    for (const f of chunk) {
      const old = stored.get(key(f.unitCode, f.indicatorCode, f.period));
      if (f.expectedVersion !== undefined && (old?.version ?? null) !== f.expectedVersion)
        throw new FactConflictError(f.unitCode, f.indicatorCode, f.period, f.expectedVersion, old?.version ?? null);
      if (old && old.status === f.status && old.value === f.value) {
        result.unchanged++;
        continue;
      }
      const p = parsePeriod(f.period);
      if (old) result.updated++;
      else result.inserted++;
      upserts.push({
        unit_code: f.unitCode,
        indicator_code: f.indicatorCode,
        period: p.code,
        grain: p.grain,
        start_month: p.startMonth,
        end_month: p.endMonth,
        value: f.status === 'value' ? f.value : null,
        status: f.status,
        source: ctx.source,
        document_id: f.documentId ?? null,
        span_start: f.spanStart ?? null,
        span_end: f.spanEnd ?? null,
        source_text: f.sourceText ?? null,
        batch_id: ctx.batchId ?? null,
        updated_by: ctx.user,
        updated_at: new Date(),
        version: (old?.version ?? 0) + 1,
      });
      audits.push({
        unit_code: f.unitCode,
        indicator_code: f.indicatorCode,
        period: p.code,
        old_value: old?.value ?? null,
        old_status: old?.status ?? null,
        new_value: f.status === 'value' ? f.value : null,
        new_status: f.status,
        source: ctx.source,
        batch_id: ctx.batchId ?? null,
        changed_by: ctx.user,
      });
    }
    if (upserts.length) {
      await trx
        .insertInto('facts')
        .values(upserts)
        .onConflict((oc) =>
          oc.columns(['unit_code', 'indicator_code', 'period']).doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            status: eb.ref('excluded.status'),
            source: eb.ref('excluded.source'),
            document_id: eb.ref('excluded.document_id'),
            span_start: eb.ref('excluded.span_start'),
            span_end: eb.ref('excluded.span_end'),
            source_text: eb.ref('excluded.source_text'),
            batch_id: eb.ref('excluded.batch_id'),
            updated_by: eb.ref('excluded.updated_by'),
            updated_at: eb.ref('excluded.updated_at'),
            version: eb.ref('excluded.version'),
          })),
        )
        .execute();
      await trx.insertInto('fact_audit').values(audits).execute();
    }
  }
  return result;
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
