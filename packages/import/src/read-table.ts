import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { formatMb, IMPORT_LIMITS } from './limits.ts';
import { type ImportProblem, ImportFileError } from './problems.ts';
import type { CellValue, SheetTable, TableRow } from './table.ts';
import { assertSafeZip } from './zip-guard.ts';

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Buffer) => b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/**
 * Reads the first sheet of an XLSX, or a CSV, into a header and rows. The format is told by the
 * bytes, not the name: a renamed file still gets the right reader or a clear refusal.
 */
export async function readTable(bytes: Buffer, fileName: string, limits = IMPORT_LIMITS): Promise<SheetTable> {
  if (bytes.length > limits.maxFileBytes)
    throw new ImportFileError(
      'file_too_large',
      `文件 ${fileName} 大小 ${formatMb(bytes.length)}，超过上限 ${formatMb(limits.maxFileBytes)}`,
    );
  if (bytes.length === 0) throw new ImportFileError('empty_file', `文件 ${fileName} 是空的`);
  if (isOle(bytes))
    throw new ImportFileError('legacy_xls', `${fileName} 是旧版 .xls 格式，请在 Excel/WPS 中另存为 .xlsx 后再上传`);
  if (/\.xlsx$/i.test(fileName) && !isZip(bytes))
    throw new ImportFileError('not_a_spreadsheet', `${fileName} 不是有效的 XLSX 文件`);
  const table = isZip(bytes) ? await readXlsx(bytes, fileName, limits) : readCsv(bytes, fileName, limits);
  // a header and nothing under it is not an import that went well with nothing to do
  if (!table.problems.length && table.rows.every((r) => r.cells.every((c) => c === null)))
    throw new ImportFileError('empty_file', `${fileName} 只有表头，没有数据行`);
  return table;
}

function decodeText(bytes: Buffer, fileName: string): string {
  if (bytes.subarray(0, 8192).includes(0))
    throw new ImportFileError('not_a_spreadsheet', `${fileName} 不是表格文件（应为 .xlsx 或 UTF-8/GBK 编码的 .csv）`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    // Excel and WPS on Chinese Windows save CSV as GBK
    return new TextDecoder('gbk').decode(bytes);
  }
}

function readCsv(bytes: Buffer, fileName: string, limits: typeof IMPORT_LIMITS): SheetTable {
  const text = decodeText(bytes, fileName);
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true });
  } catch (e) {
    throw new ImportFileError('not_a_spreadsheet', `${fileName} 不是有效的 CSV 文件（${(e as Error).message}）`);
  }
  // Excel shows each record as one row, so the record index is the row number
  while (records.length && records.at(-1)!.every((c) => c.trim() === '')) records.pop();
  if (!records.length) throw new ImportFileError('empty_file', `文件 ${fileName} 没有任何内容`);
  if (records.length - 1 > limits.maxRows) throw tooManyRows(fileName, records.length - 1, limits);
  const header = records[0]!.map((h) => h.trim());
  const rows: TableRow[] = records
    .slice(1)
    .map((cells, i) => ({ row: i + 2, cells: cells.map((c) => (c.trim() === '' ? null : c.trim())) }));
  return { format: 'csv', header, rows, problems: [] };
}

const tooManyRows = (fileName: string, n: number, limits: typeof IMPORT_LIMITS) =>
  new ImportFileError('too_many_rows', `${fileName} 有 ${n} 行数据，超过单次导入上限 ${limits.maxRows} 行，请分批导入`);

async function readXlsx(bytes: Buffer, fileName: string, limits: typeof IMPORT_LIMITS): Promise<SheetTable> {
  await assertSafeZip(bytes, limits);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new ImportFileError('not_a_spreadsheet', `${fileName} 不是有效的 XLSX 文件（${(e as Error).message}）`);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new ImportFileError('not_a_spreadsheet', `${fileName} 不是有效的 XLSX 文件（没有工作表）`);
  if (ws.actualRowCount === 0) throw new ImportFileError('empty_file', `${fileName} 的第一个工作表是空的`);
  if (ws.rowCount - 1 > limits.maxRows) throw tooManyRows(fileName, ws.rowCount - 1, limits);

  const problems: ImportProblem[] = [];
  const headerRow = ws.getRow(1);
  const width = Math.max(headerRow.cellCount, 0);
  const header: string[] = [];
  for (let c = 1; c <= width; c++) header.push(cellText(headerRow.getCell(c)));
  while (header.length && header.at(-1) === '') header.pop();
  const columnName = (c: number) => header[c - 1] || columnLetter(c);

  // merged ranges: a merged cell has one value for several rows or columns, which a fact table cannot mean
  const merges = (ws.model as { merges?: string[] }).merges ?? [];
  for (const range of merges) {
    const master = ws.getCell(range.split(':')[0]!);
    problems.push({
      row: Number(master.row),
      column: columnName(Number(master.col)),
      code: 'merged_cells',
      message: `${range} 是合并单元格；导入文件不能含合并单元格，请取消合并并在每个单元格填写数据`,
    });
  }

  const rows: TableRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: CellValue[] = [];
    for (let c = 1; c <= header.length; c++) {
      const cell = r.getCell(c);
      if (cell.type === ExcelJS.ValueType.Formula) {
        // a formula's cached result may be stale or absent; we import what the user typed, never what a formula said
        problems.push({
          row: rowNumber,
          column: columnName(c),
          code: 'formula',
          message: `${cell.address} 是公式（=${cell.formula ?? ''}）；请复制后“选择性粘贴 → 数值”再导入`,
        });
        cells.push(null);
        continue;
      }
      cells.push(cellValue(cell));
    }
    rows.push({ row: rowNumber, cells });
  });
  return { format: 'xlsx', header, rows, problems };
}

function cellValue(cell: ExcelJS.Cell): CellValue {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  const text = cellText(cell);
  return text === '' ? null : text;
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v).trim();
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v)
    return v.richText
      .map((t) => t.text)
      .join('')
      .trim();
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  if (typeof v === 'object' && 'error' in v) return String(v.error);
  return String(cell.text ?? '').trim();
}

export function columnLetter(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
