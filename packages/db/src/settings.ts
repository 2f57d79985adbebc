import { DEFAULT_SETTINGS, type SettingKey, type Settings, settingsSchemas } from '@bixue/domain';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** A province's settings with defaults filled in; a stored value that no longer validates falls back too. */
export async function getSettings(db: Kysely<Database>, provinceCode: string): Promise<Settings> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('province_code', '=', provinceCode)
    .execute();
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
