import { type Kysely, sql } from 'kysely';
import { prepared } from './prepared-statements.ts';
import { keepInSnapshot, unreadInSnapshot } from './read-snapshot.ts';
import type { Database } from './schema.ts';
import { settingsFromRows } from './settings.ts';

/**
 * What every answer asks of its province before its data — the settings, the end of the latest
 * closed period (the as-of month) and the data version — in one round trip instead of three,
 * kept in the read snapshot: getSettings, latestClosedMonth and dataVersion then answer from it.
 * Outside a read snapshot (or when the snapshot has read them all) it reads nothing.
 */
export async function readProvinceState(db: Kysely<Database>, provinceCode: string): Promise<void> {
  const keys = [`settings:${provinceCode}`, `closed:${provinceCode}`, `version:${provinceCode}`] as const;
  if (!unreadInSnapshot(db, keys)) return;
  const r = await sql<{ settings: { key: string; value: unknown }[]; closed: number | null; version: number | null }>`
    select coalesce((select json_agg(json_build_object('key', s.key, 'value', s.value))
                       from settings s where s.province_code = ${provinceCode}), '[]'::json) as settings,
           (select max(p.end_month) from reporting_periods p
             where p.province_code = ${provinceCode} and p.state = 'closed') as closed,
           (select v.version from data_versions v where v.province_code = ${provinceCode}) as version ${prepared}`.execute(
    db,
  );
  const row = r.rows[0]!;
  keepInSnapshot(db, keys[0], settingsFromRows(row.settings));
  keepInSnapshot(db, keys[1], row.closed);
  keepInSnapshot(db, keys[2], row.version === null ? 0 : Number(row.version));
}
