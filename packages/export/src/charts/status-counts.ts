import {
  buildStatusCounts,
  chartLabels,
  heatmapCells,
  indicatorRef,
  indicatorsWithStatus,
  sortByRed,
  STATUS_COLORS,
  STATUSES,
  statusCommentary,
  statusCounts,
  statusCountsTable,
} from '@bixue/charts';
import { catalogOf, groupLabel, readable, windowText, drawnFrom } from '../context.ts';
import { cardInput, type DocBuilder } from './common.ts';

const TITLE = { 'zh-CN': '各指标达标单位数', en: 'Units on target per indicator' };

/** Per indicator, how many units are green / yellow / red / grey, the most 未达标 first. */
export const statusCountsDoc: DocBuilder = async ({ caller, req, locale }) => {
  const l = chartLabels(locale);
  const h = await readable(caller.analytics.heatmap(cardInput(req)));
  const catalog = await catalogOf(caller);
  const codes = indicatorsWithStatus(h);
  const cells = heatmapCells(h, new Set(codes));
  const indicators = codes.map((c) => indicatorRef(catalog.get(c)!, locale));
  const rows = sortByRed(statusCounts(cells, indicators));
  return {
    kind: 'status-counts',
    title: TITLE[locale],
    judged: drawnFrom(h),
    context: `${windowText(h.window, h, locale)} · ${await groupLabel(caller, h.group, h.units[0]?.code ?? null, locale)}`,
    pages: [
      {
        option: buildStatusCounts({ rows, locale }),
        legend: [],
        native: {
          type: 'bar',
          horizontal: true,
          stacked: true,
          categories: rows.map((r) => r.indicator.name),
          // no zero-width segments with a "0" label; 未公开 lighter than 未报送, as the outlined bar on screen
          series: STATUSES.map((s) => ({
            name: l.status[s],
            values: rows.map((r) => r.counts[s] || null),
            color: s === 'undisclosed' ? '#DCDFE6' : STATUS_COLORS[s],
          })),
          valueTitle: l.units,
        },
      },
    ],
    table: statusCountsTable(rows, locale),
    commentary: statusCommentary(cells, indicators, locale),
  };
};
