import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { afterAll, beforeAll, describe } from 'vitest';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { createDb, type CreateDbOptions, type DbHandle, type DbKind, SHORT_RUN_SHARED_BUFFERS } from '../create-db.ts';
import type { Database } from '../schema.ts';
import { type CachedSeed, clonePgTemplate, databaseUrl, openSeededPglite, writeSeededPgliteDir } from './seeded-db.ts';

/**
 * The server the PostgreSQL half of the suite runs against. Each test file gets a fresh
 * database on it (bixue_test_<random>), dropped when the file ends.
 */
export const TEST_PG_ADMIN_URL =
  process.env.BIXUE_TEST_PG ?? `postgresql://${encodeURIComponent(userInfo().username)}@127.0.0.1:5432/test`;

/** Both, always: BIXUE_TEST_PG=skip exists for a laptop without a server, never for CI. */
export function testDbKinds(): DbKind[] {
  return process.env.BIXUE_TEST_PG === 'skip' ? ['pglite'] : ['pglite', 'postgres'];
}

export async function openTestDb(kind: DbKind): Promise<DbHandle> {
  if (kind === 'pglite') return createDb({ sharedBuffers: SHORT_RUN_SHARED_BUFFERS });
  const name = `bixue_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return openDroppedOnClose(name);
}

/**
 * The address of the PostgreSQL test database `db` is open on, for a second client of it: the CLI
 * through DATABASE_URL, or another pool.
 */
export async function testDbUrl(db: Kysely<Database>): Promise<string> {
  const name = (await db.selectNoFrom((eb) => eb.fn<string>('current_database').as('d')).executeTakeFirstOrThrow()).d;
  return databaseUrl(TEST_PG_ADMIN_URL, name);
}

/**
 * A fresh database holding the seed, copied from the one load per kind that seeded-db.ts keeps.
 * `log` sees every statement (tests that count round trips).
 */
export async function openSeededTestDb(
  kind: DbKind,
  seed: CachedSeed,
  options: Pick<CreateDbOptions, 'log'> = {},
): Promise<DbHandle> {
  if (kind === 'pglite') return openSeededPglite(seed, TEST_AS_OF, options);
  return openDroppedOnClose(await clonePgTemplate(TEST_PG_ADMIN_URL, seed, TEST_AS_OF), options);
}

/** The seed as a PGlite data directory at `dataDir`, for a program that opens one itself (the CLI). */
export function seededPgliteDir(seed: CachedSeed, dataDir: string): Promise<void> {
  return writeSeededPgliteDir(seed, TEST_AS_OF, dataDir);
}

async function openDroppedOnClose(name: string, options: Pick<CreateDbOptions, 'log'> = {}): Promise<DbHandle> {
  const handle = await createDb({ ...options, url: databaseUrl(TEST_PG_ADMIN_URL, name), maxConnections: 4 });
  return {
    ...handle,
    async close() {
      await handle.close();
      const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

export type TestSeed = 'none' | CachedSeed;

export interface TestDbContext {
  kind: DbKind;
  /** the database of the current file; valid inside tests and hooks (a property, so it destructures) */
  db: () => Kysely<Database>;
}

/**
 * How long opening a seeded database may take: the first file to need a seed builds it while the
 * others wait, and under a full turbo run on two cores a demo load takes minutes.
 */
export const SEEDED_DB_TIMEOUT = 900_000;

/** Fixed so the demo data, and any expectation computed from it, is the same every day. */
export const TEST_AS_OF = new Date('2026-07-15T00:00:00Z');

/**
 * Runs the same suite once per database kind (PGlite, then PostgreSQL), each on its own
 * freshly created database prepared as `seed` says (a copy of the cached seed, see seeded-db.ts).
 */
export function describeEachDb(title: string, seed: TestSeed, body: (ctx: TestDbContext) => void): void {
  for (const kind of testDbKinds()) {
    describe(`${title} [${kind}]`, () => {
      let handle: DbHandle | undefined;
      beforeAll(async () => {
        handle = seed === 'none' ? await openTestDb(kind) : await openSeededTestDb(kind, seed);
      }, SEEDED_DB_TIMEOUT);
      afterAll(async () => {
        await handle?.close();
      });
      body({
        kind,
        db: () => {
          if (!handle) throw new Error('database not open yet');
          return handle.db;
        },
      });
    });
  }
}
export { loadAnalyticsFixture, FIXTURE_FACTS, FIXTURE_PROVINCE, valueFact } from './analytics-fixture.ts';
export { startStreamingPair, type StreamingPair } from './streaming-pair.ts';
