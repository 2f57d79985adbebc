import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fontFilesFor } from './font-subset.mjs';
import { cjkFontFiles } from './fonts.ts';

const svg = (text: string) => `<svg xmlns="http://www.w3.org/2000/svg"><text>${text}</text></svg>`;
/** `n` CJK characters from U+4E00 on, none of them in the texts above */
const many = (n: number) => Array.from({ length: n }, (_, i) => String.fromCodePoint(0x5000 + i)).join('');

describe('font cuts of a thread', () => {
  it('are grown by the characters an SVG lacks and kept for every SVG they cover', async () => {
    const fonts = cjkFontFiles();
    const first = await fontFilesFor(svg('党建工作'), fonts);
    expect(first).toHaveLength(2);
    // all of its characters drawn before: no cut
    expect(await fontFilesFor(svg('建党'), fonts)).toEqual(first);
    const grown = await fontFilesFor(svg('比学赶超'), fonts);
    expect(grown).not.toEqual(first);
    expect(first.some((f) => existsSync(f))).toBe(false);
    // the grown cut has both texts' characters
    expect(await fontFilesFor(svg('党建比学'), fonts)).toEqual(grown);
  });

  it('start again from an SVG’s own characters past 512', async () => {
    const fonts = cjkFontFiles();
    const big = await fontFilesFor(svg(many(600)), fonts);
    expect(await fontFilesFor(svg(many(300)), fonts)).toEqual(big);
    const small = await fontFilesFor(svg('党建'), fonts);
    expect(small).not.toEqual(big);
    // 600 more would pass 512 again: the cut of 党建 is not kept for them
    expect(await fontFilesFor(svg(many(600)), fonts)).not.toEqual(small);
    expect(await fontFilesFor(svg('党建'), fonts)).not.toEqual(small);
  });

  it('are no cut without fonts', async () => {
    expect(await fontFilesFor(svg('党建'), [])).toEqual([]);
  });
});
