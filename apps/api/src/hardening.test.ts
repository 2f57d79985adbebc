import { Writable } from 'node:stream';
import { describeEachDb } from '@bixue/db/testing';
import { upsertUnits } from '@bixue/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SERVER_LOGGER, SESSION_COOKIE } from './server.ts';
import { serverOver } from './server-for-tests.ts';
import { BOSS, bossSession } from './sessions-for-tests.ts';

/** Issue 12, findings 6 and 7: malformed input is a 400, answers are not cached, and the log tells what happened without secrets. */
describeEachDb('server hardening', 'catalog', (t) => {
  let app: FastifyInstance;
  const lines: string[] = [];
  let cookie = '';

  beforeAll(async () => {
    await upsertUnits(t.db(), [{ code: '880000', name: '样例省气象局', level: 'province', parent_code: null }]);
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    app = await serverOver(t.db(), t.kind, { logger: { ...SERVER_LOGGER, stream } });
    cookie = (await bossSession(app, t.db())).cookie;
  });
  afterAll(() => app.close());

  const get = (url: string) => app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: cookie } });

  it('answers NUL bytes and a malformed ?input= with 400, not 500', async () => {
    for (const url of [
      '/trpc/units.tree?input={bad',
      '/trpc/units.get?input=%7B%22code%22%3A%22%00%22%7D',
      '/trpc/users.list?input=%22%00%22',
      '/api/rollup?unit=99%00&indicator=seminar&window=2024',
    ]) {
      const res = await get(url);
      expect([url, res.statusCode]).toEqual([url, 400]);
    }
    const login = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'bo\u0000ss', password: 'x' },
    });
    expect([login.statusCode, login.json()]).toEqual([
      400,
      {
        error: '请求中含有空字符（NUL），已拒绝',
        errorEn: 'The request contains a NUL character and was refused',
        code: 'BAD_REQUEST',
      },
    ]);
  });

  it("says which field of a call is wrong, in Chinese, not the input check's JSON", async () => {
    const missing = await get(
      `/trpc/analytics.rollup?input=${encodeURIComponent(JSON.stringify({ unit: '880000', indicator: 'seminar' }))}`,
    );
    expect(missing.statusCode).toBe(400);
    const message = missing.json<{ error: { message: string } }>().error.message;
    expect(message).toMatch(/^window：/);
    expect(message).toMatch(/[\u4e00-\u9fff]/);
    expect(message).not.toMatch(/Invalid input|"code"|\[/);
    const face = await get('/api/rollup?unit=880000&indicator=seminar&window=abc');
    expect(face.statusCode).toBe(400);
    const error = face.json<{ error: string }>().error;
    expect(error).toMatch(/^window：/);
    expect(error).not.toMatch(/"code"|\[\s*\{/);
  });

  it('marks data and session answers no-store, and every answer with its request id', async () => {
    expect((await get('/trpc/units.tree')).headers['cache-control']).toBe('no-store');
    // an analytics answer is the viewer's only and revalidated every time (its ETag answers 304)
    expect((await get('/api/rollup?unit=880000&indicator=seminar&window=2024')).headers['cache-control']).toBe(
      'private, no-cache',
    );
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.headers['cache-control']).toBeUndefined();
    expect(String(health.headers['x-request-id'])).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs each request with its id and never a cookie or password', async () => {
    const res = await get('/trpc/units.tree');
    const id = String(res.headers['x-request-id']);
    const mine = lines.filter((l) => l.includes(id));
    expect(mine.length).toBeGreaterThanOrEqual(2); // incoming and completed
    const all = lines.join('\n');
    expect(all).not.toContain(cookie);
    expect(all).not.toContain(BOSS.password);
  });
});
