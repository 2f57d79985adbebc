/**
 * What every kind's commentary shares: numbers written as the charts write them, lists joined
 * the way each language joins them. The sentences themselves are rules in `<kind>/commentary.ts`,
 * each reading only the numbers the chart draws, so nothing is said that the chart does not show.
 */
import { formatValue } from './format.ts';
import type { Locale } from './labels.ts';

/** 5次 / 71.4% / 92.1分: a value with its measure as commentary writes it (one decimal at most). */
export function amount(v: number, unit: string, locale: Locale): string {
  const n = formatValue(Math.round(v * 10) / 10, unit);
  if (unit === '%' || !unit) return n;
  return locale === 'en' ? `${n} ${unit}` : `${n}${unit}`;
}

/** 甲、乙和丙 / A, B and C */
export function joinList(items: readonly string[], locale: Locale): string {
  if (items.length <= 1) return items[0] ?? '';
  const and = locale === 'en' ? ' and ' : '和';
  const sep = locale === 'en' ? ', ' : '、';
  return `${items.slice(0, -1).join(sep)}${and}${items.at(-1)}`;
}

/** Sentences end with 。 in Chinese, with . in English. */
export function sentence(text: string, locale: Locale): string {
  return locale === 'en' ? `${text}.` : `${text}。`;
}

/**
 * A commentary's sentences as one paragraph: English sentences take a space between them, Chinese
 * ones (ending in 。) none. Read off the text, so slides and documents that carry no locale join right.
 */
export function joinSentences(sentences: readonly string[]): string {
  return sentences.map((s, i) => (i > 0 && /[.!?]$/.test(sentences[i - 1]!) ? ` ${s}` : s)).join('');
}
