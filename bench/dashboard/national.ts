import {
  createDb,
  createUser,
  type DbHandle,
  rebuildRollups,
  resetDatabase,
  upsertUnits,
  type UnitInput,
} from '@bixue/db';
import { sql } from 'kysely';
import pg from 'pg';

const DB_NAME = 'bixue_bench_dashboard';

async function freshDatabase(adminUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${DB_NAME} with (force)`);
  await admin.query(`create database ${DB_NAME}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
}

function nationalUnits(cities: number, counties: number): UnitInput[] {
  const units: UnitInput[] = [{ code: '980000', name: '基准省气象局', level: 'province', parent_code: null }];
  for (let c = 1; c <= cities; c++) {
    const city = String(980000 + c * 100).padStart(6, '0');
    units.push({ code: city, name: `基准${c}市气象局`, level: 'city', parent_code: '980000' });
    for (let k = 1; k <= counties; k++)
      units.push({
        code: String(Number(city) + k),
        name: `基准${c}市${k}县气象局`,
        level: 'county',
        parent_code: city,
      });
  }
  return units;
}

export interface NationalProvince {
  handle: DbHandle;
  units: number;
  facts: number;
  loadSeconds: number;
}

/**
 * A generated province of `cities` × `counties` in a fresh PostgreSQL database: two comparable
 * half-years of facts for every base indicator, and an admin (admin / bixue-demo) scoped to it.
 */
export async function loadNationalProvince(
  adminUrl: string,
  cities: number,
  counties: number,
): Promise<NationalProvince> {
  const started = Date.now();
  const handle = await createDb({ url: await freshDatabase(adminUrl), maxConnections: 8 });
  await resetDatabase(handle.db, { demo: false });
  const units = nationalUnits(cities, counties);
  await handle.db.transaction().execute((tx) => upsertUnits(tx, units));
  // values up to 1/10 of the plausible annual maximum; a few gaps
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
  return { handle, units: units.length, facts: facts.n, loadSeconds: (Date.now() - started) / 1000 };
}
