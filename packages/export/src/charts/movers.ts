import {
  buildMovers,
  chartLabels,
  DATA,
  moverBars,
  moversCommentary,
  moversRows,
  moversTable,
  rankingRows,
  STATUS_COLORS,
} from '@bixue/charts';
import { drawnFrom, groupLabel, periodText, readable, windowText } from '../context.ts';
import { cardInput, type DocBuilder, perMemberInput } from './common.ts';

const TITLE = { 'zh-CN': '进步最快 / 退步最多', en: 'Biggest climbers and fallers' };

/** 进步最快 / 退步最多 of the composite ranking: the rank moves against the previous comparable window. */
export const moversDoc: DocBuilder = async ({ caller, req, locale }) => {
  const l = chartLabels(locale);
  const r = await readable(
    caller.analytics.ranking(cardInput(req, { indicator: 'composite', ...perMemberInput(req) })),
  );
  const movers = moversRows(rankingRows(r, locale));
  const bars = moverBars(movers);
  const previous = periodText(r.previousWindow, locale);
  return {
    kind: 'movers',
    title: TITLE[locale],
    judged: drawnFrom(r),
    context: `${windowText(r.window, r, locale)} · ${await groupLabel(caller, r.group, r.entries[0]?.unit ?? null, locale)} · ${l.rankChange}（${previous}）`,
    pages: [
      {
        option: buildMovers({ movers, locale }),
        legend: [
          { label: l.up, color: DATA.bar },
          { label: l.down, color: STATUS_COLORS.red },
        ],
        native: {
          type: 'bar',
          horizontal: true,
          categories: bars.map((b) => b.name),
          series: [{ name: l.rankChange, values: bars.map((b) => b.change), color: DATA.bar }],
          // falls in red as on screen, each bar labelled ↑3 / ↓2
          negativeColor: STATUS_COLORS.red,
          labelFormat: '"↑"0;"↓"0',
          valueTitle: l.rankChange,
        },
      },
    ],
    table: moversTable(movers, previous, locale),
    commentary: moversCommentary(movers, locale),
  };
};
