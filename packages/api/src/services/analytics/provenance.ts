import { factProvenanceOfWindows } from '@bixue/db';
import { type FactSource, formulaInputs, type Indicator, type MonthRange } from '@bixue/domain';
import type { ApiContext } from '../../context.ts';

/** Where a number on screen came from; the report sentence when it came from a work report. */
export interface Origin {
  source: FactSource | null;
  sourceText: string | null;
  documentId: number | null;
}

export const NO_ORIGIN: Origin = { source: null, sourceText: null, documentId: null };

/** How many of the numbers behind an aggregate (综合得分, a KPI) came from each source. */
export type SourceMix = Partial<Record<FactSource, number>>;

export function sourceMix(origins: Iterable<Pick<Origin, 'source'>>): SourceMix {
  const mix: SourceMix = {};
  for (const o of origins) if (o.source) mix[o.source] = (mix[o.source] ?? 0) + 1;
  return mix;
}

/**
 * Provenance of units × indicators in a window, fetched in one query. A derived indicator's
 * origin is its parts': 整改完成率 points at the sentences of 查摆问题 and 完成整改.
 */
export async function originsFor(
  ctx: ApiContext,
  units: readonly string[],
  indicators: readonly Pick<Indicator, 'code' | 'formula'>[],
  window: MonthRange,
): Promise<(unit: string, indicator: string) => Origin> {
  const [origins] = await originsForWindows(ctx, units, indicators, [window]);
  return origins!;
}

/** originsFor of several windows (a trend's points), in one query where the roll-ups hold them. */
export async function originsForWindows(
  ctx: ApiContext,
  units: readonly string[],
  indicators: readonly Pick<Indicator, 'code' | 'formula'>[],
  windows: readonly MonthRange[],
): Promise<((unit: string, indicator: string) => Origin)[]> {
  const partsOf = new Map(indicators.map((i) => [i.code, i.formula ? formulaInputs(i.formula) : [i.code]]));
  const perWindow = await factProvenanceOfWindows(ctx.db, units, [...new Set([...partsOf.values()].flat())], windows);
  return perWindow.map((rows) => {
    const byKey = new Map(rows.map((p) => [`${p.unit_code}|${p.indicator_code}`, p]));
    return (unit, indicator) => {
      const found = (partsOf.get(indicator) ?? [indicator]).flatMap((part) => byKey.get(`${unit}|${part}`) ?? []);
      const p = found.find((x) => x.source_text !== null) ?? found[0];
      return p ? { source: p.source, sourceText: p.source_text, documentId: p.document_id } : NO_ORIGIN;
    };
  });
}
