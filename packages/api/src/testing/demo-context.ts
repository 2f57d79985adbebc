import { type Database, DEMO_PASSWORD, type DbKind } from '@bixue/db';
import type { Kysely } from 'kysely';
import type { ApiContext } from '../context.ts';
import { login } from '../services/auth.ts';

/** The context of a demo user (admin, leader, analyst, reporter) signed in the way the server signs them in. */
export async function demoContext(db: Kysely<Database>, dbKind: DbKind, username: string): Promise<ApiContext> {
  const session = await login(db, username, DEMO_PASSWORD);
  if (!session) throw new Error(`demo user ${username} could not sign in: is the demo province loaded?`);
  return { db, dbKind, principal: session.principal };
}
