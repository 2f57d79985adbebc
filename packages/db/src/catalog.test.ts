import { expect, it } from 'vitest';
import { describeEachDb } from './testing/index.ts';
import { listIndicators } from './catalog.ts';

/** domain.md §3, transcribed by hand: code, unit, aggregation, derived. */
const SPEC: [string, string, string, boolean][] = [
  ['members_congress', '次', 'sum', false],
  ['branch_committee', '次', 'sum', false],
  ['party_group_meeting', '次', 'sum', false],
  ['party_lecture', '次', 'sum', false],
  ['theme_party_day', '次', 'sum', false],
  ['org_life_meeting', '次', 'sum', false],
  ['democratic_review', '次', 'sum', false],
  ['collective_study', '次', 'sum', false],
  ['center_group_study', '次', 'sum', false],
  ['seminar', '次', 'sum', false],
  ['warning_education', '次', 'sum', false],
  ['training_classes', '期', 'sum', false],
  ['training_person_times', '人次', 'sum', false],
  ['training_hours', '学时', 'sum', false],
  ['issues_found', '个', 'sum', false],
  ['issues_closed', '个', 'sum', false],
  ['rectification_rate', '%', 'last', true],
  ['awards_national', '项', 'sum', false],
  ['awards_provincial', '项', 'sum', false],
  ['awards_city', '项', 'sum', false],
  ['awards_county', '项', 'sum', false],
  ['award_score', '分', 'sum', true],
  ['star_rating', '星', 'last', false],
  ['member_count', '名', 'last', false],
  ['new_members', '名', 'sum', false],
  ['media_articles', '篇', 'sum', false],
  ['party_brands', '个', 'last', false],
  ['research_reports', '篇', 'sum', false],
  ['new_rules', '项', 'sum', false],
  ['volunteer_person_times', '人次', 'sum', false],
];

describeEachDb('indicator catalog', 'catalog', ({ db }) => {
  it('matches domain.md §3', async () => {
    const stored = await listIndicators(db());
    expect(stored.map((i) => [i.code, i.unit, i.aggregation, i.formula !== null])).toEqual(SPEC);
    const rate = stored.find((i) => i.code === 'rectification_rate')!;
    expect(rate.formula).toEqual({
      kind: 'ratio',
      numerator: 'issues_closed',
      denominator: 'issues_found',
      scale: 100,
    });
    const score = stored.find((i) => i.code === 'award_score')!;
    expect(score.formula).toEqual({
      kind: 'weighted_sum',
      terms: { awards_national: 10, awards_provincial: 5, awards_city: 2, awards_county: 1 },
    });
    expect(stored.find((i) => i.code === 'party_group_meeting')!.nameZh).toBe('党小组会');
  });

  it('seeds the default annual targets for a province', async () => {
    // the catalog seed alone has no province; targets come with one
    const n = await db()
      .selectFrom('targets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });
});
