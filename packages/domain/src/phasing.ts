import { z } from 'zod';
import type { JudgedWindow, MonthRange } from './as-of.ts';
import { monthOf } from './periods.ts';
import { checkMessage } from './said.ts';

const DUE_MONTH = checkMessage({ zh: '截止月份应为1–12', en: 'The due month is 1–12' });

/**
 * How an annual target falls due through the year (序时进度, domain.md §5). Norms are not linear
 * in days: 支委会 is due monthly, 党员大会 quarterly, 组织生活会 once at a due month.
 */
export const PHASING_KINDS = ['monthly', 'quarterly', 'annual', 'linear'] as const;
export type PhasingKind = (typeof PHASING_KINDS)[number];

export const PHASING_LABELS: Record<PhasingKind, { zh: string; en: string }> = {
  monthly: { zh: '按月', en: 'Monthly' },
  quarterly: { zh: '按季度', en: 'Quarterly' },
  annual: { zh: '全年一次', en: 'Once a year' },
  linear: { zh: '按天均摊', en: 'Linear by days' },
};

export interface Phasing {
  kind: PhasingKind;
  /** 1–12; only `annual` reads it: the month by whose end the whole target is due */
  dueMonth: number;
}

export const phasingSchema = z.object({
  kind: z.enum(PHASING_KINDS),
  dueMonth: z.number().int().min(1, DUE_MONTH).max(12, DUE_MONTH),
});

export const DEFAULT_PHASING: Phasing = { kind: 'linear', dueMonth: 12 };

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days of an absolute month, by arithmetic: a Date per month was most of a composite's phasing. */
function daysIn(absMonth: number): number {
  const { year, month } = monthOf(absMonth);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!;
}

/** Days of the absolute months first…last. */
function daysOf(first: number, last: number): number {
  let days = 0;
  for (let m = first; m <= last; m++) days += daysIn(m);
  return days;
}

/**
 * The share of an annual target that falls due within the months of `r` (one calendar year):
 * monthly 1/12 at each month's end, quarterly 1/4 at each quarter's end (March, June, September,
 * December), annual all of it at the due month's end, linear the days of those months ÷ the days
 * of the year. Shares of disjoint ranges add up, so Jan–Dec is 1 for every phasing.
 */
export function dueShare(p: Phasing, r: MonthRange): number {
  if (r.endMonth < r.startMonth) return 0;
  const year = Math.floor(r.startMonth / 12);
  switch (p.kind) {
    case 'monthly':
      return (r.endMonth - r.startMonth + 1) / 12;
    case 'quarterly': {
      let ends = 0;
      for (let m = r.startMonth; m <= r.endMonth; m++) if (m % 3 === 2) ends++;
      return ends / 4;
    }
    case 'annual': {
      const due = year * 12 + p.dueMonth - 1;
      return due >= r.startMonth && due <= r.endMonth ? 1 : 0;
    }
    case 'linear': {
      return daysOf(r.startMonth, r.endMonth) / daysOf(year * 12, year * 12 + 11);
    }
  }
}

/**
 * The share of an annual target due within the months of `r` that `mask` marks (bit m = month m
 * of the year, 0 = January): what a partial value answers for — the months it covers. Each month
 * counts as its own range, so quarterly counts the quarter ends covered and annual its due month.
 */
export function dueShareOfMonths(p: Phasing, r: MonthRange, mask: number): number {
  const covered: number[] = [];
  for (let m = r.startMonth; m <= r.endMonth; m++) if (mask & (1 << (m % 12))) covered.push(m);
  if (p.kind === 'linear') {
    const year = Math.floor(r.startMonth / 12) * 12;
    const days = covered.reduce((sum, m) => sum + daysIn(m), 0);
    return days / daysOf(year, year + 11);
  }
  // counted, then divided once: six covered months of a monthly target are exactly 6/12
  const due = covered.filter((m) => dueShare(p, { startMonth: m, endMonth: m }) > 0).length;
  return p.kind === 'monthly' ? due / 12 : p.kind === 'quarterly' ? due / 4 : Math.min(due, 1);
}

/**
 * The next month after `after` (absolute) by whose end more of the year's target falls due, and
 * how much is due by then counted from `from`; null when nothing more falls due in that year.
 * The gaps page says "下一节点：12月31日前累计 4 次".
 */
export function nextDue(
  p: Phasing,
  annual: number,
  from: number,
  after: number,
): { month: number; cumulative: number } | null {
  const yearEnd = Math.floor(from / 12) * 12 + 11;
  const now = dueShare(p, { startMonth: from, endMonth: after });
  for (let m = after + 1; m <= yearEnd; m++) {
    const share = dueShare(p, { startMonth: from, endMonth: m });
    if (share > now) return { month: m, cumulative: annual * share };
  }
  return null;
}

/**
 * The calendar month (1–12) of `r` by whose end some of the target first falls due: 12 for an
 * annual duty due in December, 3 for a quarterly one over a year; null when none falls due in `r`.
 */
export function firstDueMonth(p: Phasing, r: MonthRange): number | null {
  for (let m = r.startMonth; m <= r.endMonth; m++)
    if (dueShare(p, { startMonth: m, endMonth: m }) > 0) return monthOf(m).month;
  return null;
}

/**
 * 未到期: the month the target first falls due when nothing of it is due by the end of the judged
 * months yet some is later in the window (组织生活会 judged through August → 12); null otherwise,
 * and for a window with nothing due at all.
 */
export function notYetDueMonth(p: Phasing, judged: JudgedWindow): number | null {
  return dueShare(p, judged) > 0 ? null : firstDueMonth(p, judged.window);
}
