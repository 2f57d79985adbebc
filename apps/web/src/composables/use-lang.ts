import { computed } from 'vue';
import { useI18n } from 'vue-i18n';

/** The UI language as the chart builders and period labels name it. */
export function useLang() {
  const { locale } = useI18n();
  return computed(() => (locale.value === 'en' ? 'en' : 'zh-CN'));
}
