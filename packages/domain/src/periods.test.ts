import { describe, expect, it } from 'vitest';
import {
  absMonthOfDate,
  calendarToday,
  contains,
  parsePeriod,
  periodCodeLabel,
  periodLabel,
  periodSeries,
  previousPeriod,
  samePeriodLastYear,
  tryParsePeriod,
} from './periods.ts';

describe('periods', () => {
  it('parses the four grains into absolute month ranges', () => {
    // 2024 * 12 = 24288: January 2024
    expect(parsePeriod('2024')).toMatchObject({ grain: 'year', startMonth: 24288, endMonth: 24299 });
    expect(parsePeriod('2024H2')).toMatchObject({ grain: 'half', index: 2, startMonth: 24294, endMonth: 24299 });
    expect(parsePeriod('2024Q3')).toMatchObject({ grain: 'quarter', index: 3, startMonth: 24294, endMonth: 24296 });
    expect(parsePeriod('2024-07')).toMatchObject({ grain: 'month', index: 7, startMonth: 24294, endMonth: 24294 });
  });

  it('rejects what is not a period, naming the input', () => {
    for (const bad of ['2024H3', '2024Q5', '2024-13', '2024-7', '24', 'H1', '2024h1', ''])
      expect(tryParsePeriod(bad)).toBeNull();
    expect(() => parsePeriod('2024Q5')).toThrow('"2024Q5"');
  });

  it('steps back within the grain and across years', () => {
    expect(previousPeriod(parsePeriod('2024H1')).code).toBe('2023H2');
    expect(previousPeriod(parsePeriod('2024Q1')).code).toBe('2023Q4');
    expect(previousPeriod(parsePeriod('2024-01')).code).toBe('2023-12');
    expect(previousPeriod(parsePeriod('2024')).code).toBe('2023');
    expect(samePeriodLastYear(parsePeriod('2024Q3')).code).toBe('2023Q3');
    expect(periodSeries(parsePeriod('2024H1'), 4).map((p) => p.code)).toEqual(['2022H2', '2023H1', '2023H2', '2024H1']);
  });

  it('knows containment and speaks both languages', () => {
    expect(contains(parsePeriod('2024'), parsePeriod('2024Q3'))).toBe(true);
    expect(contains(parsePeriod('2024H1'), parsePeriod('2024Q3'))).toBe(false);
    expect(periodLabel(parsePeriod('2024H1'))).toBe('2024年上半年');
    expect(periodLabel(parsePeriod('2024Q3'))).toBe('2024年第三季度');
    expect(periodLabel(parsePeriod('2024H1'), 'en')).toBe('H1 2024');
    // a code as a sentence names it: the English of every grain, and the Chinese label
    expect(['2025', '2025H2', '2025Q4', '2025-03'].map((c) => periodCodeLabel(c, 'en'))).toEqual([
      '2025',
      'H2 2025',
      'Q4 2025',
      '2025-03',
    ]);
    expect(periodCodeLabel('2025Q4')).toBe('2025年第四季度');
  });
});

describe('calendarToday', () => {
  it('is the date in China (UTC+8) as that date’s midnight UTC', () => {
    // 23:59 and 00:00 in Beijing on either side of a month's end
    expect(calendarToday(new Date('2026-06-30T15:59:59Z')).toISOString()).toBe('2026-06-30T00:00:00.000Z');
    expect(calendarToday(new Date('2026-06-30T16:00:00Z')).toISOString()).toBe('2026-07-01T00:00:00.000Z');
    // the UTC morning is already that day's afternoon there; the UTC evening the next day
    expect(calendarToday(new Date('2026-07-10T02:00:00Z')).toISOString()).toBe('2026-07-10T00:00:00.000Z');
    expect(calendarToday(new Date('2026-12-31T17:00:00Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(absMonthOfDate(calendarToday(new Date('2026-06-30T16:30:00Z')))).toBe(2026 * 12 + 6);
  });
});
