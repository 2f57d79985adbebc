import type { Level, PhasingKind } from '@bixue/domain';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import { type ConfigAuthor, inConfigVersion } from './config-version.ts';

/** What a target row is the target of: one indicator for a level or one unit, in a year or every year (null). */
export interface TargetScope {
  indicatorCode: string;
  level: Level | null;
  unitCode: string | null;
  year: number | null;
}

export interface TargetValues {
  value: number;
  perCapita: boolean;
  phasing: PhasingKind;
  dueMonth: number;
}

/** Set a scope's target to `to`, or delete it (null). */
export interface TargetWrite {
  scope: TargetScope;
  to: TargetValues | null;
}

/** The row of a scope, matched as the unique index targets_scope_idx matches it. */
function sameScope(province: string, s: TargetScope) {
  return sql<boolean>`province_code = ${province} and indicator_code = ${s.indicatorCode}
    and coalesce(level, '') = ${s.level ?? ''} and coalesce(unit_code, '') = ${s.unitCode ?? ''}
    and coalesce(year, 0) = ${s.year ?? 0}`;
}

async function writeOne(
  trx: Transaction<Database>,
  province: string,
  w: TargetWrite,
  version: number,
  by: ConfigAuthor,
): Promise<{ changed: boolean; id: number | null }> {
  const old = await trx
    .selectFrom('targets')
    .selectAll()
    .where(sameScope(province, w.scope))
    .forUpdate()
    .executeTakeFirst();
  const to = w.to;
  if (!old && !to) return { changed: false, id: null };
  if (
    old &&
    to &&
    old.value === to.value &&
    old.per_capita === to.perCapita &&
    old.phasing === to.phasing &&
    old.due_month === to.dueMonth
  )
    return { changed: false, id: old.id };
  let id: number | null = null;
  if (!to) await trx.deleteFrom('targets').where('id', '=', old!.id).execute();
  else if (old) {
    await trx
      .updateTable('targets')
      .set({ value: to.value, per_capita: to.perCapita, phasing: to.phasing, due_month: to.dueMonth })
      .where('id', '=', old.id)
      .execute();
    id = old.id;
  } else
    id = (
      await trx
        .insertInto('targets')
        .values({
          indicator_code: w.scope.indicatorCode,
          province_code: province,
          level: w.scope.level,
          unit_code: w.scope.unitCode,
          year: w.scope.year,
          value: to.value,
          per_capita: to.perCapita,
          phasing: to.phasing,
          due_month: to.dueMonth,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  await trx
    .insertInto('target_audit')
    .values({
      province_code: province,
      indicator_code: w.scope.indicatorCode,
      level: w.scope.level,
      unit_code: w.scope.unitCode,
      year: w.scope.year,
      old_value: old?.value ?? null,
      old_per_capita: old?.per_capita ?? null,
      old_phasing: old?.phasing ?? null,
      old_due_month: old?.due_month ?? null,
      new_value: to?.value ?? null,
      new_per_capita: to?.perCapita ?? null,
      new_phasing: to?.phasing ?? null,
      new_due_month: to?.dueMonth ?? null,
      data_version: version,
      changed_by: by.user,
      reason: by.reason ?? null,
    })
    .execute();
  return { changed: true, id };
}

/**
 * Writes a province's targets through the versioned write path (inConfigVersion): all of `writes`
 * in one new data version, each changed scope's old and new row in target_audit under it, so a
 * view drawn as of an earlier version judges against the targets of then (targetsAtVersion).
 * Writes that change nothing create no version. Returns the version created (null: no change)
 * and each write's row id (null: deleted or never there).
 */
export async function writeTargets(
  db: Kysely<Database>,
  provinceCode: string,
  writes: readonly TargetWrite[],
  by: ConfigAuthor,
): Promise<{ version: number | null; ids: (number | null)[] }> {
  const { version, result } = await inConfigVersion(db, provinceCode, async (trx, next) => {
    const done: { changed: boolean; id: number | null }[] = [];
    for (const w of writes) done.push(await writeOne(trx, provinceCode, w, next, by));
    return { changed: done.some((d) => d.changed), result: done.map((d) => d.id) };
  });
  return { version, ids: result };
}
