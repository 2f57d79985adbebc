import { z } from 'zod';
import { checkMessageEn, type Said } from './said.ts';

const englishIssue = z.locales.en().localeError;

/**
 * One input check's problem in both languages, without its field: the schema's own English
 * (checkMessage or params.en), else zod's English for the same issue (the Chinese is what the
 * schema was checked in). Here, not in @bixue/api, because the importers' readers say it too.
 */
export function issueSaid(issue: { message: string; params?: unknown }): Said {
  const said = checkMessageEn(issue);
  if (said) return { zh: issue.message, en: said };
  const en = englishIssue(issue as unknown as Parameters<typeof englishIssue>[0]);
  return { zh: issue.message, en: typeof en === 'string' ? en : (en?.message ?? issue.message) };
}
