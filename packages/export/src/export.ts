import { type ApiContext, createCaller } from '@bixue/api';
import { benchmarkDoc } from './charts/benchmark.ts';
import type { DocBuilder } from './charts/common.ts';
import { completenessDoc } from './charts/completeness.ts';
import { compositeDoc } from './charts/composite.ts';
import { gapsDoc } from './charts/gaps.ts';
import { heatmapDoc } from './charts/heatmap.ts';
import { moversDoc } from './charts/movers.ts';
import { multiplesDoc } from './charts/multiples.ts';
import { rankingDoc } from './charts/ranking.ts';
import { statusCountsDoc } from './charts/status-counts.ts';
import { trendDoc } from './charts/trend.ts';
import { type Caller, sourceLine } from './context.ts';
import { type ChartDoc, fileBase, slidesOf } from './doc.ts';
import { PNG_SCALE } from './png.ts';
import { svgToPngInWorker } from './png-pool.ts';
import { PPTX_TYPE, pptxBytes } from './pptx.ts';
import {
  chartKind,
  type ChartKind,
  type ExportFormat,
  type ExportRequest,
  fileOptions,
  localeOf,
  SLIDE_SIZES,
} from './request.ts';
import { slideSvg } from './svg.ts';
import { toCsv } from './table.ts';
import { XLSX_TYPE, xlsxBytes } from './xlsx.ts';

const DOCS: Record<ChartKind, DocBuilder> = {
  ranking: rankingDoc,
  trend: trendDoc,
  benchmark: benchmarkDoc,
  heatmap: heatmapDoc,
  composite: compositeDoc,
  gaps: gapsDoc,
  'status-counts': statusCountsDoc,
  movers: moversDoc,
  completeness: completenessDoc,
  multiples: multiplesDoc,
};

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  png: 'image/png',
  svg: 'image/svg+xml; charset=utf-8',
  xlsx: XLSX_TYPE,
  csv: 'text/csv; charset=utf-8',
  pptx: PPTX_TYPE,
};

export interface ExportFile {
  bytes: Buffer;
  contentType: string;
  /** the web app's name: 综合得分排名_2026年上半年_全省县局.png */
  filename: string;
  /** pixels of a PNG, user units of an SVG; null for data and decks */
  width: number | null;
  height: number | null;
}

/**
 * The chart's data, read through the analytics procedure with the caller's context: the
 * procedure checks the session and scope (401/403) and its own input before anything is drawn.
 * A briefing passes one caller for all its charts (shared-caller.ts), so each question is asked once.
 */
export async function chartDoc(
  ctx: ApiContext,
  req: ExportRequest,
  now: Date = new Date(),
  caller: Caller = createCaller(ctx),
): Promise<ChartDoc> {
  const locale = localeOf(req);
  const doc = await DOCS[chartKind(req)]({ caller, req, locale });
  return { ...doc, sourceLine: sourceLine(now, locale, doc.judged) };
}

/**
 * Renders a chart's document in one format: an image of its first page, a deck of all its pages.
 * `signal`: the request was abandoned, so nothing is drawn (a PNG still queued for a worker is skipped).
 */
export async function renderFile(
  doc: ChartDoc,
  req: Pick<ExportRequest, 'format' | 'size'>,
  signal?: AbortSignal,
): Promise<ExportFile> {
  const { format, size } = fileOptions(req);
  signal?.throwIfAborted();
  const first = slidesOf(doc)[0]!;
  const base = {
    contentType: CONTENT_TYPES[format],
    filename: `${fileBase(doc)}.${format}`,
    width: null,
    height: null,
  };
  switch (format) {
    case 'svg': {
      const { width, height } = SLIDE_SIZES[size];
      return { ...base, bytes: Buffer.from(slideSvg(first, size)), width, height };
    }
    case 'png': {
      const png = await svgToPngInWorker(slideSvg(first, size), SLIDE_SIZES[size].width * PNG_SCALE, signal);
      return { ...base, bytes: png.bytes, width: png.width, height: png.height };
    }
    case 'xlsx':
      return { ...base, bytes: Buffer.from(await xlsxBytes(doc.table, doc)) };
    case 'csv':
      return { ...base, bytes: Buffer.from(toCsv(doc.table, doc.sourceLine)) };
    case 'pptx':
      return { ...base, bytes: await pptxBytes(slidesOf(doc)) };
  }
}

/**
 * contracts.md `export` and `GET /export/…`: the file of one chart within the caller's scope.
 * `signal` aborts when the client went away: its data is not drawn once the query is back.
 */
export async function exportChart(
  ctx: ApiContext,
  req: ExportRequest,
  now: Date = new Date(),
  signal?: AbortSignal,
): Promise<ExportFile> {
  signal?.throwIfAborted();
  return renderFile(await chartDoc(ctx, req, now), req, signal);
}
