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
/**
 * One pool for the process, its workers kept while there is work: a new one loads resvg, the font
 * cutter and 16 MB of fonts again. `atomics: 'disabled'`: piscina's default parks an idle worker
 * in Atomics.wait, so its event loop never turns and the finalizers that give resvg's images back
 * (33 MB each) never ran — memory came back only when the thread ended, and pools were thrown
 * away every 16 images for it.
 */
const newPool = () => {
  const piscina = new Piscina({
    filename: new URL('./png-worker.mjs', import.meta.url).href,
    maxThreads: Math.max(1, availableParallelism() - 1),
    minThreads: 0,
    idleTimeout: 30_000,
    atomics: 'disabled',
  });
  piscina.on('workerCreate', () => counts.workers++);
  return piscina;
};

const counts = { rendered: 0, skipped: 0, workers: 0 };

/**
 * PNGs the workers drew, those they skipped because the request that wanted them was abandoned
 * while they waited in the queue (a download whose client went away stopped costing CPU), and
 * the worker threads started: each loads resvg, the font cutter and 16 MB of fonts again.
 */
export function pngRenderCounts(): Readonly<typeof counts> {
  return { ...counts };
}

export class RenderCancelledError extends Error {
  constructor() {
    super('rendering cancelled: the request was abandoned');
    this.name = 'AbortError';
  }
}

type Outcome = { bytes: Uint8Array; width: number; height: number } | { cancelled: true };

export async function svgToPngInWorker(svg: string, width: number, signal?: AbortSignal): Promise<Png> {
  if (signal?.aborted) throw new RenderCancelledError();
  pool ??= newPool();
  // the worker looks at the flag before it starts; a render under way is not stopped (ending the
  // thread costs more than the render's remaining fraction of a second)
  const cancel = new SharedArrayBuffer(4);
  const stop = () => Atomics.store(new Int32Array(cancel), 0, 1);
  signal?.addEventListener('abort', stop, { once: true });
  const out = (await pool
    .run({ ...resvgInput(svg, width), cancel })
    .finally(() => signal?.removeEventListener('abort', stop))) as Outcome;
  if ('cancelled' in out) {
    counts.skipped++;
    throw new RenderCancelledError();
  }
  counts.rendered++;
  return {
    bytes: Buffer.from(out.bytes.buffer, out.bytes.byteOffset, out.bytes.byteLength),
    width: out.width,
    height: out.height,
  };
}
