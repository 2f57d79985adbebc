import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ApiContext, OPERATOR } from '@bixue/api';
import { createDb, type DbHandle } from '@bixue/db';
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

/** Opens the database, runs `fn` as the operator, closes it again whatever happens. */
export async function withContext<T>(
  opts: GlobalOptions,
  fn: (ctx: ApiContext, handle: DbHandle) => Promise<T>,
): Promise<T> {
  const handle = await openDb(opts);
  try {
    return await fn({ db: handle.db, dbKind: handle.kind, principal: OPERATOR }, handle);
  } finally {
    await handle.close();
  }
}

/** `--json` prints exactly one JSON document; otherwise the human text. */
export function output(opts: GlobalOptions, value: unknown, human: () => string): void {
  process.stdout.write(opts.json ? `${JSON.stringify(value)}\n` : `${human()}\n`);
}
