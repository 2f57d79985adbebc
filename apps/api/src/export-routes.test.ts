import { DEMO_PASSWORD } from '@bixue/db';
import { describeEachDb, TEST_AS_OF } from '@bixue/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SESSION_COOKIE } from './server.ts';
import { serverOver } from './server-for-tests.ts';
import { logIn, type TestSession } from './sessions-for-tests.ts';

const today = TEST_AS_OF.toISOString().slice(0, 10);

describeEachDb('HTTP /export', 'demo', ({ db, kind }) => {
  let app: FastifyInstance;
  let sessions: Record<string, TestSession>;
  beforeAll(async () => {
    app = await serverOver(db(), kind);
    sessions = await logIn(app, [
      ['admin', DEMO_PASSWORD],
      ['reporter', DEMO_PASSWORD],
    ]);
  });
  afterAll(() => app.close());

  const get = (url: string, who?: string) =>
    app.inject({ method: 'GET', url, cookies: who ? { [SESSION_COOKIE]: sessions[who]!.cookie } : {} });
  const q = (params: Record<string, string>) => new URLSearchParams({ window: '2026H1', today, ...params }).toString();

  it('hands the admin every format with its content type and the Chinese title as file name', async () => {
    const types = {
      csv: 'text/csv; charset=utf-8',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      svg: 'image/svg+xml; charset=utf-8',
      pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      png: 'image/png',
    };
    for (const [format, type] of Object.entries(types)) {
      const res = await get(
        `/export/ranking.${format}?${q({ group: 'level:county@990000', size: '1280x720' })}`,
        'admin',
      );
      expect(res.statusCode, format).toBe(200);
      expect(res.headers['content-type']).toBe(type);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="ranking.${format}"; filename*=UTF-8''${encodeURIComponent(`综合得分排名_2026年上半年_全省县局.${format}`)}`,
      );
      if (format === 'png')
        expect([res.rawPayload.readUInt32BE(16), res.rawPayload.readUInt32BE(20)]).toEqual([2560, 1440]);
    }
    const csv = await get(`/export/heatmap.csv?${q({ group: 'siblings:990100' })}`, 'admin');
    expect(csv.statusCode).toBe(200);
    expect(csv.body.startsWith('\uFEFF单位代码,单位,指标')).toBe(true);
  });

  it('401 without a session, 403 outside the scope, 400 naming the bad field', async () => {
    expect((await get(`/export/ranking.png?${q({ group: 'siblings:990100' })}`)).statusCode).toBe(401);
    const outside = await get(`/export/ranking.csv?${q({ group: 'siblings:990200' })}`, 'reporter');
    expect(outside.statusCode).toBe(403);
    expect(Object.keys(outside.json()).sort()).toEqual(['code', 'error', 'errorEn']);
    expect(
      (await get(`/export/trend.csv?${q({ unit: '990102', indicator: 'party_lecture' })}`, 'reporter')).statusCode,
    ).toBe(403);
    // the reporter's own unit in its city: allowed, its own line only
    const own = await get(`/export/ranking.csv?${q({ group: 'siblings:990100' })}`, 'reporter');
    expect(own.statusCode).toBe(200);
    // header, its own line, then an empty line and the source line the CSV ends with
    const lines = own.body.trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toBe('');
    expect(lines[3]).toContain('数据版本');

    for (const [url, field] of [
      [`/export/ranking.csv?${q({ group: 'siblings:990100', window: '2026-13' })}`, 'window'],
      [`/export/ranking.gif?${q({ group: 'siblings:990100' })}`, 'format'],
      [`/export/ranking.png?${q({ group: 'siblings:990100', size: '800x600' })}`, 'size'],
      [`/export/benchmark.csv?${q({})}`, 'unit'],
    ] as const) {
      const res = await get(url, 'admin');
      expect(res.statusCode, url).toBe(400);
      expect(res.json<{ error: string }>().error).toContain(field);
    }
  });
});
