import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database, Fact } from '../schema.ts';

export interface FactKey {
  unitCode: string;
  indicatorCode: string;
  period: string;
}

export type StoredFact = Pick<
  Fact,
  'unit_code' | 'indicator_code' | 'period' | 'value' | 'status' | 'version' | 'source' | 'updated_by' | 'updated_at'
>;

/** Rows per round trip: every column travels as one array parameter, so a chunk costs a few statements. */
export const CHUNK = 5000;

export function factKey(f: FactKey): string {
  return `${f.unitCode}\u0000${f.indicatorCode}\u0000${f.period}`;
}

/**
 * The stored facts for the given keys (absent keys are simply missing from the result).
 * `forUpdate` locks the rows found until the transaction ends, so what the caller compares
 * against is still what is stored when it writes.
 */
export async function readFacts(
  db: Kysely<Database> | Transaction<Database>,
  keys: readonly FactKey[],
  { forUpdate = false }: { forUpdate?: boolean } = {},
): Promise<Map<string, StoredFact>> {
  const out = new Map<string, StoredFact>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const chunk = keys.slice(i, i + CHUNK);
    let q = db
      .selectFrom('facts')
      .select([
        'unit_code',
        'indicator_code',
        'period',
        'value',
        'status',
        'version',
        'source',
        'updated_by',
        'updated_at',
      ])
      .where(
        sql<boolean>`(unit_code, indicator_code, period) in (select * from unnest(${chunk.map((f) => f.unitCode)}::text[], ${chunk.map(
          (f) => f.indicatorCode,
        )}::text[], ${chunk.map((f) => f.period)}::text[]))`,
      );
    if (forUpdate) q = q.forUpdate();
    for (const r of await q.execute())
      out.set(factKey({ unitCode: r.unit_code, indicatorCode: r.indicator_code, period: r.period }), r);
  }
  return out;
}

export async function factHistory(db: Kysely<Database>, unitCode: string, indicatorCode: string) {
  return db
    .selectFrom('fact_audit')
    .selectAll()
    .where('unit_code', '=', unitCode)
    .where('indicator_code', '=', indicatorCode)
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
}
