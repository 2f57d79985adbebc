import { parsePeriod } from '@bixue/domain';
import { expect, it } from 'vitest';
import { resolveAsOf } from './as-of.ts';
import { insertReportingPeriod, markPeriodClosed } from './cycle/periods.ts';
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

  it('is the end of the latest reporting period the province closed', async () => {
    await upsertUnits(db(), [
      { code: '780000', name: '报送省气象局', level: 'province', parent_code: null },
      { code: '780100', name: '报送市气象局', level: 'city', parent_code: '780000' },
      { code: '790000', name: '邻省气象局', level: 'province', parent_code: null },
    ]);
    const today = new Date('2026-11-29T00:00:00Z');
    const open = (province: string, period: string) =>
      db()
        .transaction()
        .execute((trx) =>
          insertReportingPeriod(trx, {
            provinceCode: province,
            period: parsePeriod(period),
            dueDate: '2026-12-15',
            required: {},
            openedBy: 'admin',
          }),
        );
    const close = (province: string, period: string) =>
      db()
        .transaction()
        .execute((trx) => markPeriodClosed(trx, province, period, 'admin'));
    // an open period does not move the as-of month: October is still the last complete month
    expect(await open('780000', '2026Q2')).toBe(true);
    expect(await open('780000', '2026Q3')).toBe(true);
    expect(await resolveAsOf(db(), '780000', today)).toEqual({ month: '2026-10', source: 'last_complete_month' });
    // closing 2026Q3 (July–September) moves it to September
    expect(await close('780000', '2026Q3')).toBe(true);
    expect(await resolveAsOf(db(), '780000', today)).toEqual({ month: '2026-09', source: 'closed_period' });
    // closing the earlier quarter afterwards does not move it back to June
    expect(await close('780000', '2026Q2')).toBe(true);
    expect(await resolveAsOf(db(), '780000', today)).toEqual({ month: '2026-09', source: 'closed_period' });
    // another province's closed year is not this one's
    expect(await open('790000', '2025')).toBe(true);
    expect(await close('790000', '2025')).toBe(true);
    expect(await resolveAsOf(db(), '790000', today)).toEqual({ month: '2025-12', source: 'closed_period' });
    expect((await resolveAsOf(db(), '780000', today)).month).toBe('2026-09');
    // the admin's setting still wins over the closed period
    await putSetting(db(), '780000', 'data_as_of', '2026-08');
    expect(await resolveAsOf(db(), '780000', today)).toEqual({ month: '2026-08', source: 'setting' });
  });
});
