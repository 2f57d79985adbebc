import { testDbKinds } from '@bixue/db/testing';
import { describe, expect, it } from 'vitest';
import { expectSameJson, inEnglish, linesOf } from '../english-for-tests.ts';
import { useFixtureCli } from '../fixture-cli.ts';

/** The analytics commands print the contracts.md JSON over the fixture of packages/db/src/testing. */
describe.each(testDbKinds())('bixue rollup / ranking / attainment on %s', (kind) => {
  const { bixue } = useFixtureCli(kind, 'analytics');
  const json = async (...args: string[]) => {
    const r = await bixue(...args, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as unknown;
  };

  it('rollup prints value, status and coverage', async () => {
    // 880104 reported only 2024H1 = 3: partial, 6 of 12 months
    expect(await json('rollup', '--unit', '880104', '--indicator', 'members_congress', '--window', '2024')).toEqual({
      value: 3,
      status: 'partial',
      coverage: { months: 6, of: 12 },
    });
  });

  it('ranking prints ranked units first, ties sharing a rank, and the change', async () => {
    // party_lecture 2024 among 880100's counties: 5, 3, 3, 1 → 1, 2, 2, 4; 2023 ranks 2, 1, 3, none
    const args = ['ranking', '--indicator', 'party_lecture', '--window', '2024', '--group', 'siblings:880100'];
    expect(await json(...args)).toEqual([
      { unit: '880101', value: 5, rank: 1, change: 1 },
      { unit: '880102', value: 3, rank: 2, change: -1 },
      { unit: '880103', value: 3, rank: 2, change: 1 },
      { unit: '880104', value: 1, rank: 4, change: null },
    ]);
    const human = await bixue(...args);
    expect(human.stdout).toContain('并列第2名');
    // the header a person reads names the indicator and the group, not their codes
    const header = human.stdout.split('\n')[0]!;
    expect(header).toContain('党课 2024年');
    expect(header).toContain('甲市气象局下属单位');
    expect(header).not.toContain('siblings:');
  });

  it('ranking prints composite scores at the one decimal the ranks compare', async () => {
    const args = ['ranking', '--indicator', 'composite', '--window', '2024', '--group', 'siblings:880100'];
    const entries = (await json(...args)) as { unit: string; value: number | null }[];
    const lines = (await bixue(...args)).stdout.split('\n');
    const scored = entries.filter((e) => e.value !== null);
    expect(scored.length).toBeGreaterThan(1);
    for (const e of scored) {
      const line = lines.find((l) => l.includes(e.unit))!;
      // the JSON keeps the full score; the printout shows it as the screen does, e.g. 79.1
      expect(line).toContain(` ${(Math.round(e.value! * 10) / 10).toFixed(1)} `);
      expect(line).not.toMatch(/\d+\.\d\d/);
    }
  });

  it('attainment pro-rates by the target’s phasing to the as-of month', async () => {
    // 2025 on 1 July: judged on Jan–Jun; 党员大会 quarterly 4 → March and June due = 2; held 2 → 1
    const a = (await json(
      ...['attainment', '--unit', '880101', '--indicator', 'members_congress', '--window', '2025'],
      ...['--today', '2025-07-01'],
    )) as Record<string, number | string>;
    expect(Object.keys(a)).toEqual(['actual', 'target', 'proratedTarget', 'attainment', 'status']);
    expect(a).toEqual({ actual: 2, target: 4, proratedTarget: 2, attainment: 1, status: 'green' });
    // 880102 in 2024 through September: H1 1 + Q3 1 = 2 against 3 quarter ends due → 2/3, red
    const sep = (await json(
      ...['attainment', '--unit', '880102', '--indicator', 'members_congress', '--window', '2024'],
      ...['--as-of', '2024-09'],
    )) as Record<string, number | string>;
    expect([sep.actual, sep.target, sep.proratedTarget, sep.status]).toEqual([2, 4, 3, 'red']);
    expect(sep.attainment as number).toBeCloseTo(2 / 3, 12);
  });

  it('attainment’s table shows a count target as staff read it, the JSON the exact one', async () => {
    // 警示教育 2 a year, linear by days: through May 2024 2 × 152/366 = 0.83 due, which means holding 1
    const args = ['attainment', '--unit', '880101', '--indicator', 'warning_education', '--window', '2024'];
    const exact = (await json(...args, '--as-of', '2024-05')) as Record<string, number>;
    expect(exact.proratedTarget).toBeCloseTo((2 * 152) / 366, 12);
    const row = (await bixue(...args, '--as-of', '2024-05')).stdout.split('\n').find((l) => l.includes('880101'))!;
    expect(row.split(/ {2,}/)).toEqual(expect.arrayContaining(['2', '1']));
    expect(row).not.toContain('0.83');
  });

  it('trend compares the same months a year earlier, saying the as-of month when it clipped', async () => {
    // Jan–Jun 2025: 2025H1 = 2; Jan–Jun 2024: 2024H1 = 2 → 同比 0
    const clipped = await json(
      ...['trend', '--unit', '880101', '--indicator', 'members_congress', '--window', '2025', '--as-of', '2025-06'],
    );
    expect(clipped).toEqual({ value: 2, status: 'value', previousYear: 2, yoy: 0, asOf: '2025-06' });
    // the whole of 2024 (2 + 3 = 5) against 2023 (1 + 2 = 3): 5/3 − 1; not clipped, so no as-of
    const whole = (await json(
      ...['trend', '--unit', '880101', '--indicator', 'members_congress', '--window', '2024', '--as-of', '2025-06'],
    )) as Record<string, unknown>;
    expect(Object.keys(whole)).toEqual(['value', 'status', 'previousYear', 'yoy', 'asOf']);
    expect([whole.value, whole.previousYear, whole.asOf]).toEqual([5, 3, null]);
    expect(whole.yoy as number).toBeCloseTo(2 / 3, 12);
    const human = await bixue(
      ...['trend', '--unit', '880101', '--indicator', 'members_congress', '--window', '2025', '--as-of', '2025-06'],
    );
    expect(human.stdout).toContain('数据截至2025年6月');
  });

  it('exits 1 on bad input and 2 on missing options', async () => {
    const bad = await bixue(
      'rollup',
      '--unit',
      '880101',
      '--indicator',
      'members_congress',
      '--window',
      '2024H3',
      '--json',
    );
    expect([bad.code, bad.stdout]).toEqual([1, '']);
    expect(bad.stderr).toContain('2024H3');
    const asOf = await bixue(
      ...['rollup', '--unit', '880101', '--indicator', 'members_congress', '--window', '2024', '--as-of', '2024-13'],
    );
    expect([asOf.code, asOf.stderr.includes('--as-of')]).toEqual([1, true]);
    const unknown = await bixue(
      'ranking',
      '--indicator',
      'nope',
      '--window',
      '2024',
      '--group',
      'siblings:880100',
      '--json',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('指标 nope 不存在');
    expect((await bixue('rollup', '--unit', '880101', '--json')).code).toBe(2);
  });

  it('speaks English under --lang en, after the command or before it, with the same JSON', async () => {
    const rollup = ['rollup', '--unit', '880104', '--indicator', 'members_congress', '--window', '2024'];
    const ranking = ['ranking', '--indicator', 'party_lecture', '--window', '2024', '--group', 'siblings:880100'];
    const attainment = [
      ...['attainment', '--unit', '880102', '--indicator', 'members_congress', '--window', '2024'],
      ...['--as-of', '2024-09'],
    ];
    const trend = [
      ...['trend', '--unit', '880101', '--indicator', 'members_congress', '--window', '2025'],
      ...['--as-of', '2025-06'],
    ];
    // the numbers of the JSON tests above: 880104 held 3 in 2024H1 only
    expect(linesOf(await inEnglish(bixue, ...rollup))).toEqual([
      '880104 members_congress 2024: 3 (Partial (6/12 months), covers 6/12 months)',
    ]);
    expect(linesOf(await inEnglish(bixue, ...ranking))).toEqual([
      'Party lectures 2024 Units under Jia (4 of 4 ranked, against 2023)',
      'Rank      Unit    Name                                 Value  Status    Change',
      '#1 of 4   880101  Jiayi County Meteorological Bureau   5      Complete  ↑1',
      "T-2 of 4  880102  Jia'er County Meteorological Bureau  3      Complete  ↓1",
      'T-2 of 4  880103  Jiasan County Meteorological Bureau  3      Complete  ↑1',
      '#4 of 4   880104  Jiasi County Meteorological Bureau   1      Complete  new',
    ]);
    expect((await bixue('--lang', 'en', ...ranking)).stdout).toBe((await bixue(...ranking, '--lang', 'en')).stdout);
    // 2 held of 3 due through September: 66.7 %, behind
    expect(linesOf(await inEnglish(bixue, ...attainment))).toEqual([
      'Unit    Indicator         Period                        Actual        Target for the period  Target to date  Attainment  Status',
      '880102  members_congress  2024 (data through Sep 2024)  2 (Complete)  4                      3               66.7%       ✕ Behind',
    ]);
    expect(linesOf(await inEnglish(bixue, ...trend))).toEqual([
      'Unit    Indicator         Period                        This period   A year earlier  YoY',
      '880101  members_congress  2025 (data through Jun 2025)  2 (Complete)  2               0.0%',
    ]);
    for (const args of [rollup, ranking, attainment, trend]) await expectSameJson(bixue, ...args);
    // the composite names itself in English too
    const composite = await inEnglish(bixue, 'ranking', '--indicator', 'composite', ...ranking.slice(3));
    expect(linesOf(composite)[0]).toBe('Composite score 2024 Units under Jia (4 of 4 ranked, against 2023)');
  });

  it('refuses in English under --lang en, in Chinese by default, with exit 1', async () => {
    const unknown = ['rollup', '--unit', '990199', '--indicator', 'members_congress', '--window', '2024'];
    expect(await inEnglish(bixue, ...unknown)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: Unit 990199 does not exist\n',
    });
    expect(await bixue(...unknown)).toEqual({ code: 1, stdout: '', stderr: '错误 error: 单位 990199 不存在\n' });
    const badWindow = await inEnglish(bixue, ...unknown.slice(0, 5), '--window', '2024H3');
    expect([badWindow.code, badWindow.stderr]).toEqual([
      1,
      'error: --window: Unknown reporting period "2024H3": write 2024, 2024H1, 2024Q3 or 2024-07\n',
    ]);
  });
});
