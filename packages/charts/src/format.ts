import { COUNT_UNITS, MEASURE_UNITS_EN, MEASURE_UNITS_EN_ONE } from '@bixue/domain';
import { chartLabels, type Locale } from './labels.ts';

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

const BEIJING_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** 2026/07/15 09:30 in Beijing time, whatever the machine's zone: files' source lines and the data versions. */
export function beijingTime(at: Date): string {
  return BEIJING_TIME.format(at);
}

/** Counts as integers with thousands separators, everything else with one decimal; rates as 71.4%. */
export function formatValue(value: number, unit?: string): string {
  if (unit === '%') return `${ONE_DECIMAL.format(value)}%`;
  return Number.isInteger(value) ? GROUPED.format(value) : ONE_DECIMAL.format(value);
}

/** A value and its measure: 5次 in Chinese, "5 times" in English (a word unit takes a space), 71.4%. */
export function formatWithUnit(value: number, unit?: string): string {
  const n = formatValue(value, unit);
  if (!unit || unit === '%') return n;
  if (!/^[A-Za-z]/.test(unit)) return `${n}${unit}`;
  return `${n} ${value === 1 ? (MEASURE_UNITS_EN_ONE[unit] ?? unit) : unit}`;
}

/** The count measures as either language writes them (次 / times); a per-member measure (次/人) is not one. */
const COUNTED: ReadonlySet<string> = new Set(COUNT_UNITS.flatMap((u) => [u, MEASURE_UNITS_EN[u] ?? u]));

/** Whether an indicator's values are whole numbers: you hold 5 meetings, never 4.67. */
export function isCounted(indicator: { unit: string }): boolean {
  return COUNTED.has(indicator.unit);
}

/** Pro-rating leaves float noise (12 × 5/12 = 5.0000000001): a count target 5 must not show as 6. */
const NOISE = 1e-6;

/**
 * A target as staff read it: a count's pro-rated target rounded up, since 4.67 meetings means
 * holding 5 to be on track; rates, scores and hours as they are. Display only: attainment and
 * status are judged on the exact target.
 */
export function shownTarget(target: number, indicator: { unit: string }): number {
  // a target due 0 stays 0, not the −0 that ceil(−1e-6) gives
  return isCounted(indicator) ? Math.max(0, Math.ceil(target - NOISE)) : target;
}

/** A target with its measure: 5次 for a count due 4.67, 95.0% for a rate, 13.3学时 (one decimal at most). */
export function formatTarget(target: number, indicator: { unit: string }): string {
  return formatWithUnit(Math.round(shownTarget(target, indicator) * 10) / 10, indicator.unit);
}

export function formatPercent(ratio: number): string {
  return `${ONE_DECIMAL.format(ratio * 100)}%`;
}

/** "第3名" / "并列第3" (ties share a rank; the next rank skips). */
export function formatRank(rank: number, tied: boolean, locale: Locale = 'zh-CN'): string {
  if (locale === 'en') return tied ? `T-${rank}` : `#${rank}`;
  return tied ? `并列第${rank}` : `第${rank}名`;
}

/** Rank change against the previous comparable window: positive = moved up. */
export type RankChange = number | 'new' | null;

export function formatChange(change: RankChange, locale: Locale = 'zh-CN'): string {
  if (change === null) return '';
  if (change === 'new') return locale === 'en' ? 'new' : '新';
  if (change > 0) return `↑${change}`;
  if (change < 0) return `↓${-change}`;
  return '–';
}

/** A signed relative change for 同比/环比: "+12.5%" / "−3.0%". */
export function formatDelta(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '–';
  const sign = ratio > 0 ? '+' : ratio < 0 ? '−' : '';
  return `${sign}${ONE_DECIMAL.format(Math.abs(ratio) * 100)}%`;
}

/** 同比/环比 beside a small chart: ↑12.5% / ↓3.0%, – when there is nothing to compare. */
export function formatDeltaArrow(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '–';
  const arrow = ratio > 0 ? '↑' : ratio < 0 ? '↓' : '';
  return `${arrow}${ONE_DECIMAL.format(Math.abs(ratio) * 100)}%`;
}

export type FactSource = 'manual' | 'import' | 'report' | 'demo';

/** The hover line every number carries: where it came from, and the report sentence when there is one. */
export function sourceLine(locale: Locale, source?: FactSource | null, sourceText?: string | null): string {
  if (!source) return '';
  const l = chartLabels(locale);
  const quoted = sourceText ? `：“${sourceText}”` : '';
  return `${l.sourcePrefix}${locale === 'en' ? ': ' : '：'}${l.source[source] ?? source}${quoted}`;
}

/** How many of the numbers behind an aggregate (综合得分, a KPI) came from each source. */
export type SourceMix = Partial<Record<FactSource, number>>;

/** Adds up the sources of many numbers: what an aggregate (a KPI, a composite) stands on. */
export function addSources(parts: Iterable<SourceMix | FactSource | null | undefined>): SourceMix {
  const sum: SourceMix = {};
  for (const p of parts) {
    if (!p) continue;
    const mix: SourceMix = typeof p === 'string' ? { [p]: 1 } : p;
    for (const [k, n] of Object.entries(mix) as [FactSource, number][]) sum[k] = (sum[k] ?? 0) + n;
  }
  return sum;
}

const SOURCE_ORDER: readonly FactSource[] = ['report', 'import', 'manual', 'demo'];

/** "来源：报告识别 3项 · 表格导入 12项": the hover line of an aggregate, empty when nothing is counted. */
export function sourceMixLine(locale: Locale, mix: SourceMix | null | undefined, of: 'indicators' | 'facts'): string {
  const l = chartLabels(locale);
  const parts = SOURCE_ORDER.filter((s) => (mix?.[s] ?? 0) > 0).map(
    (s) => `${l.source[s]} ${l.mixCount(mix![s]!, of)}`,
  );
  return parts.length ? `${l.sourcePrefix}${locale === 'en' ? ': ' : '：'}${parts.join(' · ')}` : '';
}
