const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const LARGE_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

/** Characters a Chinese numeral may be written with. */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万亿';

/**
 * Value of a Chinese numeral such as 五, 十二, 二十四, 一百零五, 一千, 两万三千.
 * Returns null for anything that is not a well-formed numeral.
 */
export function parseChineseNumeral(text: string): number | null {
  if (text.length === 0) return null;
  // 二〇二二 style: digits only, read positionally (years). Two digits (三四次) mean "three or four".
  if (text.length > 2 && [...text].every((c) => c in DIGITS && c !== '两')) {
    return Number([...text].map((c) => DIGITS[c]).join(''));
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const ch of text) {
    const d = DIGITS[ch];
    if (d !== undefined) {
      if (digit !== null && digit !== 0 && d !== 0) return null; // 二三 is not a number; 零 may precede a digit
      digit = d;
      continue;
    }
    const small = SMALL_UNITS[ch];
    if (small !== undefined) {
      // A bare 十 at the start means 一十 (十二 = 12).
      section += (digit ?? (small === 10 ? 1 : NaN)) * small;
      if (Number.isNaN(section)) return null;
      digit = null;
      continue;
    }
    const large = LARGE_UNITS[ch];
    if (large !== undefined) {
      total += (section + (digit ?? 0)) * large;
      section = 0;
      digit = null;
      continue;
    }
    return null;
  }
  return total + section + (digit ?? 0);
}

/** Value of an Arabic (already half-width) or Chinese numeral; null if neither. */
export function parseNumeral(text: string): number | null {
  const arabic = text.replace(/[,，]/g, '');
  if (/^\d+(?:\.\d+)?$/.test(arabic)) return Number(arabic);
  return parseChineseNumeral(text);
}

/** Masks used in published reports to hide a figure: X次, xx名, *名, **元, and a lone n (n次). */
export function isMask(text: string): boolean {
  return /^(?:[Xx×*]+|n)$/.test(text);
}
