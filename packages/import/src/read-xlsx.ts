import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';
import { formatMb, type ImportLimits } from './limits.ts';
import {
  ImportFileError,
  LISTED_PER_KIND,
  problemCollector,
  type ReadCancel,
  ReadCancelledError,
  tooManyColumns,
} from './problems.ts';
import { type CellValue, cellTooLong, columnLetter, type SheetTable, shortText, type TableRow } from './table.ts';

/**
 * The first sheet of an XLSX, read as a stream: each part is inflated chunk by chunk into a SAX
 * parser, and the limits on inflated bytes, rows and cells stop the work the moment they are
 * passed. Loading the workbook whole (exceljs) held a 15.9 MB upload with 163 MB of sheet XML
 * for ≈ 50 s and 3 GB before any limit could look at it.
 */
export async function readXlsx(
  bytes: Buffer,
  fileName: string,
  limits: ImportLimits,
  cancel?: ReadCancel,
): Promise<SheetTable> {
  const zip = await openZip(bytes, fileName);
  try {
    const entries = await listEntries(zip, fileName, limits);
    // what the archive says it holds inflated; a part that lies about its size fails when read (validateEntrySizes)
    const declared = [...entries.values()].reduce((sum, e) => sum + e.uncompressedSize, 0);
    if (declared > limits.maxInflatedBytes) throw inflatedTooLarge(fileName, limits);
    const budget: Budget = { fileName, limits, left: limits.maxInflatedBytes, cancel };
    const part = (name: string) => entries.get(name) ?? null;

    const workbook = part('xl/workbook.xml');
    if (!workbook) throw notXlsx(fileName, '没有 xl/workbook.xml', 'no xl/workbook.xml');
    const firstSheet = await parseWorkbook(zip, workbook, budget);
    if (!firstSheet) throw notXlsx(fileName, '没有工作表', 'no sheet');
    const rels = part('xl/_rels/workbook.xml.rels');
    const target = rels ? (await parseRels(zip, rels, budget)).get(firstSheet.relId) : undefined;
    const sheetPath = target ? resolveTarget(target) : 'xl/worksheets/sheet1.xml';
    const sheet = part(sheetPath);
    if (!sheet) throw notXlsx(fileName, `没有 ${sheetPath}`, `no ${sheetPath}`);
    const strings = part('xl/sharedStrings.xml');
    const styles = part('xl/styles.xml');
    const context: SheetContext = {
      strings: strings ? await parseSharedStrings(zip, strings, budget) : [],
      dateStyles: styles ? await parseDateStyles(zip, styles, budget) : new Set(),
      date1904: firstSheet.date1904,
    };
    return await parseSheet(zip, sheet, budget, context, limits);
  } finally {
    zip.close();
  }
}

interface Budget {
  fileName: string;
  limits: ImportLimits;
  /** inflated bytes still allowed across every part read */
  left: number;
  /** looked at between chunks: a cancelled read stops within one chunk */
  cancel: ReadCancel | undefined;
}

interface SheetContext {
  strings: string[];
  /** style indexes (`s`) whose number format is a date */
  dateStyles: Set<number>;
  date1904: boolean;
}

const notXlsx = (fileName: string, why: string, whyEn: string) =>
  new ImportFileError(
    'not_a_spreadsheet',
    `${fileName} 不是有效的 XLSX 文件（${why}）`,
    `${fileName} is not a valid XLSX file (${whyEn})`,
  );

const inflatedTooLarge = (fileName: string, limits: ImportLimits) =>
  new ImportFileError(
    'zip_bomb',
    `${fileName} 解压后超过 ${formatMb(limits.maxInflatedBytes)}，拒绝处理（可能是压缩炸弹；请删除多余的工作表、样式和空行后再上传）`,
    `${fileName} unpacks to more than ${formatMb(limits.maxInflatedBytes)} and is refused (it may be a zip bomb; delete the sheets, styles and empty rows it does not need and upload it again)`,
  );

function openZip(bytes: Buffer, fileName: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (err, zip) =>
      err || !zip
        ? reject(notXlsx(fileName, '压缩包不完整或已损坏', 'the archive is incomplete or damaged'))
        : resolve(zip),
    ),
  );
}

/** The central directory only: names and declared sizes, nothing inflated yet. */
function listEntries(zip: yauzl.ZipFile, fileName: string, limits: ImportLimits): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('error', (e: Error) => reject(notXlsx(fileName, e.message, e.message)));
    zip.on('end', () => resolve(entries));
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entries.size >= limits.maxZipEntries)
        return reject(
          new ImportFileError(
            'zip_bomb',
            `${fileName} 内含文件过多（超过 ${limits.maxZipEntries} 个），拒绝处理`,
            `${fileName} holds too many files (more than ${limits.maxZipEntries}) and is refused`,
          ),
        );
      // part names are case-insensitive in OPC; Excel writes them in this case
      entries.set(entry.fileName.replace(/^\//, ''), entry);
      zip.readEntry();
    });
    zip.readEntry();
  });
}

/**
 * Inflates one part into the SAX handlers, counting against the budget; `stop` ends the read early
 * (an exception thrown by a handler ends it with that error).
 */
function saxPart(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  budget: Budget,
  handlers: {
    open?: (tag: SaxesTagPlain) => void;
    text?: (text: string) => void;
    close?: (tag: { name: string }) => void;
  },
): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream)
        return reject(notXlsx(budget.fileName, err?.message ?? entry.fileName, err?.message ?? entry.fileName));
      const sax = new SaxesParser({ position: false });
      let failed: Error | null = null;
      const fail = (e: Error) => {
        if (failed) return;
        failed = e;
        stream.destroy();
        reject(e);
      };
      sax.on('error', () =>
        fail(
          notXlsx(budget.fileName, `${entry.fileName} 的 XML 内容有误`, `the XML of ${entry.fileName} is malformed`),
        ),
      );
      if (handlers.open) sax.on('opentag', (tag) => handlers.open!(tag as SaxesTagPlain));
      if (handlers.text) sax.on('text', handlers.text);
      if (handlers.close) sax.on('closetag', handlers.close);
      const decoder = new StringDecoder('utf8');
      stream.on('data', (chunk: Buffer) => {
        if (failed) return;
        if (budget.cancel?.aborted) return fail(new ReadCancelledError());
        budget.left -= chunk.length;
        if (budget.left < 0) return fail(inflatedTooLarge(budget.fileName, budget.limits));
        try {
          sax.write(decoder.write(chunk));
        } catch (e) {
          fail(e as Error);
        }
      });
      stream.on('error', () =>
        fail(notXlsx(budget.fileName, `${entry.fileName} 无法解压`, `${entry.fileName} cannot be unpacked`)),
      );
      stream.on('end', () => {
        if (failed) return;
        try {
          sax.write(decoder.end());
          sax.close();
          resolve();
        } catch (e) {
          fail(e as Error);
        }
      });
    });
  });
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);
const attr = (tag: SaxesTagPlain, name: string): string | undefined => {
  const direct = tag.attributes[name];
  if (direct !== undefined) return direct;
  for (const [k, v] of Object.entries(tag.attributes)) if (local(k) === name) return v;
  return undefined;
};

async function parseWorkbook(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  budget: Budget,
): Promise<{ relId: string; date1904: boolean } | null> {
  let first: string | null = null;
  let date1904 = false;
  await saxPart(zip, entry, budget, {
    open: (tag) => {
      const name = local(tag.name);
      if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attr(tag, 'date1904') ?? '');
      // exceljs and Excel both take the sheets in the order workbook.xml lists them
      if (name === 'sheet' && first === null) first = attr(tag, 'id') ?? '';
    },
  });
  return first === null ? null : { relId: first, date1904 };
}

async function parseRels(zip: yauzl.ZipFile, entry: yauzl.Entry, budget: Budget): Promise<Map<string, string>> {
  const rels = new Map<string, string>();
  await saxPart(zip, entry, budget, {
    open: (tag) => {
      if (local(tag.name) === 'Relationship') rels.set(attr(tag, 'Id') ?? '', attr(tag, 'Target') ?? '');
    },
  });
  return rels;
}

/** A relationship target is relative to xl/ unless it starts at the package root. */
function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl'];
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

async function parseSharedStrings(zip: yauzl.ZipFile, entry: yauzl.Entry, budget: Budget): Promise<string[]> {
  const strings: string[] = [];
  let current: string[] | null = null;
  let inText = false;
  // phonetic guides (rPh) hold furigana-like readings that are not part of the cell's text
  let phonetic = 0;
  await saxPart(zip, entry, budget, {
    open: (tag) => {
      const name = local(tag.name);
      if (name === 'si') current = [];
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && current && !phonetic) inText = true;
    },
    text: (text) => {
      if (inText) current!.push(text);
    },
    close: (tag) => {
      const name = local(tag.name);
      if (name === 'si') {
        strings.push(current!.join(''));
        current = null;
      } else if (name === 'rPh') phonetic--;
      else if (name === 't') inText = false;
    },
  });
  return strings;
}

/** Built-in number formats that show a date or time (ECMA-376 18.8.30, with the CJK ones). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** A custom format is a date when, outside quotes and brackets, it has date or time letters (as exceljs decides). */
const isDateFormat = (code: string) => /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

async function parseDateStyles(zip: yauzl.ZipFile, entry: yauzl.Entry, budget: Budget): Promise<Set<number>> {
  const customDates = new Set<number>();
  const dateStyles = new Set<number>();
  let inCellXfs = false;
  let xf = 0;
  await saxPart(zip, entry, budget, {
    open: (tag) => {
      const name = local(tag.name);
      if (name === 'numFmt' && isDateFormat(attr(tag, 'formatCode') ?? ''))
        customDates.add(Number(attr(tag, 'numFmtId')));
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attr(tag, 'numFmtId') ?? 0);
        if (BUILTIN_DATE_FORMATS.has(id) || customDates.has(id)) dateStyles.add(xf);
        xf++;
      }
    },
    close: (tag) => {
      if (local(tag.name) === 'cellXfs') inCellXfs = false;
    },
  });
  return dateStyles;
}

/** A cell as the sheet XML holds it, before it becomes a CellValue. */
interface RawCell {
  col: number;
  type: string;
  style: number;
  value: string[];
  formula: string[] | null;
}

function decodeRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]), col };
}

/** Excel's last row. */
const MAX_ROW = 1_048_576;

/** A row's `r` when it is a row Excel could have written (r="abc" read as null, a huge one as 1e+23); null otherwise. */
function rowNumberOf(r: string | undefined): number | null {
  if (r === undefined || !/^\d{1,7}$/.test(r)) return null;
  const n = Number(r);
  return n >= 1 && n <= MAX_ROW ? n : null;
}

async function parseSheet(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  budget: Budget,
  context: SheetContext,
  limits: ImportLimits,
): Promise<SheetTable> {
  const { fileName } = budget;
  // every row with a value, as (column → text) until the header is known
  const sheetRows: { row: number; cells: Map<number, RawCell> }[] = [];
  // only the merges that will be listed are kept; the rest are counted
  const merges: string[] = [];
  let mergeCount = 0;
  let cellCount = 0;
  let rowNumber = 0;
  let row: Map<number, RawCell> | null = null;
  let rowHasValue = false;
  let nextCol = 1;
  let cell: RawCell | null = null;
  // where text goes: the value (<v>, <is><t>) or the formula (<f>)
  let sink: string[] | null = null;
  let phonetic = 0;

  await saxPart(zip, entry, budget, {
    open: (tag) => {
      switch (local(tag.name)) {
        case 'row':
          rowNumber = rowNumberOf(attr(tag, 'r')) ?? rowNumber + 1;
          row = new Map();
          rowHasValue = false;
          nextCol = 1;
          break;
        case 'c': {
          if (!row) break;
          const ref = attr(tag, 'r');
          const col = (ref && decodeRef(ref)?.col) || nextCol;
          nextCol = col + 1;
          cell = { col, type: attr(tag, 't') ?? 'n', style: Number(attr(tag, 's') ?? 0), value: [], formula: null };
          break;
        }
        case 'v':
          if (cell) sink = cell.value;
          break;
        case 't':
          if (cell && !phonetic) sink = cell.value;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 'f':
          if (cell) sink = cell.formula = [];
          break;
        case 'mergeCell':
          if (++mergeCount <= LISTED_PER_KIND) merges.push(attr(tag, 'ref') ?? '');
          break;
      }
    },
    text: (text) => {
      sink?.push(text);
    },
    close: (tag) => {
      switch (local(tag.name)) {
        case 'v':
        case 't':
        case 'f':
          sink = null;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c':
          if (row && cell && (cell.value.length || cell.formula)) {
            if (++cellCount > limits.maxCells)
              throw new ImportFileError(
                'too_many_cells',
                `${fileName} 的单元格超过单次导入上限 ${limits.maxCells} 个，请删除无关的行列或分批导入`,
                `${fileName} has more than the ${limits.maxCells} cells one import takes: delete the rows and columns it does not need or import it in parts`,
              );
            row.set(cell.col, cell);
            rowHasValue = true;
          }
          cell = null;
          break;
        case 'row':
          if (row && rowHasValue) {
            sheetRows.push({ row: rowNumber, cells: row });
            // the header is row 1; the rest are data rows
            if (sheetRows.length - (sheetRows[0]!.row === 1 ? 1 : 0) > limits.maxRows)
              throw new ImportFileError(
                'too_many_rows',
                `${fileName} 的数据超过单次导入上限 ${limits.maxRows} 行，请分批导入`,
                `${fileName} has more than the ${limits.maxRows} data rows one import takes: import it in parts`,
              );
          }
          row = null;
          break;
      }
    },
  });

  if (!sheetRows.length)
    throw new ImportFileError(
      'empty_file',
      `${fileName} 的第一个工作表是空的`,
      `the first sheet of ${fileName} is empty`,
    );
  return toTable(sheetRows, { listed: merges, count: mergeCount }, context, fileName, limits);
}

function toTable(
  sheetRows: { row: number; cells: Map<number, RawCell> }[],
  merges: { listed: string[]; count: number },
  context: SheetContext,
  fileName: string,
  limits: ImportLimits,
): SheetTable {
  const problems = problemCollector();
  /** the cell's value; `tooLong` (with a problem) when it is longer than a cell may be */
  const valueAt = (cell: RawCell, row: number, c: number, column: string): CellValue | typeof TOO_LONG => {
    const value = cellValue(cell, context);
    if (typeof value !== 'string' || value.length <= limits.maxCellChars) return value;
    problems.add(cellTooLong(row, c, column, value.length, limits));
    return TOO_LONG;
  };

  const headerCells = sheetRows[0]!.row === 1 ? sheetRows[0]!.cells : new Map<number, RawCell>();
  const width = Math.max(0, ...headerCells.keys());
  const header: string[] = [];
  for (let c = 1; c <= width; c++) {
    const raw = headerCells.get(c);
    const value = raw ? valueAt(raw, 1, c, columnLetter(c)) : null;
    // a header too long to repeat in every message is known by its column's letter
    header.push(value === TOO_LONG ? columnLetter(c) : String(value ?? ''));
  }
  while (header.length && header.at(-1) === '') header.pop();
  if (header.length > limits.maxColumns) throw tooManyColumns(fileName, header.length, limits);
  // every data row is padded to the header's width: a wide header over many short rows is that many cells
  const dataRows = sheetRows.length - (sheetRows[0]!.row === 1 ? 1 : 0);
  if (header.length * dataRows > limits.maxCells)
    throw new ImportFileError(
      'too_many_cells',
      `${fileName} 的表头有 ${header.length} 列、数据有 ${dataRows} 行，共 ${header.length * dataRows} 个单元格，超过单次导入上限 ${limits.maxCells} 个，请删除无关的行列或分批导入`,
      `${fileName} has ${header.length} columns and ${dataRows} data rows, ${header.length * dataRows} cells, more than the ${limits.maxCells} one import takes: delete the rows and columns it does not need or import it in parts`,
    );
  const columnName = (c: number) => header[c - 1] || columnLetter(c);

  // merged ranges: a merged cell has one value for several rows or columns, which a fact table cannot mean
  for (const range of merges.listed) {
    const master = decodeRef(range.split(':')[0]!);
    if (!master) continue;
    problems.add({
      row: master.row,
      column: columnName(master.col),
      code: 'merged_cells',
      message: `${shortText(range)} 是合并单元格；导入文件不能含合并单元格，请取消合并并在每个单元格填写数据`,
      messageEn: `${shortText(range)} is a merged cell; an import cannot hold merged cells: unmerge them and fill in every cell`,
    });
  }
  problems.count('merged_cells', merges.count - merges.listed.length);

  const rows: TableRow[] = [];
  for (const { row, cells: raw } of sheetRows) {
    if (row === 1) continue;
    const cells: CellValue[] = [];
    for (let c = 1; c <= header.length; c++) {
      const cell = raw.get(c);
      if (cell?.formula) {
        // a formula's cached result may be stale or absent; we import what the user typed, never what a formula said
        problems.add({
          row,
          column: columnName(c),
          code: 'formula',
          message: `${columnLetter(c)}${row} 是公式（=${shortText(cell.formula.join(''))}）；请复制后“选择性粘贴 → 数值”再导入`,
          messageEn: `${columnLetter(c)}${row} is a formula (=${shortText(cell.formula.join(''))}): copy it and “Paste Special → Values” before importing`,
        });
        cells.push(null);
        continue;
      }
      const value = cell ? valueAt(cell, row, c, columnName(c)) : null;
      cells.push(value === TOO_LONG ? null : value);
    }
    rows.push({ row, cells });
  }
  return { format: 'xlsx', header, rows, problems: problems.list() };
}

const TOO_LONG = Symbol('cell too long');

/** Text trimmed (empty is nothing), numbers as numbers, dates as YYYY-MM-DD, booleans and errors as Excel shows them. */
function cellValue(cell: RawCell, context: SheetContext): CellValue {
  const text = cell.value.join('');
  let value: CellValue;
  switch (cell.type) {
    case 's':
      value = context.strings[Number(text)] ?? '';
      break;
    case 'b':
      value = text.trim() === '1' ? 'true' : 'false';
      break;
    case 'str':
    case 'inlineStr':
    case 'e':
      value = text;
      break;
    case 'd':
      value = text.slice(0, 10);
      break;
    default: {
      if (text.trim() === '') return null;
      const n = Number(text);
      if (!Number.isFinite(n)) value = text;
      else if (context.dateStyles.has(cell.style)) {
        const date = excelDate(n, context.date1904);
        // a serial Excel itself cannot show as a date stays the number, for the planner to name at its cell
        if (date === null) return n;
        value = date;
      } else return n;
    }
  }
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Excel's last date, 9999-12-31, as a serial of the 1900 and of the 1904 system. */
const LAST_SERIAL = { 1900: 2958465, 1904: 2957003 } as const;

/** YYYY-MM-DD of an Excel date serial; null outside the dates Excel can show (Excel shows ##### there). */
function excelDate(serial: number, date1904: boolean): string | null {
  if (!(serial >= 0 && serial <= LAST_SERIAL[date1904 ? 1904 : 1900])) return null;
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000);
  return new Date(ms).toISOString().slice(0, 10);
}
