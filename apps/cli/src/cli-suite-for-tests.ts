/** Test support: the CLI suites' own database per test, and `bixue …` run against it as a user types it. */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DbKind } from '@bixue/db';
import { openSeededTestDb, openTestDb, SEEDED_DB_TIMEOUT, seededPgliteDir, testDbUrl } from '@bixue/db/testing';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { type CliRun, runInProcess } from './run-for-tests.ts';

/** The day every command judges periods on, whatever the calendar says: 2025 has ended. */
export const TODAY = '2026-01-15';

export const UNITS_CSV =
  '\uFEFFcode,name,level,parent_code\n770000,样例省气象局,province,\n770100,样例市气象局,city,770000\n770101,样例县气象局,county,770100\n';

export interface CliSuite {
  /** this test's folder: its files, and the data directory `data` on PGlite */
  readonly dir: string;
  /** the environment `bixue` runs under (DATABASE_URL on PostgreSQL); a test may set variables for itself */
  readonly env: NodeJS.ProcessEnv;
  /** `bixue …` in this process, against this test's database, files relative to `dir` */
  bixue: (...args: string[]) => Promise<CliRun>;
  /** What db reset --empty leaves (the catalog), with 样例省 → 样例市 → 样例县 (770101) imported from units.csv as a user would. */
  catalogWithUnits: () => Promise<void>;
}

/**
 * Registers the hooks that give each test of the enclosing describe its own database, never set
 * up: a data directory, or on PostgreSQL a database that the CLI reaches through DATABASE_URL like
 * a user would. `catalogWithUnits` replaces it with the catalog (the cached seed copied in).
 */
export function cliSuite(kind: DbKind): CliSuite {
  let catalog: string;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let dropPg: (() => Promise<void>) | undefined;

  const useDatabase = async (seed: 'none' | 'catalog') => {
    if (kind === 'pglite') {
      if (seed === 'catalog') await cp(catalog, join(dir, 'data'), { recursive: true });
      return;
    }
    await dropPg?.();
    const handle = seed === 'none' ? await openTestDb('postgres') : await openSeededTestDb('postgres', seed);
    env.DATABASE_URL = await testDbUrl(handle.db);
    await handle.db.destroy();
    dropPg = handle.close;
  };

  beforeAll(async () => {
    catalog = join(await mkdtemp(join(tmpdir(), 'bixue-cli-catalog-')), 'data');
    if (kind === 'pglite') await seededPgliteDir('catalog', catalog);
  }, SEEDED_DB_TIMEOUT);
  afterAll(async () => {
    await rm(dirname(catalog), { recursive: true, force: true });
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bixue-cli-'));
    env = { ...process.env, DATABASE_URL: '' };
    await useDatabase('none');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
    await dropPg?.().catch(() => {});
    dropPg = undefined;
  });

  const bixue = (...args: string[]): Promise<CliRun> =>
    runInProcess([...args, '--data', join(dir, 'data')], { ...env, INIT_CWD: dir });
  return {
    get dir() {
      return dir;
    },
    get env() {
      return env;
    },
    bixue,
    catalogWithUnits: async () => {
      await useDatabase('catalog');
      await writeFile(join(dir, 'units.csv'), UNITS_CSV);
      expect(JSON.parse((await bixue('units', 'import', 'units.csv', '--json')).stdout)).toEqual({
        ok: true,
        inserted: 3,
        updated: 0,
      });
    },
  };
}
