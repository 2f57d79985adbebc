import { createI18n } from 'vue-i18n';
import en from './en.ts';
import zh from './zh-CN.ts';

export type Locale = 'zh-CN' | 'en';
const saved = (typeof localStorage !== 'undefined' && localStorage.getItem('bixue.locale')) as Locale | null;

export const i18n = createI18n({
  legacy: false,
  locale: saved ?? 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zh, en },
});
// the page's language as the reader left it: screen readers and the English font stack (styles.css) follow it
if (typeof document !== 'undefined') document.documentElement.lang = i18n.global.locale.value;

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem('bixue.locale', locale);
  document.documentElement.lang = locale;
}

/**
 * A problem, warning or notice the server said in both languages, in the page's language: its
 * `messageEn` beside the Chinese `message` (a notice stored before it had one keeps the Chinese).
 */
export function messageText(m: { message: string; messageEn?: string | null }): string {
  return i18n.global.locale.value === 'en' && m.messageEn ? m.messageEn : m.message;
}

/**
 * What a failed call says, in the page's language: the server puts the English of its refusal
 * beside the Chinese message (`data.messageEn` of a tRPC error, `errorEn` of an HTTP route's body).
 */
export function errorText(e: unknown): string {
  const en =
    (e as { data?: { messageEn?: unknown } } | null)?.data?.messageEn ?? (e as { errorEn?: unknown } | null)?.errorEn;
  if (i18n.global.locale.value === 'en' && typeof en === 'string') return en;
  return e instanceof Error ? e.message : String((e as { error?: unknown } | null)?.error ?? e);
}
