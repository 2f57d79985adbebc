import {
  BRAND,
  buildMultiples,
  chartLabels,
  DATA,
  multiplesCommentary,
  multiplesPages,
  multiplesTable,
  multiplesTiles,
  shownTarget,
  tileHeading,
} from '@bixue/charts';
import { drawnFrom, groupLabel, readable, seriesSpanText, windowText } from '../context.ts';
import { type DocBuilder, unitAndCatalog, unitCardInput } from './common.ts';

const WORDS = {
  'zh-CN': {
    title: '各指标趋势',
    page: (from: number, to: number, n: number) => `第 ${from}–${to} 项，共 ${n} 项指标`,
  },
  en: {
    title: 'Trends by indicator',
    page: (from: number, to: number, n: number) => `Indicators ${from}–${to} of ${n}`,
  },
};

/**
 * The 单位画像's small multiples: one small trend per indicator (the unit's line, the peers'
 * median and the target over the last eight windows), a slide of twelve at a time.
 */
export const multiplesDoc: DocBuilder = async ({ caller, req, locale }) => {
  const l = chartLabels(locale);
  const w = WORDS[locale];
  const t = await readable(caller.analytics.trends(unitCardInput(req)));
  const { unitName, catalog } = await unitAndCatalog(caller, t.unit, locale);
  const tiles = multiplesTiles(t, catalog, locale);
  const windows = tiles[0]?.trend.points ?? [];
  const span = windows.length
    ? seriesSpanText(windows[0]!.window, windows.at(-1)!.window, t, locale)
    : windowText(req.window ?? '', t, locale);
  const pages = multiplesPages(tiles);
  let from = 0;
  return {
    kind: 'multiples',
    title: w.title,
    judged: drawnFrom(t),
    context: `${unitName} · ${span} · ${await groupLabel(caller, t.group, t.unit, locale)}`,
    pages: pages.map((page) => {
      from += page.length;
      return {
        pageNote: pages.length > 1 ? w.page(from - page.length + 1, from, tiles.length) : '',
        option: buildMultiples({ tiles: page, unitName, locale }),
        legend: [],
        native: {
          type: 'grid',
          columns: 4,
          legend: [
            { label: unitName, color: BRAND },
            { label: l.median, color: DATA.median },
            { label: l.target, color: DATA.target },
          ],
          charts: page.map((tile) => {
            const head = tileHeading(tile, locale);
            return {
              title: head.name,
              subtitle: head.deltas,
              categories: tile.points.map((p) => p.label),
              series: [
                { name: unitName, values: tile.trend.points.map((p) => p.value), color: BRAND },
                {
                  name: l.median,
                  values: tile.trend.points.map((p) => p.peerMedian),
                  color: DATA.median,
                  dashed: true,
                },
                ...(tile.trend.points.some((p) => p.target !== null)
                  ? [
                      {
                        name: l.target,
                        values: tile.trend.points.map((p) =>
                          p.target === null ? null : shownTarget(p.target, tile.indicator),
                        ),
                        color: DATA.target,
                        dashed: true,
                      },
                    ]
                  : []),
              ],
            };
          }),
        },
      };
    }),
    table: multiplesTable(tiles, unitName, locale),
    commentary: multiplesCommentary(tiles, unitName, locale),
  };
};
