import { asOfLabel, type Period, periodLabel, tryParseMonth } from '@bixue/domain';

/**
 * A card's window as a person reads it: "2026年" or, when the data as-of month cut it short,
 * "2026年（数据截至2026年6月）" (ui.md: beside the window in every card title).
 */
export function windowLabel(
  window: Period,
  judged: { asOf: string; clipped: boolean } | null | undefined,
  lang: 'zh-CN' | 'en',
): string {
  const label = periodLabel(window, lang);
  if (!judged?.clipped) return label;
  const asOf = asOfLabel(tryParseMonth(judged.asOf)!, lang);
  return lang === 'en' ? `${label} (${asOf})` : `${label}（${asOf}）`;
}
