import type { ImportLimits } from './limits.ts';
import type { ImportProblem } from './problems.ts';

/** A cell as the importer sees it: text, a number, or nothing. */
export type CellValue = string | number | null;

export interface TableRow {
  /** Excel's row number: the header is 1 */
  row: number;
  cells: CellValue[];
}

/** A column as Excel names it: 1 → A, 27 → AA. */
export function columnLetter(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * A file's text as a message repeats it: at most `max` characters and '…', so that a long cell
 * named in many messages does not make the answer long.
 */
export function shortText(text: string, max = 40): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  // never half of a surrogate pair
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

/**
 * A cell (row, 1-based column c, under header `column`) longer than the limit: its text goes no
 * further, so neither the rows nor the messages repeat it.
 */
export function cellTooLong(row: number, c: number, column: string, length: number, limits: ImportLimits) {
  const n = (x: number) => x.toLocaleString('en-US');
  return {
    row,
    column,
    code: 'cell_too_long',
    message: `${columnLetter(c)}${row} 有 ${n(length)} 个字符，超过单元格上限 ${n(limits.maxCellChars)} 个字符`,
    messageEn: `${columnLetter(c)}${row} has ${n(length)} characters, more than the ${n(limits.maxCellChars)} a cell may hold`,
  } satisfies ImportProblem;
}

/** The first sheet of a file (or the CSV) as a header and data rows; problems found while reading cells. */
export interface SheetTable {
  format: 'csv' | 'xlsx';
  header: string[];
  rows: TableRow[];
  problems: ImportProblem[];
}
