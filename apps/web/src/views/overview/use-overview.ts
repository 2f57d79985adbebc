import { formatPercent, formatValue, type HeatmapCell, type IndicatorRef, type RankingRow, type SourceMix } from '@bixue/charts';
import type { Period } from '@bixue/domain';
import { computed, type Ref } from 'vue';
import { useResource } from '../../composables/use-resource.ts';
import { indicators } from '../../state/reference.ts';
import { api } from '../../trpc.ts';
import { addSources, heatmapCells, indicatorRef, indicatorsWithStatus, median, rankingRows, statusCounts } from '../adapters.ts';

export interface OverviewInput {
  window: Ref<Period>;
  group: Ref<string | null>;
  /** null: the composite */
  indicator: Ref<string | null>;
  category: Ref<string | null>;
  perMember: Ref<boolean>;
  lang: Ref<'zh-CN' | 'en'>;
}

/**
 * Everything the overview (and the 大屏) shows, from four queries fired in one tick: the
 * composite ranking, the ranking by the chosen indicator (when one is chosen), the heatmap and
 * the completeness of the group.
 */
export function useOverview(s: OverviewInput) {
  const base = () => (s.group.value ? { window: s.window.value.code, group: s.group.value } : null);
  const composite = useResource(() => { const b = base(); return b && { ...b, indicator: 'composite', perMember: s.perMember.value }; }, (i) => api.analytics.ranking.query(i));
  const byIndicator = useResource(
    () => { const b = base(); return b && s.indicator.value ? { ...b, indicator: s.indicator.value, perMember: s.perMember.value } : null; },
    (i) => api.analytics.ranking.query(i),
  );
  const heat = useResource(base, (i) => api.analytics.heatmap.query(i));
  const done = useResource(base, (i) => api.analytics.completeness.query(i));

  const catalog = computed(() => new Map(indicators.value.map((i) => [i.code, i])));
  const ranking = computed(() => (s.indicator.value ? byIndicator : composite));
  const rows = computed<RankingRow[]>(() => (ranking.value.data.value ? rankingRows(ranking.value.data.value) : []));
  const compositeRows = computed<RankingRow[]>(() => (composite.data.value ? rankingRows(composite.data.value) : []));

  const heatIndicators = computed<IndicatorRef[]>(() => {
    const h = heat.data.value;
    if (!h) return [];
    return indicatorsWithStatus(h)
      .map((c) => catalog.value.get(c))
      .filter((i) => i && (!s.category.value || i.category === s.category.value))
      .map((i) => indicatorRef(i!, s.lang.value));
  });
  const cells = computed<HeatmapCell[]>(() => (heat.data.value ? heatmapCells(heat.data.value, new Set(heatIndicators.value.map((i) => i.code))) : []));
  const heatUnits = computed(() =>
    (heat.data.value?.units ?? []).map((u) => ({ code: u.code, name: s.lang.value === 'en' ? u.shortName : u.name })),
  );
  const counts = computed(() => statusCounts(cells.value, heatIndicators.value));

  const movers = computed(() => {
    const moved = compositeRows.value.filter((r): r is RankingRow & { change: number } => typeof r.change === 'number' && r.change !== 0);
    return {
      up: moved.filter((r) => r.change > 0).sort((a, b) => b.change - a.change).slice(0, 5),
      down: moved.filter((r) => r.change < 0).sort((a, b) => a.change - b.change).slice(0, 5),
    };
  });

  const kpis = computed(() => {
    const c = done.data.value;
    const m = median(compositeRows.value.map((r) => r.value));
    return {
      units: c ? formatValue(c.of) : '–',
      reported: c ? formatPercent(c.share) : '–',
      reportedOf: c ? { n: c.reported, of: c.of } : null,
      median: m === null ? '–' : formatValue(Math.round(m * 10) / 10),
      red: heat.data.value ? formatValue(cells.value.filter((x) => x.status === 'red').length) : '–',
      missing: c ? c.units.filter((u) => !u.reported).map((u) => u.name) : [],
      sources: {
        reported: c?.sources ?? null,
        median: composite.data.value ? addSources(compositeRows.value.map((r) => r.sources)) : null,
        red: heat.data.value ? addSources(cells.value.filter((x) => x.status === 'red').map((x) => x.source)) : null,
      } satisfies Record<string, SourceMix | null>,
    };
  });

  return { composite, byIndicator, ranking, heat, done, rows, compositeRows, heatIndicators, heatUnits, cells, counts, movers, kpis, catalog };
}
