import { anonymiser } from '../../peers.ts';
import { analyticsMatrixWithProvenance } from '@bixue/db';
import {
  type CompositeExclusion,
  type Coverage,
  previousComparable,
  rankChange,
  type RollupStatus,
} from '@bixue/domain';
import { z } from 'zod';
import type { ApiContext } from '../../context.ts';
import { readableGroup } from '../../scope.ts';
import {
  asOfSchema,
  assertPerMemberAllowed,
  groupSchema,
  indicatorCodeSchema,
  todaySchema,
  windowSchema,
} from './inputs.ts';
import { asOfFields, type AsOfFields, factsAt, judgeWindow, versionSchema } from './judged-window.ts';
import { activeRange, loadIndicator, provinceOf, settingsFor } from './loaders.ts';
import { loadCatalog } from '../../reference.ts';
import { asMatrixIndicator, termWeights } from './matrix-cells.ts';
import { memberLabels } from './visibility.ts';
import { NO_ORIGIN, type Origin, originsFor, type SourceMix, sourceMix } from './provenance.ts';
import { groupComposite } from './composite.ts';

export const rankingInput = z.object({
  indicator: z.union([z.literal('composite'), indicatorCodeSchema]),
  window: windowSchema,
  group: groupSchema,
  perMember: z.boolean().optional(),
  today: todaySchema.optional(),
  asOf: asOfSchema.optional(),
  version: versionSchema.optional(),
});
export type RankingInput = z.output<typeof rankingInput>;

/**
 * `source`/`sourceText` only for named units: a peer's report sentence could name it. A
 * composite line has no single source; `sources` counts its indicators by where they came from.
 */
export interface RankingEntry extends Origin {
  sources: SourceMix | null;
  unit: string;
  name: string;
  nameEn: string;
  shortNameEn: string;
  anonymised: boolean;
  value: number | null;
  status: RollupStatus;
  coverage: Coverage | null;
  rank: number | null;
  /** shares its rank with another unit at the precision shown (并列) */
  tied: boolean;
  change: number | null;
}

export interface Ranking extends AsOfFields {
  indicator: string;
  window: string;
  previousWindow: string;
  group: string;
  /** units ranked (all of the group, also those the caller does not see listed) */
  ranked: number;
  of: number;
  /** the province's cap on attainment in the composite (1.2 = 120 %): the card's note says it */
  cap: number;
  /** the composite's indicators left out for the whole group; empty for one indicator */
  excluded: CompositeExclusion[];
  entries: RankingEntry[];
}

/**
 * A group ranked by one indicator or the composite, ties sharing a rank (1, 2, 2, 4), the
 * unranked (missing, undisclosed) after, each with its change since the previous comparable
 * window. Reporters get their own line only; other units' peers may come anonymised.
 */
export async function ranking(ctx: ApiContext, input: RankingInput): Promise<Ranking> {
  const [indicator, group] = await Promise.all([
    input.indicator === 'composite' ? null : loadIndicator(ctx, input.indicator),
    readableGroup(ctx, input.group, { peers: true, active: activeRange([input.window]) }),
  ]);
  if (indicator) assertPerMemberAllowed(indicator, input.perMember);
  const judged = await judgeWindow(ctx, provinceOf(group.members), input.window, input);
  const windows = [judged, previousComparable(judged)];
  const settings = await settingsFor(ctx, provinceOf(group.members), judged.read);
  const labels = memberLabels(group, await anonymiser(ctx));
  // provenance only where it is shown: named units (a reporter's hidden peers and anonymised ones get none)
  const named = group.members.filter((u) => labels.get(u.code)?.anonymised === false).map((u) => u.code);

  let lines: Omit<
    RankingEntry,
    'unit' | 'name' | 'nameEn' | 'shortNameEn' | 'anonymised' | 'sources' | 'tied' | keyof Origin
  >[];
  let sourcesOf: (unit: string) => SourceMix | null = () => null;
  let originOf: (unit: string, indicator: string) => Origin = () => NO_ORIGIN;
  let codes: string[];
  let excluded: CompositeExclusion[] = [];
  if (indicator) {
    const { rows, provenance } = await analyticsMatrixWithProvenance(
      ctx.db,
      {
        units: group.members.map((u) => u.code),
        indicators: [asMatrixIndicator(indicator, input.perMember ?? false)],
        windows,
        termWeights: termWeights(settings),
        ...factsAt(judged.read),
        memberCount: false,
        // a ranking shows values and places only
        without: ['stats', 'best', 'targets'],
      },
      // the judged window's: the previous one only places the change
      { units: named, windows: [0] },
    );
    const previous = new Map(rows.filter((r) => r.w === 1).map((r) => [r.unit_code, r.rank]));
    const current = rows.filter((r) => r.w === 0);
    codes = current.map((r) => r.unit_code);
    originOf = await originsFor(ctx, named, [indicator], judged, provenance?.[0]);
    lines = current.map((r) => ({
      value: r.value,
      status: r.status,
      coverage: { months: r.months, of: r.span },
      rank: r.rank,
      change: rankChange(previous.get(r.unit_code) ?? null, r.rank),
    }));
  } else {
    const catalog = await loadCatalog(ctx);
    const [now, before] = await groupComposite(ctx, group.members, windows, {
      perMember: input.perMember ?? false,
      settings,
      catalog,
      read: judged.read,
      provenanceOf: { units: named, windows: [0] },
    });
    excluded = now!.excluded;
    const ordered = group.members
      .map((u) => ({ code: u.code, c: now!.byUnit.get(u.code)! }))
      .sort((a, b) => (a.c.rank ?? Infinity) - (b.c.rank ?? Infinity) || a.code.localeCompare(b.code));
    codes = ordered.map((o) => o.code);
    const partOrigin = await originsFor(
      ctx,
      named,
      catalog.filter((i) => now!.indicators.includes(i.code)),
      judged,
      now!.provenance ?? undefined,
    );
    sourcesOf = (code) => sourceMix(now!.byUnit.get(code)!.contributions.map((c) => partOrigin(code, c.indicator)));
    lines = ordered.map(({ code, c }) => ({
      value: c.score,
      status: c.score === null ? 'missing' : 'value',
      coverage: null,
      rank: c.rank,
      change: rankChange(before!.byUnit.get(code)?.rank ?? null, c.rank),
    }));
  }
  // ranks come from values rounded as shown, so equal ranks are exactly the ties (并列)
  const sharing = new Map<number, number>();
  for (const l of lines) if (l.rank !== null) sharing.set(l.rank, (sharing.get(l.rank) ?? 0) + 1);
  const entries: RankingEntry[] = [];
  codes.forEach((code, i) => {
    const label = labels.get(code);
    if (!label) return;
    const line = lines[i]!;
    const origin = label.anonymised ? NO_ORIGIN : originOf(code, input.indicator);
    // the fields by name, not spread: spreading four objects into each entry took a third of a
    // millisecond of a 70-unit ranking (bench/load/cold-profile.ts), as with the heatmap's cells
    entries.push({
      unit: label.unit,
      name: label.name,
      nameEn: label.nameEn,
      shortNameEn: label.shortNameEn,
      anonymised: label.anonymised,
      value: line.value,
      status: line.status,
      coverage: line.coverage,
      rank: line.rank,
      change: line.change,
      tied: line.rank !== null && (sharing.get(line.rank) ?? 0) > 1,
      source: origin.source,
      sourceText: origin.sourceText,
      documentId: origin.documentId,
      sources: label.anonymised ? null : sourcesOf(code),
    });
  });
  return {
    indicator: input.indicator,
    window: input.window.code,
    previousWindow: windows[1]!.window.code,
    ...asOfFields(judged),
    group: input.group,
    ranked: lines.filter((l) => l.rank !== null).length,
    of: lines.length,
    cap: settings.composite.cap,
    excluded,
    entries,
  };
}
