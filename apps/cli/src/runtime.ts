import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ApiContext, OPERATOR } from '@bixue/api';
import { createDb, type DbHandle, isInitialised, pendingMigrations, SHORT_RUN_SHARED_BUFFERS } from '@bixue/db';
import { type Said, SaidError } from '@bixue/domain';
import type { Command } from 'commander';
import { type Lang, langOf, sayIn } from './lang.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface GlobalOptions {
  json?: boolean;
  data?: string;
  /** --lang or $BIXUE_LANG, resolved */
  lang: Lang;
}

/** Where a run reads its environment and writes its output; a test runs many in one process. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** set by a command that finished but must report failure (an import with problems) */
  exitCode?: number;
}

export function processIo(): CliIo {
  return {
    env: process.env,
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
}

const currentIo = new AsyncLocalStorage<CliIo>();

export function withCliIo<T>(io: CliIo, fn: () => Promise<T>): Promise<T> {
  return currentIo.run(io, fn);
}

/** The io of the run in progress; a command is only ever called inside `runCli`. */
export function cliIo(): CliIo {
  const io = currentIo.getStore();
  if (!io) throw new Error('bixue command called outside runCli');
  return io;
}

/** Bad input: exit code 1 (usage errors exit 2, through commander). */
export class CliInputError extends SaidError {
  override name = 'CliInputError';
}

export function globalOptions(cmd: Command): GlobalOptions {
  const opts = cmd.optsWithGlobals<Omit<GlobalOptions, 'lang'> & { lang?: string }>();
  const lang = langOf(opts.lang, cliIo().env);
  if (!lang) cmd.error(`BIXUE_LANG 应为 zh 或 en / BIXUE_LANG must be zh or en, got "${cliIo().env.BIXUE_LANG}"`);
  return { ...opts, lang };
}

/** `--today YYYY-MM-DD` as a date; anything else is a usage error (exit 2). */
export function dateOption(s: string | undefined, cmd: Command, lang: Lang): Date | undefined {
  if (!s) return undefined;
  const d = new Date(`${s}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(d.getTime())) {
    const said = { zh: `--today 应为 YYYY-MM-DD，收到 "${s}"`, en: `--today must be YYYY-MM-DD, got "${s}"` };
    cmd.error(sayIn(lang, said), { exitCode: 2 });
  }
  return d;
}

/** A problem as contracts.md prints it, {row, column, code, message}: a facts or a units import's alike. */
export const contractProblem = ({ row, column, code, message }: ContractProblem): ContractProblem => ({
  row,
  column,
  code,
  message,
});

interface ContractProblem {
  row: number;
  column: string;
  code: string;
  message: string;
}

/** A file the user named that cannot be read. */
export const unreadable = (file: string): Said => ({ zh: `无法读取文件 ${file}`, en: `Cannot read the file ${file}` });

/** `pnpm -s bixue` runs from the repo root; relative paths the user typed resolve against where they stood. */
export function userPath(p: string): string {
  const io = cliIo();
  return resolve(io.env.INIT_CWD ?? io.cwd, p);
}

function dataDirOf(opts: GlobalOptions): string {
  const { env } = cliIo();
  return opts.data ? userPath(opts.data) : resolve(repoRoot, env.BIXUE_DATA ?? '.data');
}

export async function openDb(opts: GlobalOptions): Promise<DbHandle> {
  return createDb({
    url: cliIo().env.DATABASE_URL || undefined,
    dataDir: dataDirOf(opts),
    sharedBuffers: SHORT_RUN_SHARED_BUFFERS,
  });
}

/**
 * An embedded database that was never created has no cluster in its folder. Opening it would make
 * one (initdb, seconds and megabytes) only to find it empty, and leave it behind at a mistyped path.
 */
function noClusterYet(opts: GlobalOptions): boolean {
  return !cliIo().env.DATABASE_URL && !existsSync(join(dataDirOf(opts), 'PG_VERSION'));
}

const NOT_INITIALISED: Said = {
  zh: '数据库尚未初始化：先运行 pnpm -s bixue db reset --demo 或 pnpm start',
  en: 'The database is not set up yet: run pnpm -s bixue db reset --demo or pnpm start first',
};
const NOT_MIGRATED: Said = {
  zh: '数据库由较早的版本建立：先运行 pnpm -s bixue db migrate 或 pnpm start（数据保留）',
  en: 'The database was made by an earlier release: run pnpm -s bixue db migrate or pnpm start first (the data is kept)',
};

/**
 * Opens the database, runs `fn` as the operator, closes it again whatever happens. Only
 * `db reset` works on a database that was never set up.
 */
export async function withContext<T>(
  opts: GlobalOptions,
  fn: (ctx: ApiContext, handle: DbHandle) => Promise<T>,
  { uninitialisedOk = false } = {},
): Promise<T> {
  if (!uninitialisedOk && noClusterYet(opts)) throw new CliInputError(NOT_INITIALISED);
  const handle = await openDb(opts);
  try {
    // a fresh clone's .data/ has no tables: say what to run rather than a SQL error
    if (!uninitialisedOk && !(await isInitialised(handle.db))) throw new CliInputError(NOT_INITIALISED);
    // a release newer than the database: its statements would meet an older schema and fail in SQL
    if (!uninitialisedOk && (await pendingMigrations(handle.db)).length) throw new CliInputError(NOT_MIGRATED);
    return await fn({ db: handle.db, dbKind: handle.kind, principal: OPERATOR }, handle);
  } finally {
    await handle.close();
  }
}

/**
 * `--json` prints exactly one JSON document, the same in every language; otherwise the human
 * text, in the run's language (a sentence says itself in both, a table is drawn in one).
 */
export function output(opts: GlobalOptions, value: unknown, human: (lang: Lang) => string | Said): void {
  if (opts.json) return cliIo().stdout(`${JSON.stringify(value)}\n`);
  const text = human(opts.lang);
  cliIo().stdout(`${typeof text === 'string' ? text : sayIn(opts.lang, text)}\n`);
}
