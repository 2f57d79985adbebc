import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import { bumpDataVersions, lockDataVersions } from '../write-path/data-versions.ts';

/** Who made a change of targets or settings, and why when they said. */
export interface ConfigAuthor {
  user: string | null;
  reason?: string | null | undefined;
}

/**
 * The one way targets, settings and period closings are written (issue 18): in one transaction
 * (the caller's, if it is in one) that holds the province's data-version row — so these writes
 * serialise with the province's fact writers — `write` is given the version it would create and
 * audits its old rows under it; when it reports a change the version is raised, else the write
 * was a no-op and the version stays, as a fact write of unchanged values leaves it.
 */
export async function inConfigVersion<T>(
  db: Kysely<Database>,
  provinceCode: string,
  write: (trx: Transaction<Database>, next: number) => Promise<{ changed: boolean; result: T }>,
): Promise<{ version: number | null; result: T }> {
  const run = async (trx: Transaction<Database>) => {
    const locked = await lockDataVersions(trx, [provinceCode]);
    const next = locked.get(provinceCode)! + 1;
    const { changed, result } = await write(trx, next);
    if (!changed) return { version: null, result };
    await bumpDataVersions(trx, [provinceCode]);
    return { version: next, result };
  };
  return db.isTransaction ? run(db as Transaction<Database>) : db.transaction().execute(run);
}
