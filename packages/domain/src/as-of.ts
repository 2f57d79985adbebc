import { z } from 'zod';
import { absMonthOfDate, monthOf, type Period, periodLabel, previousPeriod } from './periods.ts';

/** Months counted absolutely (year * 12 + month - 1), both ends inclusive. */
export interface MonthRange {
  startMonth: number;
  endMonth: number;
}

/**
 * The months a window is judged on (domain.md §5, the live year): the window itself, or its
 * months up to the data as-of month when it reaches past it. Roll-ups, targets, 同比 and 环比
 * of a window all use these months, whichever table they read.
 */
export interface JudgedWindow extends MonthRange {
  window: Period;
  year: number;
  /** true when the as-of month cut the window short */
  clipped: boolean;
  /** the data as-of month (absolute) the window was judged against */
  asOf: number;
}

/** A window clipped to the as-of month; null when it begins after it (no data can be due yet). */
export function clipWindow(window: Period, asOf: number): JudgedWindow | null {
  if (window.startMonth > asOf) return null;
  const clipped = window.endMonth > asOf;
  return {
    window,
    year: window.year,
    startMonth: window.startMonth,
    endMonth: clipped ? asOf : window.endMonth,
    clipped,
    asOf,
  };
}

/** 同比: the same months one year earlier (Jan–Sep 2026 → Jan–Sep 2025). */
export function sameMonthsLastYear(r: MonthRange): MonthRange {
  return { startMonth: r.startMonth - 12, endMonth: r.endMonth - 12 };
}

/** 环比: as many months immediately before (Jan–Sep 2026 → Apr–Dec 2025; 2026Q3 → 2026Q2). */
export function previousSameLength(r: MonthRange): MonthRange {
  const length = r.endMonth - r.startMonth + 1;
  return { startMonth: r.startMonth - length, endMonth: r.startMonth - 1 };
}

/**
 * The window a rank change (↑3, ↓1) compares with: the previous period of the same grain, judged
 * on as many months as this one — a year's same months a year earlier (Jan–Sep 2026 → Jan–Sep
 * 2025, as 同比), a shorter window's as many months just before (2026H2 through September →
 * Apr–Jun 2026, as 环比). Unclipped, both are simply the previous period.
 */
export function previousComparable(j: JudgedWindow): JudgedWindow {
  const range = j.window.grain === 'year' ? sameMonthsLastYear(j) : previousSameLength(j);
  const window = previousPeriod(j.window);
  return { ...j, ...range, window, year: Math.floor(range.startMonth / 12) };
}

/** Where a province runs no reporting periods: the last month that has ended before `today`. */
export function lastCompleteMonth(today: Date): number {
  return absMonthOfDate(today) - 1;
}

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** 'YYYY-MM' → absolute month; null when it is not one. */
export function tryParseMonth(input: string): number | null {
  const m = MONTH_PATTERN.exec(input.trim());
  return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : null;
}

/** Absolute month → 'YYYY-MM', as settings, the CLI and API responses write it. */
export function monthCode(absMonth: number): string {
  const { year, month } = monthOf(absMonth);
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** `--as-of` and the `data_as_of` setting: 'YYYY-MM', parsed to an absolute month. */
export const monthSchema = z
  .string()
  .max(7)
  .transform((s, ctx) => {
    const m = tryParseMonth(s);
    if (m === null) {
      ctx.addIssue({
        code: 'custom',
        message: `无法识别的月份 "${s}"：应为 YYYY-MM，如 2026-09`,
        params: { en: `Unknown month "${s}": write YYYY-MM, such as 2026-09` },
      });
      return z.NEVER;
    }
    return m;
  });

/** Month names as English dates write them: 数据截至, 未到期（12月到期）. */
export const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "数据截至2026年9月" / "data through Sep 2026": beside every clipped window, on screen and in exports. */
export function asOfLabel(asOf: number, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const { year, month } = monthOf(asOf);
  return locale === 'en' ? `data through ${MONTHS_EN[month - 1]} ${year}` : `数据截至${year}年${month}月`;
}

/**
 * A window as a person reads it in a card title or a file's context line: "2026年" or, when the
 * data as-of month cut it short, "2026年（数据截至2026年6月）" / "2026 (data through Jun 2026)".
 * `judged` is what an analytics answer says about its months ('YYYY-MM' as-of, clipped or not).
 */
export function judgedWindowLabel(
  window: Period,
  judged: { asOf: string; clipped: boolean } | null | undefined,
  locale: 'zh-CN' | 'en' = 'zh-CN',
): string {
  const label = periodLabel(window, locale);
  const asOf = judged?.clipped ? tryParseMonth(judged.asOf) : null;
  if (asOf === null) return label;
  return locale === 'en' ? `${label} (${asOfLabel(asOf, locale)})` : `${label}（${asOfLabel(asOf, locale)}）`;
}

/** The last day of a month, for "due by" dates: 2026-09 → 2026-09-30. */
export function monthEndDate(absMonth: number): string {
  const { year, month } = monthOf(absMonth);
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}
