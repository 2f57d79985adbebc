import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { latestClosedMonth } from './cycle/periods.ts';
import { readProvinceState } from './province-read-state.ts';
import { inReadSnapshot } from './read-snapshot.ts';
import type { Database } from './schema.ts';
import { getSettings, putSetting } from './settings.ts';
import { describeEachDb } from './testing/index.ts';
import { getUnit } from './units.ts';
import { dataVersion } from './write-path/data-versions.ts';
import { writeFacts } from './write-path/write-facts.ts';

describeEachDb('reads once per read snapshot, never across them', 'demo', ({ db, kind }) => {
  it('shares a row read twice in one snapshot, and reads it again in the next', async () => {
    const first = await inReadSnapshot(db(), async (trx) => {
      const [a, b] = await Promise.all([getSettings(trx, '990000'), getSettings(trx, '990000')]);
      // one read, handed to both callers
      expect(b).toBe(a);
      expect(await getUnit(trx, '990000')).toBe(await getUnit(trx, '990000'));
      // another province's settings are another read
      expect(await getSettings(trx, '980000')).not.toBe(a);
      return a;
    });
    // the demo's thresholds (domain defaults) until an admin changes them
    expect(first.status_thresholds).toEqual({ green: 1, yellow: 0.8 });

    await putSetting(db(), '990000', 'status_thresholds', { green: 0.9, yellow: 0.6 });
    // the next snapshot, and a read outside any, see the write at once
    const next = await inReadSnapshot(db(), (trx) => getSettings(trx, '990000'));
    expect(next).not.toBe(first);
    expect(next.status_thresholds).toEqual({ green: 0.9, yellow: 0.6 });
    const outside = await getSettings(db(), '990000');
    expect(outside.status_thresholds).toEqual({ green: 0.9, yellow: 0.6 });
    // outside a snapshot nothing is kept: every call reads
    expect(await getSettings(db(), '990000')).not.toBe(outside);
  });

  // PGlite runs the transaction alone and ignores its access mode
  it.runIf(kind === 'postgres')('refuses to write in a read snapshot', async () => {
    await expect(inReadSnapshot(db(), (trx) => putSetting(trx, '990000', 'anonymise_peers', true))).rejects.toThrow(
      /read-only transaction/,
    );
    expect((await getSettings(db(), '990000')).anonymise_peers).toBe(false);
  });

  it("reads a province's settings, closed period and data version in one statement, as they are read one by one", async () => {
    const state = (trx: Kysely<Database>) =>
      Promise.all([getSettings(trx, '990000'), latestClosedMonth(trx, '990000'), dataVersion(trx, '990000')]);
    const apart = await state(db());
    const together = await inReadSnapshot(db(), async (trx) => {
      await readProvinceState(trx, '990000');
      return state(trx);
    });
    expect(together).toEqual(apart);
    // the demo's data ends in June 2026 by setting; it was loaded in bulk, so no versioned write yet
    expect(together[0].data_as_of).toBe('2026-06');
    expect(together[2]).toBe(0);

    await writeFacts(
      db(),
      [{ unitCode: '990101', indicatorCode: 'party_lecture', period: '2026-06', value: 3, status: 'value' }],
      { source: 'manual', user: 'tester', acceptWarnings: true },
    );
    // the next snapshot reads the new version
    expect(
      await inReadSnapshot(db(), async (trx) => {
        await readProvinceState(trx, '990000');
        return dataVersion(trx, '990000');
      }),
    ).toBe(1);
  });
});
