import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { svgToPng } from './png.ts';
import { pngRenderCounts, svgToPngInWorker } from './png-pool.ts';

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

describe('PNG requests waiting for a worker', () => {
  it('are drawn in the order they came, however many wait', async () => {
    const threads = Math.max(1, availableParallelism() - 1);
    const done: number[] = [];
    await Promise.all(
      Array.from({ length: 24 }, (_, i) => svgToPngInWorker(svg(`第${i}份`), 640).then(() => done.push(i))),
    );
    // piscina's default sent a waiting render it could not start yet to the back of the queue,
    // behind later ones, again and again: under 20 clients a PNG waited 15 s while others took 1
    const overtaken = done.map((i, at) => done.slice(0, at).filter((later) => later > i).length);
    expect(Math.max(...overtaken)).toBeLessThan(threads);
  });
});

describe('PNG requests for the same image', () => {
  it('draw it once for all who ask while it is drawn', async () => {
    const before = pngRenderCounts().rendered;
    const same = await Promise.all([1, 2, 3, 4, 5].map(() => svgToPngInWorker(svg('同一张图'), 640)));
    expect(pngRenderCounts().rendered - before).toBe(1);
    for (const png of same) expect(Buffer.compare(png.bytes, same[0]!.bytes)).toBe(0);
  });

  it('are skipped only when every one who asked went away', async () => {
    // the worker busy with others first, so the shared image waits in the queue
    const busy = Array.from({ length: availableParallelism() + 2 }, (_, i) => svgToPngInWorker(svg(`甲${i}`), 640));
    const gone = new AbortController();
    const abandoned = svgToPngInWorker(svg('共享'), 640, gone.signal).catch((e: unknown) => e);
    const wanted = svgToPngInWorker(svg('共享'), 640);
    gone.abort();
    await Promise.all(busy);
    expect((await wanted).width).toBe(640);
    // the abandoned request shared a render that was drawn: it gets the image too
    expect(await abandoned).toMatchObject({ width: 640 });

    const before = pngRenderCounts();
    const more = Array.from({ length: availableParallelism() + 2 }, (_, i) => svgToPngInWorker(svg(`乙${i}`), 640));
    const all = [new AbortController(), new AbortController()];
    const both = all.map((c) => svgToPngInWorker(svg('无人要'), 640, c.signal).catch((e: unknown) => e));
    for (const c of all) c.abort();
    await Promise.all(more);
    for (const e of await Promise.all(both)) expect((e as Error).name).toBe('AbortError');
    expect(pngRenderCounts().skipped - before.skipped).toBe(1);
    expect(pngRenderCounts().rendered - before.rendered).toBe(more.length);
  });
});

describe('PNG workers over many images', () => {
  it('draw them in the threads they started with, giving each image’s memory back', { timeout: 120_000 }, async () => {
    // a full-size slide: 33 MB of pixels each, which resvg frees only when V8 collects the image
    const slide = (i: number) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080"><rect x="${i}" width="900" height="600" fill="#C8102E"/><text x="40" y="900" font-size="64">第${i}张</text></svg>`;
    await svgToPngInWorker(slide(0), 3840);
    const workers = pngRenderCounts().workers;
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    for (let round = 1; round <= 8; round++) {
      await Promise.all([1, 2, 3, 4].map((i) => svgToPngInWorker(slide(round * 10 + i), 3840)));
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }
    expect(pngRenderCounts().workers).toBe(workers);
    // 32 images kept would be 2 GB (and 16 were, when a thread had to end to give them back); a
    // few at a time are drawn and freed
    expect((rssPeak - rssBefore) / 2 ** 20).toBeLessThan(600);
  });
});

describe('PNG workers under tsx', () => {
  // the CLI and the server run under tsx, which rewrites what worker threads see of import.meta
  it('draw as the CLI and the server run them', { timeout: 60_000 }, async () => {
    const pool = fileURLToPath(new URL('./png-pool.ts', import.meta.url));
    const script = join(mkdtempSync(join(tmpdir(), 'bixue-png-tsx-')), 'draw.mts');
    writeFileSync(
      script,
      `const { svgToPngInWorker } = await import(${JSON.stringify(pool)});
      const png = await svgToPngInWorker(${JSON.stringify(svg('党建'))}, 640);
      console.log(png.width, png.bytes.length > 1000);
      process.exit(0);`,
    );
    const { stdout } = await promisify(execFile)('node', ['--import', 'tsx', script], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    expect(stdout.trim()).toBe('640 true');
  });
});
