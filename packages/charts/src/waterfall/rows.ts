import type { CompositeExplanation } from '@bixue/api';
import type { Indicator } from '@bixue/domain';
import type { Lang } from '../from-api.ts';
import type { CompositePart } from './option.ts';

export function compositeParts(
  c: CompositeExplanation,
  catalog: ReadonlyMap<string, Indicator>,
  lang: Lang,
): CompositePart[] {
  const total = c.contributions.reduce((s, x) => s + x.weight, 0) || 1;
  return c.contributions.map((x) => {
    const ind = catalog.get(x.indicator);
    return {
      code: x.indicator,
      name: ind ? (lang === 'en' ? ind.nameEn : ind.nameZh) : x.indicator,
      weight: x.weight / total,
      score: x.score,
      contribution: x.contribution,
      basis: x.basis,
      source: x.source,
      sourceText: x.sourceText,
    };
  });
}
