import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../apps/api/src/main.ts', import.meta.url));

export interface ServerProcess {
  url: string;
  /** resident set size of the server process now, in MB */
  rssMb(): number;
  stop(): Promise<void>;
}

/**
 * The real server in its own process (as `pnpm start` runs it), so its RSS is its own and the
 * load generator's work does not share its event loop.
 */
export async function startServer(env: Record<string, string>, port: number): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    // every client of the load test is one address: the per-address limit would measure itself
    env: { ...process.env, BIXUE_RATE_LIMIT: '0', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    child.stdout!.on('data', (b: Buffer) => {
      if (b.toString().includes('bixue')) resolve();
    });
  });
  return {
    url,
    rssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
