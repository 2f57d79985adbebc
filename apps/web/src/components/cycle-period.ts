import { periodCodeLabel } from '@bixue/domain';

/**
 * A reporting period as the cycle's screens name it: in Chinese its code, as the province opened
 * it and as the 催报 and the command line say it (2026Q2); in English the words every English
 * screen uses for a period (Q2 2026), as the reminders and refusals do.
 */
export function cyclePeriodText(code: string, locale: string): string {
  return locale === 'en' ? periodCodeLabel(code, 'en') : code;
}
