import { INDICATOR_CATALOG } from '@bixue/domain';
import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { rebuildIndicatorRollups, rebuildRollups } from './analytics/rollups.ts';
import { answerStamp } from './answer-stamp.ts';
import { syncCatalog } from './catalog.ts';
import { DEMO_PROVINCE } from './demo/names.ts';
import type { Database } from './schema.ts';
import { describeEachDb } from './testing/index.ts';
import { writeFacts } from './write-path/index.ts';

/** A summed indicator the demo reports monthly: its year differs from its latest month. */
const INDICATOR = 'training_hours';
const CODE = INDICATOR_CATALOG.find((i) => i.code === INDICATOR)!;

/** Every roll-up of the indicator, as one digest: equal digests, equal rows. */
async function rollupDigest(db: Kysely<Database>): Promise<string> {
  const r = await sql<{ d: string }>`
    select md5(coalesce(string_agg(concat_ws('|', unit_code, start_month, end_month, value, status, months, month_mask,
      facts, source, source_text, document_id), E'\\n' order by unit_code, start_month, end_month), '')) as d
    from rollups where indicator_code = ${INDICATOR}`.execute(db);
  return r.rows[0]!.d;
}

/** A unit's year of the indicator, from its month facts: their sum, the latest month's value, and the stored roll-up. */
async function yearOf(db: Kysely<Database>, unit: string, year: number) {
  const facts = await db
    .selectFrom('facts')
    .select(['start_month', 'end_month', 'value'])
    .where('unit_code', '=', unit)
    .where('indicator_code', '=', INDICATOR)
    .where('start_month', '>=', year * 12)
    .where('end_month', '<=', year * 12 + 11)
    .where('status', '=', 'value')
    .orderBy('end_month')
    .execute();
  const rollup = await db
    .selectFrom('rollups')
    .select('value')
    .where('unit_code', '=', unit)
    .where('indicator_code', '=', INDICATOR)
    .where('start_month', '=', year * 12)
    .where('end_month', '=', year * 12 + 11)
    .executeTakeFirstOrThrow();
  return {
    months: facts.filter((f) => f.start_month === f.end_month).length,
    sum: facts.reduce((s, f) => s + f.value!, 0),
    last: facts.at(-1)!.value!,
    stored: rollup.value,
  };
}

/** The stored catalog as an earlier release left it: another name and bound, and `last` instead of `sum`, its roll-ups built so. */
async function asAnEarlierRelease(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('indicators')
      .set({ aggregation: 'last', name_zh: '培训学时（旧）', plausible_max: 1 })
      .where('code', '=', INDICATOR)
      .execute();
    await rebuildIndicatorRollups(trx, [INDICATOR]);
  });
}

describeEachDb('the stored catalog follows the code on start', 'demo', ({ db, kind }) => {
  let unit = '';
  let year = 0;
  let current = '';

  it('a start on a database of this release changes nothing, and leaves the answer stamp alone', async () => {
    const r = await db()
      .selectFrom('facts')
      .innerJoin('units', 'units.code', 'facts.unit_code')
      .select(['facts.unit_code', sql<number>`facts.start_month / 12`.as('year')])
      .where('facts.indicator_code', '=', INDICATOR)
      .where('units.province_code', '=', DEMO_PROVINCE.code)
      .groupBy(['facts.unit_code', sql`facts.start_month / 12`])
      // twelve reported months and nothing coarser: the year is their sum
      .having(
        sql<boolean>`count(*) = 12 and count(*) filter (where facts.start_month = facts.end_month and facts.status = 'value') = 12`,
      )
      .orderBy('facts.unit_code')
      .limit(1)
      .executeTakeFirstOrThrow();
    unit = r.unit_code;
    year = Number(r.year);
    current = await rollupDigest(db());
    const stamp = await answerStamp(db());
    expect(await syncCatalog(db())).toEqual({ added: [], changed: [], reaggregated: [] });
    expect(await answerStamp(db())).toBe(stamp);
    const y = await yearOf(db(), unit, year);
    expect(y.months).toBe(12);
    expect(y.stored).toBeCloseTo(y.sum, 9);
  });

  it('a database an earlier release made gets the new name, bound and rule, and roll-ups built by the rule', async () => {
    await asAnEarlierRelease(db());
    const old = await yearOf(db(), unit, year);
    // the earlier rule's year is the latest month, not the sum: what the sync must undo
    expect(old.stored).toBe(old.last);
    expect(old.sum).not.toBeCloseTo(old.last, 3);
    expect(await rollupDigest(db())).not.toBe(current);
    const stamp = await answerStamp(db());

    expect(await syncCatalog(db())).toEqual({ added: [], changed: [INDICATOR], reaggregated: [INDICATOR] });

    const stored = await db()
      .selectFrom('indicators')
      .selectAll()
      .where('code', '=', INDICATOR)
      .executeTakeFirstOrThrow();
    expect([stored.aggregation, stored.name_zh, stored.plausible_max]).toEqual([
      CODE.aggregation,
      CODE.nameZh,
      CODE.plausibleMax,
    ]);
    expect((await yearOf(db(), unit, year)).stored).toBeCloseTo(old.sum, 9);
    expect(await rollupDigest(db())).toBe(current);
    // answers kept under the old stamp were drawn by the old rule
    expect(await answerStamp(db())).not.toBe(stamp);
    const after = await answerStamp(db());
    expect(await syncCatalog(db())).toEqual({ added: [], changed: [], reaggregated: [] });
    expect(await answerStamp(db())).toBe(after);
  });

  it('an indicator the earlier release did not have is added', async () => {
    // a catalog row with nothing pointing at it stands for one a new release brings
    const spare = await sql<{ code: string }>`
      select i.code from indicators i
       where not exists (select 1 from facts f where f.indicator_code = i.code)
         and not exists (select 1 from targets t where t.indicator_code = i.code)
         and not exists (select 1 from fact_drafts d where d.indicator_code = i.code)
       order by i.code limit 1`.execute(db());
    // the demo reports every indicator that has facts; a derived one has none
    const code = spare.rows[0]!.code;
    await db().deleteFrom('indicators').where('code', '=', code).execute();
    expect(await syncCatalog(db())).toEqual({ added: [code], changed: [], reaggregated: [] });
    expect(await db().selectFrom('indicators').select('code').where('code', '=', code).execute()).toHaveLength(1);
  });

  describe.runIf(kind === 'postgres')('at once', () => {
    it('two servers starting together and a write of the indicator meanwhile: one sync changes it, the roll-ups are the rule’s', async () => {
      for (let round = 0; round < 3; round++) {
        await asAnEarlierRelease(db());
        const value = 40 + round;
        const [a, b] = await Promise.all([
          syncCatalog(db()),
          syncCatalog(db()),
          writeFacts(
            db(),
            [
              {
                unitCode: unit,
                indicatorCode: INDICATOR,
                period: `${year}-03`,
                status: 'value',
                value,
              },
            ],
            { source: 'manual', user: 'test', acceptWarnings: true },
          ),
        ]);
        expect([a, b].map((s) => s.changed.length).sort()).toEqual([0, 1]);
        const synced = await rollupDigest(db());
        // a full build from the facts, as the demo load makes it, gives the same rows
        await rebuildRollups(db(), DEMO_PROVINCE.code);
        expect(await rollupDigest(db())).toBe(synced);
        const y = await yearOf(db(), unit, year);
        expect(y.stored).toBeCloseTo(y.sum, 9);
      }
    });
  });
});
