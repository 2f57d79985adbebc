import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { Kysely, type LogConfig, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { cancellablePool, refuseUnwantedStatements } from './cancel-on-abort.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { type ReadRouting, replicaRouting } from './read-replicas.ts';
import type { Database } from './schema.ts';

export type DbKind = 'pglite' | 'postgres';

export interface DbHandle {
  db: Kysely<Database>;
  kind: DbKind;
  close: () => Promise<void>;
  /** PGlite only: the data directory as a tarball, to start other instances from (the tests' seed cache). */
  dumpDataDir?: () => Promise<Blob>;
  /** PostgreSQL with read replicas only: where each session's reads go (read-replicas.ts). */
  reads?: ReadRouting;
}

export interface CreateDbOptions {
  /** A PostgreSQL connection string; when absent the embedded PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; absent means in memory. Held exclusively by this process until close(). */
  dataDir?: string | undefined;
  maxConnections?: number;
  /** PGlite: start from a tarball `dumpDataDir` made, instead of an empty cluster. */
  loadDataDir?: Blob | undefined;
  /** PGlite: the file system to run in, instead of memory or `dataDir` (the tests' preloaded seeds). */
  fs?: PGliteOptions['fs'];
  /**
   * PGlite: PostgreSQL's shared_buffers. A process that runs one command (the CLI) or a test starts
   * faster with a smaller pool: the default 128 MB took 0.5 s of a 0.85 s start, 32 MB 0.35 s in all.
   * A long-running server keeps the default.
   */
  sharedBuffers?: string | undefined;
  /** PostgreSQL streaming replicas of `url` to read from (DATABASE_REPLICA_URLS). */
  replicaUrls?: string[] | undefined;
  /** Kysely's log hook, given every statement the handle sends (BEGIN and COMMIT too): benches and the round-trip tests count them. */
  log?: LogConfig | undefined;
}

// Both drivers must hand back the same JS types: bigint and numeric as numbers, dates as text.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const toNumber = (v: string) => Number(v);
const asText = (v: string) => v;

pg.types.setTypeParser(INT8, toNumber);
pg.types.setTypeParser(NUMERIC, toNumber);
pg.types.setTypeParser(DATE, asText);

/** shared_buffers for a PGlite that a short run opens: one CLI command, one test. */
export const SHORT_RUN_SHARED_BUFFERS = '32MB';

/** PGlite's own start parameters (not in its types), with shared_buffers set. */
function startParams(sharedBuffers: string): string[] {
  const defaults = (PGlite as unknown as { defaultStartParams?: unknown }).defaultStartParams;
  if (!Array.isArray(defaults)) throw new Error('PGlite.defaultStartParams is gone: see sharedBuffers in create-db.ts');
  return [...(defaults as string[]), '-c', `shared_buffers=${sharedBuffers}`];
}

export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 10 });
    let closing = false;
    // an idle connection the server ends (restart, or a dropped test database while the pool
    // shuts down) must not take the process with it: the pool opens a new one when needed
    pool.on('error', (e) => {
      if (!closing) console.error(`PostgreSQL connection lost: ${e.message}`);
    });
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: cancellablePool(pool) }),
      plugins: [refuseUnwantedStatements],
      ...(options.log ? { log: options.log } : {}),
    });
    const reads = options.replicaUrls?.length
      ? replicaRouting(pool, db, options.replicaUrls, options.maxConnections ?? 10)
      : undefined;
    return {
      db,
      kind: 'postgres',
      ...(reads ? { reads } : {}),
      close: async () => {
        closing = true;
        await reads?.close();
        await db.destroy();
      },
    };
  }
  // refused before anything touches the directory (see data-dir-lock.ts)
  const lock = options.dataDir ? acquireDataDirLock(options.dataDir) : null;
  try {
    const pglite = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      ...(options.fs ? { fs: options.fs } : {}),
      ...(options.sharedBuffers ? { startParams: startParams(options.sharedBuffers) } : {}),
      parsers: { [INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: asText },
    });
    const db = new Kysely<Database>({
      dialect: new PGliteDialect({ pglite }),
      plugins: [refuseUnwantedStatements],
      ...(options.log ? { log: options.log } : {}),
    });
    return {
      db,
      kind: 'pglite',
      close: async () => {
        try {
          await db.destroy();
          if (!pglite.closed) await pglite.close();
        } finally {
          lock?.release();
        }
      },
      dumpDataDir: () => pglite.dumpDataDir('none'),
    };
  } catch (e) {
    lock?.release();
    throw e;
  }
}
