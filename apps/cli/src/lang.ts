import type { Locale } from '@bixue/charts';
import { periodCodeLabel, type Said } from '@bixue/domain';
import { LANGS } from '@bixue/export/options';
import { Command, Option } from 'commander';

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

/** `--lang`: the program's option, and what langOfArgs reads before the program exists. */
export const langOption = (): Option =>
  new Option('--lang <lang>', 'language of what is printed and written (default $BIXUE_LANG or zh)').choices(LANGS);

/**
 * The language of a run's help, known before its commands are described: commander reads the
 * program's own --lang from the same arguments (before or after the command, --lang=en too), then
 * langOf. A language the CLI does not speak reads as Chinese here; the program then refuses it.
 */
export function langOfArgs(args: readonly string[], env: NodeJS.ProcessEnv): Lang {
  const silent = () => {};
  const pre = new Command()
    .addOption(langOption())
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .exitOverride()
    .configureOutput({ writeOut: silent, writeErr: silent, outputError: silent });
  try {
    pre.parse([...args], { from: 'user' });
  } catch {
    return 'zh';
  }
  return langOf(pre.opts<{ lang?: string }>().lang, env) ?? 'zh';
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
