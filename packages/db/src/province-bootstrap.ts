import { DEFAULT_TARGETS, LEVELS } from '@bixue/domain';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * What a new province starts with, however it appears (the demo, `units import`, the admin UI or
 * an API call — upsertUnits calls this for every province it inserts): domain.md's default
 * annual targets for every level, every year, with their phasing. Settings need no rows: every
 * key has a default (getSettings). Idempotent: targets already there, edited or not, stay.
 */
export async function bootstrapProvince(db: Kysely<Database>, provinceCode: string): Promise<void> {
  const rows = DEFAULT_TARGETS.flatMap((t) =>
    (t.level ? [t.level] : LEVELS).map((level) => ({
      indicator_code: t.indicator,
      province_code: provinceCode,
      level,
      unit_code: null,
      year: null,
      value: t.value,
      per_capita: t.perCapita,
      phasing: t.phasing.kind,
      due_month: t.phasing.dueMonth,
    })),
  );
  // the unique index is over expressions (coalesce), so conflicts are named by it, not by columns
  await db
    .insertInto('targets')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .execute();
}
