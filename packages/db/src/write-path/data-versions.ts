import { type Kysely, type Transaction, sql } from 'kysely';
import { onceInSnapshot } from '../read-snapshot.ts';
import type { Database } from '../schema.ts';

/** The province's current data version; 0 before its first write. */
export function dataVersion(db: Kysely<Database> | Transaction<Database>, provinceCode: string): Promise<number> {
  return onceInSnapshot(db, `version:${provinceCode}`, async () => {
    const row = await db
      .selectFrom('data_versions')
      .select('version')
      .where('province_code', '=', provinceCode)
      .executeTakeFirst();
    return row ? Number(row.version) : 0;
  });
}

/**
 * Locks the provinces' version rows (creating them at 0) one by one in sorted order, so two
 * writers never wait on each other crosswise; the lock holds to the end of the transaction and
 * is what serialises the writers of one province. It is the first lock of every transaction that
 * changes a province's data or reporting cycle — before any period or task row — so none waits
 * for another crosswise (an approval and a save of one unit deadlocked when the approval took
 * the task row first). Returns the versions as they stand.
 */
export async function lockDataVersions(
  trx: Transaction<Database>,
  provinceCodes: Iterable<string>,
): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  for (const code of [...new Set(provinceCodes)].sort()) {
    // a no-op update still takes the row lock, and waits for a writer holding it
    const row = await sql<{ version: number | string }>`
      insert into data_versions (province_code, version) values (${code}, 0)
      on conflict (province_code) do update set version = data_versions.version
      returning version`.execute(trx);
    versions.set(code, Number(row.rows[0]!.version));
  }
  return versions;
}

/** Raises each province's version by one (their rows are locked already) and returns the new versions. */
export async function bumpDataVersions(
  trx: Transaction<Database>,
  provinceCodes: readonly string[],
): Promise<Map<string, number>> {
  if (!provinceCodes.length) return new Map();
  const rows = await trx
    .updateTable('data_versions')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() }))
    .where('province_code', 'in', [...provinceCodes])
    .returning(['province_code', 'version'])
    .execute();
  return new Map(rows.map((r) => [r.province_code, Number(r.version)]));
}

/**
 * Takes the write lock of the provinces these units belong to before a check the write depends
 * on (are the grains in agreement?): a writer of the same province waits until this transaction
 * ends, so what was checked is still what is stored when the write lands. writeFacts takes the
 * same locks again, which costs nothing in the transaction holding them.
 */
export async function lockProvincesOf(trx: Transaction<Database>, unitCodes: Iterable<string>): Promise<void> {
  const codes = [...new Set(unitCodes)];
  if (!codes.length) return;
  const { rows } = await sql<{ province_code: string }>`
    select distinct province_code from units where code = any(${codes}::text[])`.execute(trx);
  await lockDataVersions(
    trx,
    rows.map((r) => r.province_code),
  );
}
