import { writeFacts } from '@bixue/db';
import { describeEachDb, loadAnalyticsFixture } from '@bixue/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SESSION_COOKIE } from './server.ts';
import { serverOver } from './server-for-tests.ts';
import { fixtureSessions, type TestSession } from './sessions-for-tests.ts';

describeEachDb('HTTP /api analytics', 'catalog', ({ db, kind }) => {
  let app: FastifyInstance;
  let sessions: Record<string, TestSession>;
  beforeAll(async () => {
    await loadAnalyticsFixture(db());
    app = await serverOver(db(), kind);
    sessions = await fixtureSessions(app, db(), ['ana', 'rep']);
  });
  afterAll(() => app.close());

  const get = (url: string, who?: string) =>
    app.inject({ method: 'GET', url, cookies: who ? { [SESSION_COOKIE]: sessions[who]!.cookie } : {} });

  it('serves the CLI’s JSON within the caller’s scope', async () => {
    // 880101: 2024H1 2 + 2024H2 3 = 5
    const r = await get('/api/rollup?unit=880101&indicator=members_congress&window=2024', 'ana');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ value: 5, status: 'value', coverage: { months: 12, of: 12 } });
    const rank = await get('/api/ranking?indicator=party_lecture&window=2024&group=siblings:880100', 'ana');
    expect(rank.json()).toEqual([
      { unit: '880101', value: 5, rank: 1, change: 1 },
      { unit: '880102', value: 3, rank: 2, change: -1 },
      { unit: '880103', value: 3, rank: 2, change: 1 },
      { unit: '880104', value: 1, rank: 4, change: null },
    ]);
    // the reporter sees its own rank among its peers, nobody else's line
    expect((await get('/api/ranking?indicator=party_lecture&window=2024&group=siblings:880100', 'rep')).json()).toEqual(
      [{ unit: '880101', value: 5, rank: 1, change: 1 }],
    );
    // 2024: 5 against the county 2024 row 5 → 1, green
    const a = await get('/api/attainment?unit=880101&indicator=party_lecture&window=2024&today=2025-03-01', 'rep');
    expect(a.json()).toEqual({ actual: 5, target: 5, proratedTarget: 5, attainment: 1, status: 'green' });
  });

  it('names the data version and as-of month of every answer, and answers as of an earlier version', async () => {
    const url = '/api/rollup?unit=880101&indicator=members_congress&window=2024';
    const before = await get(url, 'ana');
    const v = Number(before.headers['x-bixue-data-version']);
    expect(Number.isInteger(v)).toBe(true);
    expect(before.headers['x-bixue-as-of']).toMatch(/^\d{4}-\d{2}$/);
    expect(before.headers['x-bixue-unapproved']).toBeUndefined();
    const write = (value: number) =>
      writeFacts(
        db(),
        [{ unitCode: '880101', indicatorCode: 'members_congress', period: '2024H1', value, status: 'value' }],
        { source: 'manual', user: 'test' },
      );
    // 2024H1 2 → 4: the year is 4 + 3 = 7 now, and still 5 as of the version before
    await write(4);
    const now = await get(url, 'ana');
    expect([now.headers['x-bixue-data-version'], now.json<{ value: number }>().value]).toEqual([String(v + 1), 7]);
    const then = await get(`${url}&version=${v}`, 'ana');
    expect([then.headers['x-bixue-data-version'], then.json()]).toEqual([
      String(v),
      { value: 5, status: 'value', coverage: { months: 12, of: 12 } },
    ]);
    const rank = await get(
      `/api/ranking?indicator=members_congress&window=2024&group=siblings:880100&version=${v}`,
      'ana',
    );
    expect(rank.headers['x-bixue-data-version']).toBe(String(v));
    expect((await get(`${url}&version=${v + 5}`, 'ana')).statusCode).toBe(400);
    await write(2);
  });

  it('answers 401 without a session, 403 outside the scope, 400 and 404 on bad input', async () => {
    expect((await get('/api/rollup?unit=880101&indicator=members_congress&window=2024')).statusCode).toBe(401);
    expect((await get('/api/rollup?unit=880301&indicator=members_congress&window=2024', 'ana')).statusCode).toBe(403);
    expect((await get('/api/rollup?unit=880102&indicator=members_congress&window=2024', 'rep')).statusCode).toBe(403);
    expect(
      (await get('/api/ranking?indicator=party_lecture&window=2024&group=level:county@880000', 'ana')).statusCode,
    ).toBe(403);
    const bad = await get('/api/rollup?unit=880101&indicator=members_congress&window=24H1', 'ana');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: string }>().error).toContain('window');
    expect((await get('/api/attainment?unit=880101&indicator=nope&window=2024', 'ana')).statusCode).toBe(404);
  });
});
