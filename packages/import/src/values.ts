import { type Indicator, type Period, periodLabel, tryParsePeriod } from '@bixue/domain';
import { type CellValue, shortText } from './table.ts';

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

export type PeriodCheck =
  | { ok: true; period: Period }
  | { ok: false; code: 'bad_period' | 'future_period'; message: string; messageEn: string };

export function checkPeriod(raw: CellValue, todayMonth: number): PeriodCheck {
  const text = raw === null ? '' : String(raw).trim();
  const period = text ? tryParsePeriod(text) : null;
  if (!period)
    return {
      ok: false,
      code: 'bad_period',
      message: `报告期 "${shortText(text)}" 无法识别：应为 2024、2024H1、2024Q3 或 2024-07`,
      messageEn: `period "${shortText(text)}" is not understood: it should be like 2024, 2024H1, 2024Q3 or 2024-07`,
    };
  if (period.startMonth > todayMonth)
    return {
      ok: false,
      code: 'future_period',
      message: `报告期 ${period.code} 尚未开始，不能填报`,
      messageEn: `period ${periodLabel(period, 'en')} has not begun and cannot be reported`,
    };
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
