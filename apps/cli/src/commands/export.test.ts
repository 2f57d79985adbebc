import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createDb, resetDatabase } from '@bixue/db';
import { loadAnalyticsFixture, openTestDb, testDbKinds, TEST_PG_ADMIN_URL } from '@bixue/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const PKG_DIR = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

/** `bixue export` over the fixture of packages/db/src/testing, whose numbers are known by hand. */
describe.each(testDbKinds())('bixue export on %s', (kind) => {
  let dir: string;
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '' };
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bixue-cli-export-'));
    const handle = kind === 'postgres' ? await openTestDb('postgres') : await createDb({ dataDir: join(dir, 'data') });
    await resetDatabase(handle.db, { demo: false });
    await loadAnalyticsFixture(handle.db);
    if (kind === 'postgres') {
      const name = (await handle.db.selectNoFrom((eb) => eb.fn<string>('current_database').as('d')).executeTakeFirstOrThrow()).d;
      const url = new URL(TEST_PG_ADMIN_URL);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
      await handle.db.destroy();
      drop = handle.close;
    } else await handle.close();
  });
  afterAll(async () => {
    await drop?.().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  });

  const bixue = async (...args: string[]) => {
    try {
      const r = await run('node', ['--import', 'tsx', MAIN, ...args, '--data', join(dir, 'data')], { env, cwd: PKG_DIR });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };
  const ranking = ['export', '--chart', 'ranking', '--indicator', 'party_lecture', '--window', '2024', '--group', 'siblings:880100'];

  it('writes the ranking as CSV and PNG and says what it wrote', async () => {
    const csvPath = join(dir, 'ranking.csv');
    const r = await bixue(...ranking, '--format', 'csv', '--out', csvPath, '--json');
    expect(r.stderr).toBe('');
    const csv = await readFile(csvPath, 'utf8');
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, file: csvPath, bytes: Buffer.byteLength(csv), width: null, height: null, filename: expect.stringMatching(/^党课排名_2024年_.+下属单位\.csv$/) });
    // party_lecture 2024 among 880100's counties: 5, 3, 3, 1 → ranks 1, 2, 2, 4; 2023 ranks 2, 1, 3, none
    const [header, ...rows] = csv.slice(1).trimEnd().split('\r\n').map((l) => l.split(','));
    expect(header).toEqual(['名次', '名次说明', '单位代码', '单位', '党课（次）', '数据状态', '名次变化（与2023年相比）']);
    expect(rows.map((l) => [l[0], l[2], l[4], l[6]])).toEqual([
      ['1', '880101', '5', '1'],
      ['2', '880102', '3', '-1'],
      ['2', '880103', '3', '1'],
      ['4', '880104', '1', '新'],
    ]);

    const pngPath = join(dir, 'ranking.png');
    const p = await bixue(...ranking, '--format', 'png', '--out', pngPath, '--json');
    expect(JSON.parse(p.stdout)).toMatchObject({ ok: true, width: 3840, height: 2160 });
    const png = await readFile(pngPath);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([3840, 2160]);
  });

  it('exits 2 on a chart it does not know, 1 with a message on a unit that does not exist', async () => {
    const out = join(dir, 'x.csv');
    const pie = await bixue('export', '--chart', 'pie', '--window', '2024', '--format', 'csv', '--out', out);
    expect(pie.code).toBe(2);
    expect(pie.stderr).toContain('pie');
    const unknown = await bixue('export', '--chart', 'trend', '--unit', '889999', '--indicator', 'party_lecture', '--window', '2024', '--format', 'csv', '--out', out);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('889999');
    const badWindow = await bixue(...ranking.slice(0, 5), '--window', '24H1', '--group', 'siblings:880100', '--format', 'csv', '--out', out);
    expect(badWindow.code).toBe(1);
    expect(badWindow.stderr).toContain('window');
  });
});
