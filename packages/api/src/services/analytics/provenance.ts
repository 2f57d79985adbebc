import { factProvenanceOfWindows, type Provenance } from '@bixue/db';
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
 * Provenance of units × indicators in a window, fetched in one query unless the analytics matrix
 * read it with its cells (`read`: analyticsMatrixWithProvenance's rows of this window). A derived
 * indicator's origin is its parts': 整改完成率 points at the sentences of 查摆问题 and 完成整改.
 */
export async function originsFor(
  ctx: ApiContext,
  units: readonly string[],
  indicators: readonly Pick<Indicator, 'code' | 'formula'>[],
  window: MonthRange,
  read?: readonly Provenance[],
): Promise<(unit: string, indicator: string) => Origin> {
  const [origins] = await originsForWindows(ctx, units, indicators, [window], read && [read]);
  return origins!;
}

/** originsFor of several windows (a trend's points), in one query where the roll-ups hold them. */
export async function originsForWindows(
  ctx: ApiContext,
  units: readonly string[],
  indicators: readonly Pick<Indicator, 'code' | 'formula'>[],
  windows: readonly MonthRange[],
  read?: readonly (readonly Provenance[])[],
): Promise<((unit: string, indicator: string) => Origin)[]> {
  const partsOf = new Map(indicators.map((i) => [i.code, i.formula ? formulaInputs(i.formula) : [i.code]]));
  const perWindow =
    read ?? (await factProvenanceOfWindows(ctx.db, units, [...new Set([...partsOf.values()].flat())], windows));
  return perWindow.map((rows) => {
    // unit → indicator → provenance, read per cell without building keys or arrays: a heatmap
    // asks for thousands of cells
    const byUnit = new Map<string, Map<string, Provenance>>();
    for (const p of rows) {
      const ofUnit = byUnit.get(p.unit_code);
      if (ofUnit) ofUnit.set(p.indicator_code, p);
      else byUnit.set(p.unit_code, new Map([[p.indicator_code, p]]));
    }
    return (unit, indicator) => {
      const ofUnit = byUnit.get(unit);
      if (!ofUnit) return NO_ORIGIN;
      // the first part with a report sentence, else the first part found
      let first: Provenance | undefined;
      for (const part of partsOf.get(indicator) ?? [indicator]) {
        const p = ofUnit.get(part);
        if (!p) continue;
        if (p.source_text !== null) return originOf(p);
        first ??= p;
      }
      return first ? originOf(first) : NO_ORIGIN;
    };
  });
}

const originOf = (p: Provenance): Origin => ({
  source: p.source,
  sourceText: p.source_text,
  documentId: p.document_id,
});
