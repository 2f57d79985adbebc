import {
  benchmarkAxisMax,
  benchmarkCommentary,
  benchmarkPages,
  benchmarkRowLabel,
  benchmarkRows,
  type BenchmarkRow,
  benchmarkTable,
  BRAND,
  buildBenchmark,
  chartLabels,
  DATA,
  relativeToMedian,
} from '@bixue/charts';
import { CATEGORY_LABELS, type Category } from '@bixue/domain';
import { groupLabel, readable, windowText, drawnFrom } from '../context.ts';
import type { SlidePage } from '../doc.ts';
import { badInput, requestedPage } from '../request.ts';
import { cardInput, type DocBuilder, unitAndCatalog } from './common.ts';

const TITLE = { 'zh-CN': '与同级对比', en: 'Against peers' };
const PAGE_SIZE = 10;

/**
 * A unit against its peers on every indicator, as dumbbells (unit ● to best ★, median at 100),
 * one page of whole categories per slide. `page` picks one page for an image; a deck gets all.
 */
export const benchmarkDoc: DocBuilder = async ({ caller, req, locale }) => {
  const l = chartLabels(locale);
  const b = await readable(caller.analytics.benchmark(cardInput(req, { unit: req.unit })));
  // alone in its group (a province in an installation of one): every dot would sit on its own median
  if (b.peers === 0) {
    const [zh, en] = await Promise.all([
      groupLabel(caller, b.group, b.unit, 'zh-CN'),
      groupLabel(caller, b.group, b.unit, 'en'),
    ]);
    throw badInput('group', {
      zh: `比较组「${zh}」中只有 ${b.unit}，没有可对比的同级单位：请另选一组`,
      en: `${b.unit} is alone in comparison group “${en}”: there are no peers to compare with; choose another group`,
    });
  }
  const { unitName, catalog } = await unitAndCatalog(caller, b.unit, locale);
  const rows = benchmarkRows(b, catalog, locale);
  const pages = benchmarkPages(rows, PAGE_SIZE);
  const asked = requestedPage(req);
  if (asked !== null && asked > pages.length)
    throw badInput('page', {
      zh: `共 ${pages.length} 页，收到 ${asked}`,
      en: `there are ${pages.length} pages, got ${asked}`,
    });
  const slides: SlidePage[] = pages.map((drawn, i) => {
    // the on-screen dumbbell's scale: % of the peer median, the page's axis capped so one outlier
    // cannot flatten the rest (it is drawn at the cap); each row's label gives the real numbers
    const axisMax = benchmarkAxisMax(drawn);
    const bar = (v: number | null | undefined, r: BenchmarkRow) => {
      const x = relativeToMedian(v, r);
      return x === null ? null : Math.min(x, axisMax);
    };
    return {
      pageNote: [
        [
          ...new Set(
            drawn.map((r) => CATEGORY_LABELS[r.indicator.category as Category]?.[locale === 'en' ? 'en' : 'zh']),
          ),
        ]
          .filter(Boolean)
          .join(locale === 'en' ? ', ' : '、'),
        pages.length > 1 ? `${i + 1}/${pages.length}` : '',
      ]
        .filter(Boolean)
        .join(' '),
      option: buildBenchmark({ rows: drawn, selected: b.unit, locale }),
      legend: [],
      native: {
        type: 'bar',
        horizontal: true,
        categories: drawn.map((r) => benchmarkRowLabel(r, locale)),
        series: [
          { name: unitName, values: drawn.map((r) => bar(r.value, r)), color: BRAND },
          { name: l.median, values: drawn.map((r) => bar(r.median, r)), color: DATA.median },
          { name: l.best, values: drawn.map((r) => bar(r.best?.value, r)), color: '#D4A017' },
        ],
        valueTitle: l.ofMedian,
        valueMax: axisMax,
      },
    };
  });
  return {
    kind: 'benchmark',
    title: TITLE[locale],
    judged: drawnFrom(b),
    context: `${unitName} · ${windowText(b.window, b, locale)} · ${await groupLabel(caller, b.group, b.unit, locale)}`,
    pages: asked === null ? slides : [slides[asked - 1]!],
    table: benchmarkTable(b, unitName, catalog, locale),
    commentary: benchmarkCommentary(rows, unitName, locale),
  };
};
