import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { resvgInput, svgToPng } from './png.ts';
import { pngPixels } from './testing/png-pixels.ts';

const slide = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"><rect x="20" y="40" width="300" height="24" rx="4" fill="#C8102E"/><circle cx="500" cy="200" r="90" fill="#1F77B4" fill-opacity="0.4"/><text x="20" y="320" font-size="28">综合得分排名 第27名/93</text></svg>`;

describe('PNG encoding', () => {
  it('keeps every pixel resvg draws: the same image as resvg’s own PNG, at the size asked', () => {
    const { drawable, options } = resvgInput(slide, 1280);
    const image = new Resvg(drawable, options).render();
    const ours = pngPixels(svgToPng(slide, 1280).bytes);
    const theirs = pngPixels(image.asPng());
    expect([ours.width, ours.height]).toEqual([1280, 720]);
    expect([theirs.width, theirs.height]).toEqual([1280, 720]);
    expect(ours.pixels.equals(image.pixels)).toBe(true);
    expect(theirs.pixels.equals(image.pixels)).toBe(true);
  });
});
