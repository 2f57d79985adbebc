/** Test support: the `bixue` command over the hand-checked analytics fixture. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type DbKind, resetDatabase } from '@bixue/db';
import { loadAnalyticsFixture, openTestDb, testDbUrl } from '@bixue/db/testing';
import { afterAll, beforeAll } from 'vitest';
import { type CliRun, runInProcess } from './run-for-tests.ts';

/**
 * Loads the fixture of packages/db/src/testing into a fresh database of this kind before the
 * file's tests (PGlite under a temporary directory, or a PostgreSQL test database reached
 * through DATABASE_URL) and drops it after. `bixue(...)` runs the command in this process; `path(name)` is a
 * file in the temporary directory.
 */
export function useFixtureCli(
  kind: DbKind,
  prefix: string,
): { bixue: (...args: string[]) => Promise<CliRun>; path: (name: string) => string } {
  let dir = '';
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '' };
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `bixue-cli-${prefix}-`));
    const handle = kind === 'postgres' ? await openTestDb('postgres') : await createDb({ dataDir: join(dir, 'data') });
    await resetDatabase(handle.db, { demo: false });
    await loadAnalyticsFixture(handle.db);
    if (kind === 'postgres') {
      env.DATABASE_URL = await testDbUrl(handle.db);
      await handle.db.destroy();
      drop = handle.close;
    } else await handle.close();
  });
  afterAll(async () => {
    await drop?.().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  });

  const bixue = (...args: string[]): Promise<CliRun> => runInProcess([...args, '--data', join(dir, 'data')], env);
  return { bixue, path: (name) => join(dir, name) };
}
