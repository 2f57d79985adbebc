import { describe, expect, it } from 'vitest';
import { svgToPng } from './png.ts';
import { EXPORT_FONT_FAMILY } from './svg.ts';

const glyph = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="80"><text x="10" y="60" font-size="48" font-family="${EXPORT_FONT_FAMILY}">${text}</text></svg>`;

describe('PNG rendering of Chinese', () => {
  it('draws different glyphs for different characters with the bundled font, and boxes or nothing without it', () => {
    const dang = svgToPng(glyph('党建'), 160).bytes;
    const jian = svgToPng(glyph('赶超'), 160).bytes;
    expect(dang.equals(jian)).toBe(false);
    // without a CJK font both texts come out alike (empty boxes or blank), which is what users must never get
    const dangBare = svgToPng(glyph('党建'), 160, []).bytes;
    const jianBare = svgToPng(glyph('赶超'), 160, []).bytes;
    expect(dangBare.equals(jianBare)).toBe(true);
    expect(dang.equals(dangBare)).toBe(false);
  });
});
