// `pnpm test` after prettier: the browser suite in its own turbo run, started at once, beside the
// checks and every other package's tests. In one turbo run it waited for a free slot behind the
// long package suites and then ran alone at the end: a CI run of 23 minutes whose cores were
// half idle for its last minutes. The other run keeps four at a time: six together (every long
// suite at once) ran each slower than its timeouts allow on two cores.
// Every suite goes to the end (--continue), so one failure does not hide another.
import { spawn } from 'node:child_process';

const turbo = (args) =>
  new Promise((resolve) => {
    const child = spawn('pnpm', ['exec', 'turbo', 'run', ...args], { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });

const codes = await Promise.all([
  turbo(['test', '--filter=@bixue/tests', '--continue']),
  turbo(['//#check', 'test', '--filter=!@bixue/tests', '--concurrency=4', '--continue']),
]);
process.exit(codes.every((c) => c === 0) ? 0 : 1);
