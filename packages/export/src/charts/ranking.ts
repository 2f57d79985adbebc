import {
  BRAND,
  buildRankingBar,
  currentPage,
  DATA,
  pageSlice,
  rankingRows,
  sortRanking,
  STATUS_COLORS,
  UNIT_PAGE_SIZE,
} from '@bixue/charts';
import { type Caller, catalogOf, groupLabel, periodText, readable, unparsed } from '../context.ts';
import type { ChartDoc, LegendItem } from '../doc.ts';
import { highlightedUnit, type ExportRequest, requestedPage } from '../request.ts';
import { measured, pageNote, rankText, rollupText, ZH } from './common.ts';

/** 综合得分排名 or one indicator's: bars best first, the unranked after, the chosen unit in red. */
export async function rankingDoc(caller: Caller, req: ExportRequest): Promise<Omit<ChartDoc, 'sourceLine'>> {
  const r = await readable(
    caller.analytics.ranking(
      unparsed({ indicator: req.indicator ?? 'composite', window: req.window, group: req.group, today: req.today }),
    ),
  );
  const selected = highlightedUnit(req);
  const indicator = r.indicator === 'composite' ? null : (await catalogOf(caller)).get(r.indicator)!;
  const measure = indicator ? { name: indicator.nameZh, unit: indicator.unit } : { name: ZH.composite, unit: '分' };
  const rows = sortRanking(rankingRows(r));
  // a slide holds one page of a long ranking; the files' tables keep every unit
  const page = currentPage(
    requestedPage(req),
    rows.map((x) => x.code),
    selected,
    UNIT_PAGE_SIZE,
  );
  const drawn = pageSlice(rows, page, UNIT_PAGE_SIZE);
  const byCode = new Map(r.entries.map((e) => [e.unit, e]));
  const named = rows.find((x) => !byCode.get(x.code)!.anonymised)?.code ?? null;

  const legend: LegendItem[] = [];
  const chosen = drawn.find((x) => x.code === selected);
  if (chosen) legend.push({ label: chosen.name, color: BRAND });
  for (const s of ['missing', 'undisclosed'] as const)
    if (drawn.some((x) => x.rank === null && x.status === s))
      legend.push({ label: ZH.status[s], color: STATUS_COLORS[s], hatched: true });

  return {
    kind: 'ranking',
    title: indicator ? `${indicator.nameZh}排名` : '综合得分排名',
    context: `${periodText(r.window)} · ${await groupLabel(caller, r.group, selected ?? named)}`,
    pageNote: pageNote(rows.length, page),
    option: buildRankingBar({
      rows: drawn,
      selected,
      unit: indicator?.unit,
      axisMax: Math.max(0, ...rows.map((x) => x.value ?? 0)),
    }),
    legend,
    table: {
      columns: [
        { key: 'rank', label: '名次' },
        { key: 'rankText', label: '名次说明' },
        { key: 'unit', label: '单位代码' },
        { key: 'name', label: '单位' },
        { key: 'value', label: measured({ nameZh: measure.name, unit: measure.unit }) },
        { key: 'status', label: '数据状态' },
        { key: 'change', label: `名次变化（与${periodText(r.previousWindow)}相比）` },
      ],
      rows: rows.map((row) => {
        const e = byCode.get(row.code)!;
        return {
          rank: e.rank,
          rankText: rankText(row.rank, row.tied) || ZH.status[row.status],
          unit: e.anonymised ? '' : e.unit,
          name: e.name,
          value: e.value,
          status: rollupText(e.status, e.coverage),
          change: e.rank === null ? null : (e.change ?? '新'),
        };
      }),
    },
    native: {
      type: 'bar',
      horizontal: true,
      categories: drawn.map((x) => x.name),
      series: [{ name: measure.name, values: drawn.map((x) => x.value), color: DATA.bar }],
      valueTitle: measure.unit,
    },
  };
}
