import type { Locale } from '@bixue/charts';
import { periodCodeLabel, type Said } from '@bixue/domain';
import { LANGS } from '@bixue/export/options';

/** The language of a run's human lines and of the files brief and export write. */
export type Lang = (typeof LANGS)[number];

/**
 * `--lang`, else `$BIXUE_LANG` (an English user sets it once in the shell), else Chinese, the
 * product's first language. null: the variable names a language the CLI does not speak.
 */
export function langOf(flag: string | undefined, env: NodeJS.ProcessEnv): Lang | null {
  const lang = flag ?? (env.BIXUE_LANG || 'zh');
  return (LANGS as readonly string[]).includes(lang) ? (lang as Lang) : null;
}

/** The charts' and domain's name of a language, for their labels. */
export const localeOf = (lang: Lang): Locale => (lang === 'en' ? 'en' : 'zh-CN');

export const sayIn = (lang: Lang, said: Said): string => said[lang];

/**
 * A period code as a line of this language shows it: the Chinese printout keeps the code
 * (2025Q3), English writes it as the English screens do (Q3 2025).
 */
export const shownPeriod = (lang: Lang, code: string): string => (lang === 'en' ? periodCodeLabel(code, 'en') : code);

/** "1 unit", "12 units": an English count with its noun (Chinese counts take a measure word instead). */
export const counted = (n: number, noun: string): string => `${n} ${n === 1 ? noun : `${noun}s`}`;
