import { IMPORT_PROBLEM_LABELS, SaidError } from '@bixue/domain';
import type { ImportLimits } from './limits.ts';

/**
 * Stable codes for everything an import can object to. Row and column follow contracts.md:
 * the row as Excel shows it (header = 1) and the header text; problems with the file as a whole
 * (not a spreadsheet, too large, …) carry row 0 and an empty column.
 */
export const IMPORT_CODES = [
  // the file as a whole
  'not_a_spreadsheet',
  'legacy_xls',
  'file_too_large',
  'zip_bomb',
  'too_many_rows',
  'too_many_cells',
  'empty_file',
  'unknown_layout',
  // the header row
  'missing_column',
  'unknown_column',
  'duplicate_column',
  'derived_indicator',
  // cells
  'cell_too_long',
  'formula',
  'merged_cells',
  'unknown_unit',
  'out_of_scope',
  'unknown_indicator',
  'bad_period',
  'future_period',
  'not_a_number',
  'negative',
  'too_large',
  'implausible',
  'inactive_unit',
  'duplicate_row',
] as const;
export type ImportCode = (typeof IMPORT_CODES)[number];

/** Every code's words for the person reading it (typed here, so a new code without words does not compile). */
export const IMPORT_CODE_LABELS: Record<ImportCode, { zh: string; en: string }> = IMPORT_PROBLEM_LABELS;

export interface ImportProblem {
  row: number;
  column: string;
  code: ImportCode;
  message: string;
  /** the same in English, for English pages */
  messageEn: string;
}

/** How many problems of one kind a read lists; the rest are counted in one problem that says how many. */
export const LISTED_PER_KIND = 1000;

/**
 * Problems as a reader finds them, at most `listed` of each kind: a sheet of a million merged or
 * formula cells was a million problems, which took seconds to hand from the parse worker to the
 * server's thread. `list()` ends with one problem per kind that says how many more there are.
 */
export function problemCollector(listed = LISTED_PER_KIND) {
  const problems: ImportProblem[] = [];
  const seen = new Map<ImportCode, number>();
  const add = (problem: ImportProblem) => {
    const n = (seen.get(problem.code) ?? 0) + 1;
    seen.set(problem.code, n);
    if (n <= listed) problems.push(problem);
  };
  /** `n` more problems of the kind, known only by their number */
  const count = (code: ImportCode, n: number) => seen.set(code, (seen.get(code) ?? 0) + n);
  const list = (): ImportProblem[] => {
    const more = [...seen].filter(([, n]) => n > listed);
    return [
      ...problems,
      ...more.map(([code, n]) => ({
        row: 0,
        column: '',
        code,
        message: `另有 ${(n - listed).toLocaleString('en-US')} 处“${IMPORT_CODE_LABELS[code].zh}”未逐一列出（共 ${n.toLocaleString('en-US')} 处，只列出前 ${listed.toLocaleString('en-US')} 处）`,
        messageEn: `${(n - listed).toLocaleString('en-US')} more of “${IMPORT_CODE_LABELS[code].en}” not listed (${n.toLocaleString('en-US')} in all, the first ${listed.toLocaleString('en-US')} listed)`,
      })),
    ];
  };
  return { add, count, list };
}

/** What the person may confirm (a value beyond the plausible bound); a commit needs --accept-warnings. */
export type ImportWarning = ImportProblem;

/** A file that cannot be read as a table at all; nothing in it is looked at further. */
export class ImportFileError extends SaidError {
  constructor(
    readonly code: ImportCode,
    message: string,
    messageEn: string,
  ) {
    super({ zh: message, en: messageEn });
    this.name = 'ImportFileError';
  }

  toProblem(): ImportProblem {
    return { row: 0, column: '', code: this.code, message: this.message, messageEn: this.messageEn };
  }
}

/** A header wider than any import needs; refused before a row is padded to it. */
export const tooManyColumns = (fileName: string, columns: number, limits: ImportLimits) =>
  new ImportFileError(
    'too_many_cells',
    `${fileName} 的表头有 ${columns} 列，超过上限 ${limits.maxColumns} 列，请删除多余的列后再上传`,
    `${fileName} has ${columns} columns in its header, more than the ${limits.maxColumns} allowed: delete the columns it does not need and upload it again`,
  );

/** Reading stopped because nobody waits for it any more (the client hung up). */
export class ReadCancelledError extends Error {
  constructor() {
    super('reading the file was cancelled');
    this.name = 'AbortError';
  }
}

/** What may stop a read: an AbortSignal, or a flag a worker thread shares with the request's thread. */
export interface ReadCancel {
  readonly aborted: boolean;
}
