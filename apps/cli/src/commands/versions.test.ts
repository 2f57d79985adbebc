import { writeFile } from 'node:fs/promises';
import { testDbKinds } from '@bixue/db/testing';
import { describe, expect, it } from 'vitest';
import { expectSameJson, inEnglish, linesOf } from '../english-for-tests.ts';
import { useFixtureCli } from '../fixture-cli.ts';

/** `--version N` on the analytics commands, `versions list` and `versions diff`, over the fixture province 880000. */
describe.each(testDbKinds())('bixue … --version N and versions diff on %s', (kind) => {
  const { bixue, path } = useFixtureCli(kind, 'versions');
  const json = async (...args: string[]) => {
    const r = await bixue(...args, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as unknown;
  };
  const RANKING = ['ranking', '--indicator', 'party_lecture', '--window', '2024', '--group', 'siblings:880100'];
  const BEFORE = [
    { unit: '880101', value: 5, rank: 1, change: 1 },
    { unit: '880102', value: 3, rank: 2, change: -1 },
    { unit: '880103', value: 3, rank: 2, change: 1 },
    { unit: '880104', value: 1, rank: 4, change: null },
  ];

  it('draws a ranking and a roll-up as they were before an import, lists the import’s version and what it changed', async () => {
    const start = (await json('versions', 'diff', '--province', '880000', '--from', '0')) as { current: number };
    const v = start.current;
    expect(await json(...RANKING)).toEqual(BEFORE);

    // 880104's 2024 lectures corrected from 1 to 6 puts it first
    const csv = path('h2.csv');
    await writeFile(csv, 'unit_code,indicator,period,value\n880104,party_lecture,2024,6\n');
    const imported = await json('import', csv, '--commit');
    expect(imported).toMatchObject({ ok: true, updated: 1 });

    expect(await json(...RANKING)).toEqual([
      { unit: '880104', value: 6, rank: 1, change: null },
      { unit: '880101', value: 5, rank: 2, change: 0 },
      { unit: '880102', value: 3, rank: 3, change: -2 },
      { unit: '880103', value: 3, rank: 3, change: 0 },
    ]);
    expect(await json(...RANKING, '--version', String(v))).toEqual(BEFORE);
    const rollup = ['rollup', '--unit', '880104', '--indicator', 'party_lecture', '--window', '2024'];
    expect(await json(...rollup, '--version', String(v))).toEqual({
      value: 1,
      status: 'value',
      coverage: { months: 12, of: 12 },
    });
    expect(await json(...rollup)).toEqual({ value: 6, status: 'value', coverage: { months: 12, of: 12 } });

    const diff = (await json('versions', 'diff', '--province', '880000', '--from', String(v))) as {
      from: number;
      to: number;
      changes: { unit: string; indicator: string; period: string; before: unknown; after: unknown; steps: unknown[] }[];
    };
    expect([diff.from, diff.to]).toEqual([v, v + 1]);
    expect(diff.changes).toMatchObject([
      {
        unit: '880104',
        indicator: 'party_lecture',
        period: '2024',
        before: { value: 1, status: 'value' },
        after: { value: 6, status: 'value' },
        steps: [{ version: v + 1, source: 'import', reason: null }],
      },
    ]);
    // versions list: the import's version newest, as the web's picker (versions.list) lists it
    const listed = (await json('versions', 'list', '--province', '880000')) as { version: number }[];
    expect(listed[0]).toEqual({
      version: v + 1,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d/),
      by: ['cli'],
      sources: ['import'],
      reason: null,
      facts: 1,
    });
    const numbers = listed.map((e) => e.version);
    expect(numbers).toEqual([...new Set(numbers)].sort((a, b) => b - a));
    expect(await json('versions', 'list', '--province', '880000', '--limit', '1')).toHaveLength(1);
    const badLimit = await bixue('versions', 'list', '--province', '880000', '--limit', '0', '--json');
    expect([badLimit.code, badLimit.stdout, badLimit.stderr.includes('--limit')]).toEqual([1, '', true]);
    expect((await bixue('versions', 'list', '--province', '880000')).stdout).toContain(`v${v + 1}  `);

    const human = await bixue('versions', 'diff', '--province', '880000', '--from', String(v));
    expect(human.stdout).toContain('880104 party_lecture 2024: 1 → 6');

    // closing a period is a version of its own (issue 18: it moves the as-of month); the diff names it
    expect(
      (await bixue('cycle', 'open', '--province', '880000', '--period', '2025Q1', '--due', '2025-04-15')).code,
    ).toBe(0);
    expect((await bixue('cycle', 'close', '--province', '880000', '--period', '2025Q1')).code).toBe(0);
    const closed = await bixue('versions', 'diff', '--province', '880000', '--from', String(v + 1));
    expect(closed.stdout.split('\n').slice(1)).toEqual([`关闭报送期 2025Q1  v${v + 2} cli`, '']);

    const future = await bixue(...RANKING, '--version', String(v + 9), '--json');
    expect([future.code, future.stderr]).toEqual([1, `错误 error: 数据版本 v${v + 9} 不存在（当前为 v${v + 2}）\n`]);
    expect((await bixue('versions', 'diff', '--province', '880000', '--from', 'x', '--json')).code).toBe(1);
  });

  // after the test above: its import (880104's 2024 lectures 1 → 6), then the closing of 2025Q1
  it('speaks English under --lang en: what changed, and the versions that wrote facts', async () => {
    const { current } = (await json('versions', 'diff', '--province', '880000', '--from', '0')) as { current: number };
    const diff = ['versions', 'diff', '--province', '880000', '--from', String(current - 2)];
    expect(linesOf(await inEnglish(bixue, ...diff))).toEqual([
      `880000 data version v${current - 2} → v${current} (current v${current}): 1 fact changed`,
      `880104 party_lecture 2024: 1 → 6  v${current - 1} cli`,
      `Reporting period closed: Q1 2025  v${current} cli`,
    ]);
    const list = ['versions', 'list', '--province', '880000', '--limit', '2'];
    const [closing, imported] = (await json(...list)) as { at: string }[];
    expect(linesOf(await inEnglish(bixue, ...list))).toEqual([
      `880000 is at data version v${current}: the latest 2 versions`,
      `v${current}  ${closing!.at}  cli  reporting period closed  0 facts`,
      `v${current - 1}  ${imported!.at}  cli  spreadsheet import  1 fact`,
    ]);
    await expectSameJson(bixue, ...diff);
    await expectSameJson(bixue, ...list);
  });
});
