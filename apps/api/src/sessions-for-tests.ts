/** Test support: users logged in through the server as the web app logs in, for tests that call it over HTTP. */
import { createUser, type DbHandle } from '@bixue/db';
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from './server.ts';

export interface TestSession {
  cookie: string;
  /** what a mutation sends in CSRF_HEADER */
  csrf: string;
}

/** The analytics fixture's users (its province, 甲市 and 甲一县), each with the password `pw-<username>`. */
export const FIXTURE_USERS = {
  adm: { displayName: '样例省管理员', role: 'admin', scopeUnitCode: '880000' },
  ana: { displayName: '甲市分析员', role: 'analyst', scopeUnitCode: '880100' },
  rep: { displayName: '甲一县填报员', role: 'reporter', scopeUnitCode: '880101' },
} as const;

export type FixtureUser = keyof typeof FIXTURE_USERS;

/** POST /auth/login for each [username, password]: its session cookie and CSRF token, by username. */
export async function logIn(
  app: FastifyInstance,
  users: readonly (readonly [string, string])[],
): Promise<Record<string, TestSession>> {
  const sessions: Record<string, TestSession> = {};
  for (const [username, password] of users) {
    const res = await app.inject({ method: 'POST', url: '/auth/login', payload: { username, password } });
    sessions[username] = {
      cookie: res.cookies.find((c) => c.name === SESSION_COOKIE)!.value,
      csrf: res.json<{ csrfToken: string }>().csrfToken,
    };
  }
  return sessions;
}

/** Creates `usernames` of FIXTURE_USERS in `db` and logs them in to `app`. */
export async function fixtureSessions(
  app: FastifyInstance,
  db: DbHandle['db'],
  usernames: readonly FixtureUser[],
): Promise<Record<string, TestSession>> {
  for (const username of usernames)
    await createUser(db, { username, ...FIXTURE_USERS[username], password: `pw-${username}` });
  return logIn(
    app,
    usernames.map((u) => [u, `pw-${u}`] as const),
  );
}

/** The admin of the province 880000 that the tests of the server's limits sign in as. */
export const BOSS = {
  username: 'boss',
  displayName: '管理员',
  password: 'long-enough-secret-1',
  role: 'admin',
  scopeUnitCode: '880000',
} as const;

/** Creates BOSS in `db` (its province must be there) and logs it in to `app`. */
export async function bossSession(app: FastifyInstance, db: DbHandle['db']): Promise<TestSession> {
  await createUser(db, BOSS);
  const sessions = await logIn(app, [[BOSS.username, BOSS.password]]);
  return sessions[BOSS.username]!;
}
