import type { AddressInfo } from 'node:net';
import { createCaller } from '@bixue/api';
import { demoContext } from '@bixue/api/testing';
import { DEMO_PASSWORD } from '@bixue/db';
import { describeEachDb } from '@bixue/db/testing';
import { pngRenderCounts } from '@bixue/export';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SESSION_COOKIE } from './server.ts';
import { serverOver } from './server-for-tests.ts';
import { logIn } from './sessions-for-tests.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Issue 12, finding 4: a download whose client went away stops being drawn. */
describeEachDb('exports abandoned by their client', 'demo', ({ db, kind }) => {
  let app: FastifyInstance;
  let base = '';
  let cookie = '';

  beforeAll(async () => {
    app = await serverOver(db(), kind);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const { admin } = await logIn(app, [['admin', DEMO_PASSWORD]]);
    cookie = `${SESSION_COOKIE}=${admin!.cookie}`;
    // eight charts: a zip of their slides as PNGs is seconds of the PNG workers' time
    const basket = createCaller(await demoContext(db(), kind, 'admin')).basket;
    for (const indicator of [
      'composite',
      'party_lecture',
      'branch_committee',
      'members_congress',
      'org_life_meeting',
      'training_hours',
      'theme_party_day',
      'collective_study',
    ])
      await basket.add({ chart: 'ranking', indicator, window: '2026H1', group: 'siblings:990100' });
  });
  afterAll(() => app.close());

  // a briefing is never replayed from the answer cache (its viewer's basket): every download is drawn
  const brief = (lang: 'zh' | 'en', signal?: AbortSignal) =>
    fetch(`${base}/export/brief.zip?lang=${lang}`, { headers: { cookie }, ...(signal ? { signal } : {}) });

  it('leaves the images of an abandoned briefing undrawn', { timeout: 300_000 }, async () => {
    const before = pngRenderCounts().rendered;
    const started = performance.now();
    const whole = await brief('zh');
    expect(whole.status).toBe(200);
    await whole.arrayBuffer();
    const wholeMs = performance.now() - started;
    const slides = pngRenderCounts().rendered - before;
    expect(slides).toBeGreaterThanOrEqual(8);

    const at = pngRenderCounts();
    const gone = new AbortController();
    const abandoned = brief('en', gone.signal).catch((e: unknown) => e);
    // hang up once the first image is drawn: the others are queued or not yet asked for
    while (pngRenderCounts().rendered === at.rendered) await sleep(5);
    gone.abort();
    expect(((await abandoned) as Error).name).toBe('AbortError');
    // as long as the whole briefing took: had it gone on, it would have finished by now
    await sleep(wholeMs);
    const drawn = pngRenderCounts().rendered - at.rendered;
    // the first image, and at most those the workers had begun when the client went away
    expect(drawn).toBeLessThan(slides / 2);
    expect(drawn).toBeGreaterThanOrEqual(1);
  });
});
