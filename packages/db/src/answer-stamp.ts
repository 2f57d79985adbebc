import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

/** Every province, for the command line's operator (province '*'). */
const ALL = '*';

/** answerStamp as an expression, to read beside another look-up in one round trip (a request's session). */
export const answerStampSql = sql<string>`coalesce((select count(*) || ':' || sum(version) || '@' || max(updated_at) from data_versions), '0') || '/' ||
  coalesce((select count(*) || ':' || sum(version) || '@' || max(updated_at) from config_versions), '0')`;

/**
 * A string that changes whenever anything answers depend on changes: the data versions (facts,
 * raised by writeFacts) and config versions (targets, settings, units…, raised by
 * bumpConfigVersion) of every province. Every province's, not the viewer's only: a custom peer
 * group may hold units of other provinces. The update times are part of it so that a database
 * reset, which starts the versions at 0 again, still gives new stamps. A few dozen rows.
 */
export async function answerStamp(db: Kysely<Database>): Promise<string> {
  const r = await sql<{ stamp: string }>`select ${answerStampSql} as stamp`.execute(db);
  return r.rows[0]!.stamp;
}

/**
 * The config versions' part of an answer stamp: units, the catalog, settings and peer groups
 * change with it, and not with the facts, so what is read of them can be kept while facts move.
 */
export function configPartOf(stamp: string): string {
  return stamp.slice(stamp.lastIndexOf('/') + 1);
}

/** After a change that is not a fact (targets, settings, units, groups, users): new stamps for the province. */
export async function bumpConfigVersion(db: Kysely<Database>, provinceCode: string): Promise<void> {
  const provinces =
    provinceCode === ALL ? sql`select code from units where level = 'province'` : sql`select ${provinceCode}::text`;
  await sql`
    insert into config_versions (province_code, version)
    select code, 1 from (${provinces}) p(code)
    on conflict (province_code) do update set version = config_versions.version + 1, updated_at = now()`.execute(db);
}
