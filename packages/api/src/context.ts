import type { Database, DbKind } from '@bixue/db';
import type { Role } from '@bixue/domain';
import type { Kysely } from 'kysely';
import type { ReferenceCache } from './reference.ts';

/** Who is calling, resolved on the server from the session; never taken from the client. */
export interface Principal {
  userId: number | null;
  username: string;
  role: Role;
  scopeUnitCode: string;
  /** materialised path of the scope unit: its subtree is every unit whose path starts with it */
  scopePath: string;
  provinceCode: string;
}

export interface ApiContext {
  db: Kysely<Database>;
  dbKind: DbKind;
  principal: Principal | null;
  /** the session's CSRF token (HTTP only), handed to the web app by session.me */
  csrfToken?: string | null;
  /**
   * The config part of the answer stamp read with the request (answer-stamp.ts) and the server's
   * copies of units and the catalog kept under such stamps (reference.ts). None: read them.
   */
  reference?: { stamp: string; kept: ReferenceCache } | null;
  /**
   * One HTTP request's turn at the server (trpc.ts): the calls of a tRPC batch share it and run one
   * after another, so a batch is one client's work at a time, not a pool's worth. None: no queue.
   */
  turn?: Turn | null;
}

export type Turn = <T>(call: () => Promise<T>) => Promise<T>;

/** A queue for one request's calls: each starts when the one before it has settled. */
export function newTurn(): Turn {
  let last: Promise<unknown> = Promise.resolve();
  return (call) => {
    const run = last.then(call);
    last = run.catch(() => undefined);
    return run;
  };
}

/** The command line runs as the machine's operator: admin of every province in the database. */
export const OPERATOR: Principal = {
  userId: null,
  username: 'cli',
  role: 'admin',
  scopeUnitCode: '*',
  scopePath: '',
  provinceCode: '*',
};
