import {
  addSources,
  clampPage,
  currentPage,
  followOrder,
  formatPercent,
  formatValue,
  type HeatmapCell,
  moversRows,
  type IndicatorRef,
  pageCount,
  pageRange,
  pageSlice,
  type RankingRow,
  sortRanking,
  type SourceMix,
} from '@bixue/charts';
import type { Period } from '@bixue/domain';
import { computed, type Ref } from 'vue';
import { useResource } from '../../composables/use-resource.ts';
import { indicators } from '../../state/reference.ts';
import { dropEarlyAnswers, overviewAsk, overviewQueries } from './queries.ts';
import {
  axisNameIn,
  heatmapCells,
  indicatorRef,
  indicatorsWithStatus,
  median,
  rankingRows,
  statusCounts,
} from '../adapters.ts';

export interface OverviewInput {
  window: Ref<Period>;
  group: Ref<string | null>;
  /** null: the composite */
  indicator: Ref<string | null>;
  category: Ref<string | null>;
  perMember: Ref<boolean>;
  lang: Ref<'zh-CN' | 'en'>;
  /** the page the URL or the 大屏's cycle asks for; null: the page of `selected`, else the first */
  page: Ref<number | null>;
  selected: Ref<string | null>;
  /** units per page of the ranking and the heatmap: charts draw a page, aggregates and tables keep all units */
  pageSize: number;
  /** the data version the view is drawn as of (?ver=); null or absent: the current data */
  version?: Ref<number | null>;
}

/**
 * Everything the overview (and the 大屏) shows, from four queries fired in one tick: the
 * composite ranking, the ranking by the chosen indicator (when one is chosen), the heatmap and
 * the completeness of the group. The ranking and heatmap charts draw one page of units, the same
 * units in both (the heatmap's rows follow the ranking); KPIs, counts, movers and the data
 * tables cover the whole group.
 */
export function useOverview(s: OverviewInput) {
  const queries = () =>
    overviewQueries({
      window: s.window.value,
      group: s.group.value,
      indicator: s.indicator.value,
      perMember: s.perMember.value,
      version: s.version?.value ?? null,
    });
  const composite = useResource(() => queries()?.composite ?? null, overviewAsk.ranking);
  const byIndicator = useResource(() => queries()?.byIndicator ?? null, overviewAsk.ranking);
  const heat = useResource(() => queries()?.heatmap ?? null, overviewAsk.heatmap);
  // 报送情况, 单位数 and 已报送率: who had reported, as of the view's version too
  const done = useResource(() => queries()?.completeness ?? null, overviewAsk.completeness);
  dropEarlyAnswers();

  const catalog = computed(() => new Map(indicators.value.map((i) => [i.code, i])));
  const ranking = computed(() => (s.indicator.value ? byIndicator : composite));
  const rows = computed<RankingRow[]>(() =>
    ranking.value.data.value ? rankingRows(ranking.value.data.value, s.lang.value) : [],
  );
  const compositeRows = computed<RankingRow[]>(() =>
    composite.data.value ? rankingRows(composite.data.value, s.lang.value) : [],
  );

  const heatIndicators = computed<IndicatorRef[]>(() => {
    const h = heat.data.value;
    if (!h) return [];
    return indicatorsWithStatus(h)
      .map((c) => catalog.value.get(c))
      .filter((i) => i && (!s.category.value || i.category === s.category.value))
      .map((i) => indicatorRef(i!, s.lang.value));
  });
  const cells = computed<HeatmapCell[]>(() =>
    heat.data.value ? heatmapCells(heat.data.value, new Set(heatIndicators.value.map((i) => i.code))) : [],
  );
  const heatUnits = computed(() =>
    (heat.data.value?.units ?? []).map((u) => ({ code: u.code, name: axisNameIn(u, s.lang.value) })),
  );
  const counts = computed(() => statusCounts(cells.value, heatIndicators.value));

  /** The ranking as drawn and tabled: by rank, ties side by side, unranked last. */
  const ordered = computed(() => sortRanking(rows.value));
  const heatOrdered = computed(() =>
    followOrder(
      heatUnits.value,
      ordered.value.map((r) => r.code),
    ),
  );
  // the ranking decides the page; the heatmap alone when the ranking has nothing (still loading, failed)
  const page = computed(() => {
    const list = ordered.value.length ? ordered.value : heatOrdered.value;
    return currentPage(
      s.page.value,
      list.map((x) => x.code),
      s.selected.value,
      s.pageSize,
    );
  });
  const pagerOf = (of: number) => ({
    current: clampPage(page.value, of, s.pageSize),
    pages: pageCount(of, s.pageSize),
    of,
    ...pageRange(of, page.value, s.pageSize),
  });
  const paging = computed(() => ({
    ranking: pagerOf(ordered.value.length),
    heatmap: pagerOf(heatOrdered.value.length),
  }));
  const pageRows = computed(() => pageSlice(ordered.value, page.value, s.pageSize));
  /** bars keep their length from page to page: the axis ends at the whole group's largest value */
  const axisMax = computed(() => ordered.value.reduce((m, r) => Math.max(m, r.value ?? 0), 0));
  const pageHeatUnits = computed(() => pageSlice(heatOrdered.value, page.value, s.pageSize));
  const pageCells = computed(() => {
    const on = new Set(pageHeatUnits.value.map((u) => u.code));
    return cells.value.filter((c) => on.has(c.unit));
  });

  /** 进步最快 / 退步最多: the chart module's rows, as the export and the briefing draw them */
  const movers = computed(() => moversRows(compositeRows.value));

  const kpis = computed(() => {
    const c = done.data.value;
    const m = median(compositeRows.value.map((r) => r.value));
    return {
      units: c ? formatValue(c.of) : '–',
      reported: c ? formatPercent(c.share) : '–',
      reportedOf: c ? { n: c.reported, of: c.of } : null,
      median: m === null ? '–' : formatValue(Math.round(m * 10) / 10),
      red: heat.data.value ? formatValue(cells.value.filter((x) => x.status === 'red').length) : '–',
      /** units that owe any due month, silent ones included: 太和县 缺9月 */
      behind: c ? c.units.filter((u) => u.missingMonths.length > 0) : [],
      sources: {
        reported: c?.sources ?? null,
        median: composite.data.value ? addSources(compositeRows.value.map((r) => r.sources)) : null,
        red: heat.data.value ? addSources(cells.value.filter((x) => x.status === 'red').map((x) => x.source)) : null,
      } satisfies Record<string, SourceMix | null>,
    };
  });

  /** how the window was judged (数据截至…), from whichever answer came */
  const judged = computed(() => heat.data.value ?? composite.data.value);

  return {
    composite,
    byIndicator,
    ranking,
    heat,
    done,
    rows,
    ordered,
    compositeRows,
    heatIndicators,
    heatUnits,
    heatOrdered,
    cells,
    counts,
    movers,
    kpis,
    catalog,
    paging,
    pageRows,
    axisMax,
    pageHeatUnits,
    pageCells,
    judged,
  };
}

export type Overview = ReturnType<typeof useOverview>;
