import { INDICATOR_CATALOG, type Indicator } from '@bixue/domain';
import { type Kysely, sql, type Transaction } from 'kysely';
import { rebuildIndicatorRollups } from './analytics/rollups.ts';
import { bumpConfigVersion } from './answer-stamp.ts';
import type { Database, IndicatorRow } from './schema.ts';
import { lockDataVersions } from './write-path/data-versions.ts';

/** What syncCatalog changed, by indicator code. */
export interface CatalogSync {
  /** in the code's catalog and not stored */
  added: string[];
  /** stored with another name, unit, rule or bound than the code's */
  changed: string[];
  /** of those, the ones whose aggregation changed: their roll-ups were built again */
  reaggregated: string[];
}

/**
 * Makes the stored catalog the code's (INDICATOR_CATALOG), on every start: the catalog is the
 * code's, and a release that renames an indicator, moves its plausible bound or changes how it
 * rolls up must take effect on a database an earlier release made (inserting only the missing
 * rows kept the old ones, and roll-ups built by the old rule, for good).
 *
 * One transaction. An indicator whose aggregation changed has its roll-ups built again under every
 * province's write lock (taken as writers take them), so a write landing meanwhile cannot refresh a
 * unit-year by the old rule after the rebuild. Anything changed raises every province's config
 * version: cached answers were drawn by the old catalog. Two servers starting at once take turns
 * (the table lock), and the second finds nothing to do.
 */
export async function syncCatalog(db: Kysely<Database>): Promise<CatalogSync> {
  if (!db.isTransaction) return db.transaction().execute((trx) => syncCatalog(trx));
  const trx = db as Transaction<Database>;
  await sql`lock table indicators in share row exclusive mode`.execute(trx);
  const before = new Map(
    (await trx.selectFrom('indicators').select(['code', 'aggregation']).execute()).map((r) => [r.code, r.aggregation]),
  );
  const rows = INDICATOR_CATALOG.map((i) => ({
    code: i.code,
    name_zh: i.nameZh,
    name_en: i.nameEn,
    category: i.category,
    unit: i.unit,
    aggregation: i.aggregation,
    direction: i.direction,
    per_capita_allowed: i.perCapitaAllowed,
    formula: i.formula ? JSON.stringify(i.formula) : null,
    plausible_max: i.plausibleMax,
    sort_order: i.sortOrder,
  }));
  const columns = Object.keys(rows[0]!).filter((c) => c !== 'code') as (keyof (typeof rows)[number])[];
  const written = await trx
    .insertInto('indicators')
    .values(rows)
    .onConflict((oc) =>
      oc
        .column('code')
        .doUpdateSet(Object.fromEntries(columns.map((c) => [c, sql.ref(`excluded.${c}`)])))
        // jsonb compares by content: a formula stored with its keys in another order is the same
        .where(
          sql<boolean>`(${sql.join(columns.map((c) => sql.ref(`indicators.${c}`)))}) is distinct from (${sql.join(columns.map((c) => sql.ref(`excluded.${c}`)))})`,
        ),
    )
    .returning('code')
    .execute();
  const touched = written.map((r) => r.code);
  const result: CatalogSync = {
    added: touched.filter((c) => !before.has(c)),
    changed: touched.filter((c) => before.has(c)),
    reaggregated: INDICATOR_CATALOG.filter((i) => before.has(i.code) && before.get(i.code) !== i.aggregation).map(
      (i) => i.code,
    ),
  };
  if (!touched.length) return result;
  if (result.reaggregated.length) {
    const provinces = await trx.selectFrom('units').select('code').where('level', '=', 'province').execute();
    await lockDataVersions(
      trx,
      provinces.map((p) => p.code),
    );
    await rebuildIndicatorRollups(trx, result.reaggregated);
  }
  await bumpConfigVersion(trx, '*');
  return result;
}

export function indicatorFromRow(r: IndicatorRow): Indicator {
  return {
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    category: r.category as Indicator['category'],
    unit: r.unit as Indicator['unit'],
    aggregation: r.aggregation,
    direction: r.direction,
    perCapitaAllowed: r.per_capita_allowed,
    formula: r.formula,
    plausibleMax: r.plausible_max,
    sortOrder: r.sort_order,
  };
}

export async function listIndicators(db: Kysely<Database>): Promise<Indicator[]> {
  const rows = await db.selectFrom('indicators').selectAll().orderBy('sort_order').execute();
  return rows.map(indicatorFromRow);
}
