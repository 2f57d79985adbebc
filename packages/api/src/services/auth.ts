import { createHash, randomBytes } from 'node:crypto';
import { answerStampSql, hashPassword, prepared, verifyPassword } from '@bixue/db';
import { SaidError } from '@bixue/domain';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '@bixue/db';
import type { Principal } from '../context.ts';

/**
 * Sessions slide: each use pushes the expiry to SESSION_IDLE_MS from now, but never past
 * SESSION_MAX_MS after login — a forgotten office PC signs out after two idle hours, and a
 * stolen cookie dies within a working day whatever happens.
 */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;
/** expiry is written back at most this often, not on every request */
const SLIDE_STEP_MS = 60 * 1000;

/** Brute force: this many failures in the window lock the user name (or the client address). */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_USER = 5;
export const MAX_FAILURES_PER_IP = 20;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class TooManyAttemptsError extends SaidError {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super({
      zh: `登录失败次数过多，请 ${minutes} 分钟后再试`,
      en: `Too many failed sign-ins: try again in ${minutes} minute${minutes > 1 ? 's' : ''}`,
    });
    this.name = 'TooManyAttemptsError';
  }
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  principal: Principal;
}

export interface LoginOptions {
  /** the client's address, for the per-address limit */
  ip?: string | null;
  now?: Date;
}

// unknown user names cost the same argon2 verification as known ones, so timing tells nothing
let dummyHash: Promise<string> | undefined;

/**
 * Null on bad credentials; throws TooManyAttemptsError while the user name or address is locked.
 * The attempt is recorded (still without outcome) before it is counted and before the password is
 * checked, so of a burst of parallel guesses each sees at least the ones recorded before it, and at
 * most MAX_FAILURES_PER_USER of them reach the password check.
 */
export async function login(
  db: Kysely<Database>,
  username: string,
  password: string,
  { ip = null, now = new Date() }: LoginOptions = {},
): Promise<LoginResult | null> {
  const attempt = await db
    .insertInto('login_attempts')
    .values({ username, succeeded: null, ip, attempted_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const outcome = (succeeded: boolean) =>
    db.updateTable('login_attempts').set({ succeeded }).where('id', '=', attempt.id).execute();
  try {
    await assertNotLocked(db, username, ip, now);
  } catch (e) {
    // refused unchecked: it stays a failure, so a burst cannot wear the lock down
    await outcome(false);
    throw e;
  }
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const verified = await verifyPassword(
    user?.password_hash ?? (await (dummyHash ??= hashPassword(randomBytes(16).toString('hex')))),
    password,
  );
  const ok = Boolean(user && !user.disabled && verified);
  await outcome(ok);
  if (!user || !ok) return null;
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now,
      expires_at: expiresAt,
    })
    .execute();
  const principal = await principalFor(db, user.id);
  return principal ? { token, csrfToken, expiresAt, principal } : null;
}

/**
 * Counts every attempt in the window that did not succeed, those still being checked included
 * (the caller's own among them): more than the limit is locked.
 */
async function assertNotLocked(db: Kysely<Database>, username: string, ip: string | null, now: Date): Promise<void> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const byUser = await db
    .selectFrom('login_attempts')
    .select(['attempted_at', 'succeeded'])
    .where('username', '=', username)
    .where('attempted_at', '>', since)
    .orderBy('attempted_at')
    .orderBy('id')
    .execute();
  // a successful login clears the count
  const lastSuccess = byUser.findLastIndex((a) => a.succeeded === true);
  const userFailures = byUser.slice(lastSuccess + 1).map((a) => a.attempted_at);
  const byIp = ip
    ? await db
        .selectFrom('login_attempts')
        .select('attempted_at')
        .where('ip', '=', ip)
        .where((eb) => eb.or([eb('succeeded', '=', false), eb('succeeded', 'is', null)]))
        .where('attempted_at', '>', since)
        .orderBy('attempted_at')
        .execute()
    : [];
  const ipFailures = byIp.map((a) => a.attempted_at);
  // locked until the oldest of the last N failures leaves the window
  const until = [
    userFailures.length > MAX_FAILURES_PER_USER
      ? userFailures[userFailures.length - MAX_FAILURES_PER_USER - 1]
      : undefined,
    ipFailures.length > MAX_FAILURES_PER_IP ? ipFailures[ipFailures.length - MAX_FAILURES_PER_IP - 1] : undefined,
  ]
    .filter((d): d is Date => d !== undefined)
    .map((d) => d.getTime() + LOGIN_WINDOW_MS);
  if (until.length) throw new TooManyAttemptsError(Math.max(1, Math.ceil((Math.max(...until) - now.getTime()) / 1000)));
}

/** An admin lets a locked user name try again at once: its failures in the window are forgotten. */
export async function unlockLogin(db: Kysely<Database>, username: string, now = new Date()): Promise<number> {
  const rows = await db
    .deleteFrom('login_attempts')
    .where('username', '=', username)
    .where('attempted_at', '>', new Date(now.getTime() - LOGIN_WINDOW_MS))
    .where((eb) => eb.or([eb('succeeded', '=', false), eb('succeeded', 'is', null)]))
    .executeTakeFirst();
  return Number(rows.numDeletedRows);
}

export async function logout(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

export interface Session {
  principal: Principal;
  csrfToken: string;
  expiresAt: Date;
}

/** Who a session's user is: their scope unit's code, path and province come with them. */
const PRINCIPAL_COLUMNS = [
  'users.id',
  'users.username',
  'users.role',
  'users.disabled',
  'units.code',
  'units.path',
  'units.province_code',
] as const;

/**
 * The live session of a cookie token, its expiry slid forward; null when unknown, expired or the
 * user is disabled. `withAnswerStamp`: the answer stamp (answer-stamp.ts) read in the same round
 * trip, for a cacheable read that would otherwise ask for it next.
 */
export async function resolveSession(
  db: Kysely<Database>,
  token: string | undefined,
  now = new Date(),
  { withAnswerStamp = false }: { withAnswerStamp?: boolean } = {},
): Promise<(Session & { answerStamp: string | null }) | null> {
  if (!token || token.length > 100) return null;
  const tokenHash = hashToken(token);
  const stamp: RawBuilder<string | null> = withAnswerStamp ? answerStampSql : sql`null::text`;
  // the session and its user in one round trip: every request of a signed-in user starts here
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('units', 'units.code', 'users.scope_unit_code')
    .select(['sessions.csrf_token', 'sessions.created_at', 'sessions.expires_at', ...PRINCIPAL_COLUMNS])
    .select(stamp.as('answer_stamp'))
    .where('sessions.token_hash', '=', tokenHash)
    // every request of a signed-in user sends it: kept planned on each connection
    .modifyEnd(prepared)
    .executeTakeFirst();
  if (!row) return null;
  if (row.expires_at.getTime() <= now.getTime()) {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    return null;
  }
  const principal = principalOf(row);
  if (!principal) return null;
  let expiresAt = row.expires_at;
  const slid = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, row.created_at.getTime() + SESSION_MAX_MS));
  if (slid.getTime() - expiresAt.getTime() >= SLIDE_STEP_MS) {
    await db.updateTable('sessions').set({ expires_at: slid }).where('token_hash', '=', tokenHash).execute();
    expiresAt = slid;
  }
  return { principal, csrfToken: row.csrf_token, expiresAt, answerStamp: row.answer_stamp };
}

async function principalFor(db: Kysely<Database>, userId: number): Promise<Principal | null> {
  const row = await db
    .selectFrom('users')
    .innerJoin('units', 'units.code', 'users.scope_unit_code')
    .select(PRINCIPAL_COLUMNS)
    .where('users.id', '=', userId)
    .executeTakeFirst();
  return row ? principalOf(row) : null;
}

/** A disabled user has no principal: their sessions stop working at once. */
function principalOf(row: {
  id: number;
  username: string;
  role: Principal['role'];
  disabled: boolean;
  code: string;
  path: string;
  province_code: string;
}): Principal | null {
  if (row.disabled) return null;
  return {
    userId: row.id,
    username: row.username,
    role: row.role,
    scopeUnitCode: row.code,
    scopePath: row.path,
    provinceCode: row.province_code,
  };
}
