import { describe, expect, it } from 'vitest';
import { UNIT_PROBLEM_LABELS, unitProblemSaid } from './unit-problems.ts';

describe('unitProblemSaid', () => {
  const missing = { zh: '上级单位 779900 不存在', en: 'Parent unit 779900 does not exist' };

  it('puts the row and column before what is wrong, in each language', () => {
    expect(unitProblemSaid({ row: 3, column: 'parent_code' }, missing)).toEqual({
      zh: '第3行 parent_code: 上级单位 779900 不存在',
      en: 'Row 3, parent_code: Parent unit 779900 does not exist',
    });
    expect(unitProblemSaid({ row: 2, column: 'code' }, UNIT_PROBLEM_LABELS.bad_code)).toEqual({
      zh: '第2行 code: 代码不是6位数字',
      en: 'Row 2, code: Code is not 6 digits',
    });
  });

  it('names the row alone where no column is at fault, and no place for the whole file', () => {
    expect(unitProblemSaid({ row: 4, column: '' }, missing)).toEqual({
      zh: '第4行: 上级单位 779900 不存在',
      en: 'Row 4: Parent unit 779900 does not exist',
    });
    expect(unitProblemSaid({ row: 0, column: '' }, UNIT_PROBLEM_LABELS.not_csv)).toEqual(UNIT_PROBLEM_LABELS.not_csv);
  });
});
