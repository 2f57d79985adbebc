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
  STATUSES,
  statusCommentary,
  UNIT_PAGE_SIZE,
  unitNameIn,
} from '@bixue/charts';
import { catalogOf, groupLabel, readable, windowText, drawnFrom } from '../context.ts';
import type { NativeCell } from '../doc.ts';
import { highlightedUnit, requestedPage } from '../request.ts';
import { cardInput, type DocBuilder, pageNote } from './common.ts';

/** Beyond this many cells a value no longer fits its cell on a slide: colour and icon only. */
const MAX_CELLS_WITH_VALUES = 400;
const TITLE = { 'zh-CN': '状态热力图', en: 'Status heatmap' };

/** Units × indicators that have targets, each cell in its status colour with its icon. */
export const heatmapDoc: DocBuilder = async ({ caller, req, locale }) => {
  const l = chartLabels(locale);
  const h = await readable(caller.analytics.heatmap(cardInput(req)));
  const selected = highlightedUnit(req);
  const catalog = await catalogOf(caller);
  const codes = indicatorsWithStatus(h);
  const cells = heatmapCells(h, new Set(codes));
  const indicators = codes.map((c) => indicatorRef(catalog.get(c)!, locale));
  // rows in composite-ranking order, as on screen, so a page shows the units the ranking's page shows
  const ranked = await readable(caller.analytics.ranking(cardInput(req, { indicator: 'composite' })));
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
  const drawnCells = cells.filter((c) => drawnCodes.has(c.unit));
  const cellOf = new Map(drawnCells.map((c) => [`${c.unit}|${c.indicator}`, c]));
  // English words ("Not reported") run four times as wide as 未报送 and would shrink the whole
  // table's type to fit them: the English cell shows the icon, and the key above says what it means
  const blank = (icon: string, word: string) => (locale === 'en' ? icon : `${icon} ${word}`);
  const nativeCell = (unit: string, indicator: string): NativeCell => {
    const c = cellOf.get(`${unit}|${indicator}`);
    if (!c) return { text: '' };
    if (c.status === 'no_target')
      return {
        text:
          c.value === null
            ? blank(NO_TARGET_LOOK.icon, l.noTarget)
            : `${NO_TARGET_LOOK.icon} ${formatValue(Math.round(c.value * 10) / 10)}`,
        fill: NO_TARGET_LOOK.fill,
        color: NO_TARGET_LOOK.text,
      };
    // as on screen: a green only because nothing is due yet says when it falls due (12月)
    const due = greenNotYetDue(c.status, c.dueMonth);
    const icon = STATUS_ICONS[c.status];
    const text =
      due !== null
        ? `${icon} ${l.dueMonth(due)}`
        : c.value === null
          ? blank(icon, l.status[c.status])
          : `${icon} ${formatValue(Math.round(c.value * 10) / 10)}`;
    return { text, fill: STATUS_COLORS[c.status], color: '#FFFFFF' };
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
          cells: drawnCells,
          selected,
          locale,
          showValues: drawnUnits.length * indicators.length <= MAX_CELLS_WITH_VALUES,
        }),
        legend: [],
        native: {
          type: 'table',
          header: [l.unitName, ...indicators.map((i) => i.name)],
          rows: drawnUnits.map((u) => [{ text: u.axisName }, ...indicators.map((i) => nativeCell(u.code, i.code))]),
          // as on screen: every status, and 无目标 where the page has such cells
          legend: [
            ...STATUSES.map((st) => ({ label: `${STATUS_ICONS[st]} ${l.status[st]}`, color: STATUS_COLORS[st] })),
            ...(drawnCells.some((c) => c.status === 'no_target')
              ? [{ label: `${NO_TARGET_LOOK.icon} ${l.noTarget}`, color: NO_TARGET_LOOK.stroke }]
              : []),
          ],
        },
      },
    ],
    table: heatmapTable(h, new Set(codes), catalog, locale),
    commentary: statusCommentary(cells, indicators, locale),
  };
};
