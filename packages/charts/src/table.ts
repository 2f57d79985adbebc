import { formatDelta, formatPercent, formatValue } from './format.ts';

/**
 * The data behind a chart as a table: what 查看数据表 shows and what XLSX/CSV hold (numbers as
 * numbers). Every kind builds its own in `<kind>/table.ts`; the files are written in @bixue/export.
 */
export interface TableData {
  columns: TableColumn[];
  rows: Record<string, string | number | null>[];
}

export interface TableColumn {
  key: string;
  label: string;
  /** numbers that are ratios: a share (71.4%) or a change (+12.5%, 同比/环比) */
  format?: 'percent' | 'change';
}

/** What a file of the table says about itself: the chart's title, its window and group, when. */
export interface TableMeta {
  title: string;
  context: string;
  /** "数据来源：…  导出时间：…" */
  sourceLine: string;
}

/**
 * A cell as people read it (查看数据表, the 通报's tables): counts with separators, fractions with
 * one decimal, ratios as %, nothing as –. The files for spreadsheets keep the numbers exact.
 */
export function displayCell(v: string | number | null | undefined, format?: TableColumn['format']): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'string') return v;
  if (format === 'percent') return formatPercent(v);
  if (format === 'change') return formatDelta(v);
  return formatValue(Math.round(v * 10) / 10);
}
