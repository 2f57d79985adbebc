import type { Indicator } from './catalog.ts';
import { monthOf, type Period, periodLabel } from './periods.ts';

/**
 * The rules every fact passes on its way in, whichever path it takes (import, manual entry,
 * report save, correction). Errors are impossible values and are refused everywhere; a warning is
 * a value beyond the indicator's plausible bound, which a person may confirm.
 */
export type FactSeverity = 'error' | 'warning';

export type FactRuleCode = 'not_a_number' | 'negative' | 'too_large' | 'implausible' | 'inactive_unit';

export interface FactRuleProblem {
  code: FactRuleCode;
  severity: FactSeverity;
  message: string;
  messageEn: string;
}

/**
 * No party-building count of one unit comes near a billion; beyond it a value is a typing or
 * encoding accident (1.7e308 once broke every ranking), never a fact to confirm.
 */
export const SANE_MAX = 1e9;

/** The largest believable value for the window: the indicator's yearly bound, scaled by months for sums. */
export function plausibleLimit(indicator: Pick<Indicator, 'plausibleMax' | 'aggregation'>, period: Period): number {
  if (indicator.aggregation !== 'sum') return indicator.plausibleMax;
  return (indicator.plausibleMax * (period.endMonth - period.startMonth + 1)) / 12;
}

/**
 * The indicator as a province judges it: its own plausible bound where the admin set one
 * (settings `plausible_bounds`), else the catalog's.
 */
export function withPlausibleBound<T extends Pick<Indicator, 'code' | 'plausibleMax'>>(
  indicator: T,
  bounds: Readonly<Record<string, number>> | undefined,
): T {
  const bound = bounds?.[indicator.code];
  return bound === undefined ? indicator : { ...indicator, plausibleMax: bound };
}

export function checkFactValue(
  indicator: Pick<Indicator, 'nameZh' | 'nameEn' | 'unit' | 'plausibleMax' | 'aggregation'>,
  period: Period,
  value: number,
): FactRuleProblem | null {
  const name = indicator.nameZh;
  if (!Number.isFinite(value))
    return {
      code: 'not_a_number',
      severity: 'error',
      message: `${name}：${value} 不是有限的数`,
      messageEn: `${indicator.nameEn}: ${value} is not a finite number`,
    };
  if (value < 0)
    return {
      code: 'negative',
      severity: 'error',
      message: `${name} 不能为负数（${value}）`,
      messageEn: `${indicator.nameEn} cannot be negative (${value})`,
    };
  if (value > SANE_MAX)
    return {
      code: 'too_large',
      severity: 'error',
      message: `${name} ${value} 超出可能的范围（最多 ${SANE_MAX}）`,
      messageEn: `${indicator.nameEn} ${value} is beyond any possible value (at most ${SANE_MAX})`,
    };
  const limit = Number(plausibleLimit(indicator, period).toFixed(2));
  if (value > limit)
    return {
      code: 'implausible',
      severity: 'warning',
      message: `${name} ${value}${indicator.unit} 超出合理范围（${period.code} 一般不超过 ${limit}${indicator.unit}），请核实后确认`,
      messageEn: `${indicator.nameEn} ${value} is above the plausible bound (${limit} for ${periodLabel(period, 'en')}); check it and confirm`,
    };
  return null;
}

export interface ActiveSpan {
  code: string;
  name: string;
  /** 'YYYY-MM-DD' */
  activeFrom: string;
  /** 'YYYY-MM-DD', exclusive; null while the unit exists */
  activeTo: string | null;
}

/**
 * The first day of an absolute month as 'YYYY-MM-DD', by arithmetic: an import checks every row,
 * and a Date and its ISO string per row were most of that check's time.
 */
const firstDayIso = (absMonth: number) => {
  const { year, month } = monthOf(absMonth);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
};

/**
 * A fact belongs to a period the unit lived in, by the same rule the analytics use to list a
 * unit in a window (active_from before the window's end, active_to after its start); any other
 * fact would be stored and never shown.
 */
export function checkUnitActive(unit: ActiveSpan, period: Period): FactRuleProblem | null {
  const start = firstDayIso(period.startMonth);
  // the first day after the period: active_to is exclusive
  const end = firstDayIso(period.endMonth + 1);
  if (unit.activeFrom < end && (unit.activeTo === null || unit.activeTo > start)) return null;
  const span = `${unit.activeFrom} 至 ${unit.activeTo ?? '今'}`;
  return {
    code: 'inactive_unit',
    severity: 'error',
    message: `${unit.name}（${unit.code}）在 ${period.code} 不存在（存续期 ${span}），不能填报该期数据`,
    messageEn: `${unit.code} did not exist in ${periodLabel(period, 'en')} (active ${unit.activeFrom} to ${unit.activeTo ?? 'now'})`,
  };
}
