import { INDICATOR_CATALOG, type Indicator } from '@bixue/domain';
import type { Kysely } from 'kysely';
import type { Database, IndicatorRow } from './schema.ts';

export async function seedCatalog(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('indicators')
    .values(
      INDICATOR_CATALOG.map((i) => ({
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
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
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
