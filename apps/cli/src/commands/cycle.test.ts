import { writeFile } from 'node:fs/promises';
import { testDbKinds } from '@bixue/db/testing';
import { describe, expect, it } from 'vitest';
import { expectSameJson, inEnglish, linesOf } from '../english-for-tests.ts';
import { useFixtureCli } from '../fixture-cli.ts';

/** `bixue cycle …` and `import --commit` into a closed period, over the fixture province 880000. */
// every step is a process that opens the database: on PGlite a few seconds each on a busy machine
describe.each(testDbKinds())('bixue cycle on %s', { timeout: 400_000 }, (kind) => {
  const { bixue, path } = useFixtureCli(kind, 'cycle');
  const json = async (...args: string[]) => {
    const r = await bixue(...args, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as unknown;
  };
  const facts = async (name: string, value: number) => {
    await writeFile(path(name), `unit_code,indicator,period,value\n880101,seminar,2025-08,${value}\n`);
    return path(name);
  };
  /** `cycle status` of 2025Q3 judged on `today` (overdue after the due date, 10 October) */
  const statusOn = async (today: string) =>
    (await json('cycle', 'status', '--province', '880000', '--period', '2025Q3', '--today', today)) as {
      unit: string;
      state: string;
      overdue: boolean;
    }[];
  const rollup = async () =>
    (await json('rollup', '--unit', '880101', '--indicator', 'seminar', '--window', '2025Q3')) as {
      value: number | null;
    };

  /** opens a period and reports every unit not started, overdue after the due date */
  const openPeriod = async () => {
    const opened = (await json(
      'cycle',
      'open',
      '--province',
      '880000',
      '--period',
      '2025Q3',
      '--due',
      '2025-10-10',
    )) as {
      period: string;
      total: number;
    };
    expect(opened).toMatchObject({ period: '2025Q3', total: 12 });
    const status = await statusOn('2025-10-11');
    expect(status).toHaveLength(12);
    expect(status).toContainEqual({ unit: '880101', state: 'not_started', overdue: true });
    const early = await statusOn('2025-10-01');
    expect(early.every((s) => !s.overdue)).toBe(true);
  };

  /** imports into the open period as a draft that counts once approved */
  const draftImport = async () => {
    const r = await bixue('cycle', 'submit', '--unit', '880101', '--period', '2025Q3');
    expect([r.code, r.stderr]).toEqual([1, expect.stringContaining('尚未填报任何数据，不能提交')]);
    const imported = await json('import', await facts('q3.csv', 3), '--commit', '--today', '2025-10-01');
    expect(imported).toEqual({ ok: true, errors: [], warnings: [], inserted: 1, updated: 0, unchanged: 0 });
    expect((await rollup()).value).toBeNull();
    expect(await json('cycle', 'submit', '--unit', '880101', '--period', '2025Q3')).toEqual({
      unit: '880101',
      from: 'draft',
      state: 'submitted',
    });
    const back = await bixue('cycle', 'return', '--unit', '880101', '--period', '2025Q3');
    expect([back.code, back.stderr]).toEqual([1, expect.stringContaining('请填写意见')]);
  };

  /** returns with a comment, takes the resubmission and approves it */
  const returnAndApprove = async () => {
    await json('cycle', 'return', '--unit', '880101', '--period', '2025Q3', '--comment', '请核实');
    await json('cycle', 'submit', '--unit', '880101', '--period', '2025Q3');
    await json('cycle', 'approve', '--unit', '880101', '--period', '2025Q3');
    expect((await rollup()).value).toBe(3);
    const status = await statusOn('2025-10-11');
    expect(status).toContainEqual({ unit: '880101', state: 'approved', overdue: false });
  };

  /** closes the period; an import into it exits 1 naming the lock unless it is a correction */
  const closePeriod = async () => {
    await json('cycle', 'close', '--province', '880000', '--period', '2025Q3');
    const refused = await bixue('import', await facts('late.csv', 4), '--commit', '--today', '2025-10-20', '--json');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('报送期 2025Q3 已关闭并锁定');
    expect((await rollup()).value).toBe(3);
    const corrected = await json(
      'import',
      await facts('fix.csv', 4),
      '--commit',
      '--today',
      '2025-10-20',
      '--correction',
      '市局复核更正',
    );
    expect(corrected).toEqual({ ok: true, errors: [], warnings: [], inserted: 0, updated: 1, unchanged: 0 });
    expect((await rollup()).value).toBe(4);
    const again = await bixue('cycle', 'approve', '--unit', '880102', '--period', '2025Q3');
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('已关闭')]);
  };

  /** reminds nobody once the period is closed, and refuses a usage error with exit 2 */
  const remindClosed = async () => {
    const r = await bixue('cycle', 'remind', '--province', '880000', '--period', '2025Q3');
    expect([r.code, r.stderr]).toEqual([1, expect.stringContaining('已关闭，无需催报')]);
    expect((await bixue('cycle', 'open', '--province', '880000')).code).toBe(2);
  };

  // one walk-through: each step is the period's next state, from the one the step before left
  it('walk-through: 2025Q3 opened, imported as a draft, returned, approved, closed against a late import but not a correction, then nobody reminded', async () => {
    await openPeriod();
    await draftImport();
    await returnAndApprove();
    await closePeriod();
    await remindClosed();
  });

  // after the walk-through: 2025Q3 closed with 880101 approved; 2025Q4 is the English one
  it('speaks English under --lang en: the closed period’s board, a new period opened, reminded and closed, and the refusals', async () => {
    const status = ['cycle', 'status', '--province', '880000', '--period', '2025Q3'];
    const county = (code: string, name: string, state: string) =>
      `  ${code} ${name} County Meteorological Bureau ${state}`;
    expect(linesOf(await inEnglish(bixue, ...status))).toEqual([
      'Q3 2025 (due 2025-10-10, closed)',
      '  880000 Yangli Provincial Meteorological Bureau Not started',
      '  880100 Jia City Meteorological Bureau Not started',
      county('880101', 'Jiayi', 'Approved'),
      county('880102', "Jia'er", 'Not started'),
      county('880103', 'Jiasan', 'Not started'),
      county('880104', 'Jiasi', 'Not started'),
      '  880200 Yi City Meteorological Bureau Not started',
      county('880201', 'Yiyi', 'Not started'),
      '  880300 Bing City Meteorological Bureau Not started',
      county('880301', 'Bingyi', 'Not started'),
      county('880302', "Bing'er", 'Not started'),
      county('880303', 'Bingsan', 'Not started'),
    ]);
    await expectSameJson(bixue, ...status);

    const q4 = ['--province', '880000', '--period', '2025Q4'];
    const task = ['--unit', '880101', '--period', '2025Q4'];
    expect(linesOf(await inEnglish(bixue, 'cycle', 'open', ...q4, '--due', '2026-01-10'))).toEqual([
      'Reporting period Q4 2025 opened (due 2026-01-10) for 12 units',
    ]);
    expect(await inEnglish(bixue, 'cycle', 'submit', ...task)).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: Jiayi County Meteorological Bureau (880101) Q4 2025: Nothing has been entered yet: there is nothing to submit\n',
    });
    await writeFile(path('q4.csv'), 'unit_code,indicator,period,value\n880101,seminar,2025-11,2\n');
    expect((await bixue('import', path('q4.csv'), '--commit', '--today', '2025-12-01')).code).toBe(0);
    expect(linesOf(await inEnglish(bixue, 'cycle', 'submit', ...task))).toEqual([
      '880101 Q4 2025: submitted (now Submitted)',
    ]);
    expect(linesOf(await inEnglish(bixue, 'cycle', 'approve', ...task))).toEqual([
      '880101 Q4 2025: approved (now Approved)',
    ]);
    expect(linesOf(await inEnglish(bixue, 'cycle', 'remind', ...q4))).toEqual([
      'Reminded 11 units (no group robot set up)',
    ]);
    expect(linesOf(await inEnglish(bixue, 'cycle', 'close', ...q4))).toEqual([
      'Reporting period Q4 2025 closed; 11 units not approved, their 0 draft facts discarded',
    ]);
    expect(await inEnglish(bixue, 'cycle', 'remind', ...q4)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: Reporting period Q4 2025 is closed: there is nothing to remind about\n',
    });
  });
});
