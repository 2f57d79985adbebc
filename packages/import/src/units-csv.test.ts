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
      { row: 4, column: 'name_en', code: 'bad_name_en', message: '英文名称不能含汉字（值 "光泽"）' },
    ]);
  });
});
