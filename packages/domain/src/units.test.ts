import { expect, it } from 'vitest';
import { shortUnitName, unitImportRowSchema } from './units.ts';

it('shortens bureau names to the place', () => {
  expect(shortUnitName('测试省云川市气象局')).toBe('云川市');
  expect(shortUnitName('安平县气象局')).toBe('安平县');
  expect(shortUnitName('测试省气象局')).toBe('测试省');
});

it('validates unit rows and turns an empty parent into null', () => {
  expect(
    unitImportRowSchema.parse({ code: '990000', name: '测试省气象局', level: 'province', parent_code: '' }).parent_code,
  ).toBeNull();
  expect(
    unitImportRowSchema.safeParse({ code: '99000', name: 'x', level: 'city', parent_code: '990000' }).success,
  ).toBe(false);
  expect(
    unitImportRowSchema.safeParse({ code: '990100', name: 'x', level: 'town', parent_code: '990000' }).success,
  ).toBe(false);
});
