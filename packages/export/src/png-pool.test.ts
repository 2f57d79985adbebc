import { describe, expect, it } from 'vitest';
import { svgToPng } from './png.ts';
import { svgToPngInWorker } from './png-pool.ts';

// a regular and a bold line: the workers draw with fonts cut down to the SVG's characters, which
// must keep the bold cut's family; the calling thread draws with the whole fonts
const svg = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="120"><text x="10" y="50" font-size="32">${text}</text>` +
  `<text x="10" y="100" font-size="32" font-weight="bold">${text} &#x8D76;&amp;</text></svg>`;

describe('PNG rendering in worker threads', () => {
  it('gives the very bytes of rendering on the calling thread with the whole fonts, for several at once', async () => {
    const texts = ['党建 ✕ 1', '比学赶超', '第27名/93', '数据截至2026年9月'];
    const pooled = await Promise.all(texts.map((t) => svgToPngInWorker(svg(t), 640)));
    texts.forEach((t, i) => {
      const direct = svgToPng(svg(t), 640);
      expect(pooled[i]!.width).toBe(640);
      expect(pooled[i]!.height).toBe(direct.height);
      expect(Buffer.compare(pooled[i]!.bytes, direct.bytes)).toBe(0);
    });
  });
});
