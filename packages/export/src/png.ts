import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { CJK_FAMILY, cjkFontFiles } from './fonts.ts';
import { encodePng } from './png-encode.mjs';

/** domain.md §8: slide PNGs carry twice the slide's pixels. */
export const PNG_SCALE = 2;

/** Status icons the bundled GB2312 subset lacks, drawn with the look-alike it has. */
const LOOK_ALIKES: Record<string, string> = { '✕': '×' };

export interface Png {
  bytes: Buffer;
  width: number;
  height: number;
}

/**
 * Rasterises an export's SVG at `width` pixels on white with the whole fonts, on the calling thread:
 * the reference the PNG workers (png-pool.ts, drawing with fonts cut to the SVG's characters) are
 * tested against; exports draw in the workers. Only the bundled CJK font is used, so
 * the image is the same on every machine; `fontFiles: []` shows what a server without it would draw.
 */
export function svgToPng(svg: string, width: number, fontFiles: string[] = cjkFontFiles()): Png {
  const { drawable, options } = resvgInput(svg, width, fontFiles);
  const image = new Resvg(drawable, options).render();
  return { bytes: encodePng(image.pixels, image.width, image.height), width: image.width, height: image.height };
}

/** What resvg is given for an export's SVG; png-pool.ts hands the same to its workers. */
export function resvgInput(
  svg: string,
  width: number,
  fontFiles: string[] = cjkFontFiles(),
): { drawable: string; options: ResvgRenderOptions } {
  return {
    drawable: svg.replace(/[✕]/gu, (c) => LOOK_ALIKES[c]!),
    options: {
      fitTo: { mode: 'width', value: width },
      background: '#FFFFFF',
      font: { loadSystemFonts: false, fontFiles, defaultFontFamily: CJK_FAMILY, sansSerifFamily: CJK_FAMILY },
    },
  };
}
