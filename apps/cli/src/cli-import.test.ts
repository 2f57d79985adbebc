import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { testDbKinds } from '@bixue/db/testing';
import { describe, expect, it } from 'vitest';
import { cliSuite, TODAY, UNITS_CSV } from './cli-suite-for-tests.ts';
import { expectSameJson, inEnglish, linesOf } from './english-for-tests.ts';

// importing units and facts, and the CLI in English; setting a database up is in cli.test.ts
describe.each(testDbKinds())('bixue CLI imports on %s', (kind) => {
  const s = cliSuite(kind);
  const { bixue, catalogWithUnits } = s;

  it('names the row and column of bad input and exits 1', async () => {
    await catalogWithUnits();
    await writeFile(
      join(s.dir, 'bad.csv'),
      'code,name,level,parent_code\n770102,乙县气象局,county,770100\n77010X,丙县气象局,county,770100\n',
    );
    const r = await bixue('units', 'import', 'bad.csv');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad.csv 第3行 code');
    // with --json, the facts import's problem document on stdout, the same in either language
    const json = await bixue('units', 'import', 'bad.csv', '--json');
    expect([json.code, json.stderr, JSON.parse(json.stdout)]).toEqual([
      1,
      '',
      {
        ok: false,
        errors: [{ row: 3, column: 'code', code: 'bad_code', message: '单位代码应为6位数字（值 "77010X"）' }],
        inserted: 0,
        updated: 0,
      },
    ]);
    await expectSameJson(bixue, 'units', 'import', 'bad.csv');
    // all or nothing: the good row 2 was not written either
    const orphan = await bixue('units', 'import', 'units.csv', '--json');
    expect(JSON.parse(orphan.stdout)).toEqual({ ok: true, inserted: 0, updated: 3 });

    await writeFile(join(s.dir, 'orphan.csv'), 'code,name,level,parent_code\n770201,丁县气象局,county,779900\n');
    const missingParent = await bixue('units', 'import', 'orphan.csv');
    expect(missingParent.code).toBe(1);
    expect(missingParent.stderr).toContain('第2行 parent_code: 上级单位 779900 不存在');

    // a file with several problems names them all, not only the first
    await writeFile(
      join(s.dir, 'two.csv'),
      'code,name,level,parent_code\n770201,丁县气象局,county,779900\n770202,戊县气象局,town,770100\n',
    );
    const two = await bixue('units', 'import', 'two.csv');
    expect([two.code, two.stdout, two.stderr]).toEqual([
      1,
      '',
      '错误 error: two.csv: 2 个问题，未写入任何数据\n' +
        '  第2行 parent_code: 上级单位 779900 不存在\n' +
        '  第3行 level: 级别应为 province、city 或 county（值 "town"）\n',
    ]);
    expect((await bixue('--lang', 'en', 'units', 'import', 'two.csv')).stderr).toBe(
      'error: two.csv: 2 problems, nothing written\n' +
        '  Row 2, parent_code: Parent unit 779900 does not exist\n' +
        '  Row 3, level: The level should be province, city or county (value "town")\n',
    );
  });

  it('imports facts per contracts.md: a dry run, problems with row and column and exit 1, a commit, an idempotent re-run', async () => {
    await catalogWithUnits();
    await writeFile(
      join(s.dir, 'facts.csv'),
      'unit_code,indicator,period,value\n770101,party_lecture,2025,3\n770101,seminar,2025H1,X\n770101,seminar,2025H2,\n',
    );
    const dry = await bixue('import', 'facts.csv', '--json', '--today', TODAY);
    expect([dry.code, JSON.parse(dry.stdout)]).toEqual([
      0,
      { ok: true, errors: [], warnings: [], inserted: 2, updated: 0, unchanged: 0 },
    ]);
    await writeFile(
      join(s.dir, 'bad.csv'),
      'unit_code,indicator,period,value\n770101,party_lecture,2025,3\n770101,party_lecture,2025H1,-1\n',
    );
    const bad = await bixue('import', 'bad.csv', '--commit', '--json', '--today', TODAY);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      ok: false,
      errors: [{ row: 3, column: 'value', code: 'negative' }],
      inserted: 0,
    });
    // a person reads the problem's name, not its code; the JSON above keeps the code
    const human = await bixue('import', 'bad.csv', '--commit', '--today', TODAY);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('第3行 value [负数]');
    expect(human.stdout).not.toContain('negative');
    const commit = await bixue('import', 'facts.csv', '--commit', '--json', '--today', TODAY);
    expect(JSON.parse(commit.stdout)).toEqual({
      ok: true,
      errors: [],
      warnings: [],
      inserted: 2,
      updated: 0,
      unchanged: 0,
    });
    const again = await bixue('import', 'facts.csv', '--commit', '--json', '--today', TODAY);
    expect(JSON.parse(again.stdout)).toEqual({
      ok: true,
      errors: [],
      warnings: [],
      inserted: 0,
      updated: 0,
      unchanged: 2,
    });
    // party_lecture is believable up to 60 a year: 61 waits for --accept-warnings, then is written
    await writeFile(join(s.dir, 'warn.csv'), 'unit_code,indicator,period,value\n770101,party_lecture,2024,61\n');
    const warned = await bixue('import', 'warn.csv', '--commit', '--json', '--today', TODAY);
    expect([warned.code, JSON.parse(warned.stdout)]).toMatchObject([
      1,
      { ok: false, errors: [], warnings: [{ row: 2, column: 'value', code: 'implausible' }], inserted: 0 },
    ]);
    const accepted = await bixue('import', 'warn.csv', '--commit', '--accept-warnings', '--json', '--today', TODAY);
    expect([accepted.code, JSON.parse(accepted.stdout)]).toMatchObject([0, { ok: true, inserted: 1 }]);
  });

  it('judges a province that came by units import against the default targets', async () => {
    await catalogWithUnits();
    await writeFile(join(s.dir, 'facts.csv'), 'unit_code,indicator,period,value\n770101,party_lecture,2025,3\n');
    expect(
      JSON.parse((await bixue('import', 'facts.csv', '--commit', '--json', '--today', TODAY)).stdout),
    ).toMatchObject({
      inserted: 1,
    });
    // 党课: 3 held in 2025 against the default annual 4 → 0.75, below the yellow 0.8: red, not grey
    const r = await bixue(
      'attainment',
      ...['--unit', '770101', '--indicator', 'party_lecture', '--window', '2025', '--today', TODAY, '--json'],
    );
    expect([r.code, JSON.parse(r.stdout)]).toEqual([
      0,
      { actual: 3, target: 4, proratedTarget: 4, attainment: 0.75, status: 'red' },
    ]);
  });

  it('names a half imported under a stored year that keeps counting (--under-coarse keep, the default) or replaces it', async () => {
    await catalogWithUnits();
    const csv = (name: string, line: string) =>
      writeFile(join(s.dir, name), `unit_code,indicator,period,value\n770101,warning_education,${line}\n`);
    const year = async () =>
      JSON.parse(
        (
          await bixue(
            'rollup',
            ...['--unit', '770101', '--indicator', 'warning_education', '--window', '2025', '--today', TODAY, '--json'],
          )
        ).stdout,
      ) as { value: number; status: string };
    await csv('year.csv', '2025,3');
    expect(
      JSON.parse((await bixue('import', 'year.csv', '--commit', '--json', '--today', TODAY)).stdout),
    ).toMatchObject({ inserted: 1 });
    // H1 = 5 under the year's 3: already more than the year, and the year keeps counting 3
    await csv('h1.csv', '2025H1,5');
    const kept = await bixue('import', 'h1.csv', '--commit', '--json', '--today', TODAY);
    expect([kept.code, JSON.parse(kept.stdout)]).toEqual([
      0,
      {
        ok: true,
        errors: [],
        warnings: [],
        inserted: 1,
        updated: 0,
        unchanged: 0,
        underCoarse: [
          {
            row: 2,
            column: 'value',
            unitCode: '770101',
            indicatorCode: 'warning_education',
            period: '2025',
            value: 3,
            finer: { value: 5, months: 6, of: 12, periods: ['2025H1'] },
            written: ['2025H1'],
          },
        ],
        underCoarseChoice: 'keep_coarse',
        deleted: 0,
      },
    ]);
    expect(await year()).toMatchObject({ value: 3, status: 'value' });
    // H2 = 1 with --under-coarse replace: the year goes, H1 5 + H2 1 = 6 over 12/12 counts
    await csv('h2.csv', '2025H2,1');
    const human = await bixue('import', 'h2.csv', '--under-coarse', 'replace', '--today', TODAY);
    expect(human.stdout).toContain('770101 warning_education 2025 = 3，其中 2025H1、2025H2 合计 6（覆盖 12/12 月）');
    const replaced = await bixue(
      'import',
      'h2.csv',
      '--commit',
      '--under-coarse',
      'replace',
      '--json',
      '--today',
      TODAY,
    );
    expect(JSON.parse(replaced.stdout)).toMatchObject({ ok: true, inserted: 1, deleted: 1 });
    expect(await year()).toMatchObject({ value: 6, status: 'value' });
    expect((await bixue('import', 'h2.csv', '--under-coarse', 'both', '--today', TODAY)).code).toBe(2);
  });

  it('speaks English under --lang en or $BIXUE_LANG: set-up, units, facts, reports and the refusals', async () => {
    const rollup = ['rollup', '--unit', '770101', '--indicator', 'party_lecture', '--window', '2025', '--today', TODAY];
    expect(await inEnglish(bixue, ...rollup)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: The database is not set up yet: run pnpm -s bixue db reset --demo or pnpm start first\n',
    });
    s.env.BIXUE_LANG = 'en';
    expect(await bixue('db', 'reset', '--empty')).toEqual({
      code: 0,
      stdout: `Database rebuilt (${kind}) with the indicator catalog only\n`,
      stderr: '',
    });
    expect(linesOf(await inEnglish(bixue, 'db', 'migrate'))).toEqual([
      `Database is at this release (${kind}): 0 migrations run; indicator catalog unchanged`,
    ]);
    // the flag wins over the variable; a language the CLI does not speak is a usage error
    expect((await bixue(...rollup, '--lang', 'zh')).stderr).toBe('错误 error: 单位 770101 不存在\n');
    s.env.BIXUE_LANG = 'fr';
    const fr = await bixue(...rollup);
    expect([fr.code, fr.stderr]).toEqual([2, expect.stringContaining('BIXUE_LANG must be zh or en, got "fr"')]);
    delete s.env.BIXUE_LANG;

    await writeFile(join(s.dir, 'units.csv'), UNITS_CSV);
    expect(linesOf(await inEnglish(bixue, 'units', 'import', 'units.csv'))).toEqual([
      'Units imported: 3 added, 0 updated',
    ]);
    await writeFile(join(s.dir, 'bad-units.csv'), 'code,name,level,parent_code\n77010X,丙县气象局,county,770100\n');
    expect(await inEnglish(bixue, 'units', 'import', 'bad-units.csv')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: bad-units.csv Row 2, code: A unit code is 6 digits (value "77010X")\n',
    });
    // the scope's refusal as the API says it, not only its kind
    await writeFile(join(s.dir, 'orphan.csv'), 'code,name,level,parent_code\n770201,丁县气象局,county,779900\n');
    expect(await inEnglish(bixue, 'units', 'import', 'orphan.csv')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: orphan.csv Row 2, parent_code: Parent unit 779900 does not exist\n',
    });

    await writeFile(
      join(s.dir, 'facts.csv'),
      'unit_code,indicator,period,value\n770101,party_lecture,2025,3\n770101,party_lecture,2025H1,-1\n',
    );
    const facts = ['import', 'facts.csv', '--today', TODAY];
    expect(await inEnglish(bixue, ...facts)).toEqual({
      code: 1,
      stdout:
        'facts.csv: 1 problem, nothing written\n  Row 3 value [Negative] Party lectures cannot be negative (-1)\n',
      stderr: '',
    });
    await expectSameJson(bixue, ...facts);
    await writeFile(join(s.dir, 'good.csv'), 'unit_code,indicator,period,value\n770101,party_lecture,2025,3\n');
    expect(linesOf(await inEnglish(bixue, 'import', 'good.csv', '--today', TODAY))).toEqual([
      'Checked, nothing written (add --commit to import): 1 to add, 0 to update, 0 unchanged',
    ]);
    expect(linesOf(await inEnglish(bixue, 'import', 'good.csv', '--commit', '--today', TODAY))).toEqual([
      'Imported: 1 added, 0 updated, 0 unchanged',
    ]);
    const bad = await inEnglish(bixue, 'import', 'good.csv', '--today', '2025-13-01');
    expect([bad.code, bad.stderr]).toEqual([
      2,
      expect.stringContaining('--today must be YYYY-MM-DD, got "2025-13-01"'),
    ]);

    await writeFile(
      join(s.dir, 'report.txt'),
      '样例县气象局2025年上半年党建工作总结\n上半年共召开党员大会2次，讲党课3次。\n',
    );
    // the unit romanised as units without an English name are; where each figure stands, not the Chinese sentence
    expect(linesOf(await inEnglish(bixue, 'extract', 'report.txt'))).toEqual([
      'report.txt: period H1 2025 · level county · unit Yangli County Meteorological Bureau',
      '  members_congress         2\t(0.95) characters 21–40',
      '  party_lecture            3\t(0.95) characters 21–40',
    ]);
    await expectSameJson(bixue, 'extract', 'report.txt');
    expect(await inEnglish(bixue, 'extract', 'missing.txt')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: No such file: missing.txt\n',
    });
  });
});
