import {
  buildCompositeWaterfall,
  chartLabels,
  compositeParts,
  DATA,
  tooFewPeersNames,
  waterfallCommentary,
  waterfallSteps,
  waterfallTable,
} from '@bixue/charts';
import { groupLabel, readable, windowText, drawnFrom } from '../context.ts';
import { type DocBuilder, unitAndCatalog, unitCardInput } from './common.ts';

const TITLE = { 'zh-CN': '综合得分构成', en: 'Composite score breakdown' };

/** A unit's 综合得分 as a waterfall: each indicator's contribution, biggest first, then the total. */
export const compositeDoc: DocBuilder = async ({ caller, req, locale }) => {
  const l = chartLabels(locale);
  const c = await readable(caller.analytics.composite(unitCardInput(req)));
  const { unitName, catalog } = await unitAndCatalog(caller, c.unit, locale);
  const parts = compositeParts(c, catalog, locale);
  const steps = waterfallSteps(parts);
  return {
    kind: 'composite',
    title: TITLE[locale],
    judged: drawnFrom(c),
    context: `${unitName} · ${windowText(c.window, c, locale)} · ${await groupLabel(caller, c.group, c.unit, locale)}`,
    pages: [
      {
        option: buildCompositeWaterfall({ total: c.score, parts, selected: c.unit, locale }),
        legend: [],
        native: {
          type: 'bar',
          horizontal: true,
          categories: [...steps.map((s) => s.part.name), l.composite],
          series: [
            {
              name: l.contribution,
              values: [...steps.map((s) => s.part.contribution), c.score],
              color: DATA.bar,
            },
          ],
          valueTitle: locale === 'en' ? 'pts' : '分',
        },
      },
    ],
    table: waterfallTable(parts, locale),
    commentary: waterfallCommentary(c.score, parts, unitName, locale, tooFewPeersNames(c, catalog, locale)),
  };
};
