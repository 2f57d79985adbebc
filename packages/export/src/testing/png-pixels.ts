import { inflateSync } from 'node:zlib';

const paeth = (a: number, b: number, c: number) => {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/**
 * The RGBA pixels of an 8-bit RGBA, non-interlaced PNG (what resvg and png-encode.mjs write),
 * whichever row filters its encoder chose: two PNGs of the same image compare equal here even
 * when their bytes differ.
 */
export function pngPixels(png: Buffer): { width: number; height: number; pixels: Buffer } {
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
      if (data[8] !== 8 || data[9] !== 6 || data[12] !== 0) throw new Error('not an 8-bit RGBA non-interlaced PNG');
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = rows[y * (stride + 1)]!;
    const line = rows.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const o = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? pixels[o + x - 4]! : 0;
      const b = y > 0 ? pixels[o - stride + x]! : 0;
      const c = x >= 4 && y > 0 ? pixels[o - stride + x - 4]! : 0;
      const predicted = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter]!;
      pixels[o + x] = (line[x]! + predicted) & 255;
    }
  }
  return { width, height, pixels };
}
