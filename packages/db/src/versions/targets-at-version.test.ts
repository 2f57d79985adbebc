import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { changeSetting, getSettings } from '../settings.ts';
import { describeEachDb } from '../testing/index.ts';
import { upsertUnits } from '../units.ts';
import { dataVersion } from '../write-path/index.ts';
import { targetsAtVersion } from './targets-at-version.ts';
import { type TargetWrite, writeTargets } from './target-writes.ts';

const quarterly = (value: number) => ({ value, perCapita: false, phasing: 'quarterly' as const, dueMonth: 12 });
const lecture = (level: 'county' | null, unitCode: string | null, year: number | null) => ({
  indicatorCode: 'party_lecture',
  level,
  unitCode,
  year,
});

/** Targets and settings rewound to a version from their audit rows: exactly what was stored then. */
describeEachDb('targets and settings as of a data version', 'catalog', (t) => {
  const db = () => t.db();
  const snapshots = new Map<number, unknown[]>();
  const stored = async () =>
    (
      await sql`select indicator_code, level, unit_code, year, value, per_capita, phasing, due_month
        from targets where province_code = '860000' and indicator_code = 'party_lecture' order by 1, 2, 3, 4`.execute(
        db(),
      )
    ).rows;
  const rewound = async (version: number) =>
    (
      await sql`select indicator_code, level, unit_code, year, value, per_capita, phasing, due_month
        from ${targetsAtVersion({ province: '860000', version })} t
        where province_code = '860000' and indicator_code = 'party_lecture' order by 1, 2, 3, 4`.execute(db())
    ).rows;
  const write = (writes: TargetWrite[]) => writeTargets(db(), '860000', writes, { user: 'admin', reason: '测试' });

  beforeAll(async () => {
    await upsertUnits(db(), [
      { code: '860000', name: '测试省气象局', level: 'province', parent_code: null },
      { code: '860100', name: '测试市气象局', level: 'city', parent_code: '860000' },
      { code: '860101', name: '测试县气象局', level: 'county', parent_code: '860100' },
    ]);
    // version 0: the defaults a new province starts with (4 a year, quarterly, for every level)
    snapshots.set(0, await stored());
    // v1: the county default to 6, and a 2026 override for 860101 inserted
    expect(
      (
        await write([
          { scope: lecture('county', null, null), to: quarterly(6) },
          { scope: lecture(null, '860101', 2026), to: quarterly(9) },
        ])
      ).version,
    ).toBe(1);
    snapshots.set(1, await stored());
    // the same again: no version
    expect((await write([{ scope: lecture('county', null, null), to: quarterly(6) }])).version).toBeNull();
    // v2: the override's phasing to annual by June; v3: the override deleted, the county default back to 4
    await write([{ scope: lecture(null, '860101', 2026), to: { ...quarterly(9), phasing: 'annual', dueMonth: 6 } }]);
    snapshots.set(2, await stored());
    await write([
      { scope: lecture(null, '860101', 2026), to: null },
      { scope: lecture('county', null, null), to: quarterly(4) },
    ]);
    snapshots.set(3, await stored());
    // v4: a setting
    await changeSetting(db(), '860000', 'status_thresholds', { green: 1, yellow: 0.5 }, { user: 'admin' });
  });

  it('rewinds inserts, updates, phasing changes and deletes to the rows stored at each version', async () => {
    expect(await dataVersion(db(), '860000')).toBe(4);
    for (const [version, rows] of snapshots) expect(await rewound(version), `v${version}`).toEqual(rows);
    // hand-written: the county default 4 → 6 → 6 → 4; the override absent, 9 quarterly, 9 annual by June, absent
    const county = (rows: unknown[]) =>
      (rows as { level: string | null; unit_code: string | null; value: number; phasing: string; due_month: number }[])
        .filter((r) => r.level === 'county' || r.unit_code === '860101')
        .map((r) => [r.unit_code ?? r.level, r.value, r.phasing, r.due_month]);
    expect(county(await rewound(0))).toEqual([['county', 4, 'quarterly', 12]]);
    expect(county(await rewound(1))).toEqual([
      ['county', 6, 'quarterly', 12],
      ['860101', 9, 'quarterly', 12],
    ]);
    expect(county(await rewound(2))).toEqual([
      ['county', 6, 'quarterly', 12],
      ['860101', 9, 'annual', 6],
    ]);
    expect(county(await rewound(4))).toEqual([['county', 4, 'quarterly', 12]]);
  });

  it('reads the settings of a version: the default before the change, the new value after', async () => {
    expect((await getSettings(db(), '860000', 3)).status_thresholds).toEqual({ green: 1, yellow: 0.8 });
    expect((await getSettings(db(), '860000', 4)).status_thresholds).toEqual({ green: 1, yellow: 0.5 });
    expect((await getSettings(db(), '860000')).status_thresholds).toEqual({ green: 1, yellow: 0.5 });
  });
});
