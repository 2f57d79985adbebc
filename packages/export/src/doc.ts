import type { EChartsOption } from 'echarts';
import type { ChartKind } from './request.ts';
import type { TableData } from './table.ts';

/** What a chart was drawn from: the analytics answer's as-of fields. */
export interface DrawnFrom {
  asOf: string;
  clipped: boolean;
  dataVersion: number;
  unapproved: boolean;
}

/** A key the frame draws beside the context line, for charts whose builder has no legend. */
export interface LegendItem {
  label: string;
  color: string;
  hatched?: boolean;
}

export interface NativeSeries {
  name: string;
  values: (number | null)[];
  color: string;
  dashed?: boolean;
}

export interface NativeCell {
  text: string;
  fill?: string;
  color?: string;
}

/** The chart as PowerPoint draws it natively: a bar or line chart with its data, or a coloured table. */
export type NativeChart =
  | {
      type: 'bar' | 'line';
      categories: string[];
      series: NativeSeries[];
      valueTitle: string;
      horizontal: boolean;
      /** bars of the series stacked (status counts) */
      stacked?: boolean;
      /** where the value axis ends (the benchmark's capped relative axis); else PowerPoint's choice */
      valueMax?: number;
      /** bars below zero in this colour (a single series: the movers' falls), the category names then kept outside the bars */
      negativeColor?: string;
      /** the data labels' number format, when not the plain number ('"↑"0;"↓"0') */
      labelFormat?: string;
    }
  | {
      type: 'table';
      header: string[];
      rows: NativeCell[][];
      /** a key above the table, for cells that show an icon without its word */
      legend?: LegendItem[];
    }
  | {
      /** small line charts side by side (the small multiples), each headed, one key for all */
      type: 'grid';
      columns: number;
      legend: LegendItem[];
      charts: { title: string; subtitle: string; categories: string[]; series: NativeSeries[] }[];
    };

/** What one slide draws: a chart too dense for one slide (a benchmark) has several. */
export interface SlidePage {
  option: EChartsOption;
  legend: LegendItem[];
  native: NativeChart;
  /** what part the slide draws ("第 26–50 位，共 93 个单位", "组织生活、学习培训"); the table holds all */
  pageNote?: string;
}

/**
 * One chart, ready for every format: the ECharts option for SVG/PNG, the table for XLSX/CSV
 * (numbers as numbers), the native chart for PPTX, the commentary, and the words every file carries.
 */
export interface ChartDoc {
  kind: ChartKind;
  title: string;
  /** the window and peer group: "2026年上半年 · 全省县局", "2026年（数据截至2026年6月） · 全省县局" */
  context: string;
  /**
   * the months the chart judged: the as-of month in effect and whether it clipped the window; the
   * data version it was drawn from and whether drafts were counted (含未审核数据)
   */
  judged: DrawnFrom | null;
  /** "数据来源：bixue 比学赶超 · 导出时间：…" */
  sourceLine: string;
  pages: SlidePage[];
  table: TableData;
  /** sentences written from the numbers by the kind's rules (never invented) */
  commentary: string[];
}

/** One slide of a chart: its words and one of its pages. */
export type Slide = Pick<ChartDoc, 'kind' | 'title' | 'context' | 'sourceLine' | 'table' | 'commentary'> & SlidePage;

export function slidesOf(doc: ChartDoc): Slide[] {
  const { pages, ...words } = doc;
  // the commentary speaks of the whole chart: said once, on its first page
  return pages.map((p, i) => ({ ...words, ...p, commentary: i === 0 ? words.commentary : [] }));
}

/** The web app's file names: title and context, with what file systems dislike turned into _. */
export function fileBase(doc: Pick<ChartDoc, 'title' | 'context'>): string {
  return [doc.title, doc.context]
    .filter(Boolean)
    .join('_')
    .replace(/[\\/:*?"<>|\s·]+/g, '_');
}

/** The context line of a slide: the table's context and, for one page of a long list, which page. */
export function slideContext(doc: Pick<Slide, 'context' | 'pageNote'>): string {
  return [doc.context, doc.pageNote].filter(Boolean).join(' · ');
}
