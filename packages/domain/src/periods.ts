import { z } from 'zod';
import { SaidError } from './said.ts';

export const GRAINS = ['month', 'quarter', 'half', 'year'] as const;
export type Grain = (typeof GRAINS)[number];

/** Months are counted absolutely (year * 12 + month - 1) so windows compare as integer ranges. */
export interface Period {
  code: string;
  grain: Grain;
  year: number;
  /** 1-based index within the year: month 1–12, quarter 1–4, half 1–2, year 1 */
  index: number;
  startMonth: number;
  endMonth: number;
}

export class PeriodError extends SaidError {
  constructor(readonly input: string) {
    super({
      zh: `无法识别的报告期 "${input}"：应为 2024、2024H1、2024Q3 或 2024-07`,
      en: `Unknown reporting period "${input}": write 2024, 2024H1, 2024Q3 or 2024-07`,
    });
    this.name = 'PeriodError';
  }
}

const GRAIN_MONTHS: Record<Grain, number> = { month: 1, quarter: 3, half: 6, year: 12 };
const PATTERN = /^(\d{4})(?:(H[12])|(Q[1-4])|-(0[1-9]|1[0-2]))?$/;

export function grainMonths(grain: Grain): number {
  return GRAIN_MONTHS[grain];
}

export function makePeriod(grain: Grain, year: number, index = 1): Period {
  const size = GRAIN_MONTHS[grain];
  const startMonth = year * 12 + (index - 1) * size;
  return { code: periodCode(grain, year, index), grain, year, index, startMonth, endMonth: startMonth + size - 1 };
}

function periodCode(grain: Grain, year: number, index: number): string {
  switch (grain) {
    case 'year':
      return String(year);
    case 'half':
      return `${year}H${index}`;
    case 'quarter':
      return `${year}Q${index}`;
    case 'month':
      return `${year}-${String(index).padStart(2, '0')}`;
  }
}

export function tryParsePeriod(input: string): Period | null {
  const m = PATTERN.exec(input.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900 || year > 2999) return null;
  if (m[2]) return makePeriod('half', year, Number(m[2].slice(1)));
  if (m[3]) return makePeriod('quarter', year, Number(m[3].slice(1)));
  if (m[4]) return makePeriod('month', year, Number(m[4]));
  return makePeriod('year', year);
}

export function parsePeriod(input: string): Period {
  const p = tryParsePeriod(input);
  if (!p) throw new PeriodError(input);
  return p;
}

export const periodSchema = z
  .string()
  .max(10)
  .transform((s, ctx) => {
    const p = tryParsePeriod(s);
    if (!p) {
      const e = new PeriodError(s);
      ctx.addIssue({ code: 'custom', message: e.message, params: { en: e.messageEn } });
      return z.NEVER;
    }
    return p;
  });

/** The period of the same grain immediately before (2024H1 → 2023H2). */
export function previousPeriod(p: Period): Period {
  const perYear = 12 / GRAIN_MONTHS[p.grain];
  return p.index > 1 ? makePeriod(p.grain, p.year, p.index - 1) : makePeriod(p.grain, p.year - 1, perYear);
}

/** The same window one year earlier (同比). */
export function samePeriodLastYear(p: Period): Period {
  return makePeriod(p.grain, p.year - 1, p.index);
}

export function monthOf(absMonth: number): { year: number; month: number } {
  return { year: Math.floor(absMonth / 12), month: (absMonth % 12) + 1 };
}

export function periodOfMonth(absMonth: number, grain: Grain): Period {
  const { year, month } = monthOf(absMonth);
  return makePeriod(grain, year, Math.floor((month - 1) / GRAIN_MONTHS[grain]) + 1);
}

/** Consecutive windows of one grain ending with `last`, oldest first. */
export function periodSeries(last: Period, count: number): Period[] {
  const out: Period[] = [last];
  while (out.length < count) out.unshift(previousPeriod(out[0]!));
  return out;
}

export function contains(outer: Period, inner: Period): boolean {
  return inner.startMonth >= outer.startMonth && inner.endMonth <= outer.endMonth;
}

export function periodStartDate(p: Period): Date {
  const { year, month } = monthOf(p.startMonth);
  return new Date(Date.UTC(year, month - 1, 1));
}

/** First day after the window (exclusive end). */
export function periodEndDate(p: Period): Date {
  const { year, month } = monthOf(p.endMonth + 1);
  return new Date(Date.UTC(year, month - 1, 1));
}

/** China Standard Time, UTC+8 all year (no daylight saving since 1991): where the bureaus' days begin. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/**
 * The day it is in China at `now`, as that date's midnight UTC — the form every "today" takes
 * here (a YYYY-MM-DD input is read as UTC midnight too), so the rules that take the UTC date or
 * month of `today` judge Beijing's day. Read from the clock in UTC, a due date passed at 08:00
 * Beijing time, and from 00:00 to 08:00 on the 1st the month just ended was still running.
 */
export function calendarToday(now: Date = new Date()): Date {
  const there = new Date(now.getTime() + CHINA_OFFSET_MS);
  return new Date(Date.UTC(there.getUTCFullYear(), there.getUTCMonth(), there.getUTCDate()));
}

export function absMonthOfDate(d: Date): number {
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

const HALF_ZH = ['上半年', '下半年'];
const QUARTER_ZH = ['第一季度', '第二季度', '第三季度', '第四季度'];

export function periodLabel(p: Period, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  if (locale === 'en') {
    switch (p.grain) {
      case 'year':
        return String(p.year);
      case 'half':
        return `${p.index === 1 ? 'H1' : 'H2'} ${p.year}`;
      case 'quarter':
        return `Q${p.index} ${p.year}`;
      case 'month':
        return `${p.year}-${String(p.index).padStart(2, '0')}`;
    }
  }
  switch (p.grain) {
    case 'year':
      return `${p.year}年`;
    case 'half':
      return `${p.year}年${HALF_ZH[p.index - 1]}`;
    case 'quarter':
      return `${p.year}年${QUARTER_ZH[p.index - 1]}`;
    case 'month':
      return `${p.year}年${p.index}月`;
  }
}

/**
 * A period code (2025Q4) as a sentence names it: English refusals and notices say "Q4 2025" as the
 * English screens do; a code the user must type (an example, an echo of their input) stays a code.
 */
export const periodCodeLabel = (code: string, locale: 'zh-CN' | 'en' = 'zh-CN'): string =>
  periodLabel(parsePeriod(code), locale);
