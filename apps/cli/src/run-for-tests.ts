/** Test support: one `bixue` command line, in this process (fast) or as a real process (exit codes, stdout framing). */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runCli } from './program.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
// tsx resolves from the working directory; relative file arguments resolve against INIT_CWD as under pnpm
const PKG_DIR = fileURLToPath(new URL('../', import.meta.url));
const run = promisify(execFile);

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A test's `bixue …`: its arguments, its printout and exit code. */
export type Bixue = (...args: string[]) => Promise<CliRun>;

/** `env.INIT_CWD` is where relative file arguments resolve, as when a user types `pnpm -s bixue …`. */
export async function runInProcess(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    env,
    cwd: PKG_DIR,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

export async function runProcess(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  try {
    const r = await run('node', ['--import', 'tsx', MAIN, ...args], { env, cwd: PKG_DIR });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as CliRun;
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
