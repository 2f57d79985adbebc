import {
  buildGapsBullet,
  chartLabels,
  formatTarget,
  formatWithUnit,
  gapRows,
  gapsCommentary,
  gapsTable,
  STATUS_COLORS,
  statusText,
} from '@bixue/charts';
import { tryParsePeriod } from '@bixue/domain';
import { asOfNote, catalogOf, readable, unparsed, drawnFrom } from '../context.ts';
import { badInput } from '../request.ts';
import type { DocBuilder } from './common.ts';

const WORDS = {
  'zh-CN': {
    title: '序时进度',
    context: (name: string, year: number, asOf: string | null) =>
      `${name} · ${year}年全年目标${asOf ? `（${asOf}）` : ''}`,
  },
  en: {
    title: 'Progress to date',
    context: (name: string, year: number, asOf: string | null) =>
      `${name} · targets for ${year}${asOf ? ` (${asOf})` : ''}`,
  },
};

/**
 * 序时进度 of one unit: every indicator with a target for the window's year, actual against the
 * target pro-rated to today and the annual target, most urgent first.
 */
export const gapsDoc: DocBuilder = async ({ caller, req, locale }) => {
  const l = chartLabels(locale);
  // the unit first: its procedure answers a caller without a session (401) before any input is judged
  const [unit, catalog] = await Promise.all([
    readable(caller.units.get(unparsed({ unit: req.unit }))),
    catalogOf(caller),
  ]);
  const period = tryParsePeriod(req.window ?? '');
  if (!period)
    throw badInput('window', {
      zh: `应为 2024、2024H1、2024Q3 或 2024-07，收到 ${(req.window ?? '').slice(0, 20)}`,
      en: `write 2024, 2024H1, 2024Q3 or 2024-07, got ${(req.window ?? '').slice(0, 20)}`,
    });
  const year = String(period.year);
  const results = await Promise.all(
    [...catalog.keys()].map((indicator) =>
      readable(
        caller.analytics.attainment(
          unparsed({ unit: unit.code, indicator, window: year, today: req.today, version: req.version }),
        ),
      ).then((a) => ({ indicator, a })),
    ),
  );
  const rows = gapRows(results, catalog, locale);
  const unitName = locale === 'en' ? unit.shortNameEn : unit.name;
  return {
    kind: 'gaps',
    title: WORDS[locale].title,
    judged: results[0] ? drawnFrom(results[0].a) : null,
    // 数据截至2026年6月 while the as-of month clips the year, as the cards say it
    context: WORDS[locale].context(unitName, period.year, asOfNote(results[0]?.a, locale)),
    pages: [
      {
        option: buildGapsBullet({ rows, locale }),
        legend: [],
        native: {
          type: 'table',
          header: [l.indicator, l.actual, l.proRatedTarget, l.annualTarget, l.needed, l.statusCol],
          rows: rows.map((r) => {
            const target = (v: number) => formatTarget(v, r.indicator);
            return [
              { text: r.indicator.name },
              {
                text:
                  r.value === null
                    ? l.status[r.status]
                    : formatWithUnit(Math.round(r.value * 10) / 10, r.indicator.unit),
              },
              { text: target(r.proRated) },
              { text: target(r.annual) },
              { text: target(r.needed) },
              { text: statusText(locale, r.status, r.dueMonth), fill: STATUS_COLORS[r.status], color: '#FFFFFF' },
            ];
          }),
        },
      },
    ],
    table: gapsTable(rows, locale),
    commentary: gapsCommentary(rows, unitName, locale),
  };
};
