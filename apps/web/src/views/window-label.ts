import { judgedWindowLabel, type Period } from '@bixue/domain';

/**
 * A card's window as a person reads it: "2026年" or, when the data as-of month cut it short,
 * "2026年（数据截至2026年6月）" (ui.md: beside the window in every card title). The exports say
 * the same through the same rule.
 */
export function windowLabel(
  window: Period,
  judged: { asOf: string; clipped: boolean } | null | undefined,
  lang: 'zh-CN' | 'en',
): string {
  return judgedWindowLabel(window, judged, lang);
}
