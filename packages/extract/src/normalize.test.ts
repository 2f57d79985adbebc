import { describe, expect, it } from 'vitest';
import { normalizeReport } from './normalize.ts';

describe('normalizeReport', () => {
  it('converts traditional characters and keeps offsets one to one', () => {
    const original = '省氣象局黨組舉辦培訓班667人次';
    const n = normalizeReport(original);
    expect(n.text).toBe('省气象局党组举办培训班667人次');
    const at = n.text.indexOf('667');
    expect(n.toOriginal(at, at + 5)).toEqual({ start: 11, end: 16 });
  });

  it('drops pinyin notes and maps spans back over them', () => {
    const original = '當(dāng)前黨(dǎng)員3名';
    const n = normalizeReport(original);
    expect(n.text).toBe('当前党员3名');
    // 党员3名 is 黨(dǎng)員3名 in the original: from index 8 to the end.
    const at = n.text.indexOf('党员');
    const span = n.toOriginal(at, n.text.length);
    expect(original.slice(span.start, span.end)).toBe('黨(dǎng)員3名');
  });

  it('keeps parentheses that hold Chinese', () => {
    expect(normalizeReport('(責(zé)任編輯:張林)').text).toBe('(责任编辑:张林)');
  });

  it('turns full-width digits, letters and masks half-width', () => {
    expect(normalizeReport('党课３次，党员＊名，ＸＸ次').text).toBe('党课3次，党员*名，XX次');
  });

  it('removes scrape markers', () => {
    const n = normalizeReport('转化##paidbegin##为推动');
    expect(n.text).toBe('转化为推动');
    expect(n.toOriginal(2, 3)).toEqual({ start: 15, end: 16 });
  });
});
