/** What an upload may be. The web server's body limit and the CLI both use these. */
export const IMPORT_LIMITS = {
  /** bytes of the file as uploaded */
  maxFileBytes: 20 * 1024 * 1024,
  /** bytes of all XLSX parts once inflated, counted while they stream */
  maxInflatedBytes: 200 * 1024 * 1024,
  maxZipEntries: 2000,
  /** data rows below the header */
  maxRows: 200_000,
  /**
   * XLSX cells holding a value: the long form's 200,000 rows × 4 columns and the wide template's
   * units × indicators fit many times over; a sheet padded to millions of cells does not.
   */
  maxCells: 2_000_000,
  /** header columns: the wide template has a column per indicator, a few dozen */
  maxColumns: 1000,
  /**
   * characters in one cell: a unit code, an indicator or a period is a few dozen; one megabyte-long
   * shared string named by every cell was copied into every row and message (2.8 KB → a 350 MB answer)
   */
  maxCellChars: 1000,
} as const;

export type ImportLimits = { [K in keyof typeof IMPORT_LIMITS]: number };

const MB = 1024 * 1024;
export const formatMb = (bytes: number) => `${(bytes / MB).toFixed(bytes < MB ? 2 : 0)} MB`;
