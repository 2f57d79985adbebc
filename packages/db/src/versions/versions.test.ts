import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { analyticsMatrix, type MatrixQuery } from '../analytics/matrix-sql.ts';
import { describeEachDb } from '../testing/index.ts';
import { upsertUnits } from '../units.ts';
import { type FactInput, writeFacts } from '../write-path/index.ts';
import { factChanges } from './fact-changes.ts';
import { factsAtVersion } from './facts-at-version.ts';

const fact = (unitCode: string, period: string, value: number | null, status: FactInput['status'] = 'value') =>
  ({ unitCode, indicatorCode: 'party_lecture', period, value, status }) satisfies FactInput;

describeEachDb('facts as of a data version', 'catalog', (t) => {
  const db = () => t.db();
  const snapshots = new Map<number, unknown[]>();
  const snapshot = async () =>
    (
      await sql<Record<string, unknown>>`
        select f.unit_code, f.indicator_code, f.period, f.start_month, f.end_month, f.value, f.status
        from facts f join units u on u.code = f.unit_code where u.province_code = '880000'
        order by 1, 2, 3`.execute(db())
    ).rows;
  const rewound = async (version: number) =>
    (
      await sql<Record<string, unknown>>`
        select f.* from ${factsAtVersion({ province: '880000', version })} f
        join units u on u.code = f.unit_code where u.province_code = '880000' order by 1, 2, 3`.execute(db())
    ).rows;

  beforeAll(async () => {
    await upsertUnits(db(), [
      { code: '880000', name: '样例省气象局', level: 'province', parent_code: null },
      { code: '880100', name: '样例市气象局', level: 'city', parent_code: '880000' },
      { code: '880101', name: '甲县气象局', level: 'county', parent_code: '880100' },
      { code: '880102', name: '乙县气象局', level: 'county', parent_code: '880100' },
      { code: '870000', name: '另一省气象局', level: 'province', parent_code: null },
      { code: '870100', name: '另一市气象局', level: 'city', parent_code: '870000' },
    ]);
    snapshots.set(0, await snapshot());
    const ctx = { source: 'manual' as const, user: 'tester' };
    // v1: three facts
    await writeFacts(
      db(),
      [fact('880101', '2024-01', 2), fact('880101', '2024-02', 3), fact('880102', '2024Q1', 10)],
      ctx,
    );
    snapshots.set(1, await snapshot());
    // the other province's writes number its own versions (870000 v1, v2) and are never rewound
    await writeFacts(db(), [fact('870100', '2024Q1', 7)], ctx);
    // v2: an update, a delete and an insert
    await writeFacts(
      db(),
      [fact('880101', '2024-02', 5), fact('880102', '2024Q1', null, 'missing'), fact('880101', '2024-03', 4)],
      { ...ctx, user: 'analyst' },
    );
    snapshots.set(2, await snapshot());
    await writeFacts(db(), [fact('870100', '2024Q1', 8)], ctx);
    // v3: a correction masks January
    await writeFacts(db(), [fact('880101', '2024-01', null, 'undisclosed')], {
      ...ctx,
      user: 'admin',
      reason: '原报数据有误',
    });
    snapshots.set(3, await snapshot());
  });

  it('rewinds the facts to exactly what was stored at each version', async () => {
    for (const [version, stored] of snapshots) expect(await rewound(version), `v${version}`).toEqual(stored);
    expect(snapshots.get(0)).toEqual([]);
    expect(snapshots.get(1)).toHaveLength(3);
  });

  it('rolls up and ranks the facts as they were, never from the (current) roll-ups', async () => {
    const q: MatrixQuery = {
      units: ['880101', '880102'],
      indicators: [{ code: 'party_lecture', formula: null, direction: 'higher_better', perMember: false, decimals: 0 }],
      windows: [{ startMonth: 2024 * 12, endMonth: 2024 * 12 + 2, year: 2024 }],
      memberCount: false,
    };
    const cells = async (version: number | null) =>
      (await analyticsMatrix(db(), { ...q, atVersion: version === null ? null : { province: '880000', version } })).map(
        (r) => [r.unit_code, r.value, r.status, r.months, r.rank],
      );
    // v1: 甲 has January and February (2 + 3, two of three months), 乙 the quarter (10)
    expect(await cells(1)).toEqual([
      ['880102', 10, 'value', 3, 1],
      ['880101', 5, 'partial', 2, 2],
    ]);
    // v2: 甲 2 + 5 + 4 = 11 over the whole quarter; 乙's quarter was deleted
    expect(await cells(2)).toEqual([
      ['880101', 11, 'value', 3, 1],
      ['880102', null, 'missing', 0, null],
    ]);
    // v3 is now: the same as reading the roll-ups
    expect(await cells(3)).toEqual(await cells(null));
    expect((await cells(null))[0]!.slice(0, 3)).toEqual(['880101', null, 'undisclosed']);
  });

  it('lists what changed between two versions, with who and why', async () => {
    const changes = await factChanges(db(), { province_code: '880000', path: '880000/' }, 1, 3);
    expect(
      changes.map((c) => [c.unit, c.period, c.before, c.after, c.steps.map((s) => [s.version, s.by, s.reason])]),
    ).toEqual([
      [
        '880101',
        '2024-01',
        { value: 2, status: 'value' },
        { value: null, status: 'undisclosed' },
        [[3, 'admin', '原报数据有误']],
      ],
      ['880101', '2024-02', { value: 3, status: 'value' }, { value: 5, status: 'value' }, [[2, 'analyst', null]]],
      ['880101', '2024-03', { value: null, status: null }, { value: 4, status: 'value' }, [[2, 'analyst', null]]],
      ['880102', '2024Q1', { value: 10, status: 'value' }, { value: null, status: null }, [[2, 'analyst', null]]],
    ]);
    // the other province's versions 1..2 are its own writes only
    expect(
      (await factChanges(db(), { province_code: '870000', path: '870000/' }, 0, 2)).map((c) => [
        c.unit,
        c.before.value,
        c.after.value,
      ]),
    ).toEqual([['870100', null, 8]]);
    expect(await factChanges(db(), { province_code: '880000', path: '880000/' }, 3, 3)).toEqual([]);
    // a county's subtree: its own facts only
    expect(
      (await factChanges(db(), { province_code: '880000', path: '880000/880100/880102/' }, 0, 3)).map((c) => c.period),
    ).toEqual([]);
    expect(
      (await factChanges(db(), { province_code: '880000', path: '880000/880100/880101/' }, 1, 2)).map((c) => c.period),
    ).toEqual(['2024-02', '2024-03']);
  });
});
