import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** The reads already made in each open read snapshot, by what was read. */
const snapshots = new WeakMap<Kysely<Database>, Map<string, Promise<unknown>>>();

/**
 * Runs `body` in one repeatable-read, read-only transaction: every statement sees the same
 * committed data, so an answer and the data version it names cannot disagree (domain.md §9).
 * Inside it, `onceInSnapshot` reads a row only once: in such a snapshot a second read of the
 * same row returns the same thing, and nothing in it writes (PostgreSQL refuses; PGlite runs
 * the transaction alone, one caller at a time). On PostgreSQL its BEGIN and COMMIT are not
 * waited for (snapshot-bounds.ts).
 */
export function inReadSnapshot<T>(db: Kysely<Database>, body: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((trx) => {
      snapshots.set(trx, new Map());
      return body(trx);
    });
}

/**
 * `read()` once per read snapshot and `key` (an answer asks for its province's settings and its
 * anchor unit from several places); outside a read snapshot, every call reads. The value is shared
 * by the callers: do not change it.
 */
export function onceInSnapshot<T>(db: Kysely<Database>, key: string, read: () => Promise<T>): Promise<T> {
  const memo = snapshots.get(db);
  if (!memo) return read();
  let p = memo.get(key) as Promise<T> | undefined;
  if (!p) {
    p = read();
    memo.set(key, p);
  }
  return p;
}

/** Keeps what one statement read for several `onceInSnapshot` keys; outside a read snapshot, nothing. */
export function keepInSnapshot(db: Kysely<Database>, key: string, value: unknown): void {
  snapshots.get(db)?.set(key, Promise.resolve(value));
}

/** Whether `db` is a read snapshot that has not read every one of `keys` yet. */
export function unreadInSnapshot(db: Kysely<Database>, keys: readonly string[]): boolean {
  const memo = snapshots.get(db);
  return memo !== undefined && keys.some((k) => !memo.has(k));
}
