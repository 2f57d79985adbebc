/**
 * Analytics at national scale on the PostgreSQL server: loads ≈ 8.5 million facts into a fresh
 * database, times ranking, composite, heatmap, trend and benchmark through the service layer
 * and the same answers from hand-written SQL, checks the answers agree, drops the database.
 *
 *   pnpm bench            (BIXUE_BENCH_PG=postgresql://…/test to use another server)
 *   pnpm bench -- --iterations 30 --keep     (keep the loaded database)
 *   pnpm bench -- --db bixue_bench_…          (time again on a kept database; neither loads nor drops)
 */
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type ApiContext, benchmark, heatmap, OPERATOR, ranking, trend, trends } from '@bixue/api';
import { createDb, listIndicators } from '@bixue/db';
import { parsePeriod, periodSeries, previousPeriod } from '@bixue/domain';
import pg from 'pg';
import { handBenchmark, handHeatmap, handRanking, handTrend, useHandVariant } from './hand-sql.ts';
import { loadNational } from './load.ts';

const args = process.argv.slice(2);
const iterations = Number(args[args.indexOf('--iterations') + 1]) || 20;
const reuse = args.includes('--db') ? args[args.indexOf('--db') + 1] : undefined;
const keep = args.includes('--keep') || reuse !== undefined;
const ADMIN_URL =
  process.env.BIXUE_BENCH_PG ?? `postgresql://${encodeURIComponent(userInfo().username)}@127.0.0.1:5432/test`;
const log = (s: string) => process.stdout.write(`${s}\n`);

async function admin(query: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo]! + (sorted[Math.ceil(pos)]! - sorted[lo]!) * (pos - lo);
}

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 3; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95) };
}

const close = (a: number | null | undefined, b: number | null | undefined) =>
  (a ?? null) === (b ?? null) || (a != null && b != null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));

function check(name: string, ok: boolean, detail = ''): void {
  if (!ok) throw new Error(`${name}: the service and the hand-written SQL disagree ${detail}`);
}

const name = reuse ?? `bixue_bench_${randomBytes(5).toString('hex')}`;
if (!reuse) await admin(`create database ${name}`);
const url = new URL(ADMIN_URL);
url.pathname = `/${name}`;
const handle = await createDb({ url: url.toString(), maxConnections: 4 });
try {
  log(`database ${name} on ${url.host}`);
  if (!reuse) {
    const t0 = performance.now();
    const loaded = await loadNational(handle.db, log);
    log(
      `loaded ${loaded.units} units, ${loaded.facts.toLocaleString('en')} facts in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`,
    );
  }

  const ctx: ApiContext = { db: handle.db, dbKind: 'postgres', principal: OPERATOR };
  const today = new Date('2025-03-01T00:00:00Z');
  const window = parsePeriod('2024H1');
  const province = '110000';
  const unit = '110101';
  const catalog = await listIndicators(handle.db);
  const codes = catalog.map((i) => i.code);
  const baseCodes = catalog.filter((i) => !i.formula).map((i) => i.code);
  const members = async (level: string) =>
    (
      await handle.db
        .selectFrom('units')
        .select('code')
        .where('level', '=', level as 'county')
        .where('path', 'like', `${province}/%`)
        .orderBy('sort_order')
        .execute()
    ).map((u) => u.code);
  const provinceCounties = await members('county');
  const nationalCounties = (
    await handle.db.selectFrom('units').select('code').where('level', '=', 'county').execute()
  ).map((u) => u.code);

  interface Case {
    name: string;
    service: () => Promise<unknown>;
    hand?: () => Promise<unknown>;
    verify?: () => Promise<void>;
  }
  const rankingCase = (label: string, group: string, units: string[]): Case => ({
    name: label,
    service: () => ranking(ctx, { indicator: 'members_congress', window, group, today }),
    hand: () => handRanking(handle.db, units, 'members_congress', [window, previousPeriod(window)]),
    verify: async () => {
      const s = await ranking(ctx, { indicator: 'members_congress', window, group, today });
      const h = await handRanking(handle.db, units, 'members_congress', [window, previousPeriod(window)]);
      const now = new Map(h.filter((r) => r.i === 1).map((r) => [r.unit_code, r]));
      const before = new Map(h.filter((r) => r.i === 2).map((r) => [r.unit_code, r]));
      for (const e of s.entries) {
        const hr = now.get(e.unit);
        const change =
          hr?.rank != null && before.get(e.unit)?.rank != null ? before.get(e.unit)!.rank! - hr.rank : null;
        check(
          label,
          close(e.value, hr?.value) && e.rank === (hr?.rank ?? null) && e.change === change,
          JSON.stringify({ e, hr }),
        );
      }
    },
  });
  const trendWindows = periodSeries(parsePeriod('2024Q4'), 12);
  const cases: Case[] = [
    rankingCase(
      `ranking, ${provinceCounties.length} counties of a province`,
      `level:county@${province}`,
      provinceCounties,
    ),
    rankingCase(`ranking, ${nationalCounties.length} counties nationwide`, 'group:全国县局', nationalCounties),
    {
      name: `composite ranking, ${provinceCounties.length} counties`,
      service: () => ranking(ctx, { indicator: 'composite', window, group: `level:county@${province}`, today }),
    },
    {
      name: `heatmap, ${provinceCounties.length} counties × ${codes.length} indicators`,
      service: () => heatmap(ctx, { window, group: `level:county@${province}`, today }),
      hand: () => handHeatmap(handle.db, provinceCounties, baseCodes, window),
      verify: async () => {
        const s = await heatmap(ctx, { window, group: `level:county@${province}`, today });
        const h = await handHeatmap(handle.db, provinceCounties, baseCodes, window);
        const byKey = new Map(h.map((r) => [`${r.unit_code}/${r.indicator_code}`, r]));
        for (const c of s.cells)
          check('heatmap', close(c.value, byKey.get(`${c.unit}/${c.indicator}`)?.value), JSON.stringify(c));
      },
    },
    {
      name: `trend, 8 quarters (+4 for 同比) against ${provinceCounties.length} peers`,
      service: () =>
        trend(ctx, {
          unit,
          indicator: 'members_congress',
          window: trendWindows.at(-1)!,
          count: 8,
          group: `level:county@${province}`,
          today,
        }),
      hand: () => handTrend(handle.db, provinceCounties, unit, 'members_congress', trendWindows),
      verify: async () => {
        const s = await trend(ctx, {
          unit,
          indicator: 'members_congress',
          window: trendWindows.at(-1)!,
          count: 8,
          group: `level:county@${province}`,
          today,
        });
        const h = await handTrend(handle.db, provinceCounties, unit, 'members_congress', trendWindows);
        s.points.forEach((p, k) => {
          const r = h[k + 4]!;
          check(
            'trend',
            close(p.value, r.own) &&
              close(p.peerMedian, r.median) &&
              close(p.peerP25, r.p25) &&
              close(p.peerP75, r.p75),
            JSON.stringify({ p, r }),
          );
        });
      },
    },
    {
      // the 单位画像's small multiples: every indicator's trend in one call, to set beside the one-indicator trend above
      name: `trends, 8 quarters × ${codes.length} indicators against ${provinceCounties.length} peers`,
      service: () =>
        trends(ctx, { unit, window: trendWindows.at(-1)!, count: 8, group: `level:county@${province}`, today }),
    },
    {
      name: `benchmark, 1 unit vs ${provinceCounties.length} peers × ${codes.length} indicators`,
      service: () => benchmark(ctx, { unit, window, group: `level:county@${province}`, today }),
      hand: () => handBenchmark(handle.db, provinceCounties, unit, baseCodes, window),
      verify: async () => {
        const s = await benchmark(ctx, { unit, window, group: `level:county@${province}`, today });
        const h = new Map(
          (await handBenchmark(handle.db, provinceCounties, unit, baseCodes, window)).map((r) => [r.indicator_code, r]),
        );
        for (const l of s.lines) {
          const r = h.get(l.indicator);
          check(
            'benchmark',
            close(l.value, r?.own) &&
              close(l.peerMedian, r?.median) &&
              close(l.peerP25, r?.p25) &&
              close(l.best?.value, r?.best),
            JSON.stringify({ l, r }),
          );
        }
      },
    },
  ];

  log(
    `${iterations} timed calls each after 3 warm-ups; window ${window.code}, today ${today.toISOString().slice(0, 10)}\n`,
  );
  log('| call | service p50 ms | service p95 ms | best hand SQL p50 ms | p95 ms | (variant) | ratio p50 | ratio p95 |');
  log('|---|---:|---:|---:|---:|---|---:|---:|');
  for (const c of cases) {
    const s = await time(c.service);
    let h: { p50: number; p95: number; variant: string } | null = null;
    if (c.hand) {
      for (const variant of ['antijoin', 'runningmax'] as const) {
        useHandVariant(variant);
        await c.verify?.();
        const t = await time(c.hand);
        if (!h || t.p50 < h.p50) h = { ...t, variant };
      }
    }
    const f = (n: number) => n.toFixed(1);
    log(
      `| ${c.name} | ${f(s.p50)} | ${f(s.p95)} | ${h ? f(h.p50) : '—'} | ${h ? f(h.p95) : '—'} | ${h?.variant ?? '—'} | ${h ? (s.p50 / h.p50).toFixed(2) : '—'} | ${h ? (s.p95 / h.p95).toFixed(2) : '—'} |`,
    );
  }
  log(
    '\nanswers checked equal between the service and the hand-written SQL (values, ranks, changes, medians, quartiles, best)',
  );
} finally {
  await handle.close();
  if (!keep) await admin(`drop database if exists ${name} with (force)`);
  else log(`kept database ${name}`);
}
