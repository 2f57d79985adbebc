import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb } from '@bixue/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runInProcess, runProcess } from './run-for-tests.ts';

/**
 * Real processes on one PGlite directory (issue 12, finding 1): two CLI imports at once, and a CLI
 * beside a running server. One owner at a time; the other is refused at once and told by whom.
 */
const SERVER = fileURLToPath(new URL('../../api/src/main.ts', import.meta.url));
const PKG_DIR = fileURLToPath(new URL('../', import.meta.url));
const BUSY = '正由另一个 bixue 进程使用';

let dir: string;
const data = () => join(dir, 'data');
const env = () => ({ ...process.env, DATABASE_URL: '', INIT_CWD: dir });

const bixue = (...args: string[]) => runProcess([...args, '--data', data()], env());
// the setup needs no second process
const setup = (...args: string[]) => runInProcess([...args, '--data', data()], env());

const UNITS = 20;
const MONTHS = 60;
const INDICATORS = ['theme_party_day', 'branch_committee', 'party_group_meeting', 'collective_study'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bixue-owner-'));
  expect((await setup('db', 'reset', '--empty', '--json')).code).toBe(0);
  const units = ['code,name,level,parent_code', '770000,样例省气象局,province,', '770100,样例市气象局,city,770000'];
  for (let u = 1; u <= UNITS; u++) units.push(`7701${String(u).padStart(2, '0')},县${u}气象局,county,770100`);
  await writeFile(join(dir, 'units.csv'), `${units.join('\n')}\n`);
  expect((await setup('units', 'import', 'units.csv', '--json')).code).toBe(0);
  // 20 units × 4 indicators × 60 months = 4,800 facts
  const facts = ['unit_code,indicator,period,value'];
  for (let u = 1; u <= UNITS; u++)
    for (const i of INDICATORS)
      for (let m = 0; m < MONTHS; m++)
        facts.push(
          `7701${String(u).padStart(2, '0')},${i},${2020 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')},1`,
        );
  await writeFile(join(dir, 'facts.csv'), `${facts.join('\n')}\n`);
}, 600_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('two imports at once on one data directory: one writes, the other is refused naming it; no key twice', async () => {
  const [a, b] = await Promise.all([
    bixue('import', 'facts.csv', '--commit', '--json'),
    bixue('import', 'facts.csv', '--commit', '--json'),
  ]);
  const outcomes = [a, b].map((r) => (r.code === 0 ? 'ok' : r.stderr.includes(BUSY) ? 'refused' : r.stderr));
  // both may succeed one after the other when the first is done before the second opens the directory
  expect(outcomes.every((o) => o === 'ok' || o === 'refused')).toBe(true);
  expect(outcomes).toContain('ok');
  const refused = [a, b].find((r) => r.code !== 0);
  if (refused) expect(refused.code).toBe(1);

  const handle = await createDb({ dataDir: data() });
  try {
    const rows = await handle.db.selectFrom('facts').select(['unit_code', 'indicator_code', 'period']).execute();
    const keys = new Set(rows.map((r) => `${r.unit_code} ${r.indicator_code} ${r.period}`));
    expect([rows.length, keys.size]).toEqual([UNITS * INDICATORS.length * MONTHS, UNITS * INDICATORS.length * MONTHS]);
  } finally {
    await handle.close();
  }
}, 600_000);

it('a CLI beside the running server is refused at once, told the server’s pid and to use its HTTP API', async () => {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const server = spawn('node', ['--import', 'tsx', SERVER], {
    cwd: PKG_DIR,
    env: { ...rest, BIXUE_DATA: data(), PORT: '0', BIXUE_WEB_DIST: dir },
  });
  const exited = new Promise((r) => server.on('exit', r));
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('http://')) resolve();
      });
      let err = '';
      server.stderr.on('data', (d: Buffer) => (err += d.toString()));
      void exited.then(() => reject(new Error(`server exited: ${err}`)));
    });
    const r = await bixue('import', 'facts.csv', '--commit', '--json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${BUSY}（pid ${server.pid}`);
    expect(r.stderr).toContain('HTTP');
    expect(r.stderr).toContain('DATABASE_URL');
  } finally {
    server.kill('SIGTERM');
    await exited;
  }
  // the server let go when it stopped
  expect((await bixue('import', 'facts.csv', '--json')).code).toBe(0);
}, 600_000);
