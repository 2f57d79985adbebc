/**
 * A chart's table (built by its kind in @bixue/charts) as CSV; free of Node and of exceljs (see
 * xlsx.ts), so the web app can load it with every card.
 */
import type { TableData } from '@bixue/charts';
import { spreadsheetText } from '@bixue/domain';

export type { TableColumn, TableData, TableMeta } from '@bixue/charts';

/** Files carry numbers to four decimals: exact enough to recompute, free of float noise. */
export function fileNumber(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

function csvCell(v: string | number | null | undefined): string {
  // text that could be read as a formula is written as text (a unit named "=HYPERLINK(…)")
  const s = v === null || v === undefined ? '' : typeof v === 'number' ? String(fileNumber(v)) : spreadsheetText(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * UTF-8 with BOM so Excel and WPS open the Chinese headers correctly. The header stays the first
 * row (what a script reading the file keys on); the XLSX's source line — data version, as-of month,
 * 含未审核数据 — goes under the table after an empty row, as a statistical table's 数据来源 does.
 */
export function toCsv(t: TableData, sourceLine?: string): string {
  const lines = [
    t.columns.map((c) => csvCell(c.label)).join(','),
    ...t.rows.map((r) => t.columns.map((c) => csvCell(r[c.key])).join(',')),
    ...(sourceLine ? ['', csvCell(sourceLine)] : []),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
