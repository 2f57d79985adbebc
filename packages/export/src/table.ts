/**
 * The data behind a chart as a table, and its CSV. Shared by the web app's card downloads and the
 * server's exports, so both files look alike; free of Node and of exceljs (see xlsx.ts), so the
 * web app can load it with every card.
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

/** Files carry numbers to four decimals: exact enough to recompute, free of float noise. */
export function fileNumber(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

function csvCell(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : typeof v === 'number' ? String(fileNumber(v)) : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with BOM so Excel and WPS open the Chinese headers correctly. */
export function toCsv(t: TableData): string {
  const lines = [
    t.columns.map((c) => csvCell(c.label)).join(','),
    ...t.rows.map((r) => t.columns.map((c) => csvCell(r[c.key])).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
