import type { ImportProblem } from './problems.ts';

/** A cell as the importer sees it: text, a number, or nothing. */
export type CellValue = string | number | null;

export interface TableRow {
  /** Excel's row number: the header is 1 */
  row: number;
  cells: CellValue[];
}

/** The first sheet of a file (or the CSV) as a header and data rows; problems found while reading cells. */
export interface SheetTable {
  format: 'csv' | 'xlsx';
  header: string[];
  rows: TableRow[];
  problems: ImportProblem[];
}
