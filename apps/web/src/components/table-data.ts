/** The data behind a card, as a table: shown in 查看数据表, downloaded as CSV. */
export interface TableData {
  columns: { key: string; label: string }[];
  rows: Record<string, string | number | null>[];
}

function csvCell(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with BOM so Excel and WPS open the Chinese headers correctly. */
export function toCsv(t: TableData): string {
  const lines = [t.columns.map((c) => csvCell(c.label)).join(','), ...t.rows.map((r) => t.columns.map((c) => csvCell(r[c.key])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function download(name: string, href: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  download(name, url);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
