/**
 * A table as a real .xlsx: title (row 1), window and group (row 2), source and export time (row 3),
 * header (row 5), numbers as numbers. Works in the browser and in Node (exceljs either way).
 */
import { spreadsheetText } from '@bixue/domain';
import ExcelJS from 'exceljs';
import { fileNumber, type TableData, type TableMeta } from './table.ts';

export const XLSX_HEADER_ROW = 5;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Display width of a text in Excel's character units: CJK characters take two. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFEF]/u.test(ch) ? 2 : 1;
  return w;
}

export async function xlsxBytes(t: TableData, meta: TableMeta): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'bixue 比学赶超';
  wb.created = new Date();
  // sheet names: at most 31 characters, none of : \ / ? * [ ]
  const ws = wb.addWorksheet(meta.title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1', {
    views: [{ state: 'frozen', ySplit: XLSX_HEADER_ROW }],
  });
  // every text passes spreadsheetText: a name like "=HYPERLINK(…)" stays text when the cell is edited
  ws.getCell(1, 1).value = spreadsheetText(meta.title);
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).value = spreadsheetText(meta.context);
  ws.getCell(3, 1).value = spreadsheetText(meta.sourceLine);
  ws.getCell(3, 1).font = { color: { argb: 'FF646A73' }, size: 9 };

  const header = ws.getRow(XLSX_HEADER_ROW);
  t.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = spreadsheetText(c.label);
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F3F5' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FFC0C4CC' } } };
  });
  t.rows.forEach((r, k) => {
    const row = ws.getRow(XLSX_HEADER_ROW + 1 + k);
    t.columns.forEach((c, i) => {
      const v = r[c.key];
      if (v === null || v === undefined || v === '') return;
      const cell = row.getCell(i + 1);
      if (typeof v === 'number') {
        cell.value = fileNumber(v);
        cell.numFmt =
          c.format === 'percent'
            ? '0.0%'
            : c.format === 'change'
              ? '+0.0%;-0.0%;0.0%'
              : Number.isInteger(v)
                ? '#,##0'
                : '#,##0.0';
      } else cell.value = spreadsheetText(v);
    });
  });
  ws.autoFilter = {
    from: { row: XLSX_HEADER_ROW, column: 1 },
    to: { row: XLSX_HEADER_ROW + t.rows.length, column: t.columns.length },
  };
  t.columns.forEach((c, i) => {
    const widest = Math.max(textWidth(c.label), ...t.rows.map((r) => textWidth(String(r[c.key] ?? ''))));
    ws.getColumn(i + 1).width = Math.min(60, Math.max(8, widest + 2));
  });
  return wb.xlsx.writeBuffer();
}
