/** What tests read back from a written chart XLSX, by the places the file puts them. */
import ExcelJS from 'exceljs';

/** the first sheet's title, context and source (rows 1–3), header (row 5) and the rows under it, as cell values */
export async function readXlsx(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const values = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
  const rows: unknown[][] = [];
  for (let r = 6; r <= ws.rowCount; r++) rows.push(values(r));
  return {
    title: ws.getCell(1, 1).value,
    context: ws.getCell(2, 1).value,
    source: ws.getCell(3, 1).value,
    header: values(5),
    rows,
  };
}
