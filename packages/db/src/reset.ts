import { type Kysely, sql } from 'kysely';
import { type CatalogSync, syncCatalog } from './catalog.ts';
import { loadCycleHistory } from './demo/cycle-history.ts';
import { loadDemo, type DemoLoadResult } from './demo/load.ts';
import { dropSchema, migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';

export interface ResetOptions {
  demo: boolean;
  asOf?: Date;
  /** the demo's reporting history (closed quarters, one open with units in every state); tests keep plain data */
  cycleHistory?: boolean;
}

/** `db reset`: an empty schema, migrated, with the catalog; the demo province on request. */
export async function resetDatabase(db: Kysely<Database>, options: ResetOptions): Promise<DemoLoadResult | null> {
  await dropSchema(db);
  await migrateToLatest(db);
  await syncCatalog(db);
  if (!options.demo) return null;
  // with the reporting history the as-of month follows the latest closed quarter, not a pinned setting
  const loaded = await loadDemo(db, options.asOf, { pinAsOf: !options.cycleHistory });
  if (options.cycleHistory) await loadCycleHistory(db, options.asOf);
  await refreshStatistics(db);
  return loaded;
}

/**
 * On start: migrate and bring the catalog to this release's; a database without any unit gets the
 * demo province.
 */
export async function prepareDatabase(db: Kysely<Database>): Promise<{ seededDemo: boolean; catalog: CatalogSync }> {
  await migrateToLatest(db);
  const catalog = await syncCatalog(db);
  const any = await db.selectFrom('units').select('code').limit(1).executeTakeFirst();
  if (any) return { seededDemo: false, catalog };
  await loadDemo(db, new Date(), { pinAsOf: false });
  await loadCycleHistory(db);
  await refreshStatistics(db);
  return { seededDemo: true, catalog };
}

/**
 * The planner's statistics after a bulk load. PGlite runs no autovacuum, so without this its plans
 * follow an empty database: the analytics hashed the whole rollups table instead of reading the
 * call's windows by index (a composite ranking of the demo 1.1 s instead of 0.25 s on PGlite).
 */
export async function refreshStatistics(db: Kysely<Database>): Promise<void> {
  await sql`analyze`.execute(db);
}
