import { displayCell, joinSentences, type Locale } from '@bixue/charts';
import {
  AlignmentType,
  BorderStyle,
  Document,
  ImageRun,
  LineRuleType,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { type ChartDoc, slideContext, slidesOf } from './doc.ts';
import type { TitleSlide } from './pptx.ts';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A chart of the 通报 with its pages drawn as PNGs. */
export interface DocxChart {
  doc: ChartDoc;
  /** one PNG per page of the chart, 1280×720 (printed 16 cm wide) */
  images: Buffer[];
}

/** 通报 typesetting: 黑体 headings, 仿宋 body, the title in 小标宋 where Word has it. */
const FONTS = { title: '方正小标宋简体', heading: '黑体', body: '仿宋_GB2312', en: 'Calibri' };
/** A4 with 2.5 cm margins leaves 16 cm: the chart's width in pixels at 96 dpi. */
const IMAGE_WIDTH = 600;
/** the same 16 cm in twentieths of a point, which table columns are measured in */
const TEXT_WIDTH_TWIPS = 9071;
/** kinds whose table goes into the 通报 beside the chart: rankings and 序时进度, not 3,000 heatmap cells */
const TABLE_KINDS = new Set(['ranking', 'gaps']);
/** a ranking of 2,500 counties is a spreadsheet's job: the 通报 lists the first rows and says so */
const MAX_TABLE_ROWS = 40;

const WORDS = {
  'zh-CN': {
    intro: (w: string) => `现将${w}党建指标情况通报如下：`,
    more: (n: number) => `（表中列出前 ${MAX_TABLE_ROWS} 行，共 ${n} 行，完整数据见 Excel 下载。）`,
    numeral: (i: number) => `${chineseNumeral(i)}、`,
  },
  en: {
    intro: (w: string) => `This briefing reports the party-building indicators for ${w}:`,
    more: (n: number) => `(The first ${MAX_TABLE_ROWS} of ${n} rows; the Excel download holds them all.)`,
    numeral: (i: number) => `${i}. `,
  },
};

/** 1 → 一, 12 → 十二, 20 → 二十: the numbering of a 通报's sections. */
export function chineseNumeral(n: number): string {
  const d = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : d[tens]}十${d[n % 10]}`;
}

function run(text: string, locale: Locale, o: { font?: string; size?: number; bold?: boolean; color?: string } = {}) {
  const font = o.font ?? FONTS.body;
  return new TextRun({
    text,
    bold: o.bold,
    color: o.color,
    size: (o.size ?? 16) * 2,
    font: locale === 'en' ? FONTS.en : { ascii: FONTS.en, hAnsi: FONTS.en, eastAsia: font },
  });
}

/** How wide a text prints, in half-width characters: a Chinese character takes two. */
function printedWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return n;
}

/**
 * Columns as wide as what they hold, so a unit's name stays on one line and the rank takes little:
 * each column's share of the 16 cm follows its widest cell (headers may wrap, so they count half).
 */
function columnWidths(columns: readonly string[][]): number[] {
  // two more for the cell's margins, which Word takes out of the column
  const weights = columns.map(
    ([label, ...cells]) => 2 + Math.min(24, Math.max(4, printedWidth(label ?? '') / 2, ...cells.map(printedWidth))),
  );
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.floor((w / sum) * TEXT_WIDTH_TWIPS));
}

function dataTable(doc: ChartDoc, locale: Locale): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const cell = (text: string, header: boolean) =>
    new TableCell({
      borders,
      shading: header ? { type: ShadingType.CLEAR, fill: 'F2F3F5', color: 'auto' } : undefined,
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, locale, { size: 10.5, bold: header })] }),
      ],
    });
  // numbers at the precision the screen shows them (a score 101.2, not 101.1948)
  const rows = doc.table.rows
    .slice(0, MAX_TABLE_ROWS)
    .map((r) => doc.table.columns.map((c) => displayCell(r[c.key], c.format)));
  const widths = columnWidths(doc.table.columns.map((c, i) => [c.label, ...rows.map((r) => r[i]!)]));
  return new Table({
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: doc.table.columns.map((c) => cell(c.label, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((text) => cell(text, false)) })),
    ],
  });
}

/**
 * A Word 通报: the heading and who issued it, an opening line, then per chart a numbered section
 * (黑体) with the commentary (仿宋), the chart as images and — for rankings and 序时进度 — its
 * table, each with its source line.
 */
export async function docxBytes(
  charts: readonly DocxChart[],
  title: TitleSlide,
  locale: Locale,
  windows: string,
): Promise<Buffer> {
  const w = WORDS[locale];
  const para = (
    children: (TextRun | ImageRun)[],
    o: { center?: boolean; indent?: boolean; after?: number; keepNext?: boolean } = {},
  ) =>
    new Paragraph({
      children,
      keepNext: o.keepNext,
      alignment: o.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
      indent: o.indent ? { firstLine: 640 } : undefined,
      // 1.5 lines of text; a picture's paragraph takes its own height (LibreOffice clipped a chart
      // to one line of 1.5 spacing and showed only its axis)
      spacing: children.some((c) => c instanceof ImageRun)
        ? { after: o.after ?? 120 }
        : { after: o.after ?? 120, line: 360, lineRule: LineRuleType.AUTO },
    });
  const body: (Paragraph | Table)[] = [
    para([run(title.title, locale, { font: FONTS.title, size: 22, bold: true })], { center: true, after: 240 }),
    para([run(title.lines.join('　'), locale, { size: 12, color: '646A73' })], { center: true, after: 360 }),
    para([run(w.intro(windows), locale)], { indent: true }),
  ];
  charts.forEach(({ doc, images }, i) => {
    // a section's heading, context and commentary go to the page of its chart: a heading alone at
    // the foot of a page, its chart on the next, is what a 通报 must not look like
    body.push(
      para([run(`${w.numeral(i + 1)}${doc.title}`, locale, { font: FONTS.heading })], { after: 120, keepNext: true }),
    );
    body.push(para([run(doc.context, locale, { size: 12, color: '646A73' })], { keepNext: true }));
    if (doc.commentary.length)
      body.push(para([run(joinSentences(doc.commentary), locale)], { indent: true, keepNext: true }));
    slidesOf(doc).forEach((slide, k) =>
      body.push(
        para(
          [
            new ImageRun({
              type: 'png',
              data: images[k]!,
              transformation: { width: IMAGE_WIDTH, height: (IMAGE_WIDTH * 9) / 16 },
              altText: { name: doc.title, title: doc.title, description: slideContext(slide) },
            }),
          ],
          { center: true },
        ),
      ),
    );
    if (TABLE_KINDS.has(doc.kind)) {
      body.push(dataTable(doc, locale));
      if (doc.table.rows.length > MAX_TABLE_ROWS)
        body.push(para([run(w.more(doc.table.rows.length), locale, { size: 10.5 })]));
    }
    body.push(para([run(doc.sourceLine, locale, { size: 9, color: '646A73' })], { after: 240 }));
  });
  const file = new Document({
    creator: 'bixue 比学赶超',
    title: title.title,
    sections: [
      {
        properties: { page: { margin: { top: '2.5cm', bottom: '2.5cm', left: '2.5cm', right: '2.5cm' } } },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(file);
}
