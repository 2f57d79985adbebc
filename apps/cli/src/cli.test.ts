import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createDb } from '@bixue/db';
import { testDbKinds } from '@bixue/db/testing';
import { describe, expect, it } from 'vitest';
import { cliSuite, UNITS_CSV } from './cli-suite-for-tests.ts';
import { helpedCommands } from './help-for-tests.ts';
import { runProcess } from './run-for-tests.ts';

// setting a database up and what commands say before it is; importing units and facts is in cli-import.test.ts
describe.each(testDbKinds())('bixue CLI on %s', (kind) => {
  const s = cliSuite(kind);
  const { bixue } = s;

  it('as a process: exit 1 and one line on stderr on a database never set up, exit 2 on usage errors', async () => {
    const process = (...args: string[]) =>
      runProcess([...args, '--data', join(s.dir, 'data')], { ...s.env, INIT_CWD: s.dir });
    expect(await process('rollup', '--unit', '990101', '--indicator', 'party_lecture', '--window', '2025')).toEqual({
      code: 1,
      stdout: '',
      stderr: '错误 error: 数据库尚未初始化：先运行 pnpm -s bixue db reset --demo 或 pnpm start\n',
    });
    expect((await process('no-such-command')).code).toBe(2);
  });

  it('says what to run on a database that was never set up, and exits 1, for every command that reads it', async () => {
    await writeFile(join(s.dir, 'empty.csv'), 'code,name,level,parent_code\n');
    const unit = ['--unit', '990101', '--indicator', 'party_lecture', '--window', '2025'];
    const task = ['--unit', '990101', '--period', '2026Q3'];
    const province = ['--province', '990000', '--period', '2026Q3'];
    const commands: Record<string, string[]> = {
      rollup: unit,
      attainment: unit,
      trend: unit,
      ranking: ['--indicator', 'party_lecture', '--window', '2025', '--group', 'siblings:990101'],
      import: ['empty.csv'],
      template: [...province, '--out', 'template.xlsx'],
      export: ['--chart', 'ranking', '--window', '2025', '--format', 'png', '--out', 'ranking.png'],
      brief: ['--window', '2025', '--charts', 'ranking:party_lecture', '--format', 'pptx', '--out', 'brief.pptx'],
      'units import': ['empty.csv'],
      'cycle open': [...province, '--due', '2026-10-15'],
      'cycle status': province,
      'cycle submit': task,
      'cycle approve': task,
      'cycle return': [...task, '--comment', '补报'],
      'cycle close': province,
      'cycle remind': province,
      'versions list': ['--province', '990000'],
      'versions diff': ['--province', '990000', '--from', '1'],
    };
    // every one the help lists is above, but db reset and db migrate (which set the database up) and extract and
    // extract-score (which read reports, not the database)
    expect(Object.keys(commands).sort()).toEqual(
      (await helpedCommands(bixue))
        .filter((c) => !['db reset', 'db migrate', 'extract', 'extract-score'].includes(c))
        .sort(),
    );
    for (const [name, args] of Object.entries(commands)) {
      const r = await bixue(...name.split(' '), ...args, '--json');
      expect([r.code, r.stdout, r.stderr.trim()], name).toEqual([
        1,
        '',
        '错误 error: 数据库尚未初始化：先运行 pnpm -s bixue db reset --demo 或 pnpm start',
      ]);
    }
    // the folder held no cluster, and still holds none: nothing was created at the path typed
    if (kind === 'pglite') {
      expect(existsSync(join(s.dir, 'data', 'PG_VERSION'))).toBe(false);
      // a cluster made but never set up (a start that stopped halfway) says the same
      await (await createDb({ dataDir: join(s.dir, 'data') })).close();
      const r = await bixue('rollup', ...unit, '--json');
      expect([r.code, r.stderr.trim()]).toEqual([
        1,
        '错误 error: 数据库尚未初始化：先运行 pnpm -s bixue db reset --demo 或 pnpm start',
      ]);
    }
  });

  it('migrates a database never set up, then finds nothing to do; brings an older catalog up to date', async () => {
    const first = await bixue('db', 'migrate', '--json');
    expect(first.code, first.stderr).toBe(0);
    const done = JSON.parse(first.stdout) as { migrations: string[]; catalog: { added: string[] } };
    expect(done.migrations[0]).toBe('0001_schema');
    expect(done.migrations.length).toBeGreaterThanOrEqual(16);
    expect(done.catalog.added).toHaveLength(30);
    const again = await bixue('db', 'migrate', '--json');
    expect(JSON.parse(again.stdout)).toEqual({
      ok: true,
      db: kind,
      migrations: [],
      catalog: { added: [], changed: [], reaggregated: [] },
    });
    expect((await bixue('db', 'migrate')).stdout).toBe(`数据库已是当前版本 (${kind})：执行迁移 0 个；指标目录无变化\n`);
    // as if an earlier release had set it up: its newest migration not run yet
    const handle = await createDb(
      kind === 'pglite' ? { dataDir: join(s.dir, 'data') } : { url: s.env.DATABASE_URL!, maxConnections: 1 },
    );
    await handle.db
      .deleteFrom('kysely_migration' as never)
      .where('name' as never, '=', done.migrations.at(-1)! as never)
      .execute();
    await handle.close();
    const older = await bixue(
      'rollup',
      '--unit',
      '990101',
      '--indicator',
      'party_lecture',
      '--window',
      '2025',
      '--json',
    );
    expect([older.code, older.stdout, older.stderr.trim()]).toEqual([
      1,
      '',
      '错误 error: 数据库由较早的版本建立：先运行 pnpm -s bixue db migrate 或 pnpm start（数据保留）',
    ]);
  });

  it('resets to an empty catalog and imports units, printing one JSON document', async () => {
    const reset = await bixue('db', 'reset', '--empty', '--json');
    expect(reset.code).toBe(0);
    expect(JSON.parse(reset.stdout)).toEqual({ ok: true, db: kind, demo: false, units: 0, facts: 0 });

    await writeFile(join(s.dir, 'units.csv'), UNITS_CSV);
    const imported = await bixue('units', 'import', 'units.csv', '--json');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({ ok: true, inserted: 3, updated: 0 });
    const again = await bixue('units', 'import', 'units.csv', '--json');
    expect(JSON.parse(again.stdout)).toEqual({ ok: true, inserted: 0, updated: 3 });
  });

  it('exits 2 on usage errors', async () => {
    expect((await bixue('no-such-command')).code).toBe(2);
    expect((await bixue('db', 'reset', '--demo', '--empty')).code).toBe(2);
  });
});
