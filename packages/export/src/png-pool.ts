import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { type Png, resvgInput } from './png.ts';

/**
 * Rasterising a 3840×2160 slide takes the better part of a second of one core; done on the
 * server's event loop it held every other request behind it. Workers (started on first use, idle
 * ones closed) render instead; the event loop keeps answering. One core is left to the event loop,
 * which runs the queries on PGlite: a briefing's charts are queried there while the workers draw
 * the charts already queried. On 2 cores, 2 workers beside the busy event loop took 60% more CPU
 * for the same PNGs (5.8 s against 3.6 s for 8 slides) and finished later than 1.
 */
let pool: Piscina | null = null;

export async function svgToPngInWorker(svg: string, width: number): Promise<Png> {
  pool ??= new Piscina({
    filename: new URL('./png-worker.mjs', import.meta.url).href,
    maxThreads: Math.max(1, availableParallelism() - 1),
    minThreads: 0,
    idleTimeout: 30_000,
  });
  const png = (await pool.run(resvgInput(svg, width))) as { bytes: Uint8Array; width: number; height: number };
  return {
    bytes: Buffer.from(png.bytes.buffer, png.bytes.byteOffset, png.bytes.byteLength),
    width: png.width,
    height: png.height,
  };
}
