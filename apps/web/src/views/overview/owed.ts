import { owedLabel } from '@bixue/charts';
import type { Period } from '@bixue/domain';

type Lang = 'zh-CN' | 'en';

export interface UnitOwing {
  unit: string;
  name: string;
  missingPeriods: string[];
  missingMonths: string[];
}

/** "太和县 缺9月" / "Taihe: missing Sep": who is behind, and with what. */
export function owingLine(u: UnitOwing, name: string, window: Period, lang: Lang): string {
  const owed = u.missingPeriods.map((c) => owedLabel(c, window, lang)).join(lang === 'en' ? ', ' : '、');
  return lang === 'en' ? `${name}: missing ${owed}` : `${name} 缺${owed}`;
}
