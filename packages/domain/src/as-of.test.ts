import { describe, expect, it } from 'vitest';
import {
  asOfLabel,
  clipWindow,
  judgedWindowLabel,
  lastCompleteMonth,
  monthCode,
  monthEndDate,
  monthSchema,
  previousComparable,
  previousSameLength,
  sameMonthsLastYear,
  tryParseMonth,
} from './as-of.ts';
import { parsePeriod } from './periods.ts';

// absolute months: 2024 * 12 = 24288 is January 2024
const AUG_2024 = 24288 + 7;
const SEP_2026 = 2026 * 12 + 8;

describe('the data as-of month', () => {
  it('clips a window that reaches past it to the months up to it', () => {
    expect(clipWindow(parsePeriod('2024'), AUG_2024)).toMatchObject({
      startMonth: 24288,
      endMonth: 24295,
      year: 2024,
      clipped: true,
      asOf: AUG_2024,
    });
    // a window that ended by then is judged whole, and not marked
    expect(clipWindow(parsePeriod('2024H1'), AUG_2024)).toMatchObject({
      startMonth: 24288,
      endMonth: 24293,
      clipped: false,
    });
    expect(clipWindow(parsePeriod('2024-08'), AUG_2024)).toMatchObject({ clipped: false, endMonth: AUG_2024 });
    // a window beginning after it has no months to judge
    expect(clipWindow(parsePeriod('2024Q4'), AUG_2024)).toBeNull();
  });

  it('compares like with like: 同比 the same months a year earlier, 环比 as many months before', () => {
    const ytd = clipWindow(parsePeriod('2026'), SEP_2026)!;
    // Jan–Sep 2026 → Jan–Sep 2025
    expect(sameMonthsLastYear(ytd)).toEqual({ startMonth: 2025 * 12, endMonth: 2025 * 12 + 8 });
    // Jan–Sep 2026 (9 months) → Apr–Dec 2025
    expect(previousSameLength(ytd)).toEqual({ startMonth: 2025 * 12 + 3, endMonth: 2025 * 12 + 11 });
    // a whole quarter → the quarter before
    const q1 = parsePeriod('2026Q1');
    expect(previousSameLength(q1)).toEqual({ startMonth: parsePeriod('2025Q4').startMonth, endMonth: 2025 * 12 + 11 });
  });

  it('compares ranks with the previous period judged on as many months', () => {
    const ytd = clipWindow(parsePeriod('2026'), SEP_2026)!;
    expect(previousComparable(ytd)).toMatchObject({
      window: parsePeriod('2025'),
      year: 2025,
      startMonth: 2025 * 12,
      endMonth: 2025 * 12 + 8,
    });
    // 2026H2 through September (3 months) → April–June 2026
    expect(previousComparable(clipWindow(parsePeriod('2026H2'), SEP_2026)!)).toMatchObject({
      window: parsePeriod('2026H1'),
      startMonth: 2026 * 12 + 3,
      endMonth: 2026 * 12 + 5,
    });
    // unclipped: the previous period itself
    const q1 = parsePeriod('2026Q1');
    expect(previousComparable(clipWindow(parsePeriod('2026Q2'), SEP_2026)!)).toMatchObject({
      window: q1,
      startMonth: q1.startMonth,
      endMonth: q1.endMonth,
      clipped: false,
    });
  });

  it('defaults to the last complete month before today', () => {
    expect(lastCompleteMonth(new Date('2026-11-29T00:00:00Z'))).toBe(2026 * 12 + 9);
    expect(lastCompleteMonth(new Date('2026-01-01T00:00:00Z'))).toBe(2025 * 12 + 11);
  });

  it('reads and writes YYYY-MM, and labels clipped windows in both languages', () => {
    expect(tryParseMonth('2026-09')).toBe(SEP_2026);
    expect(tryParseMonth('2026-13')).toBeNull();
    expect(monthCode(SEP_2026)).toBe('2026-09');
    expect(monthSchema.safeParse('2026-9').error?.issues[0]?.message).toContain('YYYY-MM');
    expect(asOfLabel(SEP_2026)).toBe('数据截至2026年9月');
    expect(asOfLabel(SEP_2026, 'en')).toBe('data through Sep 2026');
    const y2026 = parsePeriod('2026');
    expect(judgedWindowLabel(y2026, { asOf: '2026-09', clipped: true })).toBe('2026年（数据截至2026年9月）');
    expect(judgedWindowLabel(y2026, { asOf: '2026-09', clipped: true }, 'en')).toBe('2026 (data through Sep 2026)');
    expect(judgedWindowLabel(parsePeriod('2026H1'), { asOf: '2026-09', clipped: false })).toBe('2026年上半年');
    expect(judgedWindowLabel(y2026, null, 'en')).toBe('2026');
    expect(monthEndDate(2024 * 12 + 1)).toBe('2024-02-29');
  });
});
