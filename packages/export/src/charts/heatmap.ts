import {
  axisNameIn,
  buildStatusHeatmap,
  chartLabels,
  currentPage,
  followOrder,
  formatValue,
  greenNotYetDue,
  heatmapCells,
  heatmapTable,
  indicatorRef,
  indicatorsWithStatus,
  NO_TARGET_LOOK,
  pageSlice,
  rankingRows,
  sortRanking,
  STATUS_COLORS,
  STATUS_ICONS,
  statusCommentary,
  UNIT_PAGE_SIZE,
  unitNameIn,
} from '@bixue/charts';
import { catalogOf, groupLabel, readable, unparsed, windowText, drawnFrom } from '../context.ts';
import type { NativeCell } from '../doc.ts';
import { highlightedUnit, requestedPage } from '../request.ts';
import { type DocBuilder, pageNote } from './common.ts';

/** Beyond this many cells a value no longer fits its cell on a slide: colour and icon only. */
const MAX_CELLS_WITH_VALUES = 400;
const TITLE = { 'zh-CN': '状态热力图', en: 'Status heatmap' };

/** Units × indicators that have targets, each cell in its status colour with its icon. */
export const heatmapDoc: DocBuilder = async ({ caller, req, locale }) => {
  const l = chartLabels(locale);
  const h = await readable(
    caller.analytics.heatmap(
      unparsed({ window: req.window, group: req.group, today: req.today, version: req.version }),
    ),
  );
  const selected = highlightedUnit(req);
  const catalog = await catalogOf(caller);
  const codes = indicatorsWithStatus(h);
  const cells = heatmapCells(h, new Set(codes));
  const indicators = codes.map((c) => indicatorRef(catalog.get(c)!, locale));
  // rows in composite-ranking order, as on screen, so a page shows the units the ranking's page shows
  const ranked = await readable(
    caller.analytics.ranking(
      unparsed({
        indicator: 'composite',
        window: req.window,
        group: req.group,
        today: req.today,
        version: req.version,
      }),
    ),
  );
  const units = followOrder(
    h.units.map((u) => ({ code: u.code, name: unitNameIn(u, locale), axisName: axisNameIn(u, locale) })),
    sortRanking(rankingRows(ranked, locale)).map((x) => x.code),
  );
  const page = currentPage(
    requestedPage(req),
    units.map((u) => u.code),
    selected,
    UNIT_PAGE_SIZE,
  );
  const drawnUnits = pageSlice(units, page, UNIT_PAGE_SIZE);
  const drawnCodes = new Set(drawnUnits.map((u) => u.code));
  const cellOf = new Map(cells.map((c) => [`${c.unit}|${c.indicator}`, c]));
  const nativeCell = (unit: string, indicator: string): NativeCell => {
    const c = cellOf.get(`${unit}|${indicator}`);
    if (!c) return { text: '' };
    if (c.status === 'no_target')
      return {
        text: `${NO_TARGET_LOOK.icon} ${c.value === null ? l.noTarget : formatValue(Math.round(c.value * 10) / 10)}`,
        fill: NO_TARGET_LOOK.fill,
        color: NO_TARGET_LOOK.text,
      };
    // as on screen: a green only because nothing is due yet says when it falls due (12月)
    const due = greenNotYetDue(c.status, c.dueMonth);
    const value =
      due !== null
        ? l.dueMonth(due)
        : c.value === null
          ? l.status[c.status]
          : formatValue(Math.round(c.value * 10) / 10);
    return { text: `${STATUS_ICONS[c.status]} ${value}`, fill: STATUS_COLORS[c.status], color: '#FFFFFF' };
  };
  return {
    kind: 'heatmap',
    title: TITLE[locale],
    judged: drawnFrom(h),
    context: `${windowText(h.window, h, locale)} · ${await groupLabel(caller, h.group, selected ?? units[0]?.code ?? null, locale)}`,
    pages: [
      {
        pageNote: pageNote(units.length, page, locale),
        option: buildStatusHeatmap({
          units: drawnUnits,
          indicators,
          cells: cells.filter((c) => drawnCodes.has(c.unit)),
          selected,
          locale,
          showValues: drawnUnits.length * indicators.length <= MAX_CELLS_WITH_VALUES,
        }),
        legend: [],
        native: {
          type: 'table',
          header: [l.unitName, ...indicators.map((i) => i.name)],
          rows: drawnUnits.map((u) => [{ text: u.axisName }, ...indicators.map((i) => nativeCell(u.code, i.code))]),
        },
      },
    ],
    table: heatmapTable(h, new Set(codes), catalog, locale),
    commentary: statusCommentary(cells, indicators, locale),
  };
};
