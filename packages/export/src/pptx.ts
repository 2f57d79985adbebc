import { BRAND, joinSentences } from '@bixue/charts';
import PptxGenJS from 'pptxgenjs';
import { type LegendItem, type NativeChart, type NativeSeries, type Slide, slideContext } from './doc.ts';
import { DESIGN } from './svg.ts';
import { CELL_MARGIN, fitTable } from './table-fit.ts';
import { toCsv } from './table.ts';

export const PPTX_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

/** PowerPoint's 16:9 slide is 13.333 in wide: the 1280×720 design grid in inches. */
const SLIDE_INCHES = 13.333;
const inch = (u: number) => (u * SLIDE_INCHES) / DESIGN.width;
/** what an office PC in China has; Noto Sans SC is for the images the server draws */
const FONT = 'Microsoft YaHei';
const hex = (c: string) => c.replace('#', '').toUpperCase();
const AREA = { x: inch(40), y: inch(108), w: inch(1200), h: inch(566) };
/** the commentary's box under the chart; the chart gives up this much of its height */
const COMMENTARY_H = inch(92);
const text = (o: PptxGenJS.TextPropsOptions): PptxGenJS.TextPropsOptions => ({ fontFace: FONT, margin: 0, ...o });

/** What the deck's first slide says: the briefing's name and what it was drawn from. */
export interface TitleSlide {
  title: string;
  /** province, window, data as of, data version, when it was made */
  lines: string[];
}

/**
 * Type that lets every category label of a horizontal bar chart fit its bar's height. LibreOffice
 * hides every other label once two would overlap (it ignores tickLblSkip), and it measures them
 * with Noto Sans CJK's tall lines (about 1.45 em) in place of Microsoft YaHei: a label needs about
 * 1.75 times its size of bar height. About 0.65 in of the chart go to the axis and its title.
 */
function categoryFontSize(n: number, heightInches: number): number {
  const slotPt = ((heightInches - 0.65) * 72) / Math.max(1, n);
  return Math.max(6, Math.min(10, Math.floor(slotPt / 1.75)));
}

/** Under columns the labels run across the slide's width, which PowerPoint and LibreOffice tilt when crowded. */
function columnLabelFontSize(n: number): number {
  return n <= 12 ? 10 : n <= 20 ? 9 : n <= 30 ? 8 : 7;
}

function addNative(pptx: PptxGenJS, slide: PptxGenJS.Slide, native: NativeChart, area: typeof AREA): void {
  if (native.type === 'table') {
    const keyH = native.legend ? addKey(slide, native.legend, area) : 0;
    const { fontSize, colW, rowH } = fitTable(
      native.header,
      native.rows.map((r) => r.map((c) => c.text)),
      { w: area.w, h: area.h - keyH },
    );
    const cell = (text: string, o: PptxGenJS.TableCellProps = {}): PptxGenJS.TableCell => ({
      text,
      options: { fontFace: FONT, fontSize, margin: CELL_MARGIN, ...o },
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
      {
        x: area.x,
        y: area.y + keyH,
        colW,
        rowH,
        border: { type: 'solid', pt: 0.5, color: 'FFFFFF' },
        valign: 'middle',
      },
    );
    return;
  }
  if (native.type === 'grid') {
    addGrid(pptx, slide, native, area);
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
  const options: PptxGenJS.IChartOpts = {
    ...area,
    barDir: native.horizontal ? 'bar' : 'col',
    ...(native.stacked ? { barGrouping: 'stacked' as const } : {}),
    // bars start at zero, as on screen: an axis from 75 makes 86 look like half of 101
    ...(native.valueMax === undefined
      ? !line && native.series.every((s) => s.values.every((v) => v === null || v >= 0))
        ? { valAxisMinVal: 0 }
        : {}
      : { valAxisMinVal: 0, valAxisMaxVal: native.valueMax }),
    chartColors: native.series.map((s) => hex(s.color)),
    showLegend: native.series.length > 1,
    legendPos: 't',
    legendFontFace: FONT,
    legendFontSize: 11,
    catAxisLabelFontFace: FONT,
    // every category named (PowerPoint skips labels it thinks crowded): smaller type instead
    catAxisLabelFrequency: '1',
    catAxisLabelFontSize: native.horizontal
      ? categoryFontSize(native.categories.length, area.h)
      : columnLabelFontSize(native.categories.length),
    valAxisLabelFontFace: FONT,
    valAxisLabelFontSize: 10,
    showValAxisTitle: !!native.valueTitle,
    valAxisTitle: native.valueTitle,
    valAxisTitleFontFace: FONT,
    valAxisTitleFontSize: 10,
    showValue: !line && (native.series.length === 1 || !!native.stacked) && native.categories.length <= 30,
    dataLabelFontFace: FONT,
    dataLabelFontSize: 9,
    dataLabelFormatCode: (!line && native.labelFormat) || '#,##0.#',
    ...(!line && native.negativeColor
      ? // names at the axis' low end, not on the zero line the falls cross
        { invertedColors: [hex(native.negativeColor)], catAxisLabelPos: 'low' as const }
      : {}),
    displayBlanksAs: 'gap',
    ...(line ? { lineSize: 2, lineDataSymbol: 'circle' as const, lineDataSymbolSize: 6 } : { barGapWidthPct: 40 }),
  };
  if (line) addLines(slide, lineTypes(pptx, native.series, data), options);
  else slide.addChart(pptx.ChartType.bar, data, options);
}

/**
 * A native line chart whose dashed series (median, target) stay dashed: pptxgenjs dashes all the
 * lines of a chart or none, so each series is a line chart of its own in one plot area, with its
 * own colour and dash; PowerPoint still shows one chart, one legend and one data sheet.
 */
function lineTypes(
  pptx: PptxGenJS,
  series: readonly NativeSeries[],
  data: { name: string; labels: string[]; values: number[] }[],
): PptxGenJS.IChartMulti[] {
  return series.map((s, i) => ({
    type: pptx.ChartType.line,
    data: [data[i]!],
    options: { chartColors: [hex(s.color)], lineDash: s.dashed ? 'dash' : 'solid' },
  }));
}

/** pptxgenjs takes a chart of several types as (types, options): its second argument is the options. */
function addLines(slide: PptxGenJS.Slide, types: PptxGenJS.IChartMulti[], options: PptxGenJS.IChartOpts): void {
  slide.addChart(types, options as unknown as unknown[]);
}

/** A line of coloured squares and their labels at the top of the area; returns the height it takes. */
function addKey(slide: PptxGenJS.Slide, items: readonly LegendItem[], area: typeof AREA): number {
  const keyH = inch(22);
  slide.addText(
    items.flatMap((k) => [
      { text: '■ ', options: { color: hex(k.color) } },
      { text: `${k.label}    `, options: { color: '646A73' } },
    ]),
    text({ x: area.x, y: area.y, w: area.w, h: keyH, fontSize: 10 }),
  );
  return keyH;
}

/** The small multiples: a key line, then a grid of small native line charts, each headed by its indicator. */
function addGrid(
  pptx: PptxGenJS,
  slide: PptxGenJS.Slide,
  native: Extract<NativeChart, { type: 'grid' }>,
  area: typeof AREA,
): void {
  const keyH = addKey(slide, native.legend, area);
  const cols = native.columns;
  const rows = Math.max(1, Math.ceil(native.charts.length / cols));
  const cellW = area.w / cols;
  const cellH = (area.h - keyH) / rows;
  const headH = inch(30);
  native.charts.forEach((c, k) => {
    const x = area.x + (k % cols) * cellW;
    const y = area.y + keyH + Math.floor(k / cols) * cellH;
    slide.addText(
      [
        { text: c.title, options: { bold: true, color: '1F2329', breakLine: true } },
        { text: c.subtitle, options: { color: '646A73' } },
      ],
      text({ x, y, w: cellW - inch(8), h: headH, fontSize: 8, valign: 'top' }),
    );
    const data = c.series.map((s) => ({ name: s.name, labels: c.categories, values: s.values as number[] }));
    addLines(slide, lineTypes(pptx, c.series, data), {
      x,
      y: y + headH,
      w: cellW - inch(8),
      h: cellH - headH - inch(4),
      chartColors: c.series.map((s) => hex(s.color)),
      showLegend: false,
      catAxisLabelFontFace: FONT,
      catAxisLabelFontSize: 6,
      valAxisLabelFontFace: FONT,
      valAxisLabelFontSize: 7,
      valAxisMinVal: 0,
      displayBlanksAs: 'gap',
      lineSize: 1.5,
      lineDataSymbol: 'circle',
      lineDataSymbolSize: 4,
    });
  });
}

function addTitleSlide(pptx: PptxGenJS, t: TitleSlide): void {
  const slide = pptx.addSlide();
  slide.background = { color: 'FFFFFF' };
  slide.addShape(pptx.ShapeType.rect, {
    x: 0,
    y: 0,
    w: SLIDE_INCHES,
    h: inch(12),
    fill: { color: hex(BRAND) },
    line: { color: hex(BRAND) },
  });
  slide.addText(
    t.title,
    text({ x: inch(80), y: inch(220), w: inch(1120), h: inch(90), fontSize: 36, bold: true, color: '1F2329' }),
  );
  slide.addText(
    t.lines.map((l) => ({ text: l, options: { breakLine: true } })),
    text({
      x: inch(80),
      y: inch(330),
      w: inch(1120),
      h: inch(200),
      fontSize: 16,
      color: '646A73',
      valign: 'top',
      paraSpaceAfter: 6,
    }),
  );
  slide.addNotes([t.title, ...t.lines].join('\n'));
}

/**
 * A deck with one slide per chart page, after an optional title slide: title, window and peer
 * group, the chart as a native, editable PowerPoint chart (heatmaps and tables as coloured
 * tables) with its data in the chart's own workbook, the commentary in a box under it, the source
 * line, and the words and the data table in the speaker notes.
 */
export async function pptxBytes(slides: readonly Slide[], title?: TitleSlide): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.author = 'bixue 比学赶超';
  pptx.title = title?.title ?? [...new Set(slides.map((d) => d.title))].join('、');
  if (title) addTitleSlide(pptx, title);
  for (const doc of slides) {
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
    slide.addText(
      doc.title,
      text({ x: inch(52), y: inch(24), w: inch(1188), h: inch(44), fontSize: 24, bold: true, color: '1F2329' }),
    );
    slide.addText(
      slideContext(doc),
      text({ x: inch(52), y: inch(70), w: inch(1188), h: inch(26), fontSize: 13, color: '646A73' }),
    );
    const said = doc.commentary.length > 0;
    addNative(pptx, slide, doc.native, said ? { ...AREA, h: AREA.h - COMMENTARY_H } : AREA);
    if (said)
      slide.addText(
        joinSentences(doc.commentary),
        text({
          x: AREA.x,
          y: AREA.y + AREA.h - COMMENTARY_H + inch(8),
          w: AREA.w,
          h: COMMENTARY_H - inch(8),
          fontSize: 13,
          color: '1F2329',
          fill: { color: 'F5F7FA' },
          margin: 8,
          valign: 'middle',
          lineSpacingMultiple: 1.15,
        }),
      );
    slide.addText(
      doc.sourceLine,
      text({ x: inch(40), y: inch(690), w: inch(1200), h: inch(22), fontSize: 9, color: '646A73' }),
    );
    slide.addNotes(
      [
        doc.title,
        slideContext(doc),
        joinSentences(doc.commentary),
        doc.sourceLine,
        '',
        toCsv(doc.table).replace(/^\uFEFF/, ''),
      ].join('\n'),
    );
  }
  return (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
}
