import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../testing/index.ts';
import { upsertUnits } from '../units.ts';
import { dataVersion } from './data-versions.ts';
import { FactConflictError, type FactInput } from './fact-input.ts';
import { factHistory } from './read-facts.ts';
import { FactValidationError, validateInputs } from './validate-inputs.ts';
import { writeFacts } from './write-facts.ts';

const RACES = 20;

describeEachDb('the write path', 'catalog', (t) => {
  const db = () => t.db();
  const kind = t.kind;
  beforeAll(async () => {
    await upsertUnits(db(), [
      { code: '880000', name: '样例省气象局', level: 'province', parent_code: null },
      { code: '880100', name: '样例市气象局', level: 'city', parent_code: '880000' },
      { code: '870000', name: '另一省气象局', level: 'province', parent_code: null },
      { code: '870100', name: '另一市气象局', level: 'city', parent_code: '870000' },
    ]);
    // a county merged away at the end of 2020
    await upsertUnits(db(), [{ code: '880101', name: '旧县气象局', level: 'county', parent_code: '880100' }]);
    await db()
      .updateTable('units')
      .set({ active_from: '2015-01-01', active_to: '2021-01-01' })
      .where('code', '=', '880101')
      .execute();
  });

  const ctx = { source: 'manual' as const, user: 'tester', batchId: 'b1' };
  /** a value of the city 880100 */
  const cityFact = (indicatorCode: string, period: string, value: number): FactInput => ({
    unitCode: '880100',
    indicatorCode,
    period,
    value,
    status: 'value',
  });

  it('commits a fact and its audit row together, and neither when the transaction fails', async () => {
    const fact = cityFact('party_lecture', '2024H1', 3);
    const r1 = await writeFacts(db(), [fact], ctx);
    expect(r1).toEqual({ inserted: 1, updated: 0, deleted: 0, unchanged: 0, versions: { '880000': 1 } });

    // same value again: nothing changes, no audit row, the version stays
    const r2 = await writeFacts(db(), [fact], ctx);
    expect(r2).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 1, versions: { '880000': 1 } });

    await writeFacts(db(), [{ ...fact, value: null, status: 'undisclosed' }], ctx);
    const history = await factHistory(db(), '880100', 'party_lecture');
    expect(
      history.map((h) => [h.old_value, h.old_status, h.new_value, h.new_status, h.changed_by, h.data_version]),
    ).toEqual([
      [null, null, 3, 'value', 'tester', 1],
      [3, 'value', null, 'undisclosed', 'tester', 2],
    ]);
    expect(await dataVersion(db(), '880000')).toBe(2);

    // a failing write in the same transaction (unknown unit) takes the good fact's audit row with it
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await writeFacts(trx, [{ ...fact, indicatorCode: 'seminar', period: '2024', value: 2 }], ctx);
          await writeFacts(
            trx,
            [{ ...fact, unitCode: '889999', indicatorCode: 'seminar', period: '2024', value: 2 }],
            ctx,
          );
        }),
    ).rejects.toThrow(/单位 889999 不存在/);
    expect(await factHistory(db(), '880100', 'seminar')).toEqual([]);
    expect(await db().selectFrom('facts').selectAll().where('indicator_code', '=', 'seminar').execute()).toEqual([]);
    expect(await dataVersion(db(), '880000')).toBe(2);
  });

  it('deletes a fact through the same path, audited with its old value', async () => {
    const key = { unitCode: '880100', indicatorCode: 'seminar', period: '2023' };
    await writeFacts(db(), [{ ...key, value: 4, status: 'value' }], ctx);
    const before = await dataVersion(db(), '880000');
    const r = await writeFacts(db(), [{ ...key, value: null, status: 'missing', expectedVersion: 1 }], {
      ...ctx,
      reason: '重复填报',
    });
    expect(r).toMatchObject({ deleted: 1, versions: { '880000': before + 1 } });
    const rows = await db().selectFrom('facts').selectAll().where('indicator_code', '=', 'seminar').execute();
    expect(rows).toEqual([]);
    const last = (await factHistory(db(), '880100', 'seminar')).at(-1)!;
    expect([last.old_value, last.new_value, last.new_status, last.reason, last.data_version]).toEqual([
      4,
      null,
      null,
      '重复填报',
      before + 1,
    ]);
    // deleting what is not there changes nothing
    expect(await writeFacts(db(), [{ ...key, value: null, status: 'missing' }], ctx)).toMatchObject({ unchanged: 1 });
  });

  it('raises each touched province once per write and reports both', async () => {
    const a = await dataVersion(db(), '880000');
    const r = await writeFacts(
      db(),
      [
        { unitCode: '880100', indicatorCode: 'seminar', period: '2022', value: 1, status: 'value' },
        { unitCode: '880000', indicatorCode: 'seminar', period: '2022', value: 1, status: 'value' },
        { unitCode: '870100', indicatorCode: 'seminar', period: '2022', value: 1, status: 'value' },
      ],
      ctx,
    );
    expect(r.versions).toEqual({ '880000': a + 1, '870000': 1 });
    expect(await dataVersion(db(), '990000')).toBe(0);
  });

  it('refuses impossible values everywhere and implausible ones until confirmed, writing nothing', async () => {
    const base = { unitCode: '880100', indicatorCode: 'party_lecture', period: '2021', status: 'value' as const };
    const tryWrite = (value: number, extra = {}) => writeFacts(db(), [{ ...base, value }], { ...ctx, ...extra });
    const problemOf = async (p: Promise<unknown>) => {
      const e = await p.then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(FactValidationError);
      return (e as FactValidationError).problems.map((x) => [x.code, x.severity, x.index]);
    };
    expect(await problemOf(tryWrite(1.7e308))).toEqual([['too_large', 'error', 0]]);
    expect(await problemOf(tryWrite(1.7e308, { acceptWarnings: true }))).toEqual([['too_large', 'error', 0]]);
    expect(await problemOf(tryWrite(-1))).toEqual([['negative', 'error', 0]]);
    expect(await problemOf(tryWrite(Number.POSITIVE_INFINITY))).toEqual([['not_a_number', 'error', 0]]);
    expect(await problemOf(tryWrite(Number.NaN))).toEqual([['not_a_number', 'error', 0]]);
    // party_lecture is believable up to 60 a year (the catalog's bound)
    expect(await problemOf(tryWrite(61))).toEqual([['implausible', 'warning', 0]]);
    expect(await db().selectFrom('facts').select('value').where('period', '=', '2021').execute()).toEqual([]);
    expect(await tryWrite(61, { acceptWarnings: true })).toMatchObject({ inserted: 1 });
  });

  it('writes new and changed facts of one write together: the new at version 1, the changed one version up', async () => {
    const at = (period: string, value: number) => cityFact('party_group_meeting', period, value);
    await writeFacts(db(), [at('2022-01', 1)], ctx);
    const r = await writeFacts(db(), [at('2022-01', 5), at('2022-02', 2), at('2022-03', 3)], ctx);
    expect([r.inserted, r.updated]).toEqual([2, 1]);
    const rows = await db()
      .selectFrom('facts')
      .select(['period', 'value', 'version', 'batch_id'])
      .where('unit_code', '=', '880100')
      .where('indicator_code', '=', 'party_group_meeting')
      .orderBy('period')
      .execute();
    expect(rows).toEqual([
      { period: '2022-01', value: 5, version: 2, batch_id: 'b1' },
      { period: '2022-02', value: 2, version: 1, batch_id: 'b1' },
      { period: '2022-03', value: 3, version: 1, batch_id: 'b1' },
    ]);
    const audit = await factHistory(db(), '880100', 'party_group_meeting');
    expect(audit.map((h) => [h.period, h.old_value, h.new_value])).toEqual([
      ['2022-01', null, 1],
      ['2022-01', 1, 5],
      ['2022-02', null, 2],
      ['2022-03', null, 3],
    ]);
  });

  it('judges inputs validated earlier in the transaction again once they changed, or repeat a key', async () => {
    const fact = cityFact('party_lecture', '2019Q1', 1);
    // passed, then changed into a value no quarter may hold: the write path refuses it
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await validateInputs(trx, [fact], false);
          fact.value = -1;
          await writeFacts(trx, [fact], ctx);
        }),
    ).rejects.toThrow(FactValidationError);
    // passed alone, then given twice
    fact.value = 1;
    const twice = await db()
      .transaction()
      .execute(async (trx) => {
        await validateInputs(trx, [fact], false);
        return writeFacts(trx, [fact, fact], ctx).catch((e: unknown) => e);
      });
    expect(twice).toBeInstanceOf(FactValidationError);
    expect((twice as FactValidationError).problems.map((p) => [p.index, p.code])).toEqual([[1, 'duplicate_key']]);
    expect(await db().selectFrom('facts').selectAll().where('period', '=', '2019Q1').execute()).toEqual([]);
  });

  it('refuses facts of periods a unit did not live in', async () => {
    const fact = { unitCode: '880101', indicatorCode: 'seminar', value: 1, status: 'value' as const };
    await expect(writeFacts(db(), [{ ...fact, period: '2021' }], ctx)).rejects.toThrow(
      /旧县气象局（880101）在 2021 不存在（存续期 2015-01-01 至 2021-01-01）/,
    );
    await expect(writeFacts(db(), [{ ...fact, period: '2014-12' }], ctx)).rejects.toThrow(FactValidationError);
    expect(await writeFacts(db(), [{ ...fact, period: '2020Q4' }], ctx)).toMatchObject({ inserted: 1 });
    // judged once per unit and period, every fact of them still named
    const many = await writeFacts(
      db(),
      [
        { ...fact, period: '2021-03' },
        { ...fact, indicatorCode: 'party_lecture', period: '2021-03' },
        { ...fact, indicatorCode: 'party_lecture', period: '2020-03' },
        { ...fact, indicatorCode: 'members_congress', period: '2021-03' },
      ],
      ctx,
    ).catch((e: unknown) => e);
    expect((many as FactValidationError).problems.map((p) => [p.index, p.code, p.period])).toEqual([
      [0, 'inactive_unit', '2021-03'],
      [1, 'inactive_unit', '2021-03'],
      [3, 'inactive_unit', '2021-03'],
    ]);
  });

  it('two writers with the same expected version: exactly one wins, every time', async () => {
    for (let race = 0; race < RACES; race++) {
      const period = `${2010 + Math.floor(race / 12)}-${String((race % 12) + 1).padStart(2, '0')}`;
      const fact = { unitCode: '880100', indicatorCode: 'theme_party_day', period };
      // half the races on a stored fact (version 1), half on a new one (expected: nothing stored)
      const expectedVersion = race % 2 ? 1 : null;
      if (expectedVersion === 1) await writeFacts(db(), [{ ...fact, value: 1, status: 'value' }], ctx);
      const results = await Promise.allSettled(
        [2, 3].map((value, w) =>
          writeFacts(db(), [{ ...fact, value, status: 'value', expectedVersion }], { ...ctx, user: `writer${w}` }),
        ),
      );
      const ok = results.filter((r) => r.status === 'fulfilled');
      const conflicts = results.filter((r) => r.status === 'rejected' && r.reason instanceof FactConflictError);
      expect([ok.length, conflicts.length], `race ${race} on ${kind}`).toEqual([1, 1]);
      const audit = (await factHistory(db(), '880100', 'theme_party_day')).filter((h) => h.period === period);
      const stored = await db()
        .selectFrom('facts')
        .select(['value', 'version', 'updated_by'])
        .where('unit_code', '=', '880100')
        .where('indicator_code', '=', 'theme_party_day')
        .where('period', '=', period)
        .executeTakeFirstOrThrow();
      // one audit row per success, telling the true old value, and the stored fact is the winner's
      const winner = audit.at(-1)!;
      expect(audit.length).toBe(expectedVersion === 1 ? 2 : 1);
      expect(winner.old_value).toBe(expectedVersion === 1 ? 1 : null);
      expect(stored).toEqual({
        value: winner.new_value,
        version: (expectedVersion ?? 0) + 1,
        updated_by: winner.changed_by,
      });
    }
  });

  it('two concurrent bulk writes count and audit against what the other committed', async () => {
    const indicators = ['collective_study', 'theme_party_day', 'branch_committee', 'party_group_meeting'];
    const months = Array.from(
      { length: 240 },
      (_, i) => `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    );
    const keys = indicators.flatMap((indicatorCode) =>
      months.map((period) => ({ unitCode: '870100', indicatorCode, period })),
    );
    expect(keys.length).toBe(960);
    // 120 of them exist already with value 1
    await writeFacts(
      db(),
      keys.slice(0, 120).map((k) => ({ ...k, value: 1, status: 'value' as const })),
      ctx,
    );
    const [a, b] = await Promise.all(
      [2, 3].map((value) =>
        writeFacts(
          db(),
          keys.map((k) => ({ ...k, value, status: 'value' as const })),
          { ...ctx, batchId: `bulk${value}` },
        ),
      ),
    );
    const [first, second] = a!.versions['870000']! < b!.versions['870000']! ? [a!, b!] : [b!, a!];
    expect([first.inserted, first.updated]).toEqual([840, 120]);
    expect([second.inserted, second.updated]).toEqual([0, 960]);
    expect(second.versions['870000']).toBe(first.versions['870000']! + 1);
    const firstBatch = first === a ? 'bulk2' : 'bulk3';
    const audit = await db()
      .selectFrom('fact_audit')
      .select(['batch_id', 'old_value', 'new_value'])
      .where('unit_code', '=', '870100')
      .where('batch_id', 'in', ['bulk2', 'bulk3'])
      .execute();
    const tally = (rows: typeof audit) => {
      const t: Record<string, number> = {};
      for (const r of rows) t[String(r.old_value)] = (t[String(r.old_value)] ?? 0) + 1;
      return t;
    };
    const firstValue = firstBatch === 'bulk2' ? 2 : 3;
    expect(tally(audit.filter((r) => r.batch_id === firstBatch))).toEqual({ null: 840, 1: 120 });
    expect(tally(audit.filter((r) => r.batch_id !== firstBatch))).toEqual({ [firstValue]: 960 });
    const count = await db()
      .selectFrom('facts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('unit_code', '=', '870100')
      .where('indicator_code', 'in', indicators)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(960);
  });
});
