import { anonymiser } from '../../peers.ts';
import { analyticsMatrixWithProvenance } from '@bixue/db';
import { type Coverage, quartileOf, type RollupStatus } from '@bixue/domain';
import { z } from 'zod';
import type { ApiContext } from '../../context.ts';
import { asOfSchema, groupSchema, todaySchema, unitCodeSchema, windowSchema } from './inputs.ts';
import { asOfFields, type AsOfFields, factsAt, versionSchema } from './judged-window.ts';
import { unitAmongPeers } from './unit-among-peers.ts';
import { asMatrixIndicator, termWeights } from './matrix-cells.ts';
import { insidersOf, memberLabels, peerStatsShown, type UnitLabel } from './visibility.ts';
import { type Origin, originsFor } from './provenance.ts';

export const benchmarkInput = z.object({
  unit: unitCodeSchema,
  window: windowSchema,
  /** default: the unit's siblings */
  group: groupSchema.optional(),
  today: todaySchema.optional(),
  asOf: asOfSchema.optional(),
  version: versionSchema.optional(),
});
export type BenchmarkInput = z.output<typeof benchmarkInput>;

export interface BenchmarkLine extends Origin {
  indicator: string;
  value: number | null;
  status: RollupStatus;
  coverage: Coverage;
  rank: number | null;
  ranked: number;
  peerMedian: number | null;
  peerP25: number | null;
  peerP75: number | null;
  best: { value: number; unit: UnitLabel | null } | null;
  /** 1 = top quarter of the group, read against P25 / median / P75 */
  quartile: 1 | 2 | 3 | 4 | null;
  /** too few units besides the viewer's own have a value: median, quartiles and best are withheld */
  peersWithheld: boolean;
}

export interface Benchmark extends AsOfFields {
  unit: string;
  window: string;
  group: string;
  /**
   * The group's members besides the unit. None (a province alone in its installation, measured
   * against 全部省局): there is nobody to compare with, and no line carries peer statistics —
   * the median of the unit alone is the unit, which would read as "exactly average" everywhere.
   */
  peers: number;
  lines: BenchmarkLine[];
}

/** A unit against its peer group on every indicator. */
export async function benchmark(ctx: ApiContext, input: BenchmarkInput): Promise<Benchmark> {
  const { unit, judged, groupText, group, settings, catalog } = await unitAmongPeers(ctx, input);
  const labels = memberLabels(group, await anonymiser(ctx));
  const peers = group.members.length - 1;
  const { rows, provenance } = await analyticsMatrixWithProvenance(
    ctx.db,
    {
      units: group.members.map((u) => u.code),
      indicators: catalog.map((i) => asMatrixIndicator(i, false)),
      windows: [judged],
      termWeights: termWeights(settings),
      ...factsAt(judged.read),
      // lines compare with the peers, not with targets: no targets, so no member counts either
      memberCount: false,
      without: ['targets'],
      rowsOf: [unit.code],
      insiders: insidersOf(group, group.members),
    },
    { units: [unit.code], windows: [0] },
  );
  const originOf = await originsFor(ctx, [unit.code], catalog, judged, provenance?.[0]);
  const lines = catalog.map((i): BenchmarkLine => {
    const r = rows.find((x) => x.indicator_code === i.code)!;
    const shown = peers > 0 && peerStatsShown(r.n_valued_outside, settings.peer_min_others);
    const bands =
      shown && r.median !== null && r.p25 !== null && r.p75 !== null
        ? { p25: r.p25, median: r.median, p75: r.p75 }
        : null;
    return {
      ...originOf(unit.code, i.code),
      indicator: i.code,
      value: r.value,
      status: r.status,
      coverage: { months: r.months, of: r.span },
      rank: r.rank,
      ranked: r.n_ranked,
      peerMedian: shown ? r.median : null,
      peerP25: shown ? r.p25 : null,
      peerP75: shown ? r.p75 : null,
      best: !shown || r.best_value === null ? null : { value: r.best_value, unit: labels.get(r.best_unit!) ?? null },
      quartile: r.value !== null && bands ? quartileOf(r.value, bands, i.direction === 'higher_better') : null,
      peersWithheld: peers > 0 && !shown,
    };
  });
  return { unit: unit.code, window: input.window.code, group: groupText, peers, lines, ...asOfFields(judged) };
}
