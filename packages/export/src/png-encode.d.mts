/** An 8-bit RGBA PNG of `pixels` (rows top to bottom, 4 bytes a pixel, as resvg gives them). */
export function encodePng(pixels: Buffer, width: number, height: number): Buffer;
