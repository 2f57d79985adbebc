import { createUser, upsertUnits, writeFacts } from '@bixue/db';
import { describeEachDb, loadAnalyticsFixture } from '@bixue/db/testing';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { acceptsGzip, answerCache, answerClock, gzippedFor, isCacheableRead } from './response-cache.ts';
import { CSRF_HEADER, SESSION_COOKIE } from './server.ts';
import { serverOver } from './server-for-tests.ts';
import { FIXTURE_USERS, fixtureSessions, logIn, type TestSession } from './sessions-for-tests.ts';

describe('cacheable reads', () => {
  it('are the /api and /export faces and tRPC batches of analytics queries only', () => {
    expect(isCacheableRead('/api/ranking?indicator=x')).toBe(true);
    expect(isCacheableRead('/export/ranking.png?window=2024')).toBe(true);
    expect(isCacheableRead('/trpc/analytics.ranking,analytics.trend?batch=1&input=%7B%7D')).toBe(true);
    expect(isCacheableRead('/trpc/analytics.ranking,session.me?batch=1')).toBe(false);
    expect(isCacheableRead('/trpc/data.entryForm?input=%7B%7D')).toBe(false);
    // a briefing is its caller's basket: never kept
    expect(isCacheableRead('/export/brief.pptx?lang=zh')).toBe(false);
    expect(isCacheableRead('/export/brief.zip')).toBe(false);
  });

  it('are kept for the day they were judged on (in China), and a file for the minute its source line names', () => {
    // 23:59:59 on 28 February in Beijing, then midnight
    const late = new Date('2025-02-28T15:59:59Z');
    expect(answerClock('/api/rollup?window=2025', late)).toBe('2025-02-28');
    expect(answerClock('/trpc/analytics.ranking?input=%7B%7D', new Date('2025-02-28T16:00:00Z'))).toBe('2025-03-01');
    // at 23:59 UTC it is already the morning of 1 March there
    expect(answerClock('/api/rollup?window=2025', new Date('2025-02-28T23:59:00Z'))).toBe('2025-03-01');
    expect(answerClock('/export/ranking.png?window=2025', late)).toBe('2025-02-28T15:59');
  });

  it('compress a large answer off the event loop, once for the viewers who ask at the same moment', async () => {
    // ≈ 8 MB of a heatmap's JSON: tens of ms in zlib, all of it on the event loop when it was gzipSync
    const cell = '["110101",3,12.5,"value",7,"import",null],';
    const answer = { body: `[${cell.repeat(200_000)}null]`, headers: { 'content-type': 'application/json' } };
    const viewer = { headers: { 'accept-encoding': 'gzip' } };
    let turned = false;
    const first = gzippedFor(viewer, answer).then((zipped) => ({ zipped, turned }));
    const second = gzippedFor(viewer, answer);
    setImmediate(() => {
      turned = true;
    });
    const { zipped, turned: turnedBefore } = await first;
    // the event loop turned while zlib worked: other requests were served meanwhile
    expect(turnedBefore).toBe(true);
    expect(await second).toBe(zipped);
    expect(gunzipSync(zipped!).toString()).toBe(answer.body);
    expect(await gzippedFor(viewer, answer)).toBe(zipped);
    expect(await gzippedFor({ headers: {} }, answer)).toBeNull();
  });

  it('go gzipped to clients that take gzip', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8, *;q=0.1')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('br, identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
    // as @fastify/compress chooses: deflate preferred is deflate, x-gzip is gzip
    expect(acceptsGzip('deflate, gzip;q=0.5')).toBe(false);
    expect(acceptsGzip('x-gzip')).toBe(true);
  });

  it('are kept within a bound of answers and of bytes, least recently used first out', () => {
    const cache = answerCache({ maxEntries: 3, maxBytes: 10 });
    const answer = (body: string) => ({ body, headers: {} });
    for (const k of ['a', 'b', 'c', 'd']) cache.set(k, answer('xx'));
    // four answers of 2 bytes: the fourth pushes out the first
    expect([...cache.keys()].sort()).toEqual(['b', 'c', 'd']);
    cache.get('b');
    // 8 bytes more: 2 + 8 = 10 fits only with the one just read, the others go
    cache.set('e', answer('12345678'));
    expect([...cache.keys()].sort()).toEqual(['b', 'e']);
    expect(cache.calculatedSize).toBe(10);
    // an answer larger than the whole bound is not kept at all
    cache.set('f', answer('x'.repeat(11)));
    expect(cache.has('f')).toBe(false);
  });
});

describeEachDb('answers cached by data version, query and viewer', 'catalog', (ctx) => {
  const db = () => ctx.db();
  let app: FastifyInstance;
  let sessions: Record<string, TestSession>;
  beforeAll(async () => {
    await loadAnalyticsFixture(db());
    app = await serverOver(db(), ctx.kind);
    sessions = await fixtureSessions(app, db(), ['adm', 'ana']);
  });
  afterAll(() => app.close());

  const get = (url: string, who: string, etag?: string) =>
    app.inject({
      method: 'GET',
      url,
      cookies: { [SESSION_COOKIE]: sessions[who]!.cookie },
      headers: etag ? { 'if-none-match': etag } : {},
    });
  const mutate = (path: string, input: unknown, who: string) =>
    app.inject({
      method: 'POST',
      url: `/trpc/${path}`,
      payload: input as object,
      cookies: { [SESSION_COOKIE]: sessions[who]!.cookie },
      headers: { [CSRF_HEADER]: sessions[who]!.csrf },
    });
  const ROLLUP = '/api/rollup?unit=880101&indicator=members_congress&window=2024';

  it('answers 304 to the same question while nothing changed, and per viewer', async () => {
    const first = await get(ROLLUP, 'ana');
    expect(first.json<{ value: number }>().value).toBe(5);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await get(ROLLUP, 'ana', etag);
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // the same URL for another viewer is another answer
    const admin = await get(ROLLUP, 'adm');
    expect(admin.headers.etag).not.toBe(etag);
    expect((await get(ROLLUP, 'adm', etag)).statusCode).toBe(200);
  });

  it('keeps tRPC analytics answers too, for the next viewer of the same scope', async () => {
    const input = { unit: '880101', indicator: 'members_congress', window: '2024' };
    const url = `/trpc/analytics.rollup?input=${encodeURIComponent(JSON.stringify(input))}`;
    const first = await get(url, 'ana');
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    // 2024H1 2 + 2024H2 3 (the fixture)
    expect(first.json<{ result: { data: { value: number } } }>().result.data.value).toBe(5);
    expect(app.answerCache.has(etag)).toBe(true);
    const second = await get(url, 'ana');
    expect([second.statusCode, second.headers['content-type'], second.body]).toEqual([
      200,
      first.headers['content-type'],
      first.body,
    ]);
    // a refusal is not kept: nothing to replay for the next viewer
    const refused = await get(
      `/trpc/analytics.rollup?input=${encodeURIComponent(JSON.stringify({ ...input, unit: '889999' }))}`,
      'ana',
    );
    expect(refused.statusCode).not.toBe(200);
    expect(app.answerCache.has(refused.headers.etag as string)).toBe(false);
  });

  it('compresses a kept answer once, for every viewer that takes gzip, and sends it plain to the others', async () => {
    const url = `/trpc/analytics.ranking?input=${encodeURIComponent(
      JSON.stringify({ indicator: 'members_congress', window: '2024', group: 'siblings:880100', today: '2025-03-02' }),
    )}`;
    const zipped = (who: string) =>
      app.inject({
        method: 'GET',
        url,
        cookies: { [SESSION_COOKIE]: sessions[who]!.cookie },
        headers: { 'accept-encoding': 'gzip, deflate, br' },
      });
    const first = await zipped('ana');
    const plain = await get(url, 'ana');
    const again = await zipped('ana');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    for (const r of [first, again]) {
      expect([r.statusCode, r.headers['content-encoding'], r.headers.vary]).toEqual([200, 'gzip', 'accept-encoding']);
      // once, not gzip of gzip
      expect(gunzipSync(r.rawPayload).toString()).toBe(plain.body);
      expect(Number(r.headers['content-length'])).toBe(r.rawPayload.length);
    }
    const kept = app.answerCache.get(first.headers.etag as string)!;
    expect(kept.gzip?.equals(again.rawPayload)).toBe(true);
  });

  it('never answers from before a write: facts written elsewhere, then at once read back', async () => {
    expect((await get(ROLLUP, 'ana')).json<{ value: number }>().value).toBe(5);
    // another process (the CLI, an import) writes straight to the database
    await writeFacts(
      db(),
      [{ unitCode: '880101', indicatorCode: 'members_congress', period: '2024H2', value: 7, status: 'value' }],
      { source: 'manual', user: 'other' },
    );
    const after = await get(ROLLUP, 'ana');
    // 2024H1 2 + 2024H2 7
    expect(after.json<{ value: number }>().value).toBe(9);
    // and a write through the app, read back by the same client
    const saved = await mutate(
      'data.saveEntry',
      {
        unitCode: '880101',
        period: '2024H2',
        changes: [{ indicatorCode: 'members_congress', value: 1, status: 'value', expectedVersion: 2 }],
      },
      'adm',
    );
    expect(saved.statusCode).toBe(200);
    expect((await get(ROLLUP, 'ana', after.headers.etag as string)).json<{ value: number }>().value).toBe(3);
  });

  it('a reader after a write never gets the answer a reader before it is still computing', async () => {
    // a server whose analytics statement, once it has read its rows, holds them back a while: the
    // first reader has read the facts as they were and is still computing when the write commits
    // and the second reader asks
    let matrixRead: () => void = () => {};
    const held = new Set<unknown>();
    const slowDb = db().withPlugin({
      transformQuery: (args) => {
        const node = args.node as { kind: string; sqlFragments?: readonly string[] };
        if (node.kind === 'RawNode' && node.sqlFragments?.[0]?.trimStart().startsWith('with win as'))
          held.add(args.queryId);
        return args.node;
      },
      transformResult: async (args) => {
        if (held.delete(args.queryId)) {
          matrixRead();
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return args.result;
      },
    });
    const slow = await serverOver(slowDb, ctx.kind);
    // a question nobody asked before in each round (another day), asked again after the write
    const read = async (day: number) => {
      const url = `/trpc/analytics.ranking?input=${encodeURIComponent(
        JSON.stringify({
          indicator: 'members_congress',
          window: '2024',
          group: 'siblings:880100',
          today: `2025-03-${10 + day}`,
        }),
      )}`;
      const res = await slow.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: sessions.ana!.cookie } });
      return res
        .json<{ result: { data: { entries: { unit: string; value: number }[] } } }>()
        .result.data.entries.find((e) => e.unit === '880101')?.value;
    };
    try {
      let was = await read(0);
      for (let i = 1; i <= 5; i++) {
        const readIt = new Promise<void>((resolve) => {
          matrixRead = resolve;
        });
        const before = read(i);
        await Promise.race([
          readIt,
          new Promise((_, fail) => setTimeout(() => fail(new Error('the ranking read no matrix')), 5000)),
        ]);
        await writeFacts(
          db(),
          [
            { unitCode: '880101', indicatorCode: 'members_congress', period: '2024H1', value: i, status: 'value' },
            { unitCode: '880101', indicatorCode: 'members_congress', period: '2024H2', value: i + 1, status: 'value' },
          ],
          { source: 'manual', user: 'other' },
        );
        const after = read(i);
        // the first reader answers what it read: the facts before the write
        expect(await before).toBe(was);
        expect(await after).toBe(2 * i + 1);
        was = 2 * i + 1;
      }
    } finally {
      await slow.close();
    }
  });

  it("a unit renamed outside the app (the command line's units import) is named so in the next answer", async () => {
    const url = `/trpc/analytics.ranking?input=${encodeURIComponent(
      JSON.stringify({ indicator: 'members_congress', window: '2024', group: 'siblings:880100', today: '2025-03-01' }),
    )}`;
    const nameOf = async () =>
      (await get(url, 'ana'))
        .json<{ result: { data: { entries: { unit: string; name: string }[] } } }>()
        .result.data.entries.find((e) => e.unit === '880102')?.name;
    expect(await nameOf()).toBe('甲二县气象局');
    await upsertUnits(db(), [{ code: '880102', name: '甲二县气象局（新）', level: 'county', parent_code: '880100' }]);
    expect(await nameOf()).toBe('甲二县气象局（新）');
  });

  it('a question without today is judged on the day it is asked in China: past its midnight into March, as of February', async () => {
    const url = '/api/rollup?unit=880101&indicator=members_congress&window=2025';
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      // 23:59 on 28 February in Beijing
      vi.setSystemTime(new Date('2025-02-28T15:59:00Z'));
      const february = await get(url, 'ana');
      expect(february.statusCode).toBe(200);
      // the last complete month before 28 February is January
      expect(february.headers['x-bixue-as-of']).toBe('2025-01');
      expect((await get(url, 'ana', february.headers.etag as string)).statusCode).toBe(304);
      // 00:01 on 1 March there, still 28 February in UTC
      vi.setSystemTime(new Date('2025-02-28T16:01:00Z'));
      const march = await get(url, 'ana', february.headers.etag);
      expect(march.statusCode).toBe(200);
      expect(march.headers['x-bixue-as-of']).toBe('2025-02');
    } finally {
      vi.useRealTimers();
    }
  });

  it("a briefing is drawn from its own viewer's basket, not another's of the same scope", async () => {
    // a second analyst of the same city: same role, same scope, another basket
    await createUser(db(), { username: 'ana2', ...FIXTURE_USERS.ana, password: 'pw-ana2' });
    Object.assign(sessions, await logIn(app, [['ana2', 'pw-ana2']]));
    const add = async (who: string, indicator: string, title: string) =>
      expect(
        (
          await mutate(
            'basket.add',
            { chart: 'ranking', indicator, window: '2024', group: 'siblings:880100', title },
            who,
          )
        ).statusCode,
      ).toBe(200);
    /** the titles on the deck's slides after the title slide, in order */
    const deck = async (who: string) => {
      const res = await get('/export/brief.pptx?lang=zh', who);
      expect(res.statusCode).toBe(200);
      const zip = await JSZip.loadAsync(res.rawPayload);
      const slides = Object.keys(zip.files)
        .map((name) => /^ppt\/slides\/slide(\d+)\.xml$/.exec(name))
        .filter((m) => m !== null)
        .sort((a, b) => Number(a[1]) - Number(b[1]));
      const texts = await Promise.all(slides.map((m) => zip.file(m[0])!.async('string')));
      return texts.slice(1).map((xml) => ['甲一', '甲二', '乙一'].find((t) => xml.includes(`${t}排名`)) ?? '?');
    };
    await add('ana2', 'members_congress', '乙一排名');
    await add('ana', 'members_congress', '甲一排名');
    expect(await deck('ana')).toEqual(['甲一']);
    // nothing written since: the same data, role, scope and URL, and still the viewer's own basket
    expect(await deck('ana2')).toEqual(['乙一']);
    await add('ana', 'party_lecture', '甲二排名');
    expect(await deck('ana')).toEqual(['甲一', '甲二']);
  });

  it('an edit of a briefing basket, or a report read but not saved, keeps the answers: nothing they are drawn from changed', async () => {
    const first = await get(ROLLUP, 'ana');
    const add = await mutate('basket.add', { chart: 'ranking', indicator: 'party_lecture', window: '2024' }, 'ana');
    expect(add.statusCode).toBe(200);
    // a work report read and its facts proposed, not saved: nothing stored changed either
    const read = await mutate('reports.propose', { text: '2024年上半年召开党员大会2次。' }, 'ana');
    expect(read.statusCode).toBe(200);
    expect((await get(ROLLUP, 'ana', first.headers.etag as string)).statusCode).toBe(304);
  });

  it('a change of settings is a new answer too', async () => {
    const url = '/api/attainment?unit=880101&indicator=party_lecture&window=2024&today=2025-03-01';
    const before = await get(url, 'ana');
    expect(before.json<{ status: string }>().status).toBe('green');
    const set = await mutate('admin.setThresholds', { green: 1.5, yellow: 1.2 }, 'adm');
    expect(set.statusCode).toBe(200);
    const after = await get(url, 'ana', before.headers.etag);
    expect(after.statusCode).toBe(200);
    // 5 of 5 is no longer green against 150 %
    expect(after.json<{ status: string }>().status).toBe('red');
  });
});
