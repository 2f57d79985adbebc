import type { PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { preparedName } from './prepared-statements.ts';

/** What Kysely sends to open a read snapshot (read-snapshot.ts: repeatable read, read only). */
export const READ_SNAPSHOT_BEGIN = 'start transaction isolation level repeatable read read only';
const COMMIT = 'commit';

/** A pool client as lent by the primary's pool, BEGIN and COMMIT of read snapshots off the answer's path. */
export interface SnapshotBoundsClient extends PostgresPoolClient {
  /** the backend's process id (pg's name): cancels are sent to it */
  readonly processID: number | undefined;
  /** back to the pool, or destroyed (`destroy` true or an error) — after a COMMIT still on its way */
  release(destroy?: boolean | Error): void;
}

const noop = () => {};
const BEGUN = { command: 'BEGIN', rowCount: null, rows: [] } as const;
const COMMITTED = { command: 'COMMIT', rowCount: null, rows: [] } as const;

/**
 * A read snapshot's BEGIN and COMMIT leave the answer's critical path (issue 17): each was a round
 * trip an answer waited for, with nothing to learn from it.
 *
 * - BEGIN is sent and not waited for: the answer's own JavaScript (its group, its window) runs
 *   while it travels, and the first statement goes out behind it on the same connection. That
 *   statement's result is handed over only once BEGIN has succeeded, and a failed BEGIN is that
 *   statement's error: nothing read without the snapshot reaches anyone.
 * - COMMIT of a snapshot in which no statement failed is sent and answered at once: a read-only
 *   transaction has nothing to make durable, and what it read is already read. The connection goes
 *   back to the pool only when the COMMIT is done (destroyed if it failed), so the next borrower
 *   never finds itself in the snapshot. After a failed statement the COMMIT is sent and waited for
 *   as before, so Kysely sees PostgreSQL's ROLLBACK and fails the transaction.
 *
 * Write transactions, replicas (read-replicas.ts retries a lost BEGIN there) and PGlite (which
 * runs the transaction inside the driver) are left as they were. Every statement it sends that is
 * marked `prepared` goes out under its name (prepared-statements.ts).
 */
export function snapshotBoundsOffPath(client: pg.PoolClient): SnapshotBoundsClient {
  /** the snapshot's BEGIN, sent and not yet handed to a statement */
  let begun: Promise<unknown> | null = null;
  /** between our BEGIN and its end; `clean` while no statement of it failed */
  let inSnapshot = false;
  let clean = true;
  /** BEGIN and COMMIT of the last snapshot, still on their way when the connection was released */
  let ending: Promise<unknown> | null = null;

  const send = (text: string, values?: readonly unknown[]) => {
    const name = preparedName(text);
    return (
      name
        ? client.query({ name, text, values: values as unknown[] })
        : client.query(text, values as unknown[] | undefined)
    ) as Promise<unknown>;
  };

  function query(text: string, values?: readonly unknown[]): Promise<unknown> {
    if (text === READ_SNAPSHOT_BEGIN) {
      begun = send(text);
      begun.catch(noop);
      inSnapshot = true;
      clean = true;
      return Promise.resolve(BEGUN);
    }
    if (inSnapshot && text === COMMIT) {
      inSnapshot = false;
      if (clean) {
        const sent = send(text);
        ending = Promise.all([begun, sent]);
        ending.catch(noop);
        begun = null;
        return Promise.resolve(COMMITTED);
      }
    }
    if (/^\s*rollback/i.test(text)) inSnapshot = false;
    const sent = send(text, values);
    const before = begun;
    begun = null;
    if (!before && !inSnapshot) return sent;
    sent.catch(noop);
    const answered = before ? before.then(() => sent) : sent;
    return inSnapshot
      ? answered.catch((e: unknown) => {
          clean = false;
          throw e;
        })
      : answered;
  }

  return {
    query: ((textOrSubmittable: unknown, values?: readonly unknown[]) =>
      typeof textOrSubmittable === 'string'
        ? query(textOrSubmittable, values)
        : client.query(textOrSubmittable as pg.Submittable)) as unknown as PostgresPoolClient['query'],
    get processID() {
      return (client as unknown as { processID: number | null }).processID ?? undefined;
    },
    release(destroy?: boolean | Error) {
      const last = ending;
      ending = null;
      if (!last) return client.release(destroy);
      last.then(
        () => client.release(destroy),
        (e: unknown) => client.release(e instanceof Error ? e : new Error(String(e))),
      );
    },
  };
}
