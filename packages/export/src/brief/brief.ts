import type { ApiContext } from '@bixue/api';
import { beijingTime, chartLabels } from '@bixue/charts';
import JSZip from 'jszip';
import { type Caller, windowText } from '../context.ts';
import { type ChartDoc, fileBase, slidesOf } from '../doc.ts';
import { DOCX_TYPE, docxBytes } from '../docx.ts';
import { chartDoc, type ExportFile } from '../export.ts';
import { PNG_SCALE } from '../png.ts';
import { svgToPngInWorker } from '../png-pool.ts';
import { PPTX_TYPE, pptxBytes } from '../pptx.ts';
import { badInput, localeOf } from '../request.ts';
import { sharedCaller } from '../shared-caller.ts';
import { slideSvg } from '../svg.ts';
import { BRIEF_FORMATS, type BriefItem } from './spec.ts';
import { briefTitle } from './title.ts';

export { BRIEF_FORMATS, type BriefFormat } from './spec.ts';

export interface BriefRequest {
  items: readonly BriefItem[];
  format: string;
  lang?: string | undefined;
}

const ZIP_TYPE = 'application/zip';
const SLIDE = '1280x720';

/**
 * Pixels across a briefing's PNGs. The zip's are slides (domain.md §8: twice the slide's pixels);
 * the 通报 prints them 16 cm wide, where 1280 pixels are 200 dpi: the doubled width cost the 通报
 * a second of rasterising and encoding per chart and made the .docx twice the size, for nothing
 * Word shows.
 */
const IMAGE_WIDTH = { zip: 1280 * PNG_SCALE, docx: 1280 } as const;

/** A chart of the briefing: its document and, for the 通报 and the zip, its pages as PNGs. */
interface BriefChart {
  doc: ChartDoc;
  images: Buffer[];
}

/**
 * Every chart of the briefing, in order, each through its analytics procedure as the caller (so
 * each is checked against the caller's scope when it is drawn), titled as the user retitled it.
 * The charts are drawn together through one shared caller: what two charts ask is asked once (the
 * heatmap and the status counts share a heatmap, the heatmap's rows the composite ranking). A
 * chart's pages go to the PNG workers (png-pool.ts) as soon as its document is ready, so the
 * images are drawn on the other cores while the next charts' queries run.
 */
async function briefCharts(
  ctx: ApiContext,
  req: BriefRequest,
  now: Date,
  caller: Caller,
  images: keyof typeof IMAGE_WIDTH | null,
  signal: AbortSignal | undefined,
): Promise<BriefChart[]> {
  return Promise.all(
    req.items.map(async ({ title, ...item }) => {
      // a chart not yet asked for when its client went away is not asked for
      signal?.throwIfAborted();
      const drawn = await chartDoc(ctx, { ...item, format: 'pptx', lang: req.lang }, now, caller);
      const doc = title ? { ...drawn, title } : drawn;
      const pngs = images
        ? await Promise.all(
            slidesOf(doc).map(
              async (s) => (await svgToPngInWorker(slideSvg(s, SLIDE), IMAGE_WIDTH[images], signal)).bytes,
            ),
          )
        : [];
      return { doc, images: pngs };
    }),
  );
}

/**
 * contracts.md `brief`: the charts as one PPTX (a title slide, then each chart's slides with
 * native charts, commentary and the data in the notes), a Word 通报 or a zip of slide PNGs.
 * `signal` aborts when the client went away: charts not yet queried or drawn are left undone.
 */
export async function briefFile(
  ctx: ApiContext,
  req: BriefRequest,
  now: Date = new Date(),
  signal?: AbortSignal,
): Promise<ExportFile> {
  const format = BRIEF_FORMATS.find((f) => f === req.format);
  if (!format)
    throw badInput('format', {
      zh: `应为 ${BRIEF_FORMATS.join('、')} 之一，收到 ${String(req.format).slice(0, 20)}`,
      en: `must be one of ${BRIEF_FORMATS.join(', ')}, got ${String(req.format).slice(0, 20)}`,
    });
  const locale = localeOf(req);
  const caller = sharedCaller(ctx);
  const charts = await briefCharts(ctx, req, now, caller, format === 'pptx' ? null : format, signal);
  signal?.throwIfAborted();
  const docs = charts.map((c) => c.doc);
  // each window once, as its charts' context lines say it (数据截至… where the as-of month clipped it): a
  // window one chart was clipped in and another (a ranking of counts) was not is named once, clipped
  const judgedBy = new Map<string, (typeof docs)[number]['judged']>();
  req.items.forEach((item, i) => {
    if (item.window && !judgedBy.get(item.window)?.clipped) judgedBy.set(item.window, docs[i]!.judged);
  });
  const windows = [...judgedBy].map(([window, judged]) => windowText(window, judged, locale));
  const drawn = await briefTitle(caller, req.items, windows, locale, beijingTime(now));
  // the data version(s) the charts were drawn from (domain.md §9), before the count and the time, and
  // 含未审核数据 where any chart counted drafts (its own slide's source line says which)
  const labels = chartLabels(locale);
  const versions = [...new Set(docs.flatMap((d) => (d.judged ? [d.judged.dataVersion] : [])))];
  const unapproved = docs.some((d) => d.judged?.unapproved);
  const title = versions.length
    ? {
        ...drawn,
        lines: [
          ...drawn.lines.slice(0, -2),
          [versions.map((v) => labels.dataVersion(v)).join('、'), ...(unapproved ? [labels.unapproved] : [])].join(
            ' · ',
          ),
          ...drawn.lines.slice(-2),
        ],
      }
    : drawn;
  const name = title.title.replace(/[\\/:*?"<>|\s·]+/g, '_');
  const file = (bytes: Buffer, contentType: string): ExportFile => ({
    bytes,
    contentType,
    filename: `${name}.${format}`,
    width: null,
    height: null,
  });
  switch (format) {
    case 'pptx':
      return file(await pptxBytes(docs.flatMap(slidesOf), title), PPTX_TYPE);
    case 'docx':
      return file(await docxBytes(charts, title, locale, windows.join('、')), DOCX_TYPE);
    case 'zip': {
      const zip = new JSZip();
      charts.forEach(({ doc, images }, i) =>
        images.forEach((png, k, all) =>
          zip.file(`${String(i + 1).padStart(2, '0')}_${fileBase(doc)}${all.length > 1 ? `_${k + 1}` : ''}.png`, png),
        ),
      );
      return file(await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }), ZIP_TYPE);
    }
  }
}
