import { describe, expect, it } from 'vitest';
import { finerDisagreement, finerUnderCoarse, type SpanFact } from './coarse-conflicts.ts';
import { parsePeriod } from './periods.ts';

const f = (period: string, value: number | null = null): SpanFact => ({
  period: parsePeriod(period),
  value,
  status: value === null ? 'undisclosed' : 'value',
});

describe('finerDisagreement', () => {
  it('finds months summing to 3 under a half of 5, and nothing where they agree', () => {
    const months = [
      f('2022-01', 1),
      f('2022-02', 0),
      f('2022-03', 1),
      f('2022-04', 0),
      f('2022-05', 1),
      f('2022-06', 0),
    ];
    expect(finerDisagreement('sum', f('2022H1', 5), months)).toEqual({
      value: 3,
      months: 6,
      of: 6,
      periods: ['2022-01', '2022-02', '2022-03', '2022-04', '2022-05', '2022-06'],
    });
    expect(finerDisagreement('sum', f('2022H1', 3), months)).toBeNull();
  });

  it('combines each month by the coarsest finer fact holding it, as the roll-up does', () => {
    // Q1 = 4 holds January (1): Q1 4 + April 2 = 6, over 4 of 6 months
    const finer = [f('2022Q1', 4), f('2022-01', 1), f('2022-04', 2)];
    expect(finerDisagreement('sum', f('2022H1', 5), finer)).toEqual({
      value: 6,
      months: 4,
      of: 6,
      periods: ['2022Q1', '2022-04'],
    });
  });

  it('lets partial coverage stand where the rest could make it agree', () => {
    expect(finerDisagreement('sum', f('2022', 9), [f('2022H1', 5), f('2022-07', 3)])).toBeNull();
    expect(finerDisagreement('max', f('2022', 9), [f('2022-03', 7)])).toBeNull();
    expect(finerDisagreement('max', f('2022', 6), [f('2022-03', 7)])?.value).toBe(7);
    // last: only the final month speaks for the year
    expect(finerDisagreement('last', f('2022', 40), [f('2022-06', 38)])).toBeNull();
    expect(finerDisagreement('last', f('2022', 40), [f('2022-06', 38), f('2022-12', 41)])?.value).toBe(41);
  });

  it('never compares undisclosed values, nor the coarse fact with itself', () => {
    expect(finerDisagreement('sum', f('2022H1'), [f('2022-01', 9)])).toBeNull();
    expect(finerDisagreement('sum', f('2022H1', 1), [f('2022-01'), f('2022-02', 9)])).toBeNull();
    expect(finerDisagreement('sum', f('2022H1', 1), [f('2022H1', 9)])).toBeNull();
  });
});

describe('finerUnderCoarse', () => {
  const months = (values: number[], from = 1) =>
    values.map((v, i) => f(`2022-${String(from + i).padStart(2, '0')}`, v));

  it('names months written under a half that stays and says otherwise', () => {
    // stored: H1 = 5 and Jan–May 1+0+1+0+1 = 3; June written as 0: the months sum to 3 over 6/6
    const stored = months([1, 0, 1, 0, 1]);
    expect(finerUnderCoarse('sum', f('2022H1', 5), stored, [f('2022-06', 0)])).toEqual({
      value: 3,
      months: 6,
      of: 6,
      periods: ['2022-01', '2022-02', '2022-03', '2022-04', '2022-05', '2022-06'],
      written: ['2022-06'],
    });
    // June as 2 makes them agree (1+0+1+0+1+2 = 5): nothing to ask
    expect(finerUnderCoarse('sum', f('2022H1', 5), stored, [f('2022-06', 2)])).toBeNull();
  });

  it('asks nothing of a write that changes nothing, nor of one the rest could still make agree', () => {
    const stored = months([1, 0, 1, 0, 1, 0]);
    // re-importing June = 0 changes nothing, though the months (3) already disagree with 5
    expect(finerUnderCoarse('sum', f('2022H1', 5), stored, [f('2022-06', 0)])).toBeNull();
    // one month of 2 under a half of 5: the other five could bring the rest
    expect(finerUnderCoarse('sum', f('2022H1', 5), [], [f('2022-02', 2)])).toBeNull();
    // one month of 7 under a half of 5 cannot: 7 over 1/6 months
    expect(finerUnderCoarse('sum', f('2022H1', 5), [], [f('2022-02', 7)])).toEqual({
      value: 7,
      months: 1,
      of: 6,
      periods: ['2022-02'],
      written: ['2022-02'],
    });
  });

  it('leaves a month hidden by a finer quarter to that quarter', () => {
    // the year 2022 = 10 holds Q1 = 4: a January of 9 is inside Q1, not among the year's maximal facts
    expect(finerUnderCoarse('sum', f('2022', 10), [f('2022Q1', 4)], [f('2022-01', 9)])).toBeNull();
    // Q1 = 4 over a January of 9 is the conflict to name
    expect(finerUnderCoarse('sum', f('2022Q1', 4), [], [f('2022-01', 9)])?.written).toEqual(['2022-01']);
  });
});
