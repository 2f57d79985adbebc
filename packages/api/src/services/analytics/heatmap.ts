import { analyticsMatrix, factProvenance, type Provenance } from '@bixue/db';
import { type Coverage, type FactSource, formulaInputs, type RollupStatus, type StatusColour } from '@bixue/domain';
import { z } from 'zod';
import type { ApiContext } from '../../context.ts';
import { NotFoundError } from '../../errors.ts';
import {
  activeRange,
  assertNotFuture,
  attainmentOf,
  groupSchema,
  indicatorCodeSchema,
  loadCatalog,
  provinceOf,
  settingsFor,
  termWeights,
  ownMembers,
  todayOr,
  todaySchema,
  windowSchema,
  asMatrixIndicator,
} from './common.ts';

export const heatmapInput = z.object({
  window: windowSchema,
  group: groupSchema,
  /** default: every indicator of the catalog */
  indicators: z.array(indicatorCodeSchema).min(1).max(200).optional(),
  today: todaySchema.optional(),
});
export type HeatmapInput = z.output<typeof heatmapInput>;

export interface HeatmapCell {
  unit: string;
  indicator: string;
  value: number | null;
  status: RollupStatus;
  coverage: Coverage;
  attainment: number | null;
  colour: StatusColour;
  /** where the number came from (a derived one: where its parts came from) */
  source: FactSource | null;
  /** the report sentence behind it, when it came from a work report */
  sourceText: string | null;
  documentId: number | null;
}

export interface Heatmap {
  window: string;
  group: string;
  units: { code: string; name: string; shortName: string }[];
  indicators: string[];
  cells: HeatmapCell[];
}

/** Units × indicators of a group with value, attainment and status colour, in one query. */
export async function heatmap(ctx: ApiContext, input: HeatmapInput): Promise<Heatmap> {
  const today = todayOr(input.today);
  assertNotFuture(input.window, today);
  // only the caller's own units: a reporter sees its own row, an analyst its subtree's
  const group = await ownMembers(ctx, input.group, input.window);
  const settings = await settingsFor(ctx, provinceOf(group.members));
  const catalog = await loadCatalog(ctx);
  const wanted = input.indicators ?? catalog.map((i) => i.code);
  const indicators = wanted.map((code) => {
    const i = catalog.find((c) => c.code === code);
    if (!i) throw new NotFoundError(`指标 ${code} 不存在`);
    return i;
  });
  const rows = await analyticsMatrix(ctx.db, {
    units: group.members.map((u) => u.code),
    indicators: indicators.map((i) => asMatrixIndicator(i, false)),
    windows: [input.window],
    termWeights: termWeights(settings),
  });
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  // a derived indicator's provenance is its parts': 整改完成率 points at the sentences of 查摆/整改
  const partsOf = (code: string) => {
    const f = byCode.get(code)?.formula;
    return f ? formulaInputs(f) : [code];
  };
  const provenance = await factProvenance(
    ctx.db,
    group.members.map((u) => u.code),
    [...new Set(indicators.flatMap((i) => partsOf(i.code)))],
    input.window.startMonth,
    input.window.endMonth,
  );
  const byKey = new Map<string, Provenance>();
  for (const p of provenance) byKey.set(`${p.unit_code}|${p.indicator_code}`, p);
  const sourceOf = (unit: string, code: string) => {
    const found = partsOf(code).flatMap((part) => byKey.get(`${unit}|${part}`) ?? []);
    const report = found.find((p) => p.source_text !== null);
    return report ?? found[0] ?? null;
  };
  const cells = rows.map((r): HeatmapCell => {
    const a = attainmentOf(r, byCode.get(r.indicator_code)!, input.window, today, settings.status_thresholds);
    const origin = r.status === 'missing' ? null : sourceOf(r.unit_code, r.indicator_code);
    return {
      source: origin?.source ?? null,
      sourceText: origin?.source_text ?? null,
      documentId: origin?.document_id ?? null,
      unit: r.unit_code,
      indicator: r.indicator_code,
      value: r.value,
      status: r.status,
      coverage: { months: r.months, of: r.span },
      attainment: a.attainment,
      colour: a.status,
    };
  });
  return {
    window: input.window.code,
    group: input.group,
    units: group.members.map((u) => ({ code: u.code, name: u.name, shortName: u.short_name })),
    indicators: indicators.map((i) => i.code),
    cells,
  };
}
