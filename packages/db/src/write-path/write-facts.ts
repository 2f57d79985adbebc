import type { Period } from '@bixue/domain';
import { type Kysely, type RawBuilder, type Transaction, sql } from 'kysely';
import { type RollupKey, refreshRollups } from '../analytics/rollups.ts';
import { eventLoopTurns } from '../event-loop-turns.ts';
import type { Database } from '../schema.ts';
import { bumpDataVersions, lockDataVersions } from './data-versions.ts';
import { FactConflictError, type FactInput, type WriteContext, type WriteResult } from './fact-input.ts';
import { periodsOnce } from './periods-once.ts';
import { CHUNK, factKey, readFacts } from './read-facts.ts';
import { validateInputs } from './validate-inputs.ts';

type Stored = NonNullable<FactInput['stored']>;
type Change = { f: FactInput; span: Period; old: Stored | undefined; province: string };

/**
 * The one way a fact changes (import commit, manual entry and deletion, report save, correction):
 * validate with the shared rule set, lock the touched provinces' data versions (which serialises
 * writers of a province), lock the stored rows, check the versions the writer saw, then write
 * facts and audit rows with the true old values and raise the versions, all in one transaction
 * (the caller's, when given one). Unchanged facts are neither written nor audited, so writing the
 * same input twice is a no-op and leaves the data versions alone. The roll-ups of the written
 * unit × indicator × years are refreshed in the same transaction, after the audit rows.
 */
export async function writeFacts(
  db: Kysely<Database> | Transaction<Database>,
  inputs: FactInput[],
  ctx: WriteContext,
): Promise<WriteResult> {
  if (db.isTransaction) return writeInTransaction(db as Transaction<Database>, inputs, ctx);
  return db.transaction().execute((trx) => writeInTransaction(trx, inputs, ctx));
}

async function writeInTransaction(
  trx: Transaction<Database>,
  inputs: FactInput[],
  ctx: WriteContext,
): Promise<WriteResult> {
  const provinceOf = await validateInputs(trx, inputs, ctx.acceptWarnings ?? false);
  const locked = await lockDataVersions(trx, provinceOf.values());
  const result: WriteResult = { inserted: 0, updated: 0, deleted: 0, unchanged: 0, versions: {} };
  const changes: Change[] = [];
  const periodOf = periodsOnce();
  const turns = eventLoopTurns();
  for (let i = 0; i < inputs.length; i += CHUNK) {
    const chunk = inputs.slice(i, i + CHUNK);
    // what the caller read under the same province locks is what is stored: every writer of a
    // province takes them first, so those rows cannot have changed since
    const stored = await readFacts(
      trx,
      chunk.filter((f) => f.stored === undefined),
      { forUpdate: true },
    );
    for (const f of chunk) {
      if (turns.due()) await turns.pass();
      const old = f.stored === undefined ? stored.get(factKey(f)) : (f.stored ?? undefined);
      if (f.expectedVersion !== undefined && (old?.version ?? null) !== f.expectedVersion)
        throw new FactConflictError(f.unitCode, f.indicatorCode, f.period, f.expectedVersion, old?.version ?? null);
      const same = f.status === 'missing' ? !old : old?.status === f.status && old.value === f.value;
      if (same) {
        result.unchanged++;
        continue;
      }
      if (f.status === 'missing') result.deleted++;
      else if (old) result.updated++;
      else result.inserted++;
      changes.push({ f, span: periodOf(f.period), old, province: provinceOf.get(f.unitCode)! });
    }
  }
  const bumped = await bumpDataVersions(trx, [...new Set(changes.map((c) => c.province))].sort());
  const now = new Date();
  // a year's roll-ups are refreshed once, after all its facts are written: a file ordered by
  // month touches each unit × indicator × year from many chunks, and refreshing it per chunk
  // recomputed the same year up to twelve times (36.7 s of a 100,000-row import's 45 s)
  const stale = new Map<string, RollupKey>();
  for (let i = 0; i < changes.length; i += CHUNK) {
    const chunk = changes.slice(i, i + CHUNK);
    await writeChanges(trx, chunk, bumped, ctx, now);
    for (const { f, span } of chunk) {
      const year = span.year;
      stale.set(`${f.unitCode}\u0000${f.indicatorCode}\u0000${year}`, {
        unitCode: f.unitCode,
        indicatorCode: f.indicatorCode,
        year,
      });
    }
    ctx.onProgress?.(Math.min(i + CHUNK, changes.length), changes.length);
  }
  const keys = [...stale.values()];
  for (let i = 0; i < keys.length; i += CHUNK) await refreshRollups(trx, keys.slice(i, i + CHUNK));
  for (const [province, version] of locked) result.versions[province] = bumped.get(province) ?? version;
  return result;
}

/**
 * One insert … select from unnest(…) for the new facts, one upsert for the changed ones, one
 * delete, and one insert for their audit rows. A fact nothing stored under its key is a plain
 * insert: the provinces' locks keep another writer from storing it meanwhile (and were one to, the
 * key's uniqueness refuses the write), so it needs no conflict arbitration.
 */
async function writeChanges(
  trx: Transaction<Database>,
  changes: Change[],
  versions: Map<string, number>,
  ctx: WriteContext,
  now: Date,
): Promise<void> {
  const upserts = changes.filter((c) => c.f.status !== 'missing');
  const deletes = changes.filter((c) => c.f.status === 'missing');
  const inserts = upserts.filter((c) => !c.old);
  const updates = upserts.filter((c) => c.old);
  if (inserts.length) await writeFactRows(trx, inserts, ctx, now, sql``);
  if (updates.length)
    await writeFactRows(
      trx,
      updates,
      ctx,
      now,
      sql`on conflict (unit_code, indicator_code, period) do update set
        value = excluded.value, status = excluded.status, source = excluded.source, document_id = excluded.document_id,
        span_start = excluded.span_start, span_end = excluded.span_end, source_text = excluded.source_text,
        batch_id = excluded.batch_id, updated_by = excluded.updated_by, updated_at = excluded.updated_at,
        version = excluded.version`,
    );
  if (deletes.length)
    await sql`
      delete from facts where (unit_code, indicator_code, period) in (
        select * from unnest(${deletes.map(({ f }) => f.unitCode)}::text[], ${deletes.map(({ f }) => f.indicatorCode)}::text[],
          ${deletes.map(({ f }) => f.period)}::text[]))`.execute(trx);
  const batch = ctx.batchId ?? null;
  const col = <T>(fn: (c: Change) => T) => changes.map(fn);
  await sql`
    insert into fact_audit (unit_code, indicator_code, period, old_value, old_status, new_value, new_status, source,
      batch_id, changed_by, changed_at, data_version, reason)
    select u, i, p, ov, os, nv, ns, ${ctx.source}, ${batch}, ${ctx.user}, ${now}, dv, ${ctx.reason ?? null}
    from unnest(${col(({ f }) => f.unitCode)}::text[], ${col(({ f }) => f.indicatorCode)}::text[],
      ${col(({ f }) => f.period)}::text[], ${col(({ old }) => old?.value ?? null)}::float8[],
      ${col(({ old }) => old?.status ?? null)}::text[], ${col(({ f }) => f.value)}::float8[],
      ${col(({ f }) => (f.status === 'missing' ? null : f.status))}::text[],
      ${col(({ province }) => versions.get(province)!)}::bigint[]) as x(u, i, p, ov, os, nv, ns, dv)`.execute(trx);
}

/** The facts of these changes as rows of the facts table, with `conflict` as the insert's on-conflict clause. */
async function writeFactRows(
  trx: Transaction<Database>,
  rows: Change[],
  ctx: WriteContext,
  now: Date,
  conflict: RawBuilder<unknown>,
): Promise<void> {
  const col = <T>(fn: (c: Change) => T) => rows.map(fn);
  await sql`
    insert into facts (unit_code, indicator_code, period, grain, start_month, end_month, value, status, source,
      document_id, span_start, span_end, source_text, batch_id, updated_by, updated_at, version)
    select u, i, p, g, sm, em, v, st, ${ctx.source}, d, ss, se, t, ${ctx.batchId ?? null}, ${ctx.user}, ${now}, ver
    from unnest(${col(({ f }) => f.unitCode)}::text[], ${col(({ f }) => f.indicatorCode)}::text[],
      ${col(({ span }) => span.code)}::text[], ${col(({ span }) => span.grain)}::text[],
      ${col(({ span }) => span.startMonth)}::int[], ${col(({ span }) => span.endMonth)}::int[],
      ${col(({ f }) => f.value)}::float8[], ${col(({ f }) => f.status)}::text[],
      ${col(({ f }) => f.documentId ?? null)}::bigint[], ${col(({ f }) => f.spanStart ?? null)}::int[],
      ${col(({ f }) => f.spanEnd ?? null)}::int[], ${col(({ f }) => f.sourceText ?? null)}::text[],
      ${col(({ f, old }) => Math.max((old?.version ?? 0) + 1, f.atLeastVersion ?? 0))}::int[]) as x(u, i, p, g, sm, em, v, st, d, ss, se, t, ver)
    ${conflict}`.execute(trx);
}
