/**
 * A seeded test database in seconds: the demo (or catalog) is loaded once per database kind and
 * kept — a template database on the PostgreSQL server, a dumped data directory for PGlite — and
 * every test file starts from a copy. The copy is keyed by a hash of everything that decides its
 * contents (migrations, the db and domain sources, the seed, the fixed date, the PGlite version),
 * so a changed migration or demo generator builds a new one and a stale copy is never used.
 * Building is locked (an advisory lock on the server, a lock directory on disk): the vitest
 * workers and turbo tasks that start together wait for one build instead of each doing their own.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { extract, pack } from 'tar-stream';
import { createDb, type CreateDbOptions, type DbHandle, SHORT_RUN_SHARED_BUFFERS } from '../create-db.ts';
import { resetDatabase } from '../reset.ts';
import { type DataDirImage, dataDirImage, preloadedFs } from './preloaded-memory-fs.ts';

export type CachedSeed = 'catalog' | 'demo';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
/** Everything a seeded database is made from; tests are left out, they do not change it. */
const SOURCE_DIRS = ['db/migrations', 'packages/db/src', 'packages/domain/src'];
/** It pins the PGlite version, whose data directory format a dump depends on. */
const DB_PACKAGE_JSON = 'packages/db/package.json';
export const SEED_CACHE_DIR = join(tmpdir(), 'bixue-test-seeds');
/** Any fixed number, with the seed's: the advisory lock every process building that seed's template takes. */
const TEMPLATE_LOCK = 4_216_016;
const SEED_LOCK: Record<CachedSeed, number> = { catalog: 1, demo: 2 };
/** A lock directory older than this belongs to a process that died while building. */
const STALE_LOCK_MS = 15 * 60_000;

let sourcesHash: Promise<string> | undefined;

async function hashSources(): Promise<string> {
  const h = createHash('sha256');
  for (const dir of SOURCE_DIRS) {
    const files = (await readdir(join(REPO, dir), { recursive: true }))
      .filter((f) => /\.(ts|sql)$/.test(f) && !f.endsWith('.test.ts'))
      .sort();
    for (const f of files)
      h.update(`${dir}/${f}\0`)
        .update(await readFile(join(REPO, dir, f)))
        .update('\0');
  }
  h.update(await readFile(join(REPO, DB_PACKAGE_JSON)));
  return h.digest('hex');
}

/** The cache key of a seed: changes whenever what the seed would produce may change. */
export async function seedKey(seed: CachedSeed, asOf: Date): Promise<string> {
  sourcesHash ??= hashSources();
  return createHash('sha256')
    .update(`${await sourcesHash}|${seed}|${asOf.toISOString()}`)
    .digest('hex')
    .slice(0, 16);
}

function seedInto(handle: DbHandle, seed: CachedSeed, asOf: Date) {
  return resetDatabase(handle.db, { demo: seed === 'demo', asOf });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A test database's address. Its sessions commit without waiting for the WAL flush: a test's
 * database is dropped when it ends, what another session sees after a commit is the same, and
 * the suite's many small transactions (race rounds, imports row by row) stop waiting on the disk.
 */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  url.searchParams.set('options', '-c synchronous_commit=off');
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, body: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await body(c);
  } finally {
    await c.end();
  }
}

/**
 * Runs a statement that needs a database nobody is connected to (renaming it, copying it): a
 * pool that has just closed may still hold its server processes for a moment.
 */
async function whileUnused(c: pg.Client, statement: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await c.query(statement);
      return;
    } catch (e) {
      if (attempt >= 100 || !/being accessed by other users/.test((e as Error).message)) throw e;
      await sleep(100);
    }
  }
}

/** The name of the template database for this seed, built first if no process has yet. */
async function pgTemplate(adminUrl: string, seed: CachedSeed, asOf: Date): Promise<string> {
  const name = `bixue_tpl_${seed}_${await seedKey(seed, asOf)}`;
  const exists = async (c: pg.Client) =>
    (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  return withAdmin(adminUrl, async (c) => {
    if (await exists(c)) return name;
    await c.query('select pg_advisory_lock($1, $2)', [TEMPLATE_LOCK, SEED_LOCK[seed]]);
    try {
      if (await exists(c)) return name;
      // built under another name and renamed when complete, so a half-built template is never cloned
      const building = `${name}_build`;
      await c.query(`drop database if exists ${building} with (force)`);
      await c.query(`create database ${building}`);
      const handle = await createDb({ url: databaseUrl(adminUrl, building), maxConnections: 4 });
      try {
        await seedInto(handle, seed, asOf);
      } finally {
        await handle.close();
      }
      await whileUnused(c, `alter database ${building} rename to ${name}`);
      return name;
    } finally {
      await c.query('select pg_advisory_unlock($1, $2)', [TEMPLATE_LOCK, SEED_LOCK[seed]]);
    }
  });
}

/** A new PostgreSQL database `bixue_test_<random>` copied from the seed's template. */
export async function clonePgTemplate(adminUrl: string, seed: CachedSeed, asOf: Date): Promise<string> {
  const template = await pgTemplate(adminUrl, seed, asOf);
  const name = `bixue_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (c) => whileUnused(c, `create database ${name} template ${template}`));
  return name;
}

/** Holds a lock directory while `body` runs; another process waits, and takes over a stale one. */
async function withDirLock<T>(lock: string, body: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > STALE_LOCK_MS) await rm(lock, { recursive: true, force: true });
      else await sleep(250);
    }
  }
  try {
    return await body();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function readIfPresent(file: string): Promise<Buffer | null> {
  return readFile(file).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
}

/** The seed's PGlite data directory as a tarball, dumped once and kept in SEED_CACHE_DIR. */
async function pgliteDump(seed: CachedSeed, asOf: Date): Promise<Buffer> {
  await mkdir(SEED_CACHE_DIR, { recursive: true });
  const file = join(SEED_CACHE_DIR, `pglite-${seed}-${await seedKey(seed, asOf)}.tar`);
  const bytes =
    (await readIfPresent(file)) ??
    (await withDirLock(`${file}.lock`, async () => {
      const done = await readIfPresent(file);
      if (done) return done;
      const handle = await createDb();
      try {
        await seedInto(handle, seed, asOf);
        const keep = await walSinceCheckpoint(handle);
        const dump = await dropWalSegments(Buffer.from(await (await handle.dumpDataDir!()).arrayBuffer()), keep);
        // written aside and renamed, so a reader never sees half a file
        const partial = `${file}.${process.pid}.partial`;
        await writeFile(partial, dump);
        await rename(partial, file);
        return dump;
      } finally {
        await handle.close();
      }
    }));
  return bytes;
}

const WAL_SEGMENT = /^\/?pg_wal\/([0-9A-F]{24})$/;

/**
 * The WAL segments a start from this dump needs: after a checkpoint, those from its redo point to
 * the current one. PGlite keeps every segment the seed wrote (the demo: 10 × 16 MB, over half the
 * dump), and every test file that opens the seed pays for each byte twice, reading the tarball
 * into memory and unpacking it.
 */
async function walSinceCheckpoint(handle: DbHandle): Promise<(segment: string) => boolean> {
  await sql`checkpoint`.execute(handle.db);
  const { redo, current } = (
    await sql<{
      redo: string;
      current: string;
    }>`select redo_wal_file as redo, pg_walfile_name(pg_current_wal_insert_lsn()) as current from pg_control_checkpoint()`.execute(
      handle.db,
    )
  ).rows[0]!;
  return (segment) => segment >= redo && segment <= current;
}

/** The tarball without the WAL segments `keep` refuses; every other entry as it was. */
async function dropWalSegments(tarball: Buffer, keep: (segment: string) => boolean): Promise<Buffer> {
  const from = extract();
  const to = pack();
  from.on('entry', (header, body, next) => {
    const segment = WAL_SEGMENT.exec(header.name)?.[1];
    if (segment !== undefined && !keep(segment)) {
      body.on('end', next).resume();
      return;
    }
    body.pipe(to.entry(header, next));
  });
  from.on('finish', () => to.finalize());
  from.on('error', (e) => to.destroy(e));
  from.end(tarball);
  const chunks: Buffer[] = [];
  for await (const chunk of to) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const images = new Map<string, Promise<DataDirImage>>();

/** A PGlite database in memory holding the seed, started from the cached dump unpacked once per process. */
export async function openSeededPglite(
  seed: CachedSeed,
  asOf: Date,
  options: Pick<CreateDbOptions, 'log' | 'sharedBuffers'> = {},
): Promise<DbHandle> {
  const key = `${seed}|${asOf.toISOString()}`;
  let image = images.get(key);
  if (!image) {
    image = pgliteDump(seed, asOf).then(dataDirImage);
    images.set(key, image);
  }
  return createDb({ sharedBuffers: SHORT_RUN_SHARED_BUFFERS, ...options, fs: preloadedFs(await image) });
}

/**
 * The seed as a PGlite data directory at `dataDir` (not there yet), for what opens a directory
 * itself as the CLI does; a test copies it rather than paying a reset's migrations each time.
 */
export async function writeSeededPgliteDir(seed: CachedSeed, asOf: Date, dataDir: string): Promise<void> {
  const handle = await createDb({ dataDir, loadDataDir: new Blob([new Uint8Array(await pgliteDump(seed, asOf))]) });
  await handle.close();
}
