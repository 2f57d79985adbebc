import { testDbKinds } from '@bixue/db/testing';
import { describe, expect, it } from 'vitest';
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
    expect(
      await json('ranking', '--indicator', 'party_lecture', '--window', '2024', '--group', 'siblings:880100'),
    ).toEqual([
      { unit: '880101', value: 5, rank: 1, change: 1 },
      { unit: '880102', value: 3, rank: 2, change: -1 },
      { unit: '880103', value: 3, rank: 2, change: 1 },
      { unit: '880104', value: 1, rank: 4, change: null },
    ]);
    const human = await bixue(
      'ranking',
      '--indicator',
      'party_lecture',
      '--window',
      '2024',
      '--group',
      'siblings:880100',
    );
    expect(human.stdout).toContain('并列第2名');
  });

  it('attainment pro-rates to --today', async () => {
    // 2025 on 1 July: 2 against 4 × 181/365 = 1.98356…, attainment 730/724
    const a = (await json(
      'attainment',
      '--unit',
      '880101',
      '--indicator',
      'members_congress',
      '--window',
      '2025',
      '--today',
      '2025-07-01',
    )) as Record<string, number | string>;
    expect(Object.keys(a)).toEqual(['actual', 'target', 'proratedTarget', 'attainment', 'status']);
    expect(a.actual).toBe(2);
    expect(a.target).toBe(4);
    expect(a.proratedTarget as number).toBeCloseTo((4 * 181) / 365, 10);
    expect(a.attainment as number).toBeCloseTo(730 / 724, 10);
    expect(a.status).toBe('green');
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
});
