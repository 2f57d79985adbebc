import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, sql } from 'kysely';
import pg from 'pg';
import { refuseUnwantedStatements } from './cancel-on-abort.ts';
import type { Database } from './schema.ts';

/** How long a replica that failed is left alone before reads try it again. */
const REPLICA_RETRY_MS = 5000;
/** A replica that cannot be reached answers within this, so a read never hangs on it. */
const REPLICA_CONNECT_TIMEOUT_MS = 2000;
/** Sessions waiting for the replicas to catch up; past this, those already caught up are forgotten. */
const PENDING_PRUNE_AT = 10_000;

/**
 * Where reads go: the primary, or a PostgreSQL streaming replica (DATABASE_REPLICA_URLS).
 * A session that wrote reads from the primary until a replica has replayed past its write,
 * so it always sees its own writes; a replica that is down is skipped until it answers again.
 */
export interface ReadRouting {
  /** The database this session's next read uses: one replica, or the primary. */
  readerFor(session: string | null): Promise<Kysely<Database>>;
  /** After a write of this session has committed: its reads stay on the primary until a replica replays past it. */
  wrote(session: string | null): Promise<void>;
  close(): Promise<void>;
}

/** `0/16B3748` → a number that orders like the WAL position. */
export function parseLsn(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) | BigInt(`0x${lo}`);
}

const LOST_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/** The replica went away (shut down, crashed, unreachable), as opposed to a mistake in the query. */
export function isConnectionLost(e: unknown): boolean {
  const { code, message } = (e ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (LOST_CODES.has(code) || code.startsWith('08'))) return true;
  return (
    typeof message === 'string' &&
    /Connection terminated|not queryable|timeout exceeded when trying to connect/.test(message)
  );
}

interface Replica {
  url: string;
  pool: pg.Pool;
  db: Kysely<Database>;
  downUntil: number;
  /** the last replay position read from it; only ever grows */
  replayed: bigint;
}

/**
 * Reads over replicas, writes (and reads of sessions that just wrote) on the primary.
 * The session → LSN map is this process's: several app servers need sticky sessions for
 * read-your-writes (docs/scaling.md).
 */
export function replicaRouting(
  primary: pg.Pool,
  primaryDb: Kysely<Database>,
  urls: string[],
  maxConnections: number,
): ReadRouting {
  const pending = new Map<string, bigint>();
  let turn = 0;
  const up = (r: Replica) => r.downUntil <= Date.now();
  const markDown = (r: Replica, e: unknown) => {
    if (up(r))
      console.error(
        `只读副本不可用，读请求改走主库 / replica ${redact(r.url)} down, reads go to the primary: ${String((e as Error).message)}`,
      );
    r.downUntil = Date.now() + REPLICA_RETRY_MS;
  };
  const replicas: Replica[] = urls.map((url) => {
    const pool = new pg.Pool({
      connectionString: url,
      max: maxConnections,
      connectionTimeoutMillis: REPLICA_CONNECT_TIMEOUT_MS,
    });
    const replica: Replica = { url, pool, db: undefined as never, downUntil: 0, replayed: 0n };
    pool.on('error', (e) => markDown(replica, e));
    // a hung-up read starts no further statement here either; the one running on a replica runs out
    replica.db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: fallbackPool(replica, primary, markDown) }),
      plugins: [refuseUnwantedStatements],
    });
    return replica;
  });

  async function refreshReplayed(r: Replica): Promise<void> {
    try {
      // the replica's own pool: its fallback to the primary would answer null here
      const { rows } = await r.pool.query<{ lsn: string | null }>('select pg_last_wal_replay_lsn()::text as lsn');
      const lsn = rows[0]?.lsn;
      if (lsn && parseLsn(lsn) > r.replayed) r.replayed = parseLsn(lsn);
    } catch (e) {
      markDown(r, e);
    }
  }

  return {
    async readerFor(session) {
      const live = replicas.filter(up);
      if (live.length === 0) return primaryDb;
      const start = turn++ % live.length;
      const order = [...live.slice(start), ...live.slice(0, start)];
      const waitFor = session === null ? undefined : pending.get(session);
      if (waitFor === undefined) return order[0]!.db;
      for (const r of order) {
        if (r.replayed < waitFor) await refreshReplayed(r);
        if (up(r) && r.replayed >= waitFor) {
          if (replicas.every((x) => x.replayed >= waitFor)) pending.delete(session!);
          return r.db;
        }
      }
      return primaryDb;
    },
    async wrote(session) {
      if (session === null) return;
      // the insert position, not pg_current_wal_lsn(): with synchronous_commit off a commit has
      // returned before the WAL holding it is written, and the write position is still short of it
      const { rows } = await sql<{ lsn: string }>`select pg_current_wal_insert_lsn()::text as lsn`.execute(primaryDb);
      const lsn = parseLsn(rows[0]!.lsn);
      pending.set(session, lsn > (pending.get(session) ?? 0n) ? lsn : pending.get(session)!);
      if (pending.size > PENDING_PRUNE_AT) {
        const everywhere = replicas.reduce((min, r) => (r.replayed < min ? r.replayed : min), replicas[0]!.replayed);
        for (const [s, l] of pending) if (l <= everywhere) pending.delete(s);
      }
    },
    async close() {
      await Promise.all(replicas.map((r) => r.db.destroy()));
    },
  };
}

/** Passwords stay out of logs. */
function redact(url: string): string {
  const u = new URL(url);
  u.password = '';
  return u.toString();
}

/**
 * A replica's connections, standing in for the primary's when it is down. A statement that loses
 * its replica outside a transaction, or the statement beginning one, is run again on the primary (a
 * read, so safe to repeat) and the connection stays on the primary; inside a transaction the error
 * stands, as the snapshot is gone.
 */
function fallbackPool(replica: Replica, primary: pg.Pool, markDown: (r: Replica, e: unknown) => void): PostgresPool {
  return {
    async connect() {
      if (replica.downUntil > Date.now()) return primary.connect();
      let client: pg.PoolClient;
      try {
        client = await replica.pool.connect();
      } catch (e) {
        if (!isConnectionLost(e)) throw e;
        markDown(replica, e);
        return primary.connect();
      }
      return followPrimaryOnLoss(replica, client, primary, markDown);
    },
    end: () => replica.pool.end(),
    options: replica.pool.options,
  };
}

function followPrimaryOnLoss(
  replica: Replica,
  first: pg.PoolClient,
  primary: pg.Pool,
  markDown: (r: Replica, e: unknown) => void,
): PostgresPoolClient {
  let client = first;
  let inTransaction = false;
  const run = (text: string, params: readonly unknown[]) => client.query(text, [...params]);
  async function query(text: string, params: readonly unknown[]) {
    const word = text.trimStart().slice(0, 8).toLowerCase();
    // an answer's snapshot (a read-only transaction) that loses its replica at its first statement
    // has read nothing yet: it begins again on the primary
    const opening = word.startsWith('begin') || word.startsWith('start');
    if (opening) inTransaction = true;
    try {
      return await run(text, params);
    } catch (e) {
      if (!isConnectionLost(e) || client !== first) throw e;
      markDown(replica, e);
      first.release(e as Error);
      client = await primary.connect();
      if (inTransaction && !opening) throw e;
      return run(text, params);
    } finally {
      if (word.startsWith('commit') || word.startsWith('rollback')) inTransaction = false;
    }
  }
  return {
    // a cursor (Kysely's streaming) goes to the connection as it is; it is never retried
    query: ((textOrCursor: string | pg.Submittable, params: readonly unknown[]) =>
      typeof textOrCursor === 'string'
        ? query(textOrCursor, params)
        : client.query(textOrCursor)) as unknown as PostgresPoolClient['query'],
    release: () => client.release(),
  };
}
