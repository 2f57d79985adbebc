import { upsertUnits } from '@bixue/db';
import { describeEachDb } from '@bixue/db/testing';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CSRF_HEADER, SESSION_COOKIE } from './server.ts';
import { serverOver } from './server-for-tests.ts';
import { bossSession, type TestSession } from './sessions-for-tests.ts';

/** Previews nobody commits cannot fill the database: a person's 21st pending upload is refused with 409. */
describeEachDb('pending uploads over HTTP', 'catalog', ({ db, kind }) => {
  let app: FastifyInstance;
  let session: TestSession;
  const signed = (opts: InjectOptions): InjectOptions => ({
    ...opts,
    cookies: { [SESSION_COOKIE]: session.cookie },
    headers: { ...opts.headers, [CSRF_HEADER]: session.csrf },
  });
  const upload = (n: number) =>
    app.inject(
      signed({
        method: 'POST',
        url: `/upload/import?name=f${n}.csv`,
        payload: `unit_code,indicator,period,value\n880101,party_lecture,2025H1,${n}\n`,
        headers: { 'content-type': 'text/csv' },
      }),
    );

  beforeAll(async () => {
    await upsertUnits(db(), [
      { code: '880000', name: '样例省气象局', level: 'province', parent_code: null },
      { code: '880100', name: '甲市气象局', level: 'city', parent_code: '880000' },
      { code: '880101', name: '子县气象局', level: 'county', parent_code: '880100' },
    ]);
    app = await serverOver(db(), kind);
    session = await bossSession(app, db());
  });
  afterAll(() => app.close());

  it('answers the 21st upload with 409 pending_uploads_full; a discard makes room again', async () => {
    const ids: string[] = [];
    for (let n = 1; n <= 20; n++) {
      const res = await upload(n);
      expect(res.statusCode).toBe(200);
      ids.push(res.json<{ uploadId: string }>().uploadId);
    }
    const full = await upload(21);
    expect(full.statusCode).toBe(409);
    const body = full.json<{ code: string; error: string; pending: unknown; limits: unknown }>();
    // 20 files: a header of 33 bytes each, a row of 30 bytes (n = 1–9) or 31 (n = 10–20): 660 + 270 + 341
    expect([body.code, body.pending, body.limits]).toEqual([
      'pending_uploads_full',
      { count: 20, bytes: 1271 },
      { count: 20, bytes: 100 * 1024 * 1024 },
    ]);
    expect(body.error).toContain('待确认的上传已满');
    const discard = await app.inject(
      signed({ method: 'POST', url: '/trpc/data.importDiscard', payload: { uploadId: ids[0] } }),
    );
    expect(discard.statusCode).toBe(200);
    expect((await upload(21)).statusCode).toBe(200);
  });
});
