/**
 * Where a cold analytics answer's time goes (issue 17), in process: the real server (Fastify,
 * session, answer stamp, tRPC, JSON) over a database handle whose Kysely log sees every statement,
 * BEGIN and COMMIT included. Per call: statements, sequential round trips waited for (a read snapshot's
 * BEGIN and COMMIT are not, on PostgreSQL: snapshot-bounds.ts), time in SQL, and the
 * timeline of one request (what runs when, and the gaps between: JavaScript).
 *
 *   pnpm --filter @bixue/bench exec tsx load/cold-profile.ts --db bixue_cold_profile --load
 *       loads the national year (bench/analytics loadNational, ≈ 70 s) into that PostgreSQL database,
 *       made anew, with the user bench/bench-load (admin of 110000), and keeps it; without --load
 *       the database is used as it is: nothing is loaded or dropped
 *   … --embedded        the demo province on PGlite instead (loaded into memory first, ≈ 30 s)
 *   … --requests 20
 *   … --only ranking,trends   those calls only (their names' beginnings), for a CPU profile of one kind
 *
 * Not a load test: one request at a time, so the numbers are a call's own fixed costs.
 */
import { userInfo } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createDb, createUser, type DbHandle, prepareDatabase, READ_SNAPSHOT_BEGIN } from '@bixue/db';
import { buildServer, SESSION_COOKIE } from '@bixue/server';
import type { LogEvent } from 'kysely';
import pg from 'pg';
import { loadNational } from '../analytics/load.ts';
import { handP50, handSql } from './hand-sql.ts';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    db: { type: 'string' },
    load: { type: 'boolean', default: false },
    embedded: { type: 'boolean', default: false },
    requests: { type: 'string', default: '15' },
    // calls whose name starts with one of these (comma-separated): `--only ranking,trends`
    only: { type: 'string' },
  },
});
const REQUESTS = Number(args.requests);
const ADMIN_URL =
  process.env.BIXUE_BENCH_PG ?? `postgresql://${encodeURIComponent(userInfo().username)}@127.0.0.1:5432/test`;
const log = (s: string) => process.stdout.write(`${s}\n`);

interface Statement {
  sql: string;
  start: number;
  end: number;
  /** the call waited for its answer: not so for a read snapshot's BEGIN and COMMIT on PostgreSQL (snapshot-bounds.ts) */
  waited: boolean;
}
let statements: Statement[] = [];
let inSnapshot = false;
const onStatement = (e: LogEvent) => {
  const end = performance.now();
  const sql = e.query.sql.replace(/\s+/g, ' ').slice(0, 90);
  const begins = !args.embedded && e.query.sql === READ_SNAPSHOT_BEGIN;
  const ends = inSnapshot && e.query.sql === 'commit';
  if (begins) inSnapshot = true;
  if (ends || /^rollback/.test(e.query.sql)) inSnapshot = false;
  statements.push({ sql, start: end - e.queryDurationMillis, end, waited: !begins && !ends });
};

async function open(): Promise<{ handle: DbHandle; province: string; user: [string, string]; year: number }> {
  if (args.embedded) {
    const handle = await createDb({ log: onStatement });
    await prepareDatabase(handle.db);
    await createUser(handle.db, {
      username: 'bench',
      displayName: '压测管理员',
      role: 'admin',
      scopeUnitCode: '990000',
      password: 'bench-load',
    });
    return { handle, province: '990000', user: ['bench', 'bench-load'], year: new Date().getUTCFullYear() - 1 };
  }
  if (!args.db) throw new Error('--db NAME (a database loadNational filled, or to fill with --load) or --embedded');
  const url = new URL(ADMIN_URL);
  url.pathname = `/${args.db}`;
  if (args.load) {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${args.db} with (force)`);
      await admin.query(`create database ${args.db}`);
    } finally {
      await admin.end();
    }
    const loading = await createDb({ url: url.toString(), maxConnections: 4 });
    try {
      await loadNational(loading.db, log, { first: 2024, last: 2024 });
      await createUser(loading.db, {
        username: 'bench',
        displayName: '压测管理员',
        role: 'admin',
        scopeUnitCode: '110000',
        password: 'bench-load',
      });
    } finally {
      await loading.close();
    }
  }
  const handle = await createDb({ url: url.toString(), maxConnections: 4, log: onStatement });
  return { handle, province: '110000', user: ['bench', 'bench-load'], year: 2024 };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length - 1) * q + 0.5))]!;
};

/** Statements that overlap in time went out together: one round trip of the call's critical path (waited for). */
function roundTrips(list: Statement[]): number {
  let trips = 0;
  let busyUntil = -Infinity;
  for (const s of [...list].filter((x) => x.waited).sort((a, b) => a.start - b.start)) {
    if (s.start >= busyUntil) trips++;
    busyUntil = Math.max(busyUntil, s.end);
  }
  return trips;
}

const { handle, province, user, year } = await open();
const app = await buildServer({ handle });
try {
  const login = await app.inject({
    method: 'POST',
    url: '/auth/login',
    payload: { username: user[0], password: user[1] },
  });
  const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
  const indicators = (
    await handle.db.selectFrom('indicators').select('code').where('formula', 'is', null).orderBy('sort_order').execute()
  )
    .map((r) => r.code)
    .filter((c) => c !== 'member_count');
  const counties = (
    await handle.db
      .selectFrom('units')
      .select('code')
      .where('level', '=', 'county')
      .where('province_code', '=', province)
      .orderBy('code')
      .execute()
  ).map((r) => r.code);
  const windows = [
    `${year}`,
    `${year}H1`,
    `${year}H2`,
    ...[1, 2, 3, 4].map((q) => `${year}Q${q}`),
    ...Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`),
  ];
  const today = `${year + 1}-03-01`;
  // a question per window, and past the windows another day of the live year: never asked before
  const dayOf = (i: number) => `${year + 1}-03-${String(1 + Math.floor(i / windows.length)).padStart(2, '0')}`;
  const group = `level:county@${province}`;
  const hand = handSql(handle.db, indicators, province);
  // the ratio's baseline, as bench:load times it: the hand-written SQL over the roll-ups
  const calls: { name: string; input: (i: number) => [string, unknown]; hand: () => Promise<unknown> }[] = [
    {
      name: `ranking, ${counties.length} counties`,
      input: (i) => [
        'ranking',
        {
          indicator: indicators[i % indicators.length],
          window: windows[Math.floor(i / indicators.length)],
          group,
          today,
        },
      ],
      hand: hand.ranking(counties, indicators[0]!, windows[0]!),
    },
    {
      name: 'composite ranking',
      input: (i) => [
        'ranking',
        { indicator: 'composite', window: windows[i % windows.length], group, today: dayOf(i) },
      ],
      hand: hand.composite(counties, windows[0]!),
    },
    {
      name: `heatmap, ${counties.length} counties × all (columns, as the overview asks)`,
      input: (i) => ['heatmapPacked', { window: windows[i % windows.length], group, today: dayOf(i) }],
      hand: hand.heatmap(counties, windows[0]!),
    },
    {
      name: 'trends, 8 quarters',
      input: (i) => [
        'trends',
        // every county in a quarter, then the next quarter: 280 questions before one comes again
        {
          unit: counties[i % counties.length],
          window: `${year}Q${(Math.floor(i / counties.length) % 4) + 1}`,
          count: 8,
        },
      ],
      hand: hand.trends(counties.slice(0, 5), year),
    },
    {
      name: 'benchmark against siblings',
      input: (i) => ['benchmark', { unit: counties[i % counties.length], window: windows[i % 7], today: dayOf(i) }],
      hand: hand.benchmark(counties.slice(0, 5), windows[0]!),
    },
  ];
  const get = (proc: string, input: unknown) =>
    app.inject({
      method: 'GET',
      url: `/trpc/analytics.${proc}?input=${encodeURIComponent(JSON.stringify(input))}`,
      cookies: { [SESSION_COOKIE]: cookie },
    });
  // JIT and connection pool warm: questions the measured runs never ask (another `today`, or 7 quarters)
  for (const c of calls)
    for (let i = 0; i < 5; i++) {
      const [proc, input] = c.input(i);
      await get(proc, {
        ...(input as object),
        ...('today' in (input as object) ? { today: `${year + 1}-04-01` } : { count: 7 }),
      });
    }

  log(`${handle.kind}, province ${province}, ${REQUESTS} cold requests per call, one at a time\n`);
  log(
    '| call | statements | round trips | SQL ms (sum) | wall ms p50 | wall ms p95 | outside SQL ms p50 | bytes | hand SQL ms p50 | p50 ÷ hand | goal ms (2 × hand + 2) |',
  );
  log('|---|---|---|---|---|---|---|---|---|---|---|');
  const timelines: string[] = [];
  const only = args.only?.split(',');
  for (const c of calls.filter((x) => !only || only.some((o) => x.name.startsWith(o)))) {
    const wall: number[] = [];
    const sqlMs: number[] = [];
    const outside: number[] = [];
    const counts: number[] = [];
    const trips: number[] = [];
    let bytes = 0;
    const handMs = await handP50(c.hand);
    for (let i = 0; i < REQUESTS; i++) {
      const [proc, input] = c.input(i);
      statements = [];
      const t0 = performance.now();
      const res = await get(proc, input);
      const t1 = performance.now();
      if (res.statusCode !== 200) throw new Error(`${c.name}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      bytes = res.rawPayload.length;
      const inSql = statements.reduce((s, x) => s + (x.end - x.start), 0);
      wall.push(t1 - t0);
      sqlMs.push(inSql);
      counts.push(statements.length);
      trips.push(roundTrips(statements));
      // time when no statement was running: JavaScript (and waiting for the pool)
      let busy = 0;
      let until = t0;
      for (const s of [...statements].sort((a, b) => a.start - b.start)) {
        busy += Math.max(0, s.end - Math.max(s.start, until));
        until = Math.max(until, s.end);
      }
      outside.push(t1 - t0 - busy);
      if (i === Math.floor(REQUESTS / 2)) {
        const lines = [`### ${c.name} (${proc}), one request: ${(t1 - t0).toFixed(1)} ms`, '```'];
        for (const s of statements)
          lines.push(
            `${(s.start - t0).toFixed(1).padStart(6)} → ${(s.end - t0).toFixed(1).padStart(6)} ms  ${(s.end - s.start).toFixed(2).padStart(6)}  ${s.sql}`,
          );
        lines.push(`${(t1 - t0).toFixed(1).padStart(6)} ms  reply (${bytes} bytes)`, '```');
        timelines.push(lines.join('\n'));
      }
    }
    const same = (xs: number[]) =>
      Math.min(...xs) === Math.max(...xs) ? `${xs[0]}` : `${Math.min(...xs)}–${Math.max(...xs)}`;
    log(
      `| ${c.name} | ${same(counts)} | ${same(trips)} | ${quantile(sqlMs, 0.5).toFixed(1)} | ${quantile(wall, 0.5).toFixed(1)} | ${quantile(wall, 0.95).toFixed(1)} | ${quantile(outside, 0.5).toFixed(1)} | ${bytes} | ${handMs.toFixed(1)} | ${(quantile(wall, 0.5) / handMs).toFixed(1)} | ${(2 * handMs + 2).toFixed(1)} |`,
    );
  }
  log(`\n${timelines.join('\n\n')}`);
} finally {
  await app.close();
  await handle.close();
}
