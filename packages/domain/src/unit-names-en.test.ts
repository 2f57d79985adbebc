import { describe, expect, it } from 'vitest';
import { placePinyin, romanisedUnitNames, unitNamesEn } from './unit-names-en.ts';

describe('romanisedUnitNames', () => {
  it('names the demo units of each kind: province, city, and the county-level county, district and city', () => {
    expect(romanisedUnitNames('测试省气象局')).toEqual({
      nameEn: 'Ceshi Provincial Meteorological Bureau',
      shortNameEn: 'Ceshi',
    });
    expect(romanisedUnitNames('云川市气象局')).toEqual({
      nameEn: 'Yunchuan City Meteorological Bureau',
      shortNameEn: 'Yunchuan',
    });
    expect(romanisedUnitNames('宁远县气象局')).toEqual({
      nameEn: 'Ningyuan County Meteorological Bureau',
      shortNameEn: 'Ningyuan',
    });
    expect(romanisedUnitNames('崇山区气象局')).toEqual({
      nameEn: 'Chongshan District Meteorological Bureau',
      shortNameEn: 'Chongshan',
    });
    expect(romanisedUnitNames('玉溪岭市气象局').nameEn).toBe('Yuxiling City Meteorological Bureau');
  });

  it('translates the short bureau names', () => {
    expect(romanisedUnitNames('南平市局')).toEqual({ nameEn: 'Nanping City Bureau', shortNameEn: 'Nanping' });
    expect(romanisedUnitNames('建阳区局')).toEqual({ nameEn: 'Jianyang District Bureau', shortNameEn: 'Jianyang' });
    expect(romanisedUnitNames('福建省局')).toEqual({ nameEn: 'Fujian Provincial Bureau', shortNameEn: 'Fujian' });
    expect(romanisedUnitNames('福建省委').nameEn).toBe('Fujian Provincial Committee');
    expect(romanisedUnitNames('长汀县局').nameEn).toBe('Changting County Bureau');
  });

  it('keeps a 州 or 市 inside the place, and reads a one-character place before its division', () => {
    expect(romanisedUnitNames('福州市局').nameEn).toBe('Fuzhou City Bureau');
    expect(romanisedUnitNames('济南市市中区局').nameEn).toBe('Shizhong District Bureau, Jinan City');
    expect(romanisedUnitNames('沛县局')).toEqual({ nameEn: 'Pei County Bureau', shortNameEn: 'Pei' });
  });

  it('puts the parents named in front after a comma', () => {
    expect(romanisedUnitNames('测试省云川市气象局')).toEqual({
      nameEn: 'Yunchuan City Meteorological Bureau, Ceshi Province',
      shortNameEn: 'Yunchuan',
    });
  });

  it('romanises a name without a division or a bureau whole', () => {
    expect(romanisedUnitNames('南平')).toEqual({ nameEn: 'Nanping', shortNameEn: 'Nanping' });
    expect(romanisedUnitNames('南平局')).toEqual({ nameEn: 'Nanping Bureau', shortNameEn: 'Nanping' });
  });
});

describe('placePinyin', () => {
  it('writes syllables without tones, joined, an apostrophe before a vowel that would run on', () => {
    expect(placePinyin('瑞安')).toBe("Rui'an");
    expect(placePinyin('六安')).toBe("Lu'an");
    expect(placePinyin('重庆')).toBe('Chongqing');
    expect(placePinyin('吕梁')).toBe('Lüliang');
    expect(placePinyin('Nanping')).toBe('Nanping');
  });
});

describe('unitNamesEn', () => {
  it('prefers the stored names, each on its own', () => {
    const unit = { name: '南平市局', name_en: null, short_name_en: null };
    expect(unitNamesEn(unit)).toEqual({ nameEn: 'Nanping City Bureau', shortNameEn: 'Nanping' });
    expect(unitNamesEn({ ...unit, name_en: 'Nanping Municipal Bureau' })).toEqual({
      nameEn: 'Nanping Municipal Bureau',
      shortNameEn: 'Nanping',
    });
    expect(unitNamesEn({ ...unit, name_en: 'Nanping Municipal Bureau', short_name_en: 'NP' })).toEqual({
      nameEn: 'Nanping Municipal Bureau',
      shortNameEn: 'NP',
    });
  });
});
