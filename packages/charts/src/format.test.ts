import { describe, expect, it } from 'vitest';
import { formatTarget, isCounted, shownTarget } from './format.ts';

const meetings = { unit: '次' };
const rate = { unit: '%' };

describe('targets as staff read them', () => {
  it('knows the count measures in either language, and not rates, hours or per-member measures', () => {
    expect([meetings, { unit: 'times' }, { unit: '人次' }, { unit: 'sessions' }].map(isCounted)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect([rate, { unit: '学时' }, { unit: '分' }, { unit: '次/人' }, { unit: '' }].map(isCounted)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
  it('rounds a phased count target up to a whole number, unmoved by float noise', () => {
    // 12 a year, five months in: 12 × 5/12 = 5 exactly on paper, 5.000000000000001 in floats
    expect(shownTarget((12 * 5) / 12 + 1e-12, meetings)).toBe(5);
    expect(formatTarget((12 * 5) / 12 + 1e-12, meetings)).toBe('5次');
    // 10 a year: 10 × 5/12 = 4.1667, and 4.1667 meetings means holding 5
    expect(shownTarget((10 * 5) / 12, meetings)).toBe(5);
    expect(formatTarget((10 * 5) / 12, meetings)).toBe('5次');
    expect(formatTarget((4 * 7) / 12, { unit: 'times' })).toBe('3 times');
    // an annual duty before its due month: nothing due, written 0, never −0
    expect(Object.is(shownTarget(0, meetings), 0)).toBe(true);
  });
  it('leaves rates and hours as they are, one decimal', () => {
    expect(shownTarget(95, rate)).toBe(95);
    expect(formatTarget(95, rate)).toBe('95.0%');
    expect(formatTarget((32 * 5) / 12, { unit: '学时' })).toBe('13.3学时');
  });
});
