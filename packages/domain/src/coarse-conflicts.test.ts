import { describe, expect, it } from 'vitest';
import { finerDisagreement, type SpanFact } from './coarse-conflicts.ts';
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
