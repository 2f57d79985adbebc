import {
  buildCompleteness,
  chartLabels,
  completenessCommentary,
  completenessMonths,
  completenessRows,
  completenessTable,
  currentPage,
  pageSlice,
  STATUS_COLORS,
  UNIT_PAGE_SIZE,
} from '@bixue/charts';
import { parsePeriod } from '@bixue/domain';
import { drawnFrom, groupLabel, readable, windowText } from '../context.ts';
import { highlightedUnit, requestedPage } from '../request.ts';
import { cardInput, type DocBuilder, pageNote } from './common.ts';

const TITLE = { 'zh-CN': '报送情况', en: 'Reporting by month' };

/**
 * 报送情况: which of the window's due months each unit of the group reported anything for, the
 * units owing most first; a slide draws one page of units, the table holds them all.
 */
export const completenessDoc: DocBuilder = async ({ caller, req, locale }) => {
  const l = chartLabels(locale);
  const c = await readable(caller.analytics.completeness(cardInput(req)));
  const selected = highlightedUnit(req);
  const rows = completenessRows(c, locale);
  const months = completenessMonths(c, locale);
  const page = currentPage(
    requestedPage(req),
    rows.map((r) => r.code),
    selected,
    UNIT_PAGE_SIZE,
  );
  const drawn = pageSlice(rows, page, UNIT_PAGE_SIZE);
  return {
    kind: 'completeness',
    title: TITLE[locale],
    judged: drawnFrom(c),
    context: `${windowText(c.window, c, locale)} · ${await groupLabel(caller, c.group, selected ?? rows[0]?.code ?? null, locale)}`,
    pages: [
      {
        pageNote: pageNote(rows.length, page, locale),
        option: buildCompleteness({ months, rows: drawn, selected, locale }),
        legend: [],
        native: {
          type: 'table',
          header: [l.unitName, ...months.map((m) => m.label)],
          rows: drawn.map((r) => {
            const missing = new Set(r.missingMonths);
            return [
              { text: r.axisName },
              ...months.map((m) =>
                missing.has(m.code)
                  ? { text: l.monthOwed, fill: '#DCDFE6', color: '#1F2329' }
                  : { text: l.monthReported, fill: STATUS_COLORS.green, color: '#FFFFFF' },
              ),
            ];
          }),
        },
      },
    ],
    table: completenessTable(months, rows, parsePeriod(c.window), locale),
    commentary: completenessCommentary(c, rows, locale),
  };
};
