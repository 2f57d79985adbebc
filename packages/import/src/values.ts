import { type Indicator, type Period, tryParsePeriod } from '@bixue/domain';
import type { CellValue } from './table.ts';

export type ParsedValue =
  { kind: 'empty' } | { kind: 'undisclosed' } | { kind: 'value'; value: number } | { kind: 'nan' };

/** Masked figures as reports and spreadsheets write them (X次, *名, **元): undisclosed, never zero. */
const UNDISCLOSED = /^([xXＸｘ]|[*＊]{1,3})$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

const toHalfWidth = (s: string) =>
  s.replace(/[０-９．，＋－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');

export function parseValue(cell: CellValue): ParsedValue {
  if (cell === null) return { kind: 'empty' };
  if (typeof cell === 'number') return Number.isFinite(cell) ? { kind: 'value', value: cell } : { kind: 'nan' };
  const s = toHalfWidth(cell.trim());
  if (s === '') return { kind: 'empty' };
  if (UNDISCLOSED.test(s)) return { kind: 'undisclosed' };
  const plain = GROUPED.test(s) ? s.replace(/,/g, '') : s;
  return NUMBER.test(plain) ? { kind: 'value', value: Number(plain) } : { kind: 'nan' };
}

/** The largest believable value for the window: the catalog's yearly bound, scaled by months for sums. */
export function plausibleLimit(indicator: Pick<Indicator, 'plausibleMax' | 'aggregation'>, period: Period): number {
  if (indicator.aggregation !== 'sum') return indicator.plausibleMax;
  return (indicator.plausibleMax * (period.endMonth - period.startMonth + 1)) / 12;
}

export type ValueProblem = { code: 'negative' | 'implausible'; message: string };

/** The rules every entry path (import, manual form) applies to one value. */
export function checkValue(indicator: Indicator, period: Period, value: number): ValueProblem | null {
  if (value < 0) return { code: 'negative', message: `${indicator.nameZh} 不能为负数（${value}）` };
  const limit = plausibleLimit(indicator, period);
  if (value > limit)
    return {
      code: 'implausible',
      message: `${indicator.nameZh} ${value}${indicator.unit} 超出合理范围（${period.code} 最多 ${Number(limit.toFixed(2))}${indicator.unit}），请核实`,
    };
  return null;
}

export type PeriodCheck =
  { ok: true; period: Period } | { ok: false; code: 'bad_period' | 'future_period'; message: string };

export function checkPeriod(raw: CellValue, todayMonth: number): PeriodCheck {
  const text = raw === null ? '' : String(raw).trim();
  const period = text ? tryParsePeriod(text) : null;
  if (!period)
    return {
      ok: false,
      code: 'bad_period',
      message: `报告期 "${text}" 无法识别：应为 2024、2024H1、2024Q3 或 2024-07`,
    };
  if (period.startMonth > todayMonth)
    return { ok: false, code: 'future_period', message: `报告期 ${period.code} 尚未开始，不能填报` };
  return { ok: true, period };
}

const normaliseHeader = (s: string) => s.replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '').toLowerCase();

/** How a template column is titled: name and unit, e.g. 党员大会(次). */
export const indicatorHeader = (i: Pick<Indicator, 'nameZh' | 'unit'>) => `${i.nameZh}(${i.unit})`;

/** Finds an indicator by code, Chinese name, or template header (ASCII or full-width parentheses). */
export function indicatorMatcher(indicators: readonly Indicator[]): (text: string) => Indicator | undefined {
  const byText = new Map<string, Indicator>();
  for (const i of indicators)
    for (const form of [i.code, i.nameZh, indicatorHeader(i)]) byText.set(normaliseHeader(form), i);
  return (text) => byText.get(normaliseHeader(text));
}
