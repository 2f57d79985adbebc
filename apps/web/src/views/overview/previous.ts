import type { Ranking } from '@bixue/api';
import { parsePeriod, periodLabel } from '@bixue/domain';

type Translate = (key: string, params: Record<string, string>) => string;

/** "比较上期 2025年下半年", and · 含未审核 where the province counts drafts (count_unapproved). */
export function previousLine(
  r: Pick<Ranking, 'previousWindow' | 'unapproved'> | null,
  t: Translate,
  lang: 'zh-CN' | 'en',
): string {
  if (!r) return '';
  const vs = t('overview.vsPrevious', { w: periodLabel(parsePeriod(r.previousWindow), lang) });
  return r.unapproved ? `${vs} · ${t('cycle.unapproved', {})}` : vs;
}
