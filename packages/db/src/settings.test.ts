import { DEFAULT_SETTINGS } from '@bixue/domain';
import { expect, it } from 'vitest';
import { getSettings, putSetting } from './settings.ts';
import { describeEachDb } from './testing/index.ts';

describeEachDb('settings', 'demo', ({ db }) => {
  it('fills defaults and keeps what a province stored', async () => {
    // the demo says its data ends in June 2026 (loaded as of 15 July); everything else is default
    expect(await getSettings(db(), '990000')).toEqual({ ...DEFAULT_SETTINGS, data_as_of: '2026-06' });
    await putSetting(db(), '990000', 'status_thresholds', { green: 1, yellow: 0.9 });
    await putSetting(db(), '990000', 'anonymise_peers', true);
    const s = await getSettings(db(), '990000');
    expect(s.status_thresholds).toEqual({ green: 1, yellow: 0.9 });
    expect(s.anonymise_peers).toBe(true);
    expect(s.composite.cap).toBe(1.2);
    await expect(putSetting(db(), '990000', 'status_thresholds', { green: 0.8, yellow: 0.9 })).rejects.toThrow(
      '黄灯阈值',
    );
  });
});
