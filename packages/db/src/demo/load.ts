import { absMonthOfDate, monthCode } from '@bixue/domain';
import type { Kysely } from 'kysely';
import { rebuildRollups } from '../analytics/rollups.ts';
import type { Database } from '../schema.ts';
import { putSetting } from '../settings.ts';
import { upsertUnits } from '../units.ts';
import { createUser } from '../users.ts';
import { generateDemo } from './generate.ts';
import { DEMO_PROVINCE } from './names.ts';

export const DEMO_PASSWORD = 'bixue-demo';

export const DEMO_USERS = [
  { username: 'admin', displayName: '省局管理员', role: 'admin', scopeUnitCode: '990000' },
  { username: 'leader', displayName: '省局领导', role: 'leader', scopeUnitCode: '990000' },
  { username: 'analyst', displayName: '云川市局分析员', role: 'analyst', scopeUnitCode: '990100' },
  { username: 'reporter', displayName: '安平县局填报员', role: 'reporter', scopeUnitCode: '990101' },
] as const;

const INSERT_CHUNK = 2000;

export interface DemoLoadResult {
  units: number;
  facts: number;
}

/**
 * Loads the demo province: units, default targets, a peer group, settings, users and facts
 * from 2019 up to the month before `asOf`. The same asOf always gives the same data.
 */
export async function loadDemo(
  db: Kysely<Database>,
  asOf: Date = new Date(),
  { pinAsOf = true }: { pinAsOf?: boolean } = {},
): Promise<DemoLoadResult> {
  const demo = generateDemo(absMonthOfDate(asOf));
  await db.transaction().execute(async (trx) => {
    await upsertUnits(trx, demo.units);
    const mountain = demo.units.filter((u) => u.level === 'county' && Number(u.code.slice(2, 4)) % 3 === 0);
    const group = await trx
      .insertInto('peer_groups')
      .values({ province_code: DEMO_PROVINCE.code, name: '山区县', description: '演示用自定义同级组' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('peer_group_members')
      .values(mountain.map((u) => ({ group_id: group.id, unit_code: u.code })))
      .execute();
    for (let i = 0; i < demo.facts.length; i += INSERT_CHUNK) {
      await trx
        .insertInto('facts')
        .values(
          demo.facts
            .slice(i, i + INSERT_CHUNK)
            .map((f) => ({ ...f, source: 'demo' as const, batch_id: 'demo', updated_by: 'demo' })),
        )
        .execute();
    }
    // the facts went in without writeFacts: build their roll-ups in bulk, in the same transaction
    await rebuildRollups(trx, DEMO_PROVINCE.code);
    for (const u of DEMO_USERS) await createUser(trx, { ...u, password: DEMO_PASSWORD });
    // the demo's data ends the month before it was loaded; a demo kept for weeks must not judge
    // the months after that as unreported (数据截至 set as its admin would set it). With its
    // reporting history (pinAsOf false) the latest closed quarter says it instead (domain.md §5, §9).
    if (pinAsOf) await putSetting(trx, DEMO_PROVINCE.code, 'data_as_of', monthCode(absMonthOfDate(asOf) - 1));
  });
  return { units: demo.units.length, facts: demo.facts.length };
}
