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
});
