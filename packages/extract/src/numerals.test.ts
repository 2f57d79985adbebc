import { describe, expect, it } from 'vitest';
import { isMask, parseChineseNumeral, parseNumeral } from './numerals.ts';

describe('parseChineseNumeral', () => {
  it.each([
    ['五', 5],
    ['两', 2],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十四', 24],
    ['一百二十', 120],
    ['一百零五', 105],
    ['一千', 1000],
    ['三千五百', 3500],
    ['两万三千', 23000],
    ['二〇二二', 2022],
  ])('%s → %d', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value);
  });

  it('rejects runs that are not numerals', () => {
    expect(parseChineseNumeral('二三')).toBeNull();
    expect(parseChineseNumeral('')).toBeNull();
    expect(parseChineseNumeral('五次')).toBeNull();
  });
});

describe('parseNumeral', () => {
  it('reads Arabic figures, with thousands separators', () => {
    expect(parseNumeral('667')).toBe(667);
    expect(parseNumeral('1,200')).toBe(1200);
    expect(parseNumeral('98.5')).toBe(98.5);
    expect(parseNumeral('二十四')).toBe(24);
  });
});

describe('isMask', () => {
  it('recognises masked figures', () => {
    expect(isMask('X')).toBe(true);
    expect(isMask('XX')).toBe(true);
    expect(isMask('**')).toBe(true);
    expect(isMask('xx')).toBe(true);
    expect(isMask('n')).toBe(true);
    expect(isMask('5')).toBe(false);
  });
});
