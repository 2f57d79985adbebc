// Plain JavaScript: png-worker.mjs imports it, and worker threads start without a TypeScript loader.
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/**
 * resvg's own asPng() filters every row adaptively and compresses hard: 130–330 ms for a
 * 2560×1440 slide, more than drawing it. A slide is mostly flat white and a few flat colours,
 * which deflate's fast mode packs nearly as well unfiltered: level 3 took 18–25 ms for 211 KB
 * against asPng's 193 KB, the same pixels (levels 4–9 switch to lazy matching and cost 4×).
 */
const LEVEL = 3;

function chunk(type, data) {
  const out = Buffer.allocUnsafe(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An 8-bit RGBA PNG of `pixels` (rows top to bottom, 4 bytes a pixel, as resvg gives them). */
export function encodePng(pixels, width, height) {
  const stride = width * 4;
  // each row behind its filter-type byte, 0 (none); every byte is written, so not zeroed first (15 MB)
  const rows = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (stride + 1)] = 0;
    pixels.copy(rows, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: LEVEL })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
