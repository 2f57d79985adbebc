/**
 * Dashboard bench: (1) the JS the first page ships, gzip, from the Vite build's manifest;
 * (2) navigation → the overview's charts drawn, on a generated national-scale province in
 * PostgreSQL. Usage: pnpm --filter @bixue/bench bench [-- --cities 50 --counties 50]
 * (needs `pnpm --filter @bixue/web build` first and PostgreSQL on 127.0.0.1:5432).
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createDb, createUser, rebuildRollups, resetDatabase, upsertUnits, type UnitInput } from '@bixue/db';
import { buildServer } from '@bixue/server';
import { sql } from 'kysely';
import pg from 'pg';
import { chromium } from 'playwright-core';

// pnpm passes the `--` of `pnpm bench:dashboard -- --cities 50` through to the script
const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    cities: { type: 'string', default: '50' },
    counties: { type: 'string', default: '50' },
    runs: { type: 'string', default: '5' },
  },
});
const CITIES = Number(args.cities);
const COUNTIES = Number(args.counties);
const RUNS = Number(args.runs);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = `${ROOT}apps/web/dist/`;
const ADMIN_URL =
  process.env.BIXUE_BENCH_PG ?? `postgresql://${encodeURIComponent(userInfo().username)}@127.0.0.1:5432/test`;
const DB_NAME = 'bixue_bench_dashboard';

/** Every chunk the overview needs before it can draw: the entry, the layout, the overview, and their static imports. */
function firstPageJs(): { files: number; raw: number; gzip: number } {
  const manifest = JSON.parse(readFileSync(`${DIST}.vite/manifest.json`, 'utf8')) as Record<
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
    const buf = readFileSync(`${DIST}${manifest[key]!.file}`);
    raw += buf.length;
    gzip += gzipSync(buf, { level: 9 }).length;
  }
  return { files: seen.size, raw, gzip };
}

async function freshDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${DB_NAME} with (force)`);
  await admin.query(`create database ${DB_NAME}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
}

function nationalUnits(): UnitInput[] {
  const units: UnitInput[] = [{ code: '980000', name: '基准省气象局', level: 'province', parent_code: null }];
  for (let c = 1; c <= CITIES; c++) {
    const city = String(980000 + c * 100).padStart(6, '0');
    units.push({ code: city, name: `基准${c}市气象局`, level: 'city', parent_code: '980000' });
    for (let k = 1; k <= COUNTIES; k++)
      units.push({
        code: String(Number(city) + k),
        name: `基准${c}市${k}县气象局`,
        level: 'county',
        parent_code: city,
      });
  }
  return units;
}

const started = Date.now();
const js = firstPageJs();
const url = await freshDatabase();
const handle = await createDb({ url, maxConnections: 8 });
await resetDatabase(handle.db, { demo: false });
const units = nationalUnits();
await handle.db.transaction().execute((tx) => upsertUnits(tx, units));
// two comparable half-years of facts for every base indicator, values up to 1/10 of the plausible annual maximum
await sql`
  insert into facts (unit_code, indicator_code, period, grain, start_month, end_month, value, status, source)
  select u.code, i.code, p.period, 'half', p.s, p.e, floor(random() * i.plausible_max / 10)::float8, 'value', 'import'
  from units u
  cross join indicators i
  cross join (values ('2025H2', 2025 * 12 + 6, 2025 * 12 + 11), ('2026H1', 2026 * 12, 2026 * 12 + 5)) as p(period, s, e)
  where i.formula is null and random() > 0.03`.execute(handle.db);
// written without writeFacts: build their roll-ups in bulk
await rebuildRollups(handle.db);
await createUser(handle.db, {
  username: 'admin',
  displayName: '基准管理员',
  password: 'bixue-demo',
  role: 'admin',
  scopeUnitCode: '980000',
});
const facts = await handle.db
  .selectFrom('facts')
  .select(sql<number>`count(*)::int`.as('n'))
  .executeTakeFirstOrThrow();
const loadSeconds = (Date.now() - started) / 1000;

const app = await buildServer({ handle, webDist: DIST });
const base = await app.listen({ port: 0, host: '127.0.0.1' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
await page.goto(`${base}/login`);
await page.fill('input[name=username]', 'admin');
await page.fill('input[name=password]', 'bixue-demo');
await page.click('button[type=submit]');
await page.waitForURL((u) => !u.pathname.startsWith('/login'));

/** Full page load of an overview URL until its ranking, heatmap and counts charts report drawn. */
async function timeOverview(query: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    await page.goto('about:blank');
    const t0 = Date.now();
    await page.goto(`${base}/overview?${query}`);
    for (const id of ['card-ranking', 'card-heatmap', 'card-counts'])
      await page.waitForSelector(`[data-testid=${id}] .chart[data-drawn="1"]`, { timeout: 120_000 });
    if (i > 0) times.push(Date.now() - t0); // the first run warms caches
  }
  return times.sort((a, b) => a - b);
}
const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;
const cities = await timeOverview('window=2026H1');
const counties = await timeOverview('window=2026H1&group=level:county@980000');
await page.screenshot({ path: `${ROOT}bench/dashboard/overview-national.png` });
await browser.close();
await app.close();
await handle.close();

const report = {
  dataset: {
    units: units.length,
    cities: CITIES,
    countiesPerCity: COUNTIES,
    facts: facts.n,
    database: 'PostgreSQL (127.0.0.1:5432)',
    loadSeconds,
  },
  firstPageJs: { chunks: js.files, rawKiB: Math.round(js.raw / 1024), gzipKiB: Math.round(js.gzip / 1024) },
  overviewDrawnMs: {
    [`${CITIES} cities (default 下属单位)`]: { median: median(cities), runs: cities },
    [`${units.length - CITIES - 1} counties (全省县局)`]: { median: median(counties), runs: counties },
  },
};
console.log(JSON.stringify(report, null, 2));
