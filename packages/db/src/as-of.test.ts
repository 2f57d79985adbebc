import { expect, it } from 'vitest';
import { resolveAsOf } from './as-of.ts';
import { putSetting } from './settings.ts';
import { describeEachDb } from './testing/index.ts';
import { upsertUnits } from './units.ts';

describeEachDb('the data as-of month', 'catalog', ({ db }) => {
  it('is the last complete month before today, unless the admin set it', async () => {
    await upsertUnits(db(), [{ code: '770000', name: '新设省气象局', level: 'province', parent_code: null }]);
    // 29 November: October is the last complete month
    expect(await resolveAsOf(db(), '770000', new Date('2026-11-29T00:00:00Z'))).toEqual({
      month: '2026-10',
      source: 'last_complete_month',
    });
    // on the first of a month the month before is complete
    expect((await resolveAsOf(db(), '770000', new Date('2026-01-01T00:00:00Z'))).month).toBe('2025-12');
    await putSetting(db(), '770000', 'data_as_of', '2026-09');
    expect(await resolveAsOf(db(), '770000', new Date('2026-11-29T00:00:00Z'))).toEqual({
      month: '2026-09',
      source: 'setting',
    });
    await expect(putSetting(db(), '770000', 'data_as_of', '2026-9')).rejects.toThrow('YYYY-MM');
  });
});
