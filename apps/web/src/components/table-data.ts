import { formatDelta, formatPercent, formatValue } from '@bixue/charts';

/**
 * The data behind a card, as a table: shown in 查看数据表, downloaded as Excel or CSV. Numbers
 * stay numbers (Excel can sum them); the dialog formats them, the files keep them exact.
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

/** What a file of the table says about itself: the card's title, its window and group, when. */
export interface TableMeta {
  title: string;
  context: string;
  /** "数据来源：…  导出时间：…" */
  sourceLine: string;
}

/** A cell as the dialog shows it: counts with separators, fractions with one decimal, ratios as %, nothing as –. */
export function displayCell(v: string | number | null | undefined, format?: TableColumn['format']): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'string') return v;
  if (format === 'percent') return formatPercent(v);
  if (format === 'change') return formatDelta(v);
  return formatValue(Math.round(v * 10) / 10);
}

/** Files carry numbers to four decimals: exact enough to recompute, free of float noise. */
export function fileNumber(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

function csvCell(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : typeof v === 'number' ? String(fileNumber(v)) : v;
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with BOM so Excel and WPS open the Chinese headers correctly. */
export function toCsv(t: TableData): string {
  const lines = [t.columns.map((c) => csvCell(c.label)).join(','), ...t.rows.map((r) => t.columns.map((c) => csvCell(r[c.key])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function download(name: string, href: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  download(name, url);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadText(name: string, text: string, type: string): void {
  downloadBlob(name, new Blob([text], { type }));
}
