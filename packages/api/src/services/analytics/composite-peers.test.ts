import { upsertUnits, writeFacts } from '@bixue/db';
import { describeEachDb, loadAnalyticsFixture, valueFact as v } from '@bixue/db/testing';
import { beforeAll, expect, it } from 'vitest';
import { type ApiContext, OPERATOR } from '../../context.ts';
import { createCaller } from '../../root.ts';

/**
 * City D of the analytics fixture's province (composite weight 2 for media_articles, cap 1.2,
 * the default targets: members_congress 4 a year, none for seminar, media_articles or
 * research_reports), 2024 in whole years. Only 880401 reports research_reports: alone, its
 * percentile would be 100 for nothing, so the group's composite leaves the indicator out.
 */
describeEachDb('composite: a percentile among too few peers', 'catalog', ({ db, kind }) => {
  const op = () => createCaller({ db: db(), dbKind: kind, principal: OPERATOR } satisfies ApiContext);

  beforeAll(async () => {
    await loadAnalyticsFixture(db());
    await upsertUnits(db(), [
      { code: '880400', name: '丁市气象局', level: 'city', parent_code: '880000' },
      { code: '880401', name: '丁一县气象局', level: 'county', parent_code: '880400' },
      { code: '880402', name: '丁二县气象局', level: 'county', parent_code: '880400' },
      { code: '880403', name: '丁三县气象局', level: 'county', parent_code: '880400' },
    ]);
    await writeFacts(
      db(),
      [
        v('880401', 'members_congress', '2024', 6),
        v('880402', 'members_congress', '2024', 3),
        v('880403', 'members_congress', '2024', 4),
        v('880401', 'seminar', '2024', 4),
        v('880402', 'seminar', '2024', 2),
        v('880401', 'media_articles', '2024', 30),
        v('880402', 'media_articles', '2024', 10),
        v('880403', 'media_articles', '2024', 20),
        v('880401', 'research_reports', '2024', 5),
      ],
      { source: 'manual', user: 'fixture' },
    );
  });

  const composite = (unit: string) => op().analytics.composite({ unit, window: '2024', today: '2025-03-01' });

  it('leaves the lone reporter’s indicator out for every member, the weights renormalising over the rest', async () => {
    // 880401: mc 6/4 = 1.5 → capped 120; seminar 4 of 4, 2 → percentile 100; media best of 30, 10, 20 → 100
    //         (120·1 + 100·1 + 100·2) / 4 = 105 (research_reports' 100 would have made it 520 / 5 = 104)
    const a = await composite('880401');
    expect(a.indicators).toEqual(['members_congress', 'seminar', 'media_articles']);
    expect(a.excluded).toEqual([{ indicator: 'research_reports', reason: 'too_few_peers' }]);
    expect(a.contributions.map((c) => [c.indicator, c.basis, c.score, c.contribution])).toEqual([
      ['members_congress', 'attainment', 120, 30],
      ['seminar', 'percentile', 100, 25],
      ['media_articles', 'percentile', 100, 50],
    ]);
    expect(a.score).toBe(105);
    // 880402: mc 3/4 → 75; seminar worst of two → 0; media worst → 0: 75 / 4 = 18.75
    const b = await composite('880402');
    expect([b.score, b.excluded]).toEqual([18.75, [{ indicator: 'research_reports', reason: 'too_few_peers' }]]);
    // 880403: mc 4/4 → 100; seminar missing drops out; media middle → 50: (100 + 2·50) / 3 = 66.67
    const c = await composite('880403');
    expect(c.score).toBeCloseTo(200 / 3, 10);
    expect(c.excluded).toEqual([{ indicator: 'research_reports', reason: 'too_few_peers' }]);

    const r = await op().analytics.ranking({
      indicator: 'composite',
      window: '2024',
      group: 'siblings:880400',
      today: '2025-03-01',
    });
    expect(r.entries.map((e) => [e.unit, e.value, e.rank])).toEqual([
      ['880401', 105, 1],
      ['880403', 200 / 3, 2],
      ['880402', 18.75, 3],
    ]);
    expect(r.excluded).toEqual([{ indicator: 'research_reports', reason: 'too_few_peers' }]);
  });

  it('counts the indicator again once a second member reports it', async () => {
    // 880403 reports 3 research reports: 880401 best → 100, 880403 → 0.
    // 880401: (120 + 100 + 2·100 + 100) / 5 = 104; 880403: (100 + 2·50 + 0) / 4 = 50
    await writeFacts(db(), [v('880403', 'research_reports', '2024', 3)], { source: 'manual', user: 'fixture' });
    const [a, c] = await Promise.all([composite('880401'), composite('880403')]);
    expect([a.score, a.excluded]).toEqual([104, []]);
    expect([c.score, c.excluded]).toEqual([50, []]);
    expect(c.indicators).toEqual(['members_congress', 'seminar', 'media_articles', 'research_reports']);
  });
});
