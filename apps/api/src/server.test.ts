import { gunzipSync } from 'node:zlib';
import { describeEachDb } from '@bixue/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SESSION_COOKIE } from './server.ts';
import { serverOver } from './server-for-tests.ts';

describeEachDb('HTTP server', 'demo', ({ db, kind }) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await serverOver(db(), kind);
  });
  afterAll(() => app.close());

  it('answers /healthz with the database kind', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, db: kind });
  });

  it('refuses data without a session and bad credentials with 401', async () => {
    expect((await app.inject({ method: 'GET', url: '/trpc/units.tree' })).statusCode).toBe(401);
    const bad = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'admin', password: 'wrong' },
    });
    expect(bad.statusCode).toBe(401);
  });

  it('logs in with an httpOnly cookie and serves the tree of the caller’s scope only', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'analyst', password: 'bixue-demo' },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const tree = await app.inject({
      method: 'GET',
      url: '/trpc/units.tree',
      cookies: { [SESSION_COOKIE]: cookie.value },
    });
    const roots = tree.json<{ result: { data: { code: string; children: { code: string }[] }[] } }>().result.data;
    // the analyst of 云川市 (990100) sees its city and its counties, nothing of the province
    expect(roots.map((r) => r.code)).toEqual(['990100']);
    expect(roots[0]!.children.every((c) => c.code.startsWith('9901'))).toBe(true);
    expect(roots[0]!.children.length).toBeGreaterThanOrEqual(5);

    const csrf = res.json<{ csrfToken: string }>().csrfToken;
    const out = await app.inject({
      method: 'POST',
      url: '/auth/logout',
      cookies: { [SESSION_COOKIE]: cookie.value },
      headers: { 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: '/trpc/units.tree', cookies: { [SESSION_COOKIE]: cookie.value } }))
        .statusCode,
    ).toBe(401);
  });

  it('gzips large answers for clients that accept it, and the body is the same JSON', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'admin', password: 'bixue-demo' },
    });
    const cookies = { [SESSION_COOKIE]: login.cookies.find((c) => c.name === SESSION_COOKIE)!.value };
    const url = `/trpc/analytics.heatmap?input=${encodeURIComponent(JSON.stringify({ window: '2026H1', group: 'level:county@990000', today: '2026-07-15' }))}`;
    const plain = await app.inject({ method: 'GET', url, cookies });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await app.inject({
      method: 'GET',
      url,
      cookies,
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 5);
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8'))).toEqual(plain.json());
  });
});
