import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { INDICATOR_CATALOG } from '@bixue/domain';
import { type Database, upsertUnits } from '@bixue/db';
import type { Kysely } from 'kysely';
import type { PlanContext, PlanUnit } from './plan.ts';

/** A small tree: the writer is the analyst of 880100 (its city and counties 880101, 880102). */
export const FIXTURE_UNITS = [
  { code: '880000', name: '样例省气象局', level: 'province', parent_code: null },
  { code: '880100', name: '甲市气象局', level: 'city', parent_code: '880000' },
  { code: '880101', name: '子县气象局', level: 'county', parent_code: '880100' },
  { code: '880102', name: '丑县气象局', level: 'county', parent_code: '880100' },
  { code: '880200', name: '乙市气象局', level: 'city', parent_code: '880000' },
  { code: '880201', name: '寅县气象局', level: 'county', parent_code: '880200' },
] as const;

export const FIXTURE_TODAY = new Date('2026-07-15T00:00:00Z');

export async function seedFixtureUnits(db: Kysely<Database>): Promise<PlanContext> {
  await upsertUnits(
    db,
    FIXTURE_UNITS.map((u) => ({ ...u })),
  );
  const rows = await db
    .selectFrom('units')
    .select(['code', 'name', 'path', 'level', 'active_from', 'active_to'])
    .execute();
  const units = new Map<string, PlanUnit>(rows.map((u) => [u.code, u]));
  return {
    indicators: INDICATOR_CATALOG,
    units,
    canWrite: (u) => u.path.startsWith('880000/880100/'),
    canSee: (u) => u.path.startsWith('880000/880100/'),
    today: FIXTURE_TODAY,
  };
}

export async function xlsxOf(
  rows: (string | number | null | ExcelJS.CellFormulaValue)[][],
  edit?: (ws: ExcelJS.Worksheet) => void,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  for (const r of rows) ws.addRow(r);
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const csvOf = (lines: string[]) => Buffer.from(`${lines.join('\n')}\n`, 'utf8');

/**
 * A zip written by hand (deflated parts, true CRCs), so tests can build XLSX files exceljs would
 * not write: sheet XML of any size or shape, parts in any order, sizes that lie.
 */
export function zipOf(parts: Record<string, string | Buffer>, declaredSizes: Record<string, number> = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(parts)) {
    const raw = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const data = deflateRawSync(raw);
    const fname = Buffer.from(name);
    const size = declaredSizes[name] ?? raw.length;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(fname.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(fname.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fname, data);
    centrals.push(central, fname);
    offset += local.length + fname.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const XLSX_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const XLSX_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * The parts around one sheet; `sheetData` is the XML inside <sheetData>, `after` what follows it (merges),
 * `cellXfs` the <xf> elements of styles.xml (a cell's `s` indexes them).
 */
export function sheetXlsxOf(
  sheetData: string | Buffer,
  {
    after = '',
    sharedStrings,
    cellXfs,
    declaredSheetSize,
  }: { after?: string; sharedStrings?: string; cellXfs?: string; declaredSheetSize?: number } = {},
): Buffer {
  const sheet = Buffer.isBuffer(sheetData)
    ? Buffer.concat([
        Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${XLSX_MAIN}"><sheetData>`),
        sheetData,
        Buffer.from(`</sheetData>${after}</worksheet>`),
      ])
    : `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${XLSX_MAIN}"><sheetData>${sheetData}</sheetData>${after}</worksheet>`;
  return zipOf(
    {
      '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types/>',
      'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${XLSX_MAIN}" xmlns:r="${XLSX_REL}"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${XLSX_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ...(sharedStrings === undefined
        ? {}
        : { 'xl/sharedStrings.xml': `<sst xmlns="${XLSX_MAIN}">${sharedStrings}</sst>` }),
      ...(cellXfs === undefined
        ? {}
        : { 'xl/styles.xml': `<styleSheet xmlns="${XLSX_MAIN}"><cellXfs>${cellXfs}</cellXfs></styleSheet>` }),
      'xl/worksheets/sheet1.xml': sheet,
    },
    declaredSheetSize === undefined ? {} : { 'xl/worksheets/sheet1.xml': declaredSheetSize },
  );
}

/** A long-form row (unit, indicator, period, value) as inline strings and a number. */
export const longRowXml = (r: number, unit: string, indicator: string, period: string, value: number) =>
  `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${unit}</t></is></c><c r="B${r}" t="inlineStr"><is><t>${indicator}</t></is></c><c r="C${r}" t="inlineStr"><is><t>${period}</t></is></c><c r="D${r}"><v>${value}</v></c></row>`;
