import { DEFAULT_SETTINGS, type SettingKey, type Settings, settingsSchemas } from '@bixue/domain';
import type { Kysely } from 'kysely';
import { onceInSnapshot } from './read-snapshot.ts';
import type { Database } from './schema.ts';

/**
 * A province's settings with defaults filled in; a stored value that no longer validates falls back too.
 * Read once per read snapshot (an answer needs them for its as-of month, its read point and its
 * thresholds): callers must not change the object.
 */
export function getSettings(db: Kysely<Database>, provinceCode: string): Promise<Settings> {
  return onceInSnapshot(db, `settings:${provinceCode}`, () => readSettings(db, provinceCode));
}

async function readSettings(db: Kysely<Database>, provinceCode: string): Promise<Settings> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('province_code', '=', provinceCode)
    .execute();
  return settingsFromRows(rows);
}

/** A province's stored settings over the defaults. */
export function settingsFromRows(rows: readonly { key: string; value: unknown }[]): Settings {
  const out: Settings = structuredClone(DEFAULT_SETTINGS);
  for (const r of rows) {
    const schema = settingsSchemas[r.key as SettingKey];
    const parsed = schema?.safeParse(r.value);
    if (parsed?.success) (out as Record<string, unknown>)[r.key] = parsed.data;
  }
  return out;
}

export async function putSetting<K extends SettingKey>(
  db: Kysely<Database>,
  provinceCode: string,
  key: K,
  value: Settings[K],
): Promise<void> {
  const parsed = settingsSchemas[key].parse(value);
  await db
    .insertInto('settings')
    .values({ province_code: provinceCode, key, value: JSON.stringify(parsed) })
    .onConflict((oc) => oc.columns(['province_code', 'key']).doUpdateSet({ value: JSON.stringify(parsed) }))
    .execute();
}

/**
 * Each province's own plausible bounds (settings `plausible_bounds`), for the fact rules: one
 * query for every province a write or an import touches; provinces without any are left out.
 */
export async function plausibleBoundsOf(
  db: Kysely<Database>,
  provinceCodes: readonly string[],
): Promise<Map<string, Settings['plausible_bounds']>> {
  if (!provinceCodes.length) return new Map();
  const rows = await db
    .selectFrom('settings')
    .select(['province_code', 'value'])
    .where('key', '=', 'plausible_bounds')
    .where('province_code', 'in', [...provinceCodes])
    .execute();
  const out = new Map<string, Settings['plausible_bounds']>();
  for (const r of rows) {
    const parsed = settingsSchemas.plausible_bounds.safeParse(r.value);
    if (parsed.success) out.set(r.province_code, parsed.data);
  }
  return out;
}

/**
 * Sets a province setting and records who changed it from what (settings_audit), in one
 * transaction (the caller's, if it is in one).
 */
export async function changeSetting<K extends SettingKey>(
  db: Kysely<Database>,
  provinceCode: string,
  key: K,
  value: Settings[K],
  changedBy: string,
): Promise<void> {
  const write = async (trx: Kysely<Database>) => {
    const old = await trx
      .selectFrom('settings')
      .select('value')
      .where('province_code', '=', provinceCode)
      .where('key', '=', key)
      .forUpdate()
      .executeTakeFirst();
    await putSetting(trx, provinceCode, key, value);
    await trx
      .insertInto('settings_audit')
      .values({
        province_code: provinceCode,
        key,
        old_value: old ? JSON.stringify(old.value) : null,
        new_value: JSON.stringify(settingsSchemas[key].parse(value)),
        changed_by: changedBy,
      })
      .execute();
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
}
