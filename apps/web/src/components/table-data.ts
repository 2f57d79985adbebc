import { formatValue } from '@bixue/charts';

/**
 * The data behind a card, as a table: shown in 查看数据表, downloaded as Excel or CSV. Numbers
 * stay numbers (Excel can sum them); the dialog formats them, the files keep them exact. The
 * table and its files are shared with the server's exports (@bixue/export).
 */
export { type TableData, type TableMeta, toCsv } from '@bixue/export/table';

/** A cell as the dialog shows it: counts with separators, fractions with one decimal. */
export function displayCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'number' ? formatValue(Math.round(v * 10) / 10) : v;
}

export function download(name: string, href: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  download(name, url);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadText(name: string, text: string, type: string): void {
  downloadBlob(name, new Blob([text], { type }));
}
