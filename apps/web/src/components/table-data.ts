export { displayCell } from '@bixue/charts';
import type { ChartKind } from '@bixue/domain';

/**
 * The data behind a card, as a table: shown in 查看数据表, downloaded as Excel or CSV. Numbers
 * stay numbers (Excel can sum them); the dialog formats them, the files keep them exact. The
 * table and its files are shared with the server's exports (@bixue/export).
 */
export { type TableColumn, type TableData, type TableMeta, toCsv } from '@bixue/export/table';

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

/** A chart the server can draw: `/export/{chart}.{format}?{query}` (contracts.md). */
export interface ExportLink {
  chart: ChartKind;
  /** page: which page of a long list of units the image shows (the files' tables hold them all) */
  query: {
    unit?: string | null;
    indicator?: string | null;
    window: string;
    group?: string | null;
    page?: string | null;
    perMember?: string | null;
    /** the data version the card is drawn as of (?ver=): the file and a basket item draw the same */
    version?: string | null;
  };
}
