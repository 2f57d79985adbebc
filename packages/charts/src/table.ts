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
