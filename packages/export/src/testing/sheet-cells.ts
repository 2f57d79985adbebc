/** What tests read back from a written XLSX: the first sheet's cells, the export time apart. */
import ExcelJS from 'exceljs';

/** every cell of the first sheet, row by row; the source line (row 3) apart, as it carries the export time */
export async function sheetCells(bytes: Buffer): Promise<{ source: string; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) if (r !== 3) rows.push((ws.getRow(r).values as unknown[]).slice(1));
  return { source: ws.getCell(3, 1).text, rows };
}
