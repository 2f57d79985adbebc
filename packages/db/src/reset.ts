import type { Kysely } from 'kysely';
import { seedCatalog } from './catalog.ts';
import { loadDemo, type DemoLoadResult } from './demo/load.ts';
import { dropSchema, migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';

export interface ResetOptions {
  demo: boolean;
  asOf?: Date;
}

/** `db reset`: an empty schema, migrated, with the catalog; the demo province on request. */
export async function resetDatabase(db: Kysely<Database>, options: ResetOptions): Promise<DemoLoadResult | null> {
  await dropSchema(db);
  await migrateToLatest(db);
  await seedCatalog(db);
  return options.demo ? loadDemo(db, options.asOf) : null;
}

/** On start: migrate; a database without any unit gets the catalog and the demo province. */
export async function prepareDatabase(db: Kysely<Database>): Promise<{ seededDemo: boolean }> {
  await migrateToLatest(db);
  await seedCatalog(db);
  const any = await db.selectFrom('units').select('code').limit(1).executeTakeFirst();
  if (any) return { seededDemo: false };
  await loadDemo(db);
  return { seededDemo: true };
}
