import { parsePeriod } from '@bixue/domain';
import { expect, it } from 'vitest';
import { periodsOnce } from './periods-once.ts';

it('parses each distinct period once: the same period for the same code, as parsePeriod reads it', () => {
  const periodOf = periodsOnce();
  const march = periodOf('2024-03');
  expect(march).toEqual(parsePeriod('2024-03'));
  expect(march).toMatchObject({ grain: 'month', startMonth: 2024 * 12 + 2, endMonth: 2024 * 12 + 2 });
  expect(periodOf('2024-03')).toBe(march);
  expect(periodOf('2024H2')).toMatchObject({ grain: 'half', startMonth: 2024 * 12 + 6, endMonth: 2024 * 12 + 11 });
  expect(() => periodOf('2024-13')).toThrow();
});
