/** EXPLAIN (ANALYZE, BUFFERS) of the matrix query of one view on a kept bench database: `tsx analytics/explain.ts DBNAME [heatmap|ranking|trend]`. */
import { userInfo } from 'node:os';
import { analyticsMatrix, type Database, listIndicators } from '@bixue/db';
import { parsePeriod, periodSeries, shownDecimals } from '@bixue/domain';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

const [dbName, view = 'heatmap'] = process.argv.slice(2);
const url = new URL(
  process.env.BIXUE_BENCH_PG ?? `postgresql://${encodeURIComponent(userInfo().username)}@127.0.0.1:5432/test`,
);
url.pathname = `/${dbName}`;
const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
let captured: { sql: string; parameters: readonly unknown[] } | undefined;
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log: (e) => {
    if (e.level === 'query' && e.query.sql.includes('with win')) captured = e.query;
  },
});
const catalog = await listIndicators(db);
const counties = (
  await db.selectFrom('units').select('code').where('level', '=', 'county').where('path', 'like', '110000/%').execute()
).map((u) => u.code);
const all = (await db.selectFrom('units').select('code').where('level', '=', 'county').execute()).map((u) => u.code);
const one = (code: string) => ({
  code,
  formula: null,
  direction: 'higher_better' as const,
  perMember: false,
  decimals: 0,
});
const q =
  view === 'heatmap'
    ? {
        units: counties,
        indicators: catalog.map((i) => ({
          code: i.code,
          formula: i.formula,
          direction: i.direction,
          perMember: false,
          decimals: shownDecimals(i.unit),
        })),
        windows: [parsePeriod('2024H1')],
      }
    : view === 'ranking'
      ? { units: all, indicators: [one('members_congress')], windows: [parsePeriod('2024H1'), parsePeriod('2023H2')] }
      : { units: counties, indicators: [one('members_congress')], windows: periodSeries(parsePeriod('2024Q4'), 12) };
const t0 = performance.now();
await analyticsMatrix(db, q);
console.log(`${view}: ${(performance.now() - t0).toFixed(0)} ms`);
const plan = await pool.query(`explain (analyze, buffers) ${captured!.sql}`, captured!.parameters as unknown[]);
console.log(plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
await db.destroy();
