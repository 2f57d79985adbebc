import { BRAND } from '@bixue/charts';
import PptxGenJS from 'pptxgenjs';
import { type ChartDoc, type NativeChart, slideContext } from './doc.ts';
import { DESIGN } from './svg.ts';
import { toCsv } from './table.ts';

export const PPTX_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

/** PowerPoint's 16:9 slide is 13.333 in wide: the 1280×720 design grid in inches. */
const SLIDE_INCHES = 13.333;
const inch = (u: number) => (u * SLIDE_INCHES) / DESIGN.width;
/** what an office PC in China has; Noto Sans SC is for the images the server draws */
const FONT = 'Microsoft YaHei';
const hex = (c: string) => c.replace('#', '').toUpperCase();
const AREA = { x: inch(40), y: inch(108), w: inch(1200), h: inch(566) };

function addNative(pptx: PptxGenJS, slide: PptxGenJS.Slide, native: NativeChart): void {
  if (native.type === 'table') {
    const rows = native.rows.length + 1;
    const rowH = Math.min(0.32, AREA.h / rows);
    const fontSize = Math.max(5, Math.min(11, Math.floor(rowH * 72 * 0.5)));
    const cell = (text: string, o: PptxGenJS.TableCellProps = {}): PptxGenJS.TableCell => ({
      text,
      options: { fontFace: FONT, fontSize, ...o },
    });
    slide.addTable(
      [
        native.header.map((h) => cell(h, { bold: true, fill: { color: 'F2F3F5' } })),
        ...native.rows.map((r) =>
          r.map((c) =>
            cell(c.text, {
              align: 'center',
              ...(c.fill ? { fill: { color: hex(c.fill) } } : {}),
              ...(c.color ? { color: hex(c.color) } : {}),
            }),
          ),
        ),
      ],
      { ...AREA, rowH, border: { type: 'solid', pt: 0.5, color: 'FFFFFF' }, valign: 'middle' },
    );
    return;
  }
  // a horizontal bar chart draws its first category at the bottom: reverse, best on top
  const order = <T>(xs: readonly T[]) => (native.horizontal ? [...xs].reverse() : [...xs]);
  const data = native.series.map((s) => ({
    name: s.name,
    labels: order(native.categories),
    values: order(s.values) as number[],
  }));
  const line = native.type === 'line';
  slide.addChart(line ? pptx.ChartType.line : pptx.ChartType.bar, data, {
    ...AREA,
    barDir: native.horizontal ? 'bar' : 'col',
    chartColors: native.series.map((s) => hex(s.color)),
    showLegend: native.series.length > 1,
    legendPos: 't',
    legendFontFace: FONT,
    legendFontSize: 11,
    catAxisLabelFontFace: FONT,
    catAxisLabelFontSize: native.categories.length > 30 ? 7 : 10,
    valAxisLabelFontFace: FONT,
    valAxisLabelFontSize: 10,
    showValAxisTitle: !!native.valueTitle,
    valAxisTitle: native.valueTitle,
    valAxisTitleFontFace: FONT,
    valAxisTitleFontSize: 10,
    showValue: !line && native.series.length === 1 && native.categories.length <= 30,
    dataLabelFontFace: FONT,
    dataLabelFontSize: 9,
    dataLabelFormatCode: '#,##0.#',
    displayBlanksAs: 'gap',
    ...(line ? { lineSize: 2, lineDataSymbol: 'circle' as const, lineDataSymbolSize: 6 } : { barGapWidthPct: 40 }),
  });
}

/**
 * A deck with one slide per chart: title, window and peer group, the chart as a native,
 * editable PowerPoint chart (heatmaps as a coloured table) with its data in the chart's own
 * workbook, the source line, and the data table in the speaker notes.
 */
export async function pptxBytes(docs: readonly ChartDoc[]): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.author = 'bixue 比学赶超';
  pptx.title = docs.map((d) => d.title).join('、');
  for (const doc of docs) {
    const slide = pptx.addSlide();
    slide.background = { color: 'FFFFFF' };
    slide.addShape(pptx.ShapeType.rect, {
      x: inch(40),
      y: inch(30),
      w: inch(6),
      h: inch(32),
      fill: { color: hex(BRAND) },
      line: { color: hex(BRAND) },
    });
    slide.addText(doc.title, {
      x: inch(52),
      y: inch(24),
      w: inch(1188),
      h: inch(44),
      fontFace: FONT,
      fontSize: 24,
      bold: true,
      color: '1F2329',
      margin: 0,
    });
    slide.addText(slideContext(doc), {
      x: inch(52),
      y: inch(70),
      w: inch(1188),
      h: inch(26),
      fontFace: FONT,
      fontSize: 13,
      color: '646A73',
      margin: 0,
    });
    addNative(pptx, slide, doc.native);
    slide.addText(doc.sourceLine, {
      x: inch(40),
      y: inch(690),
      w: inch(1200),
      h: inch(22),
      fontFace: FONT,
      fontSize: 9,
      color: '646A73',
      margin: 0,
    });
    slide.addNotes(
      `${doc.title}\n${slideContext(doc)}\n${doc.sourceLine}\n\n${toCsv(doc.table).replace(/^\uFEFF/, '')}`,
    );
  }
  return (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
}
