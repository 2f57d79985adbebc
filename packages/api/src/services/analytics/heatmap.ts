import { analyticsMatrixWithProvenance } from '@bixue/db';
import type { Coverage, RollupStatus, StatusColour } from '@bixue/domain';
import { unitNamesEn } from '@bixue/domain/unit-names-en';
import { z } from 'zod';
import type { ApiContext } from '../../context.ts';
import { NotFoundError } from '../../errors.ts';
import {
  asOfSchema,
  assertMatrixWithin,
  groupSchema,
  indicatorCodeSchema,
  todaySchema,
  windowSchema,
} from './inputs.ts';
import { asOfFields, type AsOfFields, factsAt, judgeWindow, versionSchema } from './judged-window.ts';
import { provinceOf, settingsFor } from './loaders.ts';
import { loadCatalog } from '../../reference.ts';
import { asMatrixIndicator, termWeights } from './matrix-cells.ts';
import { attainmentOf } from './attainment-of.ts';
import { ownMembers } from './visibility.ts';
import { type Origin, originsFor } from './provenance.ts';

export const heatmapInput = z.object({
  window: windowSchema,
  group: groupSchema,
  /** default: every indicator of the catalog */
  indicators: z.array(indicatorCodeSchema).min(1).max(200).optional(),
  today: todaySchema.optional(),
  asOf: asOfSchema.optional(),
  version: versionSchema.optional(),
});
export type HeatmapInput = z.output<typeof heatmapInput>;

export interface HeatmapCell extends Origin {
  unit: string;
  indicator: string;
  value: number | null;
  status: RollupStatus;
  coverage: Coverage;
  /** a partial sum judged on the target due within the months it covers (attainment-of.ts) */
  judgedOnCovered: boolean;
  attainment: number | null;
  colour: StatusColour;
  /** 未到期: the month (1–12) the target first falls due, while nothing of it is due yet (attainment-of.ts) */
  dueMonth: number | null;
}

export interface Heatmap extends AsOfFields {
  window: string;
  group: string;
  /** the caller's own units only, so always by name: English ones stored, else romanised */
  units: { code: string; name: string; shortName: string; nameEn: string; shortNameEn: string }[];
  indicators: string[];
  cells: HeatmapCell[];
  /** the province's status thresholds on attainment: the card's note says them */
  thresholds: { green: number; yellow: number };
}

/** Units × indicators of a group with value, attainment and status colour, in one query. */
export async function heatmap(ctx: ApiContext, input: HeatmapInput): Promise<Heatmap> {
  // only the caller's own units: a reporter sees its own row, an analyst its subtree's
  const group = await ownMembers(ctx, input.group, input.window);
  const judged = await judgeWindow(ctx, provinceOf(group.members), input.window, input);
  const settings = await settingsFor(ctx, provinceOf(group.members), judged.read);
  const catalog = await loadCatalog(ctx);
  const wanted = input.indicators ?? catalog.map((i) => i.code);
  const indicators = wanted.map((code) => {
    const i = catalog.find((c) => c.code === code);
    if (!i) throw new NotFoundError({ zh: `指标 ${code} 不存在`, en: `Indicator ${code} does not exist` });
    return i;
  });
  assertMatrixWithin({ units: group.members.length, indicators: indicators.length, windows: 1 });
  const { rows, provenance } = await analyticsMatrixWithProvenance(
    ctx.db,
    {
      units: group.members.map((u) => u.code),
      indicators: indicators.map((i) => asMatrixIndicator(i, false)),
      windows: [judged],
      termWeights: termWeights(settings),
      ...factsAt(judged.read),
      // cells are judged against targets; ranks only order them
      without: ['stats', 'best'],
    },
    { units: group.members.map((u) => u.code), windows: [0] },
  );
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const originOf = await originsFor(
    ctx,
    group.members.map((u) => u.code),
    indicators,
    judged,
    provenance?.[0],
  );
  const cells = rows.map((r): HeatmapCell => {
    const a = attainmentOf(r, byCode.get(r.indicator_code)!, judged, settings.status_thresholds);
    const origin = originOf(r.unit_code, r.indicator_code);
    // the origin's fields by name, not spread: over a heatmap's thousands of cells, V8's object
    // spread took 10 ms of a cold answer, this 2 ms (bench/load/cold-profile.ts)
    return {
      source: origin.source,
      sourceText: origin.sourceText,
      documentId: origin.documentId,
      unit: r.unit_code,
      indicator: r.indicator_code,
      value: r.value,
      status: r.status,
      coverage: { months: r.months, of: r.span },
      judgedOnCovered: a.coveredMonths !== null,
      attainment: a.attainment,
      colour: a.status,
      dueMonth: a.dueMonth,
    };
  });
  return {
    window: input.window.code,
    group: input.group,
    units: group.members.map((u) => ({ code: u.code, name: u.name, shortName: u.short_name, ...unitNamesEn(u) })),
    indicators: indicators.map((i) => i.code),
    cells,
    thresholds: settings.status_thresholds,
    ...asOfFields(judged),
  };
}
