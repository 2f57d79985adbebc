import { DEMO_PASSWORD, type DbHandle } from '@bixue/db';
import { openSeededTestDb, SEEDED_DB_TIMEOUT, testDbKinds } from '@bixue/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from './server.ts';
import { serverOver } from './server-for-tests.ts';

/**
 * The round trips of one cold analytics answer over HTTP (issue 17): a count, not a timing, so a
 * look-up added on the way fails here. Every statement the server sends is listed by the table it
 * reads first; BEGIN and COMMIT of the read snapshot are statements on PostgreSQL only (PGlite
 * runs the transaction inside the driver, where Kysely's log does not see it).
 */
const SNAPSHOT = { pglite: [], postgres: ['begin'] } as const;
const END = { pglite: [], postgres: ['commit'] } as const;

/** The first table a statement reads (or what it does), enough to tell the look-ups apart. */
function what(statement: string): string {
  const s = statement.replace(/\s+/g, ' ').trim();
  if (/^start transaction/i.test(s)) return 'begin';
  if (/^commit/i.test(s)) return 'commit';
  if (/^with win as/i.test(s)) return 'matrix';
  if (/^select exists/i.test(s)) return 'group check';
  if (/^select coalesce\(\(select count\(\*\)/i.test(s)) return 'answer stamp';
  if (/^select "sessions"\./i.test(s))
    return /\bfrom data_versions\b/i.test(s) ? 'session and answer stamp' : 'sessions';
  if (/^select coalesce\(\(select json_agg/i.test(s)) return 'province state';
  return /\bfrom "?(\w+)"?/i.exec(s)?.[1] ?? s.slice(0, 40);
}

for (const kind of testDbKinds()) {
  describe(`statements of one cold answer [${kind}]`, () => {
    let handle: DbHandle;
    let app: FastifyInstance;
    let seen: string[] = [];
    const cookies = new Map<string, string>();

    beforeAll(async () => {
      handle = await openSeededTestDb(kind, 'demo', {
        log: (e) => {
          if (e.level === 'query') seen.push(what(e.query.sql));
        },
      });
      app = await serverOver(handle.db, handle.kind);
      for (const username of ['admin', 'analyst']) {
        const res = await app.inject({
          method: 'POST',
          url: '/auth/login',
          payload: { username, password: DEMO_PASSWORD },
        });
        expect(res.statusCode).toBe(200);
        cookies.set(username, res.cookies.find((c) => c.name === SESSION_COOKIE)!.value);
      }
    }, SEEDED_DB_TIMEOUT);
    afterAll(async () => {
      await app.close();
      await handle.close();
    });

    /** The statements of one GET of a question nobody asked before (no answer cached). */
    async function statementsOf(who: string, proc: string, input: object): Promise<string[]> {
      seen = [];
      const res = await app.inject({
        method: 'GET',
        url: `/trpc/analytics.${proc}?input=${encodeURIComponent(JSON.stringify(input))}`,
        cookies: { [SESSION_COOKIE]: cookies.get(who)! },
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      return seen;
    }

    // the answer stamp comes with the session: one round trip
    const FIXED = ['session and answer stamp'];
    /** what every answer reads in its snapshot: the settings, the latest closed period, the data version, at once */
    const JUDGED = ['province state'];

    /** a ranking's statements when the server holds no units or catalog for the config stamp */
    const FIRST_UNDER_STAMP = [
      ...FIXED,
      // the group rule, before the snapshot: every unit, once for the server
      'units',
      ...SNAPSHOT[kind],
      'indicators',
      ...JUDGED,
      'matrix',
      ...END[kind],
    ];

    it('the first answer under a config stamp reads the units and the catalog; the next ones read neither', async () => {
      const input = { indicator: 'party_lecture', window: '2024', group: 'level:county@990000', today: '2026-07-15' };
      expect(await statementsOf('admin', 'ranking', input)).toEqual(FIRST_UNDER_STAMP);
    });

    // the provenance of what is shown is read by the matrix's statement (analyticsMatrixWithProvenance)
    it('a ranking of the province counties: the matrix with its provenance, and the snapshot around them', async () => {
      const input = { indicator: 'party_lecture', window: '2025H1', group: 'level:county@990000', today: '2026-07-15' };
      const ranking = [...FIXED, ...SNAPSHOT[kind], ...JUDGED, 'matrix', ...END[kind]];
      expect(await statementsOf('admin', 'ranking', input)).toEqual(ranking);
      // an analyst among the other cities: names shown as they are, so the province's units are
      // not read for peer letters either
      expect(await statementsOf('analyst', 'ranking', { ...input, group: 'level:city@990000' })).toEqual(ranking);
    });

    it("a unit's trends of every indicator over 8 quarters: the quarters' provenance with the matrix", async () => {
      expect(await statementsOf('admin', 'trends', { unit: '990101', window: '2025Q4', count: 8 })).toEqual([
        ...FIXED,
        ...SNAPSHOT[kind],
        ...JUDGED,
        'matrix',
        ...END[kind],
      ]);
    });

    it('a heatmap of the province counties × every indicator', async () => {
      const input = { window: '2025H1', group: 'level:county@990000', today: '2026-07-15' };
      expect(await statementsOf('admin', 'heatmap', input)).toEqual([
        ...FIXED,
        ...SNAPSHOT[kind],
        ...JUDGED,
        'matrix',
        ...END[kind],
      ]);
    });

    /** A GET of one tRPC batch: the procedure's calls, each with its input. */
    function batch(proc: string, inputs: object[]) {
      const input = Object.fromEntries(inputs.map((x, i) => [i, x]));
      return app.inject({
        method: 'GET',
        url: `/trpc/${inputs.map(() => `analytics.${proc}`).join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
        cookies: { [SESSION_COOKIE]: cookies.get('admin')! },
      });
    }

    // a batch is one person's work at a time (trpc.ts inTurn): twenty-five heatmaps in one request
    // held the whole pool at once and everyone else waited behind them
    it("a batch's calls run one after another: each snapshot ends before the next begins", async () => {
      const inputs = ['2024H1', '2024H2', '2025H1'].map((window) => ({
        window,
        group: 'level:county@990000',
        today: '2026-07-15',
      }));
      seen = [];
      const res = await batch('heatmap', inputs);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.json<unknown[]>()).toHaveLength(3);
      expect(seen).toEqual([...FIXED, ...inputs.flatMap(() => [...SNAPSHOT[kind], ...JUDGED, 'matrix', ...END[kind]])]);
    });

    // a room opening one overview after a write: the same question twenty times at once
    it('the same question asked twenty times at once is answered twenty times from one matrix', async () => {
      const input = { indicator: 'composite', window: '2025H1', group: 'level:city@990000', today: '2026-07-16' };
      const url = `/trpc/analytics.ranking?input=${encodeURIComponent(JSON.stringify(input))}`;
      seen = [];
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: cookies.get('admin')! } }),
        ),
      );
      expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200));
      expect(new Set(answers.map((a) => a.body)).size).toBe(1);
      expect(
        answers[0]!.json<{ result: { data: { entries: unknown[] } } }>().result.data.entries.length,
      ).toBeGreaterThan(1);
      expect(seen.filter((s) => s === 'matrix')).toHaveLength(1);
      // another viewer's question is its own: computed again, once
      seen = [];
      const other = await Promise.all(
        Array.from({ length: 5 }, () =>
          app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: cookies.get('analyst')! } }),
        ),
      );
      expect(other.map((a) => a.statusCode)).toEqual(Array(5).fill(200));
      expect(seen.filter((s) => s === 'matrix')).toHaveLength(1);
    });

    it('a shared question that fails lets every waiter go, each with its own answer', async () => {
      // a window that has not begun by `today`: refused before any matrix is read
      const input = { indicator: 'party_lecture', window: '2027H1', group: 'level:county@990000', today: '2026-07-16' };
      const url = `/trpc/analytics.ranking?input=${encodeURIComponent(JSON.stringify(input))}`;
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: cookies.get('admin')! } }),
        ),
      );
      expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(400));
      expect(answers[9]!.body).toContain('2027');
    });

    it('a unit added by the admin is in the next answer: the units are read again under the new stamp', async () => {
      const login = await app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { username: 'admin', password: DEMO_PASSWORD },
      });
      const session = login.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
      const added = await app.inject({
        method: 'POST',
        url: '/trpc/units.import',
        cookies: { [SESSION_COOKIE]: session },
        headers: { 'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken, 'content-type': 'application/json' },
        payload: { units: [{ code: '990199', name: '缓存测试县气象局', level: 'county', parent_code: '990100' }] },
      });
      expect(added.statusCode, added.body.slice(0, 300)).toBe(200);
      cookies.set('admin', session);
      const input = { indicator: 'party_lecture', window: '2025H2', group: 'siblings:990100', today: '2026-07-15' };
      expect(await statementsOf('admin', 'ranking', input)).toEqual(FIRST_UNDER_STAMP);
      const res = await app.inject({
        method: 'GET',
        url: `/trpc/analytics.ranking?input=${encodeURIComponent(JSON.stringify(input))}`,
        cookies: { [SESSION_COOKIE]: session },
      });
      const entries = res.json<{ result: { data: { entries: { unit: string; name: string }[] } } }>().result.data
        .entries;
      expect(entries.find((e) => e.unit === '990199')?.name).toBe('缓存测试县气象局');
    });
  });
}
