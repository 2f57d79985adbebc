import { AsyncLocalStorage } from 'node:async_hooks';
import type { KyselyPlugin, PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { snapshotBoundsOffPath } from './snapshot-bounds.ts';

/**
 * Work whose client went away is stopped (issue 12): a read runs inside `whileWanted(signal, …)`,
 * and once the signal aborts no further statement of it starts, on either database, and on
 * PostgreSQL the statement running is cancelled on the server (pg_cancel_backend), so a hung-up
 * heavy answer stops holding a connection and a core. PGlite runs a statement to its end (one
 * wasm thread), then refuses the next.
 */
const wanted = new AsyncLocalStorage<AbortSignal>();

export function whileWanted<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
  return wanted.run(signal, fn);
}

export class ClientGoneError extends Error {
  override name = 'ClientGoneError';
  constructor() {
    super('请求已取消：客户端已断开 / request cancelled: the client went away');
  }
}

function refuseWhenAborted(): void {
  if (wanted.getStore()?.aborted) throw new ClientGoneError();
}

/** Refuses a statement built after the caller's signal aborted (both databases). */
export const refuseUnwantedStatements: KyselyPlugin = {
  transformQuery(args) {
    refuseWhenAborted();
    return args.node;
  },
  transformResult(args) {
    return Promise.resolve(args.result);
  },
};

/**
 * The primary's pool as Kysely sees it: a connection lent inside `whileWanted` is cancelled on the
 * server when that signal aborts; every connection sends its read snapshots' BEGIN and COMMIT off
 * the answer's path (snapshot-bounds.ts). The cancel goes over a connection of its own, as a full pool is
 * exactly when a stuck statement must go.
 */
export function cancellablePool(pool: pg.Pool): PostgresPool {
  const cancel = async (pid: number) => {
    const c = new pg.Client(pool.options);
    try {
      await c.connect();
      await c.query('select pg_cancel_backend($1)', [pid]);
    } finally {
      await c.end().catch(() => {});
    }
  };
  return {
    async connect(): Promise<PostgresPoolClient> {
      const signal = wanted.getStore();
      refuseWhenAborted();
      const client = snapshotBoundsOffPath(await pool.connect());
      if (!signal) return client;
      const pid = client.processID;
      const onAbort = () => {
        if (pid !== undefined)
          cancel(pid).catch((e: unknown) => console.error(`cancel of backend ${pid} failed: ${String(e)}`));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      return {
        query: ((text: unknown, values?: unknown) => {
          // a transaction still ends: its rollback goes through
          if (!(typeof text === 'string' && /^\s*rollback/i.test(text))) refuseWhenAborted();
          return (client.query as (t: unknown, v?: unknown) => unknown)(text, values);
        }) as unknown as PostgresPoolClient['query'],
        release: () => {
          signal.removeEventListener('abort', onAbort);
          // a connection a cancel may still be on its way to is not lent to anyone else
          client.release(signal.aborted);
        },
      };
    },
    end: () => pool.end(),
    options: pool.options,
  };
}
