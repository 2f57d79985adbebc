import {
  BRAND,
  buildRankingBar,
  chartLabels,
  currentPage,
  DATA,
  indicatorRef,
  pageSlice,
  rankingCommentary,
  rankingRows,
  rankingTable,
  sortRanking,
  STATUS_COLORS,
  UNIT_PAGE_SIZE,
} from '@bixue/charts';
import { catalogOf, groupLabel, periodText, readable, windowText, drawnFrom } from '../context.ts';
import type { LegendItem } from '../doc.ts';
import { highlightedUnit, requestedPage } from '../request.ts';
import { cardInput, type DocBuilder, pageNote, perMemberInput } from './common.ts';

const TITLES = {
  'zh-CN': { composite: '综合得分排名', of: (name: string) => `${name}排名`, points: '分' },
  en: { composite: 'Composite score ranking', of: (name: string) => `Ranking by ${name}`, points: 'pts' },
};

/** 综合得分排名 or one indicator's: bars best first, the unranked after, the chosen unit in red. */
export const rankingDoc: DocBuilder = async ({ caller, req, locale }) => {
  const l = chartLabels(locale);
  const r = await readable(
    caller.analytics.ranking(cardInput(req, { indicator: req.indicator ?? 'composite', ...perMemberInput(req) })),
  );
  const selected = highlightedUnit(req);
  const indicator =
    r.indicator === 'composite' ? null : indicatorRef((await catalogOf(caller)).get(r.indicator)!, locale);
  const measure = indicator ?? { name: l.composite, unit: TITLES[locale].points };
  const rows = sortRanking(rankingRows(r, locale));
  // a slide holds one page of a long ranking; the files' tables keep every unit
  const page = currentPage(
    requestedPage(req),
    rows.map((x) => x.code),
    selected,
    UNIT_PAGE_SIZE,
  );
  const drawn = pageSlice(rows, page, UNIT_PAGE_SIZE);
  const named = rows.find((x) => !r.entries.find((e) => e.unit === x.code)!.anonymised)?.code ?? null;

  const legend: LegendItem[] = [];
  const chosen = drawn.find((x) => x.code === selected);
  if (chosen) legend.push({ label: chosen.name, color: BRAND });
  for (const s of ['missing', 'undisclosed'] as const)
    if (drawn.some((x) => x.rank === null && x.status === s))
      legend.push({ label: l.status[s], color: STATUS_COLORS[s], hatched: true });

  return {
    kind: 'ranking',
    title: indicator ? TITLES[locale].of(indicator.name) : TITLES[locale].composite,
    judged: drawnFrom(r),
    context: `${windowText(r.window, r, locale)} · ${await groupLabel(caller, r.group, selected ?? named, locale)}`,
    pages: [
      {
        pageNote: pageNote(rows.length, page, locale),
        option: buildRankingBar({
          rows: drawn,
          selected,
          locale,
          unit: indicator?.unit,
          axisMax: Math.max(0, ...rows.map((x) => x.value ?? 0)),
        }),
        legend,
        native: {
          type: 'bar',
          horizontal: true,
          // an unranked unit has no bar: its name says why
          categories: drawn.map((x) => {
            const name = x.axisName ?? x.name;
            return x.rank === null ? `${name}${l.aside(l.status[x.status])}` : name;
          }),
          series: [{ name: measure.name, values: drawn.map((x) => x.value), color: DATA.bar }],
          valueTitle: measure.unit,
        },
      },
    ],
    table: rankingTable(r, rows, measure, periodText(r.previousWindow, locale), locale),
    commentary: rankingCommentary(rows, measure, locale),
  };
};
