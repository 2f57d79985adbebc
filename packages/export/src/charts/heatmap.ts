import {
  buildStatusHeatmap,
  currentPage,
  followOrder,
  formatValue,
  heatmapCells,
  indicatorRef,
  indicatorsWithStatus,
  pageSlice,
  rankingRows,
  sortRanking,
  STATUS_COLORS,
  STATUS_ICONS,
  statusOf,
  UNIT_PAGE_SIZE,
} from '@bixue/charts';
import { type Caller, catalogOf, groupLabel, periodText, readable, unparsed } from '../context.ts';
import type { ChartDoc, NativeCell } from '../doc.ts';
import { type ExportRequest, highlightedUnit, requestedPage } from '../request.ts';
import { pageNote, rollupText, ZH } from './common.ts';

/** Beyond this many cells a value no longer fits its cell on a slide: colour and icon only. */
const MAX_CELLS_WITH_VALUES = 400;

/** Units × indicators that have targets, each cell in its status colour with its icon. */
export async function heatmapDoc(caller: Caller, req: ExportRequest): Promise<Omit<ChartDoc, 'sourceLine'>> {
  const h = await readable(
    caller.analytics.heatmap(unparsed({ window: req.window, group: req.group, today: req.today })),
  );
  const selected = highlightedUnit(req);
  const catalog = await catalogOf(caller);
  const codes = indicatorsWithStatus(h);
  const cells = heatmapCells(h, new Set(codes));
  const indicators = codes.map((c) => indicatorRef(catalog.get(c)!, 'zh-CN'));
  // rows in composite-ranking order, as on screen, so a page shows the units the ranking's page shows
  const ranked = await readable(
    caller.analytics.ranking(
      unparsed({ indicator: 'composite', window: req.window, group: req.group, today: req.today }),
    ),
  );
  const units = followOrder(
    h.units.map((u) => ({ code: u.code, name: u.name })),
    sortRanking(rankingRows(ranked)).map((x) => x.code),
  );
  const page = currentPage(
    requestedPage(req),
    units.map((u) => u.code),
    selected,
    UNIT_PAGE_SIZE,
  );
  const drawnUnits = pageSlice(units, page, UNIT_PAGE_SIZE);
  const drawnCodes = new Set(drawnUnits.map((u) => u.code));
  const nameOf = new Map(units.map((u) => [u.code, u.name]));
  const cellOf = new Map(cells.map((c) => [`${c.unit}|${c.indicator}`, c]));
  const nativeCell = (unit: string, indicator: string): NativeCell => {
    const c = cellOf.get(`${unit}|${indicator}`);
    if (!c) return { text: '' };
    const value = c.value === null ? ZH.status[c.status] : formatValue(Math.round(c.value * 10) / 10);
    return { text: `${STATUS_ICONS[c.status]} ${value}`, fill: STATUS_COLORS[c.status], color: '#FFFFFF' };
  };
  return {
    kind: 'heatmap',
    title: '状态热力图',
    context: `${periodText(h.window)} · ${await groupLabel(caller, h.group, selected ?? units[0]?.code ?? null)}`,
    pageNote: pageNote(units.length, page),
    option: buildStatusHeatmap({
      units: drawnUnits,
      indicators,
      cells: cells.filter((c) => drawnCodes.has(c.unit)),
      selected,
      showValues: drawnUnits.length * indicators.length <= MAX_CELLS_WITH_VALUES,
    }),
    legend: [],
    // long form, one row per unit × indicator: every number stays a number and pivots in Excel
    table: {
      columns: [
        { key: 'unit', label: '单位代码' },
        { key: 'name', label: '单位' },
        { key: 'indicator', label: '指标' },
        { key: 'measure', label: '计量单位' },
        { key: 'value', label: '数值' },
        { key: 'attainment', label: ZH.attainment, format: 'percent' },
        { key: 'status', label: '状态' },
        { key: 'data', label: '数据状态' },
      ],
      rows: h.cells
        .filter((c) => codes.includes(c.indicator))
        .map((c) => {
          const i = catalog.get(c.indicator)!;
          const s = statusOf(c.status, c.colour);
          return {
            unit: c.unit,
            name: nameOf.get(c.unit) ?? c.unit,
            indicator: i.nameZh,
            measure: i.unit,
            value: c.value,
            attainment: c.attainment,
            status: s ? ZH.status[s] : '',
            data: rollupText(c.status, c.coverage),
          };
        }),
    },
    native: {
      type: 'table',
      header: ['单位', ...indicators.map((i) => i.name)],
      rows: drawnUnits.map((u) => [{ text: u.name }, ...indicators.map((i) => nativeCell(u.code, i.code))]),
    },
  };
}
