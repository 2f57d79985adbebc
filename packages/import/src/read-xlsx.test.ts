import { describe, expect, it } from 'vitest';
import { IMPORT_LIMITS } from './limits.ts';
import { ImportFileError } from './problems.ts';
import { readTable } from './read-table.ts';
import { longRowXml, sheetXlsxOf, zipOf } from './test-fixtures.ts';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const HEADER =
  '<row r="1"><c r="A1" t="inlineStr"><is><t>unit_code</t></is></c><c r="B1" t="inlineStr"><is><t>indicator</t></is></c><c r="C1" t="inlineStr"><is><t>period</t></is></c><c r="D1" t="inlineStr"><is><t>value</t></is></c></row>';

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
    return null;
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e;
    return { code: e.code, message: e.message };
  }
};

describe('streaming XLSX reader', () => {
  it('reads what Excel and WPS write: shared, rich and inline strings, dates, booleans, errors, shared formulas, merges', async () => {
    // the workbook lists sheet2.xml first (by an absolute target): that is the sheet read
    const bytes = zipOf({
      'xl/workbook.xml': `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr date1904="false"/><sheets><sheet name="填报" sheetId="2" r:id="rId7"/><sheet name="说明" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId7" Target="/xl/worksheets/sheet2.xml"/></Relationships>`,
      'xl/styles.xml': `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="4"/></cellXfs></styleSheet>`,
      'xl/sharedStrings.xml': `<sst xmlns="${MAIN}"><si><t xml:space="preserve"> 单位代码 </t></si><si><r><t>指标</t></r><r><rPr><b/></rPr><t>名称</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si><si><t>880101</t></si></sst>`,
      'xl/worksheets/sheet1.xml': `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>`,
      'xl/worksheets/sheet2.xml': `<worksheet xmlns="${MAIN}"><sheetData>
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>日期</t></is></c><c r="D1" t="inlineStr"><is><t>值</t></is></c><c r="E1" t="inlineStr"><is><t>备注</t></is></c><c r="G1" s="0"/></row>
        <row r="2" spans="1:5"><c r="A2" t="s"><v>2</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" s="1"><v>45292</v></c><c r="D2" s="3"><v>12.5</v></c><c r="E2" t="e"><v>#DIV/0!</v></c></row>
        <row r="3"><c s="1"/><c s="1"/></row>
        <row><c><v>880102</v></c><c t="str"><v>  文字  </v></c><c s="2"><v>45444</v></c><c r="D4"><f>SUM(D2:D3)</f><v>12.5</v></c><c r="E4"><f t="shared" ref="E4:E5" si="0">D4*2</f><v>25</v></c></row>
        <row r="6"><c r="E6"><f t="shared" si="0"/><v>0</v></c><c r="F6" t="inlineStr"><is><t>beyond the header</t></is></c></row>
      </sheetData><mergeCells count="1"><mergeCell ref="B7:C7"/></mergeCells></worksheet>`,
    });
    const table = await readTable(bytes, 'mixed.xlsx');
    // trailing empty header cells (G1 is styled, no value) are not columns
    expect(table.header).toEqual(['单位代码', '指标名称', '日期', '值', '备注']);
    expect(table.rows).toEqual([
      // 45292 is 2024-01-01 in the 1900 system; a boolean and an error read as Excel shows them
      { row: 2, cells: ['880101', 'true', '2024-01-01', 12.5, '#DIV/0!'] },
      // row 3 has only styled empty cells: not a data row; row 4 had no r and follows row 3
      { row: 4, cells: [880102, '文字', '2024-06-01', null, null] },
      { row: 6, cells: [null, null, null, null, null] },
    ]);
    expect(table.problems.map((p) => [p.row, p.column, p.code, p.message.split('；')[0]])).toEqual([
      [7, '指标名称', 'merged_cells', 'B7:C7 是合并单元格'],
      [4, '值', 'formula', 'D4 是公式（=SUM(D2:D3)）'],
      [4, '备注', 'formula', 'E4 是公式（=D4*2）'],
      [6, '备注', 'formula', 'E6 是公式（=）'],
    ]);
  });

  it('keeps a date-formatted number Excel cannot show as a date as the number, for the planner to name', async () => {
    // 1e20 made new Date(…).toISOString() throw a RangeError: the whole upload failed with HTTP 500
    const serials = ['1e20', '-1', '2958466', '2958465', '45292'];
    const rows = serials.map(
      (v, i) =>
        `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>880101</t></is></c><c r="B${i + 2}" t="inlineStr"><is><t>meeting</t></is></c><c r="C${i + 2}" s="1"><v>${v}</v></c><c r="D${i + 2}"><v>3</v></c></row>`,
    );
    const bytes = sheetXlsxOf(HEADER + rows.join(''), { cellXfs: '<xf numFmtId="0"/><xf numFmtId="14"/>' });
    const table = await readTable(bytes, 'dates.xlsx');
    expect(table.rows.map((r) => r.cells[2])).toEqual([1e20, -1, 2958466, '9999-12-31', '2024-01-01']);
  });

  it('carries no cell longer than the cell limit: each becomes a problem at its cell, its value null', async () => {
    // the reviewer's file: every cell names one huge shared string, which every row and message then repeated
    const huge = '长'.repeat(1001);
    const s = (ref: string) => `<c r="${ref}" t="s"><v>0</v></c>`;
    const bytes = sheetXlsxOf(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>unit_code</t></is></c>${s('B1')}<c r="C1" t="inlineStr"><is><t>period</t></is></c><c r="D1" t="inlineStr"><is><t>value</t></is></c></row>` +
        `<row r="2">${s('A2')}<c r="B2" t="inlineStr"><is><t>${'字'.repeat(1000)}</t></is></c>${s('C2')}<c r="D2"><v>1</v></c></row>`,
      { sharedStrings: `<si><t>${huge}</t></si>` },
    );
    const table = await readTable(bytes, 'huge.xlsx');
    // the header cell is known by its column's letter; 1,000 characters are still a cell's own
    expect(table.header).toEqual(['unit_code', 'B', 'period', 'value']);
    expect(table.rows).toEqual([{ row: 2, cells: [null, '字'.repeat(1000), null, 1] }]);
    expect(table.problems).toEqual([
      {
        row: 1,
        column: 'B',
        code: 'cell_too_long',
        message: 'B1 有 1,001 个字符，超过单元格上限 1,000 个字符',
        messageEn: 'B1 has 1,001 characters, more than the 1,000 a cell may hold',
      },
      {
        row: 2,
        column: 'unit_code',
        code: 'cell_too_long',
        message: 'A2 有 1,001 个字符，超过单元格上限 1,000 个字符',
        messageEn: 'A2 has 1,001 characters, more than the 1,000 a cell may hold',
      },
      {
        row: 2,
        column: 'period',
        code: 'cell_too_long',
        message: 'C2 有 1,001 个字符，超过单元格上限 1,000 个字符',
        messageEn: 'C2 has 1,001 characters, more than the 1,000 a cell may hold',
      },
    ]);
  });

  it('lists at most 1,000 merged and 1,000 formula cells, and says how many more of each there are', async () => {
    const rows = Array.from(
      { length: 1003 },
      (_, i) =>
        `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>880101</t></is></c><c r="D${i + 2}"><f>1+1</f><v>2</v></c></row>`,
    );
    const merges = Array.from({ length: 1005 }, (_, i) => `<mergeCell ref="A${i + 2000}:B${i + 2000}"/>`);
    const table = await readTable(
      sheetXlsxOf(HEADER + rows.join(''), { after: `<mergeCells>${merges.join('')}</mergeCells>` }),
      'many.xlsx',
    );
    const count = (code: string) => table.problems.filter((p) => p.code === code && p.row > 0).length;
    expect([count('merged_cells'), count('formula')]).toEqual([1000, 1000]);
    expect(table.problems.at(999)!.message.split('；')[0]).toBe('A2999:B2999 是合并单元格');
    expect(table.problems.at(1999)!.message.split('；')[0]).toBe('D1001 是公式（=1+1）');
    expect(table.problems.slice(2000)).toEqual([
      {
        row: 0,
        column: '',
        code: 'merged_cells',
        message: '另有 5 处“合并单元格”未逐一列出（共 1,005 处，只列出前 1,000 处）',
        messageEn: '5 more of “Merged cells” not listed (1,005 in all, the first 1,000 listed)',
      },
      {
        row: 0,
        column: '',
        code: 'formula',
        message: '另有 3 处“含公式”未逐一列出（共 1,003 处，只列出前 1,000 处）',
        messageEn: '3 more of “Formula” not listed (1,003 in all, the first 1,000 listed)',
      },
    ]);
  });

  it('numbers a row whose r is not a row Excel has by counting on from the row before', async () => {
    const rows = ['abc', '99999999999999999999999', '0', '1048577', '1.5', '1048576'].map(
      (r) => `<row r="${r}"><c t="inlineStr"><is><t>880101</t></is></c></row>`,
    );
    const table = await readTable(sheetXlsxOf(HEADER + rows.join('')), 'rows.xlsx');
    expect(table.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 1048576]);
  });

  it('refuses a sheet with more rows than the limit as soon as it passes it, naming the file and the limit', async () => {
    const limits = { ...IMPORT_LIMITS, maxRows: 1000 };
    const rows = Array.from({ length: 5000 }, (_, i) => longRowXml(i + 2, '880101', 'meeting', '2025', i)).join('');
    // what lies past the limit is broken XML: reading it would fail with not_a_spreadsheet, so the
    // refusal can only come from stopping at the limit
    const bytes = sheetXlsxOf(HEADER + rows + '<row r="9999"><c><v>1</v></c></wrong>'.repeat(100), {});
    expect(await failure(readTable(bytes, '全省数据.xlsx', limits))).toEqual({
      code: 'too_many_rows',
      message: '全省数据.xlsx 的数据超过单次导入上限 1000 行，请分批导入',
    });
    // the same rows under the limit read, each with its row number
    const ok = await readTable(sheetXlsxOf(HEADER + rows), 'ok.xlsx', { ...limits, maxRows: 5000 });
    expect(ok.rows).toHaveLength(5000);
    expect(ok.rows[4999]).toEqual({ row: 5001, cells: ['880101', 'meeting', '2025', 4999] });
  });

  it('refuses a sheet padded with cells beyond the cell limit', async () => {
    const limits = { ...IMPORT_LIMITS, maxCells: 10_000 };
    // 2 rows of 8,000 cells each: few rows, many cells
    const wide = (r: number) =>
      `<row r="${r}">${Array.from({ length: 8000 }, (_, c) => `<c r="${col(c + 1)}${r}"><v>${c}</v></c>`).join('')}</row>`;
    expect(await failure(readTable(sheetXlsxOf(wide(1) + wide(2)), 'wide.xlsx', limits))).toEqual({
      code: 'too_many_cells',
      message: 'wide.xlsx 的单元格超过单次导入上限 10000 个，请删除无关的行列或分批导入',
    });
  });

  it('refuses a header wider than the column limit, and a header as wide as the rows under it allow no more', async () => {
    const cell = (ref: string) => `<c r="${ref}" t="inlineStr"><is><t>x</t></is></c>`;
    // one header cell at column ALM (1,001) is a header 1,001 columns wide
    const wide = sheetXlsxOf(`<row r="1">${cell('A1')}${cell('ALM1')}</row><row r="2">${cell('A2')}</row>`);
    expect(await failure(readTable(wide, 'wide.xlsx'))).toEqual({
      code: 'too_many_cells',
      message: 'wide.xlsx 的表头有 1001 列，超过上限 1000 列，请删除多余的列后再上传',
    });
    // 10 header columns over 11 rows of one cell each: 22 cells in the file, 110 once every row is padded
    const limits = { ...IMPORT_LIMITS, maxCells: 100 };
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `<row r="${i + 2}">${cell(`A${i + 2}`)}</row>`);
    const header = `<row r="1">${cell('A1')}${cell('J1')}</row>`;
    expect(await failure(readTable(sheetXlsxOf(header + rows(11).join('')), 'padded.xlsx', limits))).toEqual({
      code: 'too_many_cells',
      message:
        'padded.xlsx 的表头有 10 列、数据有 11 行，共 110 个单元格，超过单次导入上限 100 个，请删除无关的行列或分批导入',
    });
    expect((await readTable(sheetXlsxOf(header + rows(10).join('')), 'ok.xlsx', limits)).rows).toHaveLength(10);
  });

  it('refuses a workbook whose parts claim more than the inflated limit before inflating anything', async () => {
    const limits = { ...IMPORT_LIMITS, maxInflatedBytes: 1024 * 1024 };
    // the sheet is small, but its directory entry claims 2 MB: refused on the claim, by name and limit
    const claims = sheetXlsxOf(HEADER + longRowXml(2, '880101', 'meeting', '2025', 1), {
      declaredSheetSize: 2 * 1024 * 1024,
    });
    expect(await failure(readTable(claims, 'claims.xlsx', limits))).toEqual({
      code: 'zip_bomb',
      message: 'claims.xlsx 解压后超过 1 MB，拒绝处理（可能是压缩炸弹；请删除多余的工作表、样式和空行后再上传）',
    });
  });
});

function col(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
