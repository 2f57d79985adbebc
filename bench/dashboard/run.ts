/**
 * Dashboard bench: (1) the JS the first page ships, gzip, from the Vite build's manifest;
 * (2) navigation → every chart of the overview drawn, median of `--runs` full page loads after a
 * warm-up, in Chromium:
 *   - cities, counties: a generated national-scale province in PostgreSQL (50 cities × 50
 *     counties), the default 下属单位 and all 2,500 counties (全省县局);
 *   - demo: the demo province on the embedded database, served as `pnpm start` serves it (its
 *     own process on a fresh PGlite data dir, which it seeds), the admin's default overview.
 * Usage: pnpm --filter @bixue/bench bench:dashboard [-- --cities 50 --counties 50 --runs 5
 *   --scenarios cities,counties,demo --dist apps/web/dist --dist /tmp/other-build]
 * Every --dist (a built apps/web, default apps/web/dist) gets its own servers on the same data;
 * their page loads alternate, so builds are compared under the same machine load.
 * Screenshots of the overviews go to bench/output/dashboard/.
 * Needs `pnpm --filter @bixue/web build` first and PostgreSQL on 127.0.0.1:5432.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildServer } from '@bixue/server';
import { chromium } from 'playwright-core';
import { startServer } from '../load/server-process.ts';
import { loadNationalProvince } from './national.ts';
import { type OverviewTimer, overviewTimer } from './overview-timer.ts';

// pnpm passes the `--` of `pnpm bench:dashboard -- --cities 50` through to the script
const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    cities: { type: 'string', default: '50' },
    counties: { type: 'string', default: '50' },
    runs: { type: 'string', default: '5' },
    scenarios: { type: 'string', default: 'cities,counties,demo' },
    dist: { type: 'string', multiple: true },
  },
});
const CITIES = Number(args.cities);
const COUNTIES = Number(args.counties);
const RUNS = Number(args.runs);
const SCENARIOS = new Set(args.scenarios.split(','));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** screenshots of the overviews as timed, to look at */
const SHOTS = `${ROOT}bench/output/dashboard/`;
const DISTS = (args.dist ?? ['apps/web/dist']).map((d) => `${resolve(ROOT, d)}/`);
const ADMIN_URL =
  process.env.BIXUE_BENCH_PG ?? `postgresql://${encodeURIComponent(userInfo().username)}@127.0.0.1:5432/test`;

/** Every chunk the overview needs before it can draw: the entry, the layout, the overview, and their static imports. */
function firstPageJs(dist: string): { chunks: number; rawKiB: number; gzipKiB: number } {
  const manifest = JSON.parse(readFileSync(`${dist}.vite/manifest.json`, 'utf8')) as Record<
    string,
    { file: string; imports?: string[]; isEntry?: boolean }
  >;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const i of manifest[key].imports ?? []) visit(i);
  };
  for (const [key, v] of Object.entries(manifest)) if (v.isEntry) visit(key);
  visit('src/layouts/AppLayout.vue');
  visit('src/views/overview/index.vue');
  let raw = 0;
  let gzip = 0;
  for (const key of seen) {
    const buf = readFileSync(`${dist}${manifest[key]!.file}`);
    raw += buf.length;
    gzip += gzipSync(buf, { level: 9 }).length;
  }
  return { chunks: seen.size, rawKiB: Math.round(raw / 1024), gzipKiB: Math.round(gzip / 1024) };
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
    s.once('error', fail);
  });
}

const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;
mkdirSync(SHOTS, { recursive: true });
const started = Date.now();
const cleanup: (() => Promise<void>)[] = [];

// the demo servers seed their data dirs while PostgreSQL loads the national province
const demoDirs: string[] = [];
const demoServers = SCENARIOS.has('demo')
  ? Promise.all(
      DISTS.map(async (dist) => {
        const dir = mkdtempSync(join(tmpdir(), 'bixue-bench-demo-'));
        demoDirs.push(dir);
        const server = await startServer(
          { BIXUE_DATA: dir, BIXUE_WEB_DIST: dist, LOG_LEVEL: 'warn' },
          await freePort(),
        );
        cleanup.push(() => server.stop());
        return server.url;
      }),
    )
  : Promise.resolve([]);
const national =
  SCENARIOS.has('cities') || SCENARIOS.has('counties') ? await loadNationalProvince(ADMIN_URL, CITIES, COUNTIES) : null;
const nationalBases = national
  ? await Promise.all(
      DISTS.map(async (webDist) => {
        const app = await buildServer({ handle: national.handle, webDist });
        cleanup.push(() => app.close());
        return app.listen({ port: 0, host: '127.0.0.1' });
      }),
    )
  : [];
const demoBases = await demoServers;
const setupSeconds = (Date.now() - started) / 1000;

const overviewDrawnMs: Record<string, unknown> = {};
const loadBefore = loadavg()[0]!.toFixed(2);
try {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const timers = async (bases: string[]) => Promise.all(bases.map((b) => overviewTimer(browser, b)));

  /** Page loads of one overview, the builds taking turns; the first round warms caches. */
  async function timeScenario(ts: OverviewTimer[], query: string, shot: string) {
    const runs: number[][] = ts.map(() => []);
    for (let i = 0; i < RUNS + 1; i++)
      for (const [d, t] of ts.entries()) {
        const ms = await t.time(query);
        if (i > 0) runs[d]!.push(ms);
      }
    for (const [d, t] of ts.entries())
      await t.screenshot(query, `${SHOTS}overview-${shot}${ts.length > 1 ? `-${d}` : ''}.png`);
    return Object.fromEntries(
      DISTS.map((dist, d) => {
        const sorted = runs[d]!.sort((a, b) => a - b);
        return [dist.replace(ROOT, ''), { median: median(sorted), runs: sorted }];
      }),
    );
  }

  if (national) {
    const ts = await timers(nationalBases);
    if (SCENARIOS.has('cities'))
      overviewDrawnMs[`${CITIES} cities (default 下属单位)`] = await timeScenario(ts, 'window=2026H1', 'cities');
    if (SCENARIOS.has('counties'))
      overviewDrawnMs[`${national.units - CITIES - 1} counties (全省县局)`] = await timeScenario(
        ts,
        'window=2026H1&group=level:county@980000',
        'counties',
      );
  }
  if (demoBases.length)
    overviewDrawnMs['demo province, PGlite (pnpm start, default overview)'] = await timeScenario(
      await timers(demoBases),
      '',
      'demo',
    );
  await browser.close();
} finally {
  // the demo servers are child processes: a failed run must not leave them holding ports and data dirs
  for (const c of cleanup) await c();
  await national?.handle.close();
  for (const dir of demoDirs) rmSync(dir, { recursive: true, force: true });
}

console.log(
  JSON.stringify(
    {
      national: national && {
        units: national.units,
        cities: CITIES,
        countiesPerCity: COUNTIES,
        facts: national.facts,
        database: 'PostgreSQL (127.0.0.1:5432)',
        loadSeconds: national.loadSeconds,
      },
      setupSeconds,
      loadAverage: { beforeTimings: loadBefore, after: loadavg()[0]!.toFixed(2) },
      firstPageJs: Object.fromEntries(DISTS.map((d) => [d.replace(ROOT, ''), firstPageJs(d)])),
      overviewDrawnMs,
    },
    null,
    2,
  ),
);
