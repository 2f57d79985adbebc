/**
 * A card's table as a real .xlsx: loaded only when someone downloads one, since exceljs is
 * larger than the rest of the page. The layout is the server export's (@bixue/export/xlsx).
 */
import { XLSX_TYPE, xlsxBytes } from '@bixue/export/xlsx';
import type { TableData, TableMeta } from './table-data.ts';

export async function toXlsx(t: TableData, meta: TableMeta): Promise<Blob> {
  return new Blob([await xlsxBytes(t, meta)], { type: XLSX_TYPE });
}
