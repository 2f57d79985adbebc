import { createHash, randomBytes } from 'node:crypto';
import { verifyPassword } from '@bixue/db';
import type { Kysely } from 'kysely';
import type { Database } from '@bixue/db';
import type { Principal } from '../context.ts';

export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  principal: Principal;
}

export async function login(db: Kysely<Database>, username: string, password: string): Promise<LoginResult | null> {
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const ok = user && !user.disabled && (await verifyPassword(user.password_hash, password));
  await db.insertInto('login_attempts').values({ username, succeeded: Boolean(ok) }).execute();
  if (!user || !ok) return null;
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db
    .insertInto('sessions')
    .values({ token_hash: hashToken(token), user_id: user.id, csrf_token: csrfToken, expires_at: expiresAt })
    .execute();
  const principal = await principalFor(db, user.id);
  return principal ? { token, csrfToken, expiresAt, principal } : null;
}

export async function logout(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

export interface Session {
  principal: Principal;
  csrfToken: string;
}

export async function resolveSession(db: Kysely<Database>, token: string | undefined): Promise<Session | null> {
  if (!token) return null;
  const row = await db
    .selectFrom('sessions')
    .select(['user_id', 'csrf_token', 'expires_at'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.expires_at.getTime() <= Date.now()) return null;
  const principal = await principalFor(db, row.user_id);
  return principal ? { principal, csrfToken: row.csrf_token } : null;
}

async function principalFor(db: Kysely<Database>, userId: number): Promise<Principal | null> {
  const row = await db
    .selectFrom('users')
    .innerJoin('units', 'units.code', 'users.scope_unit_code')
    .select(['users.id', 'users.username', 'users.role', 'users.disabled', 'units.code', 'units.path', 'units.province_code'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row || row.disabled) return null;
  return {
    userId: row.id,
    username: row.username,
    role: row.role,
    scopeUnitCode: row.code,
    scopePath: row.path,
    provinceCode: row.province_code,
  };
}
