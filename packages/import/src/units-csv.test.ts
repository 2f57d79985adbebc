import { describe, expect, it } from 'vitest';
import { readUnitsCsv } from './units-csv.ts';

describe('readUnitsCsv', () => {
  it('numbers rows as Excel shows them, blank lines included', () => {
    // row 1 header, 2 a county, 3 blank, 4 empty cells, 5 a bad code, 6 a good city
    const r = readUnitsCsv(
      'code,name,level,parent_code\n730101,甲县气象局,county,730100\n\n,,,\n73010X,乙县气象局,county,730100\n730100,甲市气象局,city,730000\n',
    );
    expect(r.rows.map((u) => [u.row, u.code])).toEqual([
      [2, '730101'],
      [6, '730100'],
    ]);
    expect(r.problems.map((p) => [p.row, p.column, p.code])).toEqual([[5, 'code', 'bad_code']]);
  });

  it('reads an optional name_en column: blank gives none, Chinese is refused', () => {
    const r = readUnitsCsv(
      'code,name,level,parent_code,Name_EN\n730100,南平市局,city,730000, Nanping City Bureau \n730101,建阳区局,county,730100,\n730102,光泽县局,county,730100,光泽\n',
    );
    expect(r.rows.map((u) => [u.code, u.nameEn])).toEqual([
      ['730100', 'Nanping City Bureau'],
      ['730101', undefined],
    ]);
    expect(r.problems).toEqual([
      {
        row: 4,
        column: 'name_en',
        code: 'bad_name_en',
        message: '英文名称不能含汉字（值 "光泽"）',
        messageEn: 'The English name has Chinese characters (value "光泽")',
      },
    ]);
  });

  it('says every problem in English too', () => {
    const said = (csv: string) =>
      readUnitsCsv(csv).problems.map((p) => [p.row, p.column, p.code, p.message, p.messageEn]);
    expect(said('code,"name\n')).toEqual([
      [
        0,
        '',
        'not_csv',
        '不是有效的 CSV 文件（第 1 行附近有引号没有闭合）',
        'Not a valid CSV file (near line 1: a quote is not closed)',
      ],
    ]);
    expect(said('code,name,parent_code\n')).toEqual([
      [
        1,
        'level',
        'missing_column',
        '缺少列 level（需要 code,name,level,parent_code）',
        'Column level is missing (the columns are code,name,level,parent_code)',
      ],
    ]);
    const long = 'A'.repeat(201);
    const longName = '长'.repeat(101);
    expect(
      said(
        `code,name,level,parent_code,name_en\n73010X,甲县局,county,7301,\n730102,,town,730100,\n730103,乙县局,county,730100,${long}\n730104,丙县局,county,730100,\n730104,丁县局,county,730100,\n730105,${longName},county,730100,\n`,
      ),
    ).toEqual([
      [2, 'code', 'bad_code', '单位代码应为6位数字（值 "73010X"）', 'A unit code is 6 digits (value "73010X")'],
      [2, 'parent_code', 'bad_code', '单位代码应为6位数字（值 "7301"）', 'A unit code is 6 digits (value "7301")'],
      [3, 'name', 'bad_name', '单位名称不能为空（值 ""）', 'The unit name is empty (value "")'],
      [
        3,
        'level',
        'bad_level',
        '级别应为 province、city 或 county（值 "town"）',
        'The level should be province, city or county (value "town")',
      ],
      [
        4,
        'name_en',
        'bad_name_en',
        `英文名称不能超过 200 个字符（值 "${long}"）`,
        `The English name is longer than 200 characters (value "${long}")`,
      ],
      [
        6,
        'code',
        'duplicate_code',
        '单位代码 730104 重复（第5行已有）',
        'Unit code 730104 appears twice (row 5 has it already)',
      ],
      [
        7,
        'name',
        'bad_name',
        `单位名称不能超过 100 个字符（值 "${longName}"）`,
        `The unit name is longer than 100 characters (value "${longName}")`,
      ],
    ]);
  });
});
