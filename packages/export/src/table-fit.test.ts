import { describe, expect, it } from 'vitest';
import { fitTable } from './table-fit.ts';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
/** the heatmap's area under a commentary on a 16:9 slide, inches */
const AREA = { w: 12.5, h: 4.94 };
const HEADER_EN = [
  'Unit',
  "Party members' congress",
  'Organisational life meetings',
  'Democratic reviews of members',
  'Study and training hours',
  'Rectification rate',
];

describe('fitTable', () => {
  it('keeps a short Chinese table at full size, each column as wide as the others', () => {
    const header = ['单位', '党员大会', '组织生活会', '整改完成率'];
    const fit = fitTable(
      header,
      Array.from({ length: 8 }, () => ['梅岭县气象局', '✓ 5', '– 未报送', '✓ 100']),
      AREA,
    );
    expect(fit.fontSize).toBe(11);
    expect(sum(fit.colW)).toBeCloseTo(AREA.w, 6);
    expect(fit.rowH).toEqual(Array.from({ length: 9 }, () => 0.32));
  });

  it('shrinks the type until long English cells fit one line and the header three, within the area', () => {
    const rows = Array.from({ length: 25 }, () => [
      'Changting',
      '✓ 5',
      '— Not reported',
      'X Undisclosed',
      '✓ 2,460',
      '✓ 100',
    ]);
    const fit = fitTable(HEADER_EN, rows, AREA);
    expect(fit.fontSize).toBeLessThan(11);
    expect(sum(fit.colW)).toBeLessThanOrEqual(AREA.w + 1e-9);
    expect(sum(fit.rowH)).toBeLessThanOrEqual(AREA.h + 1e-9);
    // "— Not reported" at 0.6 em a character takes 14 × 0.6 em of its column
    expect(fit.colW[2]!).toBeGreaterThan((14 * 0.6 * fit.fontSize) / 72);
    // the header's row holds two or three lines, the body's rows one
    expect(fit.rowH[0]!).toBeGreaterThan(1.5 * fit.rowH[1]!);
  });

  it('falls back to the smallest type in even columns when nothing fits', () => {
    const fit = fitTable(['Unit', 'Value'], [['x'.repeat(400), '1']], AREA);
    expect(fit.fontSize).toBe(5);
    expect(fit.colW).toEqual([AREA.w / 2, AREA.w / 2]);
  });
});
