import { describe, expect, it } from 'vitest';
import { clipWindow, tryParseMonth } from './as-of.ts';
import { attainmentRatio, phasedTarget, statusOf } from './attainment.ts';
import { compositeIndicators, compositeScore, groupCompositeScores, type ScoreInput } from './composite.ts';
import { MIN_PERCENTILE_PEERS } from './index.ts';
import { INDICATOR_CATALOG } from './catalog.ts';
import { parsePeriod } from './periods.ts';
import { peerLetters, rankChange, rankLabel, rankPlaces, rankWithTies, roundShown, shownDecimals } from './ranking.ts';
import { monthsAsPeriods } from './rollup.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { median, percentileCont, quartileOf, relativeChange } from './stats.ts';

const sumTarget = { annual: 4, perCapita: false, memberCount: null, aggregation: 'sum', derived: false } as const;
const linear = { kind: 'linear', dueMonth: 12 } as const;

describe('ranking rules', () => {
  it('shares ranks on ties and skips the next (1, 2, 2, 4), nulls unranked', () => {
    expect(rankWithTies([9, 7, 7, null, 3])).toEqual([1, 2, 2, null, 4]);
    // lower is better: ascending
    expect(rankWithTies([9, 7, 7, 3], false)).toEqual([4, 2, 2, 1]);
    expect(rankChange(3, 1)).toBe(2);
    expect(rankChange(null, 1)).toBeNull();
    expect([peerLetters(0), peerLetters(1), peerLetters(25), peerLetters(26)]).toEqual(['A', 'B', 'Z', 'AA']);
  });

  it('ranks at the precision shown: 66.666… and 66.67 are both 66.7, so 并列', () => {
    expect(rankPlaces([200 / 3, 66.67, 70, null, 66.64], 1)).toEqual([
      { rank: 2, tied: true, of: 4 },
      { rank: 2, tied: true, of: 4 },
      { rank: 1, tied: false, of: 4 },
      null,
      // 66.6 is shown below 66.7: the next rank skips to 4
      { rank: 4, tied: false, of: 4 },
    ]);
    // counts compare as integers, lower_better ascending
    expect(rankPlaces([3.4, 2.6, 3], 0, false).map((p) => p?.rank)).toEqual([1, 1, 1]);
    expect(rankLabel({ rank: 6, tied: true, of: 93 })).toBe('并列第6名/93');
    expect(rankLabel({ rank: 27, tied: false, of: 93 })).toBe('第27名/93');
    expect(rankLabel({ rank: 6, tied: true, of: 93 }, 'en')).toBe('T-6 of 93');
  });

  it('rounds half away from zero on 15 significant digits, as PostgreSQL rounds float8::numeric', () => {
    // 0.15 is 0.1499999… in binary; shown, and in PostgreSQL, it is 0.2
    expect([roundShown(0.15, 1), roundShown(2.5, 0), roundShown(-2.5, 0), roundShown(79.14, 1)]).toEqual([
      0.2, 3, -3, 79.1,
    ]);
    // exponent forms: the smallest double rounds to 0, a large value stays itself
    expect([roundShown(5e-324, 0), roundShown(1.25e21, 1), roundShown(0.000125, 1)]).toEqual([0, 1.25e21, 0]);
    expect([shownDecimals('次'), shownDecimals('%'), shownDecimals('学时'), shownDecimals('次', true)]).toEqual([
      0, 1, 1, 1,
    ]);
  });
});

describe('targets and status', () => {
  it('pro-rates a sum target by the judged months, per capita by members', () => {
    const asOf = (month: string) => tryParseMonth(month)!;
    // H1 of an annual 4, linear, judged after it ended: 4 × 181/365 days (Jan–Jun 2025)
    const h1 = phasedTarget(sumTarget, linear, clipWindow(parsePeriod('2025H1'), asOf('2025-09'))!)!;
    expect(h1.target).toBeCloseTo((4 * 181) / 365, 12);
    expect(h1.proratedTarget).toBe(h1.target);
    // 2025 judged through June: the same 181 days are due of the whole year's 4 — pro-rated to
    // the as-of month's end, not to today
    expect(phasedTarget(sumTarget, linear, clipWindow(parsePeriod('2025'), asOf('2025-06'))!)).toEqual({
      target: 4,
      proratedTarget: h1.target,
    });
    // a level is not pro-rated; a per-capita target scales by members (32 × 20 = 640)
    expect(
      phasedTarget({ ...sumTarget, aggregation: 'last' }, linear, clipWindow(parsePeriod('2025'), asOf('2025-06'))!),
    ).toEqual({ target: 4, proratedTarget: 4 });
    const whole2024 = clipWindow(parsePeriod('2024'), asOf('2024-12'))!;
    expect(
      phasedTarget({ ...sumTarget, annual: 32, perCapita: true, memberCount: 20 }, linear, whole2024)!.target,
    ).toBe(640);
    expect(phasedTarget({ ...sumTarget, perCapita: true }, linear, whole2024)).toBeNull();
  });

  it('inverts lower_better and colours by thresholds, grey without value or target', () => {
    expect(attainmentRatio(4, 2, 'lower_better')).toBe(0.5);
    const t = { target: 10, proratedTarget: 10 };
    const th = DEFAULT_SETTINGS.status_thresholds;
    expect([statusOf('value', 1, t, th), statusOf('value', 0.8, t, th), statusOf('partial', 0.79, t, th)]).toEqual([
      'green',
      'yellow',
      'red',
    ]);
    expect([
      statusOf('missing', null, t, th),
      statusOf('undisclosed', null, t, th),
      statusOf('value', null, null, th),
    ]).toEqual(['grey', 'grey', 'grey']);
  });
});

describe('composite', () => {
  it('leaves out member_count and the parts of derived indicators', () => {
    const codes = compositeIndicators(INDICATOR_CATALOG, DEFAULT_SETTINGS.composite).map((i) => i.code);
    for (const gone of ['member_count', 'issues_found', 'issues_closed', 'awards_national', 'awards_county'])
      expect(codes).not.toContain(gone);
    expect(codes).toContain('rectification_rate');
    expect(codes).toContain('award_score');
  });

  it('caps attainment, renormalises weights over what was reported, and adds up', () => {
    // (min(1.5, 1.2)·100·1 + 40·3) / (1 + 3) = (120 + 120) / 4 = 60; the missing one drops out
    const c = compositeScore(
      [
        { indicator: 'a', weight: 1, attainment: 1.5, percentile: null, hasTarget: true },
        { indicator: 'b', weight: 3, attainment: null, percentile: 40, hasTarget: false },
        { indicator: 'c', weight: 2, attainment: null, percentile: null, hasTarget: true },
      ],
      1.2,
    );
    expect(c.score).toBe(60);
    expect(c.contributions.map((x) => x.contribution)).toEqual([30, 30]);
  });

  it('leaves out for the whole group an indicator only one member gives a percentile', () => {
    const att = (indicator: string, attainment: number | null, percentile: number | null): ScoreInput => ({
      indicator,
      weight: 1,
      attainment,
      percentile,
      hasTarget: true,
    });
    const pct = (indicator: string, weight: number, percentile: number | null): ScoreInput => ({
      indicator,
      weight,
      attainment: null,
      percentile,
      hasTarget: false,
    });
    // mc has targets; media (weight 2) and seminar have none. reports: A alone has a value, so
    // its percentile 100 says nothing. tpd has a target: C's lone 0.5 is still an attainment.
    const { scores, excluded } = groupCompositeScores(
      [
        [att('mc', 1.5, 100), pct('media', 2, 100), pct('seminar', 1, 100), pct('reports', 1, 100)],
        [att('mc', 0.75, 0), pct('media', 2, 0), pct('seminar', 1, 0), pct('reports', 1, null)],
        [att('mc', 1, 50), pct('media', 2, 50), pct('seminar', 1, null), pct('reports', 1, null), att('tpd', 0.5, 100)],
      ],
      1.2,
    );
    expect(MIN_PERCENTILE_PEERS).toBe(2);
    expect(excluded).toEqual([{ indicator: 'reports', reason: 'too_few_peers' }]);
    // A: (120·1 + 100·2 + 100·1) / 4 = 105 (with reports it would be 520 / 5 = 104)
    // B: (75 + 0·2 + 0) / 4 = 18.75
    // C: (100 + 50·2 + 50) / 4 = 62.5 — seminar missing drops out, two members valued it
    expect(scores.map((s) => s.score)).toEqual([105, 18.75, 62.5]);
    expect(scores[0]!.contributions.map((c) => [c.indicator, c.contribution])).toEqual([
      ['mc', 30],
      ['media', 50],
      ['seminar', 25],
    ]);
    expect(scores[2]!.contributions.map((c) => c.indicator)).toEqual(['mc', 'media', 'tpd']);
  });
});

describe('stats', () => {
  it('places values in quartiles against the bands, mirrored for lower_better', () => {
    const bands = { p25: 3.75, median: 4.5, p75: 5.25 };
    expect([6, 5, 4, 3].map((v) => quartileOf(v, bands))).toEqual([1, 2, 3, 4]);
    expect([3, 4, 5, 6].map((v) => quartileOf(v, bands, false))).toEqual([1, 2, 3, 4]);
    expect(relativeChange(3, 2)).toBe(0.5);
    expect(relativeChange(3, 0)).toBeNull();
  });

  it('names uncovered months with the fewest periods', () => {
    const y = 2024 * 12;
    expect(monthsAsPeriods([y, y + 1, y + 2, y + 3, y + 4, y + 5, y + 6, y + 8]).map((p) => p.code)).toEqual([
      '2024H1',
      '2024-07',
      '2024-09',
    ]);
    expect(monthsAsPeriods(Array.from({ length: 12 }, (_, i) => y + i)).map((p) => p.code)).toEqual(['2024']);
  });
});

describe('percentileCont and median, as PostgreSQL computes them', () => {
  it('interpolates at p·(n−1) of the sorted values, leaving nulls out', () => {
    // sorted 1 2 3 4: p25 sits at 0.75 → 1 + 0.75·(2 − 1); the median at 1.5 → 2.5; p75 at 2.25 → 3.25
    expect(percentileCont([4, null, 1, 3, 2], 0.25)).toBe(1.75);
    expect(median([4, null, 1, 3, 2])).toBe(2.5);
    expect(percentileCont([4, 1, 3, 2], 0.75)).toBe(3.25);
    expect(median([7, 1, 5])).toBe(5);
    expect(median([9])).toBe(9);
    expect(median([null])).toBeNull();
  });
});
