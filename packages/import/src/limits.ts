/** What an upload may be. The web server's body limit and the CLI both use these. */
export const IMPORT_LIMITS = {
  /** bytes of the file as uploaded */
  maxFileBytes: 20 * 1024 * 1024,
  /** bytes of all XLSX parts once inflated: checked before exceljs sees the file */
  maxInflatedBytes: 200 * 1024 * 1024,
  maxZipEntries: 2000,
  /** data rows below the header */
  maxRows: 200_000,
} as const;

const MB = 1024 * 1024;
export const formatMb = (bytes: number) => `${(bytes / MB).toFixed(bytes < MB ? 2 : 0)} MB`;
