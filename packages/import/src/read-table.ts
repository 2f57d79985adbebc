import { parse } from 'csv-parse/sync';
import { csvErrorText } from './csv-error.ts';
import { formatMb, IMPORT_LIMITS, type ImportLimits } from './limits.ts';
import { ImportFileError, problemCollector, type ReadCancel, tooManyColumns } from './problems.ts';
import { readXlsx } from './read-xlsx.ts';
import { cellTooLong, columnLetter, type SheetTable, type TableRow } from './table.ts';

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Buffer) => b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/**
 * Reads the first sheet of an XLSX, or a CSV, into a header and rows. The format is told by the
 * bytes, not the name: a renamed file still gets the right reader or a clear refusal.
 */
export async function readTable(
  bytes: Buffer,
  fileName: string,
  limits: ImportLimits = IMPORT_LIMITS,
  cancel?: ReadCancel,
): Promise<SheetTable> {
  if (bytes.length > limits.maxFileBytes)
    throw new ImportFileError(
      'file_too_large',
      `文件 ${fileName} 大小 ${formatMb(bytes.length)}，超过上限 ${formatMb(limits.maxFileBytes)}`,
      `${fileName} is ${formatMb(bytes.length)}, more than the ${formatMb(limits.maxFileBytes)} allowed`,
    );
  if (bytes.length === 0) throw new ImportFileError('empty_file', `文件 ${fileName} 是空的`, `${fileName} is empty`);
  if (isOle(bytes))
    throw new ImportFileError(
      'legacy_xls',
      `${fileName} 是旧版 .xls 格式，请在 Excel/WPS 中另存为 .xlsx 后再上传`,
      `${fileName} is an old .xls file: save it as .xlsx in Excel or WPS and upload that`,
    );
  if (/\.xlsx$/i.test(fileName) && !isZip(bytes))
    throw new ImportFileError(
      'not_a_spreadsheet',
      `${fileName} 不是有效的 XLSX 文件`,
      `${fileName} is not a valid XLSX file`,
    );
  const table = isZip(bytes) ? await readXlsx(bytes, fileName, limits, cancel) : readCsv(bytes, fileName, limits);
  // a header and nothing under it is not an import that went well with nothing to do
  if (!table.problems.length && table.rows.every((r) => r.cells.every((c) => c === null)))
    throw new ImportFileError(
      'empty_file',
      `${fileName} 只有表头，没有数据行`,
      `${fileName} has a header and no data rows`,
    );
  return table;
}

function decodeText(bytes: Buffer, fileName: string): string {
  if (bytes.subarray(0, 8192).includes(0))
    throw new ImportFileError(
      'not_a_spreadsheet',
      `${fileName} 不是表格文件（应为 .xlsx 或 UTF-8/GBK 编码的 .csv）`,
      `${fileName} is not a spreadsheet (it should be .xlsx, or .csv in UTF-8 or GBK)`,
    );
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    // Excel and WPS on Chinese Windows save CSV as GBK
    return new TextDecoder('gbk').decode(bytes);
  }
}

function readCsv(bytes: Buffer, fileName: string, limits: ImportLimits): SheetTable {
  const text = decodeText(bytes, fileName);
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true });
  } catch (e) {
    throw new ImportFileError(
      'not_a_spreadsheet',
      `${fileName} 不是有效的 CSV 文件（${csvErrorText(e)}）`,
      `${fileName} is not a valid CSV file (${csvErrorText(e, 'en')})`,
    );
  }
  // Excel shows each record as one row, so the record index is the row number
  while (records.length && records.at(-1)!.every((c) => c.trim() === '')) records.pop();
  if (!records.length)
    throw new ImportFileError('empty_file', `文件 ${fileName} 没有任何内容`, `${fileName} holds nothing`);
  if (records.length - 1 > limits.maxRows) throw tooManyRows(fileName, records.length - 1, limits);
  if (records.reduce((n, r) => n + r.length, 0) > limits.maxCells)
    throw new ImportFileError(
      'too_many_cells',
      `${fileName} 的单元格超过单次导入上限 ${limits.maxCells} 个，请删除无关的列或分批导入`,
      `${fileName} has more than the ${limits.maxCells} cells one import takes: delete the columns it does not need or import it in parts`,
    );
  let width = records[0]!.length;
  while (width && records[0]![width - 1]!.trim() === '') width--;
  if (width > limits.maxColumns) throw tooManyColumns(fileName, width, limits);
  const problems = problemCollector();
  const tooLong = (text: string, row: number, i: number, column: string) => {
    if (text.length <= limits.maxCellChars) return false;
    problems.add(cellTooLong(row, i + 1, column, text.length, limits));
    return true;
  };
  // a header too long to repeat in every message is known by its column's letter
  const header = records[0]!.map((h, i) =>
    tooLong(h.trim(), 1, i, columnLetter(i + 1)) ? columnLetter(i + 1) : h.trim(),
  );
  const rows: TableRow[] = records.slice(1).map((cells, k) => {
    const row = k + 2;
    return {
      row,
      cells: cells.map((c, i) => {
        const text = c.trim();
        return text === '' || tooLong(text, row, i, header[i] || columnLetter(i + 1)) ? null : text;
      }),
    };
  });
  return { format: 'csv', header, rows, problems: problems.list() };
}

const tooManyRows = (fileName: string, n: number, limits: ImportLimits) =>
  new ImportFileError(
    'too_many_rows',
    `${fileName} 有 ${n} 行数据，超过单次导入上限 ${limits.maxRows} 行，请分批导入`,
    `${fileName} has ${n} data rows, more than the ${limits.maxRows} one import takes: import it in parts`,
  );
