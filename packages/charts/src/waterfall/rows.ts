import type { CompositeExplanation } from '@bixue/api';
import type { Indicator } from '@bixue/domain';
import { indicatorRef, type Lang } from '../from-api.ts';
import type { CompositePart } from './option.ts';

export function compositeParts(
  c: CompositeExplanation,
  catalog: ReadonlyMap<string, Indicator>,
  lang: Lang,
): CompositePart[] {
  const total = c.contributions.reduce((s, x) => s + x.weight, 0) || 1;
  return c.contributions.map((x) => ({
    code: x.indicator,
    name: indicatorName(x.indicator, catalog, lang),
    weight: x.weight / total,
    score: x.score,
    contribution: x.contribution,
    basis: x.basis,
    source: x.source,
    sourceText: x.sourceText,
  }));
}

/** The names of the indicators the group's composite left out because too few peers have a value. */
export function tooFewPeersNames(
  c: Pick<CompositeExplanation, 'excluded'>,
  catalog: ReadonlyMap<string, Indicator>,
  lang: Lang,
): string[] {
  return c.excluded.filter((e) => e.reason === 'too_few_peers').map((e) => indicatorName(e.indicator, catalog, lang));
}

function indicatorName(code: string, catalog: ReadonlyMap<string, Indicator>, lang: Lang): string {
  const ind = catalog.get(code);
  return ind ? indicatorRef(ind, lang).name : code;
}
