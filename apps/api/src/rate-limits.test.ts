import { createUser, upsertUnits } from '@bixue/db';
import { describeEachDb } from '@bixue/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from './rate-limits.ts';
import { SESSION_COOKIE } from './server.ts';
import { serverOver } from './server-for-tests.ts';

const PASSWORD = 'long-enough-secret-1';

/** Issue 12: rate limits in front of the login lockout, and a generous one for everything else. */
describeEachDb('rate limits', 'catalog', (t) => {
  let app: FastifyInstance;
  let tight: FastifyInstance;

  beforeAll(async () => {
    await upsertUnits(t.db(), [
      { code: '880000', name: '样例省气象局', level: 'province', parent_code: null },
      { code: '880100', name: '甲市气象局', level: 'city', parent_code: '880000' },
    ]);
    for (const username of ['boss', 'clerk'])
      await createUser(t.db(), {
        username,
        displayName: username,
        password: PASSWORD,
        role: 'admin',
        scopeUnitCode: '880000',
      });
    app = await serverOver(t.db(), t.kind);
    // a per-address limit small enough to reach in a test; the login limits as shipped
    tight = await serverOver(t.db(), t.kind, { rateLimits: { ...DEFAULT_RATE_LIMITS, perAddress: 5 } });
  });
  afterAll(async () => {
    await app.close();
    await tight.close();
  });

  const signIn = (username: string, password: string, remoteAddress: string) =>
    app.inject({ method: 'POST', url: '/auth/login', payload: { username, password }, remoteAddress });

  it('refuses a parallel burst of sign-ins for one name beyond the limit, before any is recorded', async () => {
    const burst = await Promise.all(Array.from({ length: 30 }, () => signIn('boss', 'wrong-guess', '10.9.0.1')));
    const limited = burst.filter((r) => r.json<{ code?: string }>().code === 'RATE_LIMITED');
    // 10 a minute for one name from one address: 20 of the 30 never reach the lockout
    expect(limited).toHaveLength(30 - DEFAULT_RATE_LIMITS.loginPerUser);
    const first = limited[0]!;
    expect(first.statusCode).toBe(429);
    const retry = Number(first.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(first.json()).toEqual({
      error: `请求过于频繁，请 ${retry} 秒后再试`,
      errorEn: `Too many requests: try again in ${retry} s`,
      code: 'RATE_LIMITED',
      retryAfterSeconds: retry,
    });
    // the other 10 were the lockout's to judge: each left its row, the refused ones none
    const rows = await t.db().selectFrom('login_attempts').select('id').where('username', '=', 'boss').execute();
    expect(rows).toHaveLength(DEFAULT_RATE_LIMITS.loginPerUser);
    // the same name in other letters is the same account to guess at
    const upper = await signIn('BOSS', 'wrong-guess', '10.9.0.1');
    expect(upper.json<{ code?: string }>().code).toBe('RATE_LIMITED');
  });

  it('leaves other names at the same address, and other addresses, signing in as usual', async () => {
    expect((await signIn('clerk', PASSWORD, '10.9.0.1')).statusCode).toBe(200);
    expect((await signIn('clerk', PASSWORD, '10.9.0.2')).statusCode).toBe(200);
  });

  it('refuses a burst spraying names from one address beyond its own limit', async () => {
    const names = Array.from({ length: DEFAULT_RATE_LIMITS.loginPerAddress + 5 }, (_, i) => `nobody${i}`);
    const codes = [];
    // one after another: the limit counts attempts, parallel or not
    for (const n of names) codes.push((await signIn(n, 'wrong-guess', '10.9.2.1')).json<{ code?: string }>().code);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(5);
    expect(codes.slice(0, DEFAULT_RATE_LIMITS.loginPerAddress)).not.toContain('RATE_LIMITED');
  });

  it('lets ordinary use through: a signed-in user making 200 calls in a row from one address', async () => {
    const res = await signIn('clerk', PASSWORD, '10.9.3.1');
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    const codes = new Set<number>();
    for (let i = 0; i < 200; i++)
      codes.add(
        (
          await app.inject({
            method: 'GET',
            url: '/trpc/session.me',
            cookies: { [SESSION_COOKIE]: cookie },
            remoteAddress: '10.9.3.1',
          })
        ).statusCode,
      );
    expect([...codes]).toEqual([200]);
  });

  it('limits every request per address, answers 429 in words, and leaves other addresses and /healthz alone', async () => {
    const get = (url: string, remoteAddress: string) => tight.inject({ method: 'GET', url, remoteAddress });
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await get('/trpc/session.me', '10.9.4.1')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const refused = await get('/api/unit?code=880000', '10.9.4.1');
    expect(refused.statusCode).toBe(429);
    const body = refused.json<{ error: string; errorEn: string; code: string; retryAfterSeconds: number }>();
    const seconds = body.retryAfterSeconds;
    expect(seconds).toBe(Number(refused.headers['retry-after']));
    expect(body).toMatchObject({
      error: `请求过于频繁，请 ${seconds} 秒后再试`,
      errorEn: `Too many requests: try again in ${seconds} s`,
      code: 'RATE_LIMITED',
    });
    expect(refused.headers['cache-control']).toBe('no-store');
    expect((await get('/healthz', '10.9.4.1')).statusCode).toBe(200);
    expect((await get('/trpc/session.me', '10.9.4.2')).statusCode).toBe(200);
  });
});
