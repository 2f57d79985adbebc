import { DEFAULT_TARGETS } from '@bixue/domain';
import { expect, it } from 'vitest';
import { bootstrapProvince } from './province-bootstrap.ts';
import { describeEachDb } from './testing/index.ts';
import { upsertUnits } from './units.ts';

describeEachDb('a new province', 'catalog', ({ db }) => {
  const targetsOf = (province: string) =>
    db()
      .selectFrom('targets')
      .select(['indicator_code', 'level', 'value', 'phasing', 'due_month'])
      .where('province_code', '=', province)
      .orderBy('indicator_code')
      .orderBy('level')
      .execute();

  it('gets the default targets with their phasing when upsertUnits inserts it', async () => {
    await upsertUnits(db(), [
      { code: '770000', name: '新设省气象局', level: 'province', parent_code: null },
      { code: '770100', name: '新设市气象局', level: 'city', parent_code: '770000' },
    ]);
    const rows = await targetsOf('770000');
    // 12 every-level defaults × 3 levels + 中心组学习 for city and province = 38
    expect(DEFAULT_TARGETS).toHaveLength(14);
    expect(rows).toHaveLength(38);
    expect(rows.filter((r) => r.indicator_code === 'members_congress')).toEqual(
      ['city', 'county', 'province'].map((level) => ({
        indicator_code: 'members_congress',
        level,
        value: 4,
        phasing: 'quarterly',
        due_month: 12,
      })),
    );
    expect(rows.find((r) => r.indicator_code === 'org_life_meeting')).toMatchObject({
      phasing: 'annual',
      due_month: 12,
    });
    expect(rows.filter((r) => r.indicator_code === 'center_group_study').map((r) => r.level)).toEqual([
      'city',
      'province',
    ]);
  });

  it('keeps targets an admin edited when it runs again, and adds none twice', async () => {
    await db()
      .updateTable('targets')
      .set({ value: 6, phasing: 'monthly' })
      .where('province_code', '=', '770000')
      .where('indicator_code', '=', 'members_congress')
      .where('level', '=', 'county')
      .execute();
    await bootstrapProvince(db(), '770000');
    // updating the province again is no new province
    await upsertUnits(db(), [{ code: '770000', name: '新设省气象局（更名）', level: 'province', parent_code: null }]);
    const rows = await targetsOf('770000');
    expect(rows).toHaveLength(38);
    expect(rows.find((r) => r.indicator_code === 'members_congress' && r.level === 'county')).toMatchObject({
      value: 6,
      phasing: 'monthly',
    });
  });
});
