import {
  BRAND,
  buildTrendLine,
  chartLabels,
  DATA,
  indicatorRef,
  shownTarget,
  trendCommentary,
  trendPoints,
  trendTable,
} from '@bixue/charts';
import { drawnFrom, groupLabel, readable, seriesSpanText } from '../context.ts';
import { cardInput, type DocBuilder, unitAndCatalog } from './common.ts';

const TITLE = { 'zh-CN': (name: string) => `${name}趋势`, en: (name: string) => `Trend: ${name}` };

/** One unit's indicator over the last eight windows beside its peers' median, band and the target. */
export const trendDoc: DocBuilder = async ({ caller, req, locale }) => {
  const l = chartLabels(locale);
  const t = await readable(caller.analytics.trend(cardInput(req, { unit: req.unit, indicator: req.indicator })));
  const { unitName, catalog } = await unitAndCatalog(caller, t.unit, locale);
  const indicator = indicatorRef(catalog.get(t.indicator)!, locale);
  const points = trendPoints(t, locale);
  const first = t.points[0]!.window;
  const last = t.points.at(-1)!;
  return {
    kind: 'trend',
    title: TITLE[locale](indicator.name),
    judged: drawnFrom(t),
    context: `${unitName} · ${seriesSpanText(first, last.window, t, locale)} · ${await groupLabel(caller, t.group, t.unit, locale)}`,
    pages: [
      {
        option: buildTrendLine({ points, unit: indicator.unit, unitName, selected: t.unit, locale }),
        legend: [],
        native: {
          type: 'line',
          horizontal: false,
          categories: points.map((p) => p.label),
          series: [
            { name: unitName, values: t.points.map((p) => p.value), color: BRAND },
            { name: l.median, values: t.points.map((p) => p.peerMedian), color: DATA.median, dashed: true },
            ...(t.points.some((p) => p.target !== null)
              ? [
                  {
                    name: l.target,
                    values: t.points.map((p) => (p.target === null ? null : shownTarget(p.target, indicator))),
                    color: DATA.target,
                    dashed: true,
                  },
                ]
              : []),
          ],
          valueTitle: indicator.unit,
        },
      },
    ],
    table: trendTable(t, points, unitName, indicator.unit, locale),
    commentary: trendCommentary(points, last.yoy, indicator, unitName, locale),
  };
};
