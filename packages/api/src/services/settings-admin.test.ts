import { describeEachDb, TEST_AS_OF } from '@bixue/db/testing';
import { TRPCError } from '@trpc/server';
import { expect, it } from 'vitest';
import { createCaller } from '../root.ts';
import { demoContext } from '../testing/demo-context.ts';
import { importFacts } from './import.ts';

/** 党课 2025-03 = 4 (the catalog's bound for a month is 60 ÷ 12 = 5 times) */
const CSV = Buffer.from('unit_code,indicator,period,value\n990101,party_lecture,2025-03,4\n');

async function code(call: Promise<unknown>): Promise<string | null> {
  return call.then(
    () => null,
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  );
}

/** Issue 12/13: the province's k-anonymity threshold and plausible bounds, set by its admin only, on record. */
describeEachDb('admin settings: peer_min_others and plausible bounds', 'demo', ({ db, kind }) => {
  const as = async (u: string) => createCaller(await demoContext(db(), kind, u));
  const audit = (key: string) =>
    db()
      .selectFrom('settings_audit')
      .select(['province_code', 'old_value', 'new_value', 'changed_by'])
      .where('key', '=', key)
      .orderBy('id')
      .execute();

  it('refuses anyone but the admin, before any change', async () => {
    for (const u of ['reporter', 'analyst', 'leader']) {
      const api = await as(u);
      expect(await code(api.admin.setPeerMinOthers({ value: 1 })), u).toBe('FORBIDDEN');
      expect(await code(api.admin.setPlausibleBound({ indicator: 'party_lecture', value: 1 })), u).toBe('FORBIDDEN');
    }
    expect(await audit('peer_min_others')).toEqual([]);
    expect(await audit('plausible_bounds')).toEqual([]);
  });

  it('sets peer_min_others within 1–50, each change audited with the value before it', async () => {
    const admin = await as('admin');
    expect(await code(admin.admin.setPeerMinOthers({ value: 0 }))).toBe('BAD_REQUEST');
    expect(await code(admin.admin.setPeerMinOthers({ value: 51 }))).toBe('BAD_REQUEST');
    expect(await code(admin.admin.setPeerMinOthers({ value: 2.5 }))).toBe('BAD_REQUEST');
    expect((await admin.admin.setPeerMinOthers({ value: 5 })).peer_min_others).toBe(5);
    expect((await admin.admin.setPeerMinOthers({ value: 3 })).peer_min_others).toBe(3);
    // the first change replaced the default (no stored row: null), the second the 5
    expect(await audit('peer_min_others')).toEqual([
      { province_code: '990000', old_value: null, new_value: 5, changed_by: 'admin' },
      { province_code: '990000', old_value: 5, new_value: 3, changed_by: 'admin' },
    ]);
  });

  it('changes what counts as a warning on import, and back', async () => {
    const admin = await as('admin');
    const reporter = await demoContext(db(), kind, 'reporter');
    const preview = async () =>
      (await importFacts(reporter, { bytes: CSV, fileName: 'x.csv' }, { commit: false, today: TEST_AS_OF })).warnings;

    // the catalog's bound: 4 of at most 5 a month
    expect(await preview()).toEqual([]);

    // 24 a year is 2 a month: 4 is now beyond it, a warning to confirm, not an error
    const set = await admin.admin.setPlausibleBound({ indicator: 'party_lecture', value: 24 });
    expect(set.plausible_bounds).toEqual({ party_lecture: 24 });
    expect(await preview()).toEqual([
      {
        row: 2,
        column: 'value',
        code: 'implausible',
        message: '党课 4次 超出合理范围（2025-03 一般不超过 2次），请核实后确认',
        messageEn: 'Party lectures 4 is above the plausible bound (2 for 2025-03); check it and confirm',
      },
    ]);

    // null: the catalog's bound again
    expect((await admin.admin.setPlausibleBound({ indicator: 'party_lecture', value: null })).plausible_bounds).toEqual(
      {},
    );
    expect(await preview()).toEqual([]);
    expect(await audit('plausible_bounds')).toEqual([
      { province_code: '990000', old_value: null, new_value: { party_lecture: 24 }, changed_by: 'admin' },
      { province_code: '990000', old_value: { party_lecture: 24 }, new_value: {}, changed_by: 'admin' },
    ]);
  });

  it('refuses a bound that is not a positive number, for an unknown or a derived indicator', async () => {
    const admin = await as('admin');
    expect(await code(admin.admin.setPlausibleBound({ indicator: 'party_lecture', value: 0 }))).toBe('BAD_REQUEST');
    expect(await code(admin.admin.setPlausibleBound({ indicator: 'party_lecture', value: 2e9 }))).toBe('BAD_REQUEST');
    expect(await code(admin.admin.setPlausibleBound({ indicator: 'no_such_thing', value: 5 }))).toBe('NOT_FOUND');
    expect(await code(admin.admin.setPlausibleBound({ indicator: 'award_score', value: 5 }))).toBe('BAD_REQUEST');
  });
});
