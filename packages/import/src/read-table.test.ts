import { describe, expect, it } from 'vitest';
import { IMPORT_LIMITS } from './limits.ts';
import { ImportFileError } from './problems.ts';
import { readTable } from './read-table.ts';
import { csvOf, sheetXlsxOf, xlsxOf, zipOf } from './test-fixtures.ts';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'read';
  } catch (e) {
    return e instanceof ImportFileError ? e.code : `unexpected ${String(e)}`;
  }
};

describe('reading hostile or broken files', () => {
  it('refuses what is not a spreadsheet, old .xls, renamed files and empty files', async () => {
    expect(await codeOf(readTable(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'photo.csv'))).toBe(
      'not_a_spreadsheet',
    );
    expect(await codeOf(readTable(Buffer.from('just text', 'utf8'), 'facts.xlsx'))).toBe('not_a_spreadsheet');
    expect(await codeOf(readTable(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), 'old.xls'))).toBe('legacy_xls');
    expect(await codeOf(readTable(Buffer.alloc(0), 'empty.csv'))).toBe('empty_file');
    expect(await codeOf(readTable(csvOf(['', '']), 'blank.csv'))).toBe('empty_file');
    expect(await codeOf(readTable(await xlsxOf([]), 'empty.xlsx'))).toBe('empty_file');
    // a header and nothing under it (or only empty rows) says so, in CSV and XLSX alike
    await expect(readTable(csvOf(['unit_code,indicator,period,value']), 'head.csv')).rejects.toThrow(
      'head.csv 只有表头，没有数据行',
    );
    expect(await codeOf(readTable(csvOf(['unit_code,indicator,period,value', ',,,', '']), 'head.csv'))).toBe(
      'empty_file',
    );
    expect(await codeOf(readTable(await xlsxOf([['unit_code', 'indicator', 'period', 'value']]), 'head.xlsx'))).toBe(
      'empty_file',
    );
    // a zip that holds no workbook
    expect(await codeOf(readTable(zipOf({ 'hello.txt': 'hi' }), 'fake.xlsx'))).toBe('not_a_spreadsheet');
    // each refusal says it in English too, for English pages
    const english = async (p: Promise<unknown>) =>
      p.then(
        () => 'read',
        (e: unknown) => (e instanceof ImportFileError ? e.toProblem().messageEn : String(e)),
      );
    expect(
      await Promise.all([
        english(readTable(csvOf(['unit_code,indicator,period,value']), 'head.csv')),
        english(readTable(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), 'old.xls')),
        english(readTable(zipOf({ 'hello.txt': 'hi' }), 'fake.xlsx')),
        english(readTable(csvOf(['a,b', '"x,1']), 'quote.csv')),
      ]),
    ).toEqual([
      'head.csv has a header and no data rows',
      'old.xls is an old .xls file: save it as .xlsx in Excel or WPS and upload that',
      'fake.xlsx is not a valid XLSX file (no xl/workbook.xml)',
      'quote.csv is not a valid CSV file (near line 2: a quote is not closed)',
    ]);
  });

  it('refuses a 50 MB upload before parsing it', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x31);
    expect(await codeOf(readTable(big, 'big.csv'))).toBe('file_too_large');
  });

  it('refuses zip bombs, honest or lying about their size, before parsing them', async () => {
    const zeros = Buffer.alloc(3 * 1024 * 1024);
    const emptyRows = Buffer.from('<row/>'.repeat(500_000));
    const limits = { ...IMPORT_LIMITS, maxInflatedBytes: 1024 * 1024 };
    expect(await codeOf(readTable(zipOf({ 'xl/worksheets/sheet1.xml': zeros }), 'bomb.xlsx', limits))).toBe('zip_bomb');
    // the directory claims 100 bytes; inflating shows 3 MB
    expect(await codeOf(readTable(sheetXlsxOf(emptyRows, { declaredSheetSize: 100 }), 'liar.xlsx', limits))).toBe(
      'not_a_spreadsheet',
    );
    // 3 MB of zeros deflate to a few kB: a real 1000:1 bomb under the default limit would be 200 MB; the guard counts, not trusts
  });

  it('carries no CSV cell longer than the cell limit: each becomes a problem at its cell, its value null', async () => {
    const huge = 'x'.repeat(1_000_000);
    const table = await readTable(csvOf([`unit_code,${huge},value`, `880101,2024,${huge}`, `${huge},,1`]), 'huge.csv');
    expect(table.header).toEqual(['unit_code', 'B', 'value']);
    expect(table.rows).toEqual([
      { row: 2, cells: ['880101', '2024', null] },
      { row: 3, cells: [null, null, '1'] },
    ]);
    expect(table.problems.map((p) => [p.row, p.column, p.code, p.message])).toEqual([
      [1, 'B', 'cell_too_long', 'B1 有 1,000,000 个字符，超过单元格上限 1,000 个字符'],
      [2, 'value', 'cell_too_long', 'C2 有 1,000,000 个字符，超过单元格上限 1,000 个字符'],
      [3, 'unit_code', 'cell_too_long', 'A3 有 1,000,000 个字符，超过单元格上限 1,000 个字符'],
    ]);
  });

  it('refuses a CSV header wider than the column limit, not counting empty cells after it', async () => {
    const header = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`).join(',');
    await expect(readTable(csvOf([header(1001), '1']), 'wide.csv')).rejects.toThrow(
      'wide.csv 的表头有 1001 列，超过上限 1000 列，请删除多余的列后再上传',
    );
    const table = await readTable(csvOf([`${header(1000)}${','.repeat(500)}`, '1']), 'ok.csv');
    expect(table.header).toHaveLength(1500);
  });

  it('lists at most 1,000 CSV cells that are too long, and says how many more there are', async () => {
    const long = 'x'.repeat(1001);
    const lines = Array.from({ length: 1002 }, (_, i) => `${long},${i}`);
    const table = await readTable(csvOf(['unit_code,value', ...lines]), 'long.csv');
    expect(table.problems).toHaveLength(1001);
    expect(table.problems.at(999)).toMatchObject({ row: 1001, column: 'unit_code', code: 'cell_too_long' });
    expect(table.problems.at(-1)).toEqual({
      row: 0,
      column: '',
      code: 'cell_too_long',
      message: '另有 2 处“单元格内容过长”未逐一列出（共 1,002 处，只列出前 1,000 处）',
      messageEn: '2 more of “Cell too long” not listed (1,002 in all, the first 1,000 listed)',
    });
  });

  it('reads GBK-encoded CSV as saved by Chinese Excel', async () => {
    // "单位代码" in GBK
    const gbk = Buffer.from([0xb5, 0xa5, 0xce, 0xbb, 0xb4, 0xfa, 0xc2, 0xeb, 0x0a, 0x31, 0x0a]);
    const table = await readTable(gbk, 'gbk.csv');
    expect(table.header).toEqual(['单位代码']);
    expect(table.rows).toEqual([{ row: 2, cells: ['1'] }]);
  });
});

describe('a CSV the parser refuses', () => {
  it('says why in Chinese, with the line, not in the parser’s English', async () => {
    // the quote opens on row 3 and never closes
    const csv = Buffer.from('unit_code,indicator,period,value\n990101,seminar,2024-01,1\n990101,"seminar,2024-02,2\n');
    const refused = await readTable(csv, 'q.csv').then(
      () => null,
      (e: Error) => e.message,
    );
    expect(refused).toBe('q.csv 不是有效的 CSV 文件（第 3 行附近有引号没有闭合）');
  });
});
