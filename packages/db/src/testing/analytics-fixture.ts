import type { Kysely } from 'kysely';
import { type FactInput, writeFacts } from '../write-path/index.ts';
import type { Database } from '../schema.ts';
import { putSetting } from '../settings.ts';
import { upsertUnits } from '../units.ts';

/**
 * A small province, 样例省 880000, whose numbers the analytics tests compute by hand.
 *
 *   880000 province
 *   ├─ 880100 city A: counties 880101 880102 880103 880104 (mixed grains)
 *   ├─ 880200 city B: county 880201 (reports nothing)
 *   └─ 880300 city C: counties 880301 880302 880303 (whole years, for the composite)
 *
 * Plus an admin-added indicator `max_attendance` (aggregation max), the default targets, a
 * target for 2024 and a unit override, composite weight 2 for media_articles, and the
 * custom peer group 对比组 = {880101, 880301}.
 */
export const FIXTURE_PROVINCE = '880000';

/** A reported value, as the fixtures write them. */
export const valueFact = (unitCode: string, indicatorCode: string, period: string, value: number): FactInput => ({
  unitCode,
  indicatorCode,
  period,
  value,
  status: 'value',
});
const masked = (unitCode: string, indicatorCode: string, period: string): FactInput => ({
  unitCode,
  indicatorCode,
  period,
  value: null,
  status: 'undisclosed',
});

const v = valueFact;

export const FIXTURE_FACTS: FactInput[] = [
  // members_congress (sum)
  v('880101', 'members_congress', '2023H1', 1),
  v('880101', 'members_congress', '2023H2', 2),
  v('880101', 'members_congress', '2024H1', 2),
  v('880101', 'members_congress', '2024H2', 3),
  v('880102', 'members_congress', '2024H1', 1),
  v('880102', 'members_congress', '2024Q3', 1),
  v('880102', 'members_congress', '2024Q4', 2),
  v('880103', 'members_congress', '2024', 6),
  v('880103', 'members_congress', '2024H1', 2),
  v('880103', 'members_congress', '2024H2', 3),
  v('880104', 'members_congress', '2024H1', 3),
  v('880101', 'members_congress', '2025H1', 2),
  // party_lecture: a tie in 2024, a newcomer since 2023
  v('880101', 'party_lecture', '2023', 2),
  v('880102', 'party_lecture', '2023', 4),
  v('880103', 'party_lecture', '2023', 1),
  v('880101', 'party_lecture', '2024', 5),
  v('880102', 'party_lecture', '2024', 3),
  v('880103', 'party_lecture', '2024', 3),
  v('880104', 'party_lecture', '2024', 1),
  // warning_education: zero, masked, missing, half masked
  v('880101', 'warning_education', '2024', 0),
  masked('880102', 'warning_education', '2024'),
  v('880104', 'warning_education', '2024H1', 1),
  masked('880104', 'warning_education', '2024H2'),
  // rectification parts
  v('880101', 'issues_found', '2024H1', 4),
  v('880101', 'issues_closed', '2024H1', 2),
  v('880101', 'issues_found', '2024H2', 3),
  v('880101', 'issues_closed', '2024H2', 3),
  // award counts (all four parts)
  v('880101', 'awards_national', '2024', 1),
  v('880101', 'awards_provincial', '2024', 0),
  v('880101', 'awards_city', '2024', 2),
  v('880101', 'awards_county', '2024', 3),
  // member_count (last) and star_rating (last)
  v('880101', 'member_count', '2024H1', 20),
  v('880101', 'member_count', '2024H2', 22),
  v('880102', 'member_count', '2024', 10),
  v('880101', 'star_rating', '2024', 4),
  // per-capita target: 32 h per member × 22 members = 704 h due
  v('880101', 'training_hours', '2024', 700),
  v('880102', 'theme_party_day', '2024', 10),
  // media_articles may be divided per member: 11/22 = 0.5, 6/10 = 0.6, 7/no count = missing
  v('880101', 'media_articles', '2024', 11),
  v('880102', 'media_articles', '2024', 6),
  v('880103', 'media_articles', '2024', 7),
  // max_attendance (max)
  v('880101', 'max_attendance', '2024-03', 15),
  v('880101', 'max_attendance', '2024-08', 18),
  v('880101', 'max_attendance', '2024Q4', 12),
  // city C, whole years
  v('880301', 'members_congress', '2024', 6),
  v('880302', 'members_congress', '2024', 3),
  v('880303', 'members_congress', '2024', 4),
  v('880301', 'theme_party_day', '2024', 12),
  v('880302', 'theme_party_day', '2024', 6),
  v('880301', 'media_articles', '2024', 30),
  v('880302', 'media_articles', '2024', 10),
  v('880303', 'media_articles', '2024', 20),
];

export async function loadAnalyticsFixture(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await upsertUnits(trx, [
      { code: '880000', name: '样例省气象局', level: 'province', parent_code: null },
      { code: '880100', name: '甲市气象局', level: 'city', parent_code: '880000' },
      { code: '880101', name: '甲一县气象局', level: 'county', parent_code: '880100' },
      { code: '880102', name: '甲二县气象局', level: 'county', parent_code: '880100' },
      { code: '880103', name: '甲三县气象局', level: 'county', parent_code: '880100' },
      { code: '880104', name: '甲四县气象局', level: 'county', parent_code: '880100' },
      { code: '880200', name: '乙市气象局', level: 'city', parent_code: '880000' },
      { code: '880201', name: '乙一县气象局', level: 'county', parent_code: '880200' },
      { code: '880300', name: '丙市气象局', level: 'city', parent_code: '880000' },
      { code: '880301', name: '丙一县气象局', level: 'county', parent_code: '880300' },
      { code: '880302', name: '丙二县气象局', level: 'county', parent_code: '880300' },
      { code: '880303', name: '丙三县气象局', level: 'county', parent_code: '880300' },
    ]);
    await trx
      .insertInto('indicators')
      .values({
        code: 'max_attendance',
        name_zh: '单次最高参加人数',
        name_en: 'Peak attendance',
        category: 'organization_life',
        unit: '名',
        aggregation: 'max',
        direction: 'higher_better',
        per_capita_allowed: false,
        formula: null,
        plausible_max: 1000,
        sort_order: 1000,
      })
      .execute();
    await trx
      .insertInto('targets')
      .values([
        // 2024 asks counties for 5 party lectures; 880102 has its own 6 in every year
        {
          indicator_code: 'party_lecture',
          province_code: FIXTURE_PROVINCE,
          level: 'county',
          unit_code: null,
          year: 2024,
          value: 5,
          per_capita: false,
        },
        {
          indicator_code: 'party_lecture',
          province_code: FIXTURE_PROVINCE,
          level: null,
          unit_code: '880102',
          year: null,
          value: 6,
          per_capita: false,
        },
      ])
      .execute();
    await putSetting(trx, FIXTURE_PROVINCE, 'composite', {
      cap: 1.2,
      indicatorWeights: { media_articles: 2 },
      categoryWeights: {},
    });
    const g = await trx
      .insertInto('peer_groups')
      .values({ province_code: FIXTURE_PROVINCE, name: '对比组' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('peer_group_members')
      .values([
        { group_id: g.id, unit_code: '880101' },
        { group_id: g.id, unit_code: '880301' },
      ])
      .execute();
    await writeFacts(trx, FIXTURE_FACTS, { source: 'manual', user: 'fixture' });
  });
}
