import { DEFAULT_SETTINGS, type SettingKey, type Settings, settingsSchemas } from '@bixue/domain';
import { type Kysely, sql } from 'kysely';
import { onceInSnapshot } from './read-snapshot.ts';
import type { Database } from './schema.ts';
import { type ConfigAuthor, inConfigVersion } from './versions/config-version.ts';

/**
 * A province's settings with defaults filled in; a stored value that no longer validates falls
 * back too. `atVersion`: as they stood at the province's data version N, rewound from
 * settings_audit like facts (a key changed after N takes the old value of its first change after
 * N; none there: the default applied). Read once per read snapshot and version (an answer needs
 * them for its as-of month, its read point and its thresholds): callers must not change the object.
 */
export function getSettings(
  db: Kysely<Database>,
  provinceCode: string,
  atVersion: number | null = null,
): Promise<Settings> {
  const key = atVersion === null ? `settings:${provinceCode}` : `settings:${provinceCode}@${atVersion}`;
  return onceInSnapshot(db, key, () => readSettings(db, provinceCode, atVersion));
}

async function readSettings(db: Kysely<Database>, provinceCode: string, atVersion: number | null): Promise<Settings> {
  const rows =
    atVersion === null
      ? await db.selectFrom('settings').select(['key', 'value']).where('province_code', '=', provinceCode).execute()
      : (
          await sql<{ key: string; value: unknown }>`
            select s.key, s.value from settings s
            where s.province_code = ${provinceCode} and not exists (select 1 from settings_audit a
              where a.province_code = s.province_code and a.key = s.key and a.data_version > ${atVersion})
            union all
            select o.key, o.old_value from (
              select distinct on (a.key) a.key, a.old_value from settings_audit a
              where a.province_code = ${provinceCode} and a.data_version > ${atVersion}
              order by a.key, a.data_version, a.id
            ) o
            where o.old_value is not null`.execute(db)
        ).rows;
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

/**
 * Stores a setting without a version or audit row: a province's initial state before its first
 * data version (the demo, test fixtures), which every version already holds. Every other write
 * goes through changeSetting.
 */
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
 * Sets a province setting through the versioned write path (inConfigVersion): the province's data
 * version is raised and settings_audit keeps who changed it from what, under that version and with
 * the reason if given, so a view drawn as of an earlier version reads the value of then. Setting
 * the value already stored changes nothing. Returns the version created, null for no change.
 */
export async function changeSetting<K extends SettingKey>(
  db: Kysely<Database>,
  provinceCode: string,
  key: K,
  value: Settings[K],
  by: ConfigAuthor,
): Promise<number | null> {
  const json = JSON.stringify(settingsSchemas[key].parse(value));
  const { version } = await inConfigVersion(db, provinceCode, async (trx, next) => {
    const old = await trx
      .selectFrom('settings')
      .select(['value', sql<boolean>`value = ${json}::jsonb`.as('same')])
      .where('province_code', '=', provinceCode)
      .where('key', '=', key)
      .forUpdate()
      .executeTakeFirst();
    if (old?.same) return { changed: false, result: null };
    await putSetting(trx, provinceCode, key, value);
    await trx
      .insertInto('settings_audit')
      .values({
        province_code: provinceCode,
        key,
        old_value: old ? JSON.stringify(old.value) : null,
        new_value: json,
        // the audit has always named a person; a system change says so
        changed_by: by.user ?? 'system',
        data_version: next,
        reason: by.reason ?? null,
      })
      .execute();
    return { changed: true, result: null };
  });
  return version;
}
