/** Test support: the server over a database the test opened. */
import type { DbHandle } from '@bixue/db';
import type { FastifyInstance } from 'fastify';
import { buildServer, type ServerOptions } from './server.ts';

/** buildServer over `db`; closing the server leaves the database open, for the test that owns it to close. */
export function serverOver(
  db: DbHandle['db'],
  kind: DbHandle['kind'],
  options: Omit<ServerOptions, 'handle'> = {},
): Promise<FastifyInstance> {
  return buildServer({ ...options, handle: { db, kind, close: async () => {} } });
}
