import { type ApiContext, createCaller } from '@bixue/api';
import { chartLabels } from '@bixue/charts';
import JSZip from 'jszip';
import { exportTime, windowText } from '../context.ts';
import { type ChartDoc, fileBase, slidesOf } from '../doc.ts';
import { DOCX_TYPE, docxBytes } from '../docx.ts';
import { chartDoc, type ExportFile } from '../export.ts';
import { PNG_SCALE, svgToPng } from '../png.ts';
import { PPTX_TYPE, pptxBytes } from '../pptx.ts';
import { badInput, localeOf } from '../request.ts';
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
 * Every chart's document, in order, each through its analytics procedure as the caller (so each
 * is checked against the caller's scope when it is drawn), titled as the user retitled it.
 */
export async function briefDocs(ctx: ApiContext, req: BriefRequest, now: Date): Promise<ChartDoc[]> {
  const docs: ChartDoc[] = [];
  // one after another: the procedures share one database connection on PGlite anyway
  for (const item of req.items) {
    const { title, ...export_ } = item;
    const doc = await chartDoc(ctx, { ...export_, format: 'pptx', lang: req.lang }, now);
    docs.push(title ? { ...doc, title } : doc);
  }
  return docs;
}

function pagePngs(doc: ChartDoc): Buffer[] {
  return slidesOf(doc).map((s) => svgToPng(slideSvg(s, SLIDE), 1280 * PNG_SCALE).bytes);
}

/**
 * contracts.md `brief`: the charts as one PPTX (a title slide, then each chart's slides with
 * native charts, commentary and the data in the notes), a Word 通报 or a zip of slide PNGs.
 */
export async function briefFile(ctx: ApiContext, req: BriefRequest, now: Date = new Date()): Promise<ExportFile> {
  const format = BRIEF_FORMATS.find((f) => f === req.format);
  if (!format)
    throw badInput('format', `应为 ${BRIEF_FORMATS.join('、')} 之一，收到 ${String(req.format).slice(0, 20)}`);
  const locale = localeOf(req);
  const docs = await briefDocs(ctx, req, now);
  // each window once, as its charts' context lines say it (数据截至… where the as-of month clipped it)
  const windows = [
    ...new Set(req.items.flatMap((item, i) => (item.window ? [windowText(item.window, docs[i]!.judged, locale)] : []))),
  ];
  const drawn = await briefTitle(createCaller(ctx), req.items, windows, locale, exportTime(now));
  // the data version(s) the charts were drawn from (domain.md §9), before the count and the time
  const versions = [...new Set(docs.flatMap((d) => (d.judged ? [d.judged.dataVersion] : [])))];
  const title = versions.length
    ? {
        ...drawn,
        lines: [
          ...drawn.lines.slice(0, -2),
          versions.map((v) => chartLabels(locale).dataVersion(v)).join('、'),
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
    case 'docx': {
      const charts = docs.map((doc) => ({ doc, images: pagePngs(doc) }));
      return file(await docxBytes(charts, title, locale, windows.join('、')), DOCX_TYPE);
    }
    case 'zip': {
      const zip = new JSZip();
      docs.forEach((doc, i) =>
        pagePngs(doc).forEach((png, k, all) =>
          zip.file(`${String(i + 1).padStart(2, '0')}_${fileBase(doc)}${all.length > 1 ? `_${k + 1}` : ''}.png`, png),
        ),
      );
      return file(await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }), ZIP_TYPE);
    }
  }
}
