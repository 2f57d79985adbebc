import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ApiContext, OPERATOR } from '@bixue/api';
import { createDb, type DbHandle, isInitialised } from '@bixue/db';
import type { Command } from 'commander';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface GlobalOptions {
  json?: boolean;
  data?: string;
}

/** Bad input: exit code 1 (usage errors exit 2, through commander). */
export class CliInputError extends Error {
  override name = 'CliInputError';
}

export function globalOptions(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

/** `pnpm -s bixue` runs from the repo root; relative paths the user typed resolve against where they stood. */
export function userPath(p: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), p);
}

export async function openDb(opts: GlobalOptions): Promise<DbHandle> {
  const dataDir = opts.data ? userPath(opts.data) : resolve(repoRoot, process.env.BIXUE_DATA ?? '.data');
  return createDb({ url: process.env.DATABASE_URL || undefined, dataDir });
}

const NOT_INITIALISED = '数据库尚未初始化：先运行 pnpm -s bixue db reset --demo 或 pnpm start';

/**
 * Opens the database, runs `fn` as the operator, closes it again whatever happens. Only
 * `db reset` works on a database that was never set up.
 */
export async function withContext<T>(
  opts: GlobalOptions,
  fn: (ctx: ApiContext, handle: DbHandle) => Promise<T>,
  { uninitialisedOk = false } = {},
): Promise<T> {
  const handle = await openDb(opts);
  try {
    // a fresh clone's .data/ has no tables: say what to run rather than a SQL error
    if (!uninitialisedOk && !(await isInitialised(handle.db))) throw new CliInputError(NOT_INITIALISED);
    return await fn({ db: handle.db, dbKind: handle.kind, principal: OPERATOR }, handle);
  } finally {
    await handle.close();
  }
}

/** `--json` prints exactly one JSON document; otherwise the human text. */
export function output(opts: GlobalOptions, value: unknown, human: () => string): void {
  process.stdout.write(opts.json ? `${JSON.stringify(value)}\n` : `${human()}\n`);
}
