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
