import type { VersionsDiff } from '@bixue/api';
import { chartLabels, formatWithUnit } from '@bixue/charts';
import { type Indicator, measureUnitText, parsePeriod, periodLabel } from '@bixue/domain';

type Change = VersionsDiff['changes'][number];
type Side = Change['before'];

/** One line of the diff as the page lists it: names, not codes; old → new; who, when, why. */
export interface ChangeRow {
  key: string;
  unit: string;
  indicator: string;
  period: string;
  before: string;
  after: string;
  who: string;
  when: string;
  why: string;
  /** audited steps between the two versions (a value changed twice is one line) */
  steps: number;
}

export interface ChangeWords {
  absent: string;
  undisclosed: string;
  system: string;
  /** 2026/11/30 09:30 */
  time: (iso: string) => string;
}

/**
 * The diff's facts as rows: unit and indicator by their names (the unit list and catalogue the
 * page already holds, the code only where a name is unknown), values with their measure, the
 * people of every step, the last step's time, and the corrections' reasons — else where the data
 * came from (手工填报, 表格导入 …).
 */
export function changeRows(
  changes: readonly Change[],
  unitName: (code: string) => string | undefined,
  catalog: ReadonlyMap<string, Indicator>,
  locale: 'zh-CN' | 'en',
  words: ChangeWords,
): ChangeRow[] {
  const en = locale === 'en';
  const sources = chartLabels(locale).source;
  const join = (xs: string[]) => [...new Set(xs)].join(en ? ', ' : '、');
  return changes.map((c) => {
    const ind = catalog.get(c.indicator);
    const measure = ind ? measureUnitText(ind.unit, locale) : '';
    const side = (s: Side) =>
      s.status === null
        ? words.absent
        : s.status === 'undisclosed' || s.value === null
          ? words.undisclosed
          : formatWithUnit(s.value, measure);
    const last = c.steps[c.steps.length - 1]!;
    const reasons = c.steps.flatMap((s) => (s.reason ? [s.reason] : []));
    return {
      key: `${c.unit}|${c.indicator}|${c.period}`,
      unit: unitName(c.unit) ?? c.unit,
      indicator: ind ? (en ? ind.nameEn : ind.nameZh) : c.indicator,
      period: periodLabel(parsePeriod(c.period), locale),
      before: side(c.before),
      after: side(c.after),
      who: join(c.steps.map((s) => s.by ?? words.system)),
      when: words.time(last.at),
      why: reasons.length ? join(reasons) : join(c.steps.map((s) => sources[s.source] ?? s.source)),
      steps: c.steps.length,
    };
  });
}
