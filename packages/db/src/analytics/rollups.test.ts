import { BASE_INDICATOR_CODES, shownDecimals } from '@bixue/domain';
import { type Kysely, sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { listIndicators } from '../catalog.ts';
import { DEMO_PROVINCE } from '../demo/names.ts';
import type { Database } from '../schema.ts';
import { describeEachDb } from '../testing/index.ts';
import { FIXTURE_PROVINCE, loadAnalyticsFixture } from '../testing/analytics-fixture.ts';
import { CHUNK } from '../write-path/read-facts.ts';
import { type FactInput, writeFacts } from '../write-path/index.ts';
import { coveredMonths } from './completeness-sql.ts';
import { analyticsMatrix, type MatrixQuery, type MatrixRow, type MatrixWindow } from './matrix-sql.ts';
import { factCountsBySource, factProvenance } from './provenance-sql.ts';
import { isStandardWindow, STANDARD_WINDOW_OFFSETS } from './rollups.ts';

const windowsOf = (years: number[]): MatrixWindow[] =>
  years.flatMap((year) =>
    STANDARD_WINDOW_OFFSETS.map(([s, e]) => ({ startMonth: year * 12 + s, endMonth: year * 12 + e, year })),
  );

/** Sums may add the same numbers in another order: compare at 12 significant digits. */
const settle = (rows: MatrixRow[]) =>
  rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [
        k,
        typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v,
      ]),
    ),
  );

async function unitsOf(db: Kysely<Database>, province: string): Promise<string[]> {
  const rows = await db
    .selectFrom('units')
    .select('code')
    .where('province_code', '=', province)
    .orderBy('code')
    .execute();
  return rows.map((r) => r.code);
}

/** Every indicator of the catalog, and the per-member variants where they are allowed. */
async function everyIndicator(db: Kysely<Database>): Promise<MatrixQuery['indicators']> {
  const catalog = await listIndicators(db);
  return catalog.flatMap((i) => [
    { code: i.code, formula: i.formula, direction: i.direction, perMember: false, decimals: shownDecimals(i.unit) },
    ...(i.perCapitaAllowed
      ? [
          {
            code: i.code,
            formula: i.formula,
            direction: i.direction,
            perMember: true,
            decimals: shownDecimals(i.unit, true),
          },
        ]
      : []),
  ]);
}

/** The roll-up read and the computation from facts, for the same question. */
async function expectSameAsFacts(db: Kysely<Database>, q: Omit<MatrixQuery, 'indicators'>): Promise<number> {
  const all = await everyIndicator(db);
  let rows = 0;
  // per-member variants in their own call: one call holds an indicator code once
  for (const indicators of [all.filter((i) => !i.perMember), all.filter((i) => i.perMember)]) {
    const fromRollups = await analyticsMatrix(db, { ...q, indicators });
    const fromFacts = await analyticsMatrix(db, { ...q, indicators, fromFacts: true });
    expect(settle(fromRollups)).toEqual(settle(fromFacts));
    rows += fromRollups.filter((r) => r.status !== 'missing').length;
  }
  return rows;
}

/** Provenance and covered months as the facts say them, written independently of the roll-ups. */
async function provenanceFromFacts(db: Kysely<Database>, units: string[], ws: number, we: number) {
  const r = await sql<{ unit_code: string; indicator_code: string; source: string }>`
    select distinct on (unit_code, indicator_code) unit_code, indicator_code, source
      from facts where unit_code = any(${units}::text[]) and start_month >= ${ws} and end_month <= ${we}
     order by unit_code, indicator_code, end_month desc, updated_at desc, start_month`.execute(db);
  return r.rows;
}
async function monthsFromFacts(db: Kysely<Database>, units: string[], from: number, to: number) {
  const r = await sql<{ unit_code: string; months: number[] }>`
    select u.code as unit_code, coalesce(array_agg(distinct m) filter (where f.unit_code is not null), '{}')::int[] as months
      from units u
      left join facts f on f.unit_code = u.code and f.start_month <= ${to}::int and f.end_month >= ${from}::int
      left join lateral generate_series(greatest(f.start_month, ${from}::int), least(f.end_month, ${to}::int)) m on true
     where u.code = any(${units}::text[])
     group by u.code order by u.code`.execute(db);
  return r.rows;
}

/** Facts touching [from, to] by source, counted from the facts themselves. */
async function sourceCountsFromFacts(db: Kysely<Database>, units: string[], from: number, to: number) {
  const r = await sql<{ source: string; n: number }>`
    select source, count(*)::int as n from facts
     where unit_code = any(${units}::text[]) and start_month <= ${to}::int and end_month >= ${from}::int
     group by source order by source`.execute(db);
  return r.rows;
}

/** The kept source counts against the facts: every standard window of the years, and spans no roll-up has. */
async function expectSourceCountsAsFacts(db: Kysely<Database>, units: string[], years: number[]): Promise<number> {
  const spans = [
    ...windowsOf(years).map((w) => [w.startMonth, w.endMonth] as const),
    [years[0]! * 12 + 1, years[0]! * 12 + 3] as const,
    [years[0]! * 12, years.at(-1)! * 12 + 11] as const,
  ];
  let facts = 0;
  for (const [from, to] of spans) {
    const kept = await factCountsBySource(db, units, from, to);
    expect(kept, `${from}–${to}`).toEqual(await sourceCountsFromFacts(db, units, from, to));
    facts = Math.max(
      facts,
      kept.reduce((n, c) => n + c.n, 0),
    );
  }
  return facts;
}

describe('standard windows', () => {
  it('are the 27 windows of a year: Jan–m, months, quarters, halves', () => {
    expect(new Set(STANDARD_WINDOW_OFFSETS.map(([s, e]) => `${s}-${e}`)).size).toBe(27);
    for (const [s, e] of STANDARD_WINDOW_OFFSETS) expect(isStandardWindow(2024 * 12 + s, 2024 * 12 + e)).toBe(true);
    // Feb–Apr, a two-year span and a straddling half are computed from facts
    expect(isStandardWindow(2024 * 12 + 1, 2024 * 12 + 3)).toBe(false);
    expect(isStandardWindow(2023 * 12, 2024 * 12 + 11)).toBe(false);
    expect(isStandardWindow(2024 * 12 + 9, 2025 * 12 + 2)).toBe(false);
  });
});

describeEachDb('roll-ups equal the computation from facts', 'demo', (ctx) => {
  const db = () => ctx.db();
  beforeAll(() => loadAnalyticsFixture(db()), 120_000);
  /**
   * Every unit of the demo on the server; on PGlite, where the same SQL runs ten times slower, the
   * province, its first city and that city's counties — every level, every kind of fact the demo makes.
   */
  const demoUnits = async () => {
    const all = await unitsOf(db(), DEMO_PROVINCE.code);
    return ctx.kind === 'postgres' ? all : all.filter((u) => u === DEMO_PROVINCE.code || u.startsWith('9901'));
  };

  it('on the demo province, every indicator and standard window of the running 2026', async () => {
    const units = await demoUnits();
    const rows = await expectSameAsFacts(db(), { units, windows: windowsOf([2026]) });
    expect(rows).toBeGreaterThan(ctx.kind === 'postgres' ? 20_000 : 2_000);
    expect(await expectSourceCountsAsFacts(db(), units, [2025, 2026])).toBeGreaterThan(1_000);
  }, 300_000);

  it('on the demo province, the years since 2019', async () => {
    const units = await demoUnits();
    const years = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
    await expectSameAsFacts(db(), {
      units,
      windows: years.map((y) => ({ startMonth: y * 12, endMonth: y * 12 + 11, year: y })),
    });
  }, 300_000);

  it('on the analytics fixture, and its provenance and reported months', async () => {
    const units = await unitsOf(db(), FIXTURE_PROVINCE);
    await expectSameAsFacts(db(), { units, windows: windowsOf([2023, 2024]) });
    for (const [s, e] of STANDARD_WINDOW_OFFSETS) {
      const [ws, we] = [2024 * 12 + s, 2024 * 12 + e];
      const indicators = (await listIndicators(db())).map((i) => i.code);
      const read = await factProvenance(db(), units, indicators, ws, we);
      expect(
        read.map((r) => ({ unit_code: r.unit_code, indicator_code: r.indicator_code, source: r.source })).sort(byKey),
      ).toEqual((await provenanceFromFacts(db(), units, ws, we)).sort(byKey));
      expect(await coveredMonths(db(), units, ws, we)).toEqual(await monthsFromFacts(db(), units, ws, we));
    }
    expect(await expectSourceCountsAsFacts(db(), units, [2023, 2024])).toBeGreaterThan(10);
  }, 300_000);

  describe('after writes', () => {
    const units = () => unitsOf(db(), FIXTURE_PROVINCE);
    const check = async () => {
      await expectSameAsFacts(db(), { units: await units(), windows: windowsOf([2024]) });
      await expectSourceCountsAsFacts(db(), await units(), [2024]);
    };
    const write = (facts: FactInput[]) => writeFacts(db(), facts, { source: 'manual', user: 'test' });
    const rollupOf = async (unit: string, indicator: string, ws: number, we: number) =>
      db()
        .selectFrom('rollups')
        .select(['value', 'status', 'months'])
        .where('unit_code', '=', unit)
        .where('indicator_code', '=', indicator)
        .where('start_month', '=', ws)
        .where('end_month', '=', we)
        .executeTakeFirst();
    const Y = 2024 * 12;

    it('an insert: a month where the county had nothing', async () => {
      await write([
        { unitCode: '880104', indicatorCode: 'members_congress', period: '2024-09', value: 4, status: 'value' },
      ]);
      // 880104 had only 2024H1 = 3: Jan–Sep is 3 + 4 over 7 of 9 months
      expect(await rollupOf('880104', 'members_congress', Y, Y + 8)).toEqual({
        value: 7,
        status: 'partial',
        months: 7,
      });
      await check();
    });

    it('an update of a half', async () => {
      await write([
        { unitCode: '880101', indicatorCode: 'members_congress', period: '2024H1', value: 4, status: 'value' },
      ]);
      expect(await rollupOf('880101', 'members_congress', Y, Y + 11)).toEqual({
        value: 7,
        status: 'value',
        months: 12,
      });
      await check();
    });

    it('a coarse fact over finer ones: the year wins, its halves still answer the halves', async () => {
      await write([
        { unitCode: '880101', indicatorCode: 'members_congress', period: '2024', value: 10, status: 'value' },
      ]);
      expect(await rollupOf('880101', 'members_congress', Y, Y + 11)).toEqual({
        value: 10,
        status: 'value',
        months: 12,
      });
      expect(await rollupOf('880101', 'members_congress', Y, Y + 5)).toEqual({ value: 4, status: 'value', months: 6 });
      await check();
    });

    it('a write of several chunks, ordered by month: each year refreshed once, from all of its months', async () => {
      const codes = await units();
      // two years by month outermost, as a monthly sheet lists them: 2022's months fall in both
      // chunks of CHUNK rows, and its roll-ups must hold the months of both
      const facts: FactInput[] = [];
      for (const year of [2021, 2022])
        for (let month = 1; month <= 12; month++)
          for (const unitCode of codes)
            for (const indicatorCode of BASE_INDICATOR_CODES)
              facts.push({
                unitCode,
                indicatorCode,
                period: `${year}-${String(month).padStart(2, '0')}`,
                value: 1,
                status: 'value',
              });
      expect(facts.length).toBeGreaterThan(CHUNK);
      const written = await writeFacts(db(), facts, { source: 'import', user: 'test', acceptWarnings: true });
      expect(written.inserted + written.updated).toBe(facts.length);
      const Y22 = 2022 * 12;
      // a sum over the twelve months of 1: 12, all months reported
      expect(await rollupOf('880101', 'members_congress', Y22, Y22 + 11)).toEqual({
        value: 12,
        status: 'value',
        months: 12,
      });
      expect(await rollupOf('880303', 'members_congress', Y22 + 6, Y22 + 11)).toEqual({
        value: 6,
        status: 'value',
        months: 6,
      });
      await expectSameAsFacts(db(), { units: codes, windows: windowsOf([2021, 2022]) });
      await expectSourceCountsAsFacts(db(), codes, [2021, 2022]);
    }, 300_000);

    it('a masked value, then a delete', async () => {
      await write([
        { unitCode: '880102', indicatorCode: 'members_congress', period: '2024Q3', value: null, status: 'undisclosed' },
      ]);
      expect((await rollupOf('880102', 'members_congress', Y, Y + 11))?.status).toBe('undisclosed');
      await check();
      // the write path's delete: facts and their roll-ups in one transaction
      await write(
        ['2024Q3', '2024Q4'].map((period) => ({
          unitCode: '880102',
          indicatorCode: 'members_congress',
          period,
          value: null,
          status: 'missing' as const,
        })),
      );
      expect(await rollupOf('880102', 'members_congress', Y, Y + 11)).toEqual({
        value: 1,
        status: 'partial',
        months: 6,
      });
      expect(await rollupOf('880102', 'members_congress', Y + 6, Y + 11)).toBeUndefined();
      await check();
    });
  });
});

const byKey = (a: { unit_code: string; indicator_code: string }, b: { unit_code: string; indicator_code: string }) =>
  (a.unit_code + a.indicator_code).localeCompare(b.unit_code + b.indicator_code);
