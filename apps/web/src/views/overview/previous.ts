import type { Ranking } from '@bixue/api';
import { parsePeriod, periodLabel } from '@bixue/domain';

type Translate = (key: string, params: Record<string, string>) => string;

/** "比较上期 2025年下半年" (drafts counted: the card's 含未审核数据 mark beside the title says so). */
export function previousLine(r: Pick<Ranking, 'previousWindow'> | null, t: Translate, lang: 'zh-CN' | 'en'): string {
  if (!r) return '';
  return t('overview.vsPrevious', { w: periodLabel(parsePeriod(r.previousWindow), lang) });
}
