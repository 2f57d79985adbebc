import { describe, expect, it } from 'vitest';
import { INDICATOR_CATALOG } from '@bixue/domain';
import { COUNTERS, LEXICON } from './lexicon.ts';

describe('LEXICON', () => {
  it('speaks only catalog codes, one pattern each', () => {
    const known = new Set(INDICATOR_CATALOG.map((i) => i.code));
    const codes = LEXICON.map((p) => p.indicator);
    expect(codes.filter((c) => !known.has(c))).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('lists longer counters first so 人次 is not read as 人', () => {
    expect(COUNTERS.indexOf('人次')).toBeLessThan(COUNTERS.indexOf('人'));
    expect(COUNTERS.indexOf('场次')).toBeLessThan(COUNTERS.indexOf('场'));
  });
});
