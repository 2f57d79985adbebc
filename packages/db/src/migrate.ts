import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { Database } from './schema.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../db/migrations/', import.meta.url));

/**
 * Splits a SQL file into statements: PGlite's extended protocol takes one statement per call.
 * Statements end with ';' at the end of a line, outside dollar-quoted bodies.
 */
export function splitSqlStatements(text: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let inDollar = false;
  for (const line of text.split('\n')) {
    const stripped = line.replace(/--.*$/, '');
    if ((stripped.match(/\$\$/g)?.length ?? 0) % 2 === 1) inDollar = !inDollar;
    current.push(line);
    if (!inDollar && /;\s*$/.test(stripped)) {
      const stmt = current.join('\n').trim();
      if (stmt.replace(/--.*$/gm, '').trim()) out.push(stmt);
      current = [];
    }
  }
  const rest = current.join('\n').replace(/--.*$/gm, '').trim();
  if (rest) out.push(rest);
  return out;
}

class SqlFileMigrationProvider implements MigrationProvider {
  constructor(private readonly dir: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.dir)).filter((f) => f.endsWith('.sql')).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const statements = splitSqlStatements(await readFile(`${this.dir}/${file}`, 'utf8'));
      migrations[file.replace(/\.sql$/, '')] = {
        async up(db) {
          for (const stmt of statements) await sql.raw(stmt).execute(db);
        },
      };
    }
    return migrations;
  }
}

export async function migrateToLatest(db: Kysely<Database>, dir = MIGRATIONS_DIR): Promise<string[]> {
  // Migration files are numbered per branch (COORDINATION.md) and land on main in any order; a
  // database that ran 0006 before 0003 existed must still take 0003 later instead of refusing.
  const migrator = new Migrator({ db, provider: new SqlFileMigrationProvider(dir), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(
      `数据库迁移失败${failed ? ` (${failed.migrationName})` : ''}: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      {
        cause: error,
      },
    );
  }
  return (results ?? []).map((r) => r.migrationName);
}

/** The migrations this release has that the database has not run: an older database, set up by an earlier release. */
export async function pendingMigrations(db: Kysely<Database>, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new SqlFileMigrationProvider(dir), allowUnorderedMigrations: true });
  return (await migrator.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
}

/** Whether the schema exists at all: false on a data directory or database nobody set up yet. */
export async function isInitialised(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`select to_regclass('public.indicators') is not null as ok`.execute(db);
  return rows[0]?.ok === true;
}

/** Drops everything bixue created (the whole public schema) and recreates it empty. */
export async function dropSchema(db: Kysely<Database>): Promise<void> {
  await sql`drop schema if exists public cascade`.execute(db);
  await sql`create schema public`.execute(db);
}
