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
interface Pool {
  piscina: Piscina;
  /** images asked of it and not yet drawn */
  queued: number;
  /** no new images go to it */
  retired: boolean;
}

const newPiscina = () =>
  new Piscina({
    filename: new URL('./png-worker.mjs', import.meta.url).href,
    maxThreads: Math.max(1, availableParallelism() - 1),
    minThreads: 0,
    idleTimeout: 30_000,
  });

let pool: Pool | null = null;
let drawnByPool = 0;
const IMAGES_PER_POOL = 16;

const counts = { rendered: 0, skipped: 0 };

/**
 * PNGs the workers drew, and those they skipped because the request that wanted them was
 * abandoned while they waited in the queue: how a test (or an operator) sees that a download
 * whose client went away stopped costing CPU.
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
  pool ??= { piscina: newPiscina(), queued: 0, retired: false };
  const current = pool;
  // resvg's drawn images (33 MB of pixels each at 3840×2160) are given back only when their
  // thread ends: 60 PNGs in one thread held 2.2 GB. A pool is retired after a batch of images,
  // and closed once the last image queued on it is drawn.
  current.queued++;
  if (++drawnByPool >= IMAGES_PER_POOL) {
    drawnByPool = 0;
    current.retired = true;
    pool = null;
  }
  // the worker looks at the flag before it starts; a render under way is not stopped (ending the
  // thread costs more than the render's remaining fraction of a second)
  const cancel = new SharedArrayBuffer(4);
  const stop = () => Atomics.store(new Int32Array(cancel), 0, 1);
  signal?.addEventListener('abort', stop, { once: true });
  const out = (await current.piscina.run({ ...resvgInput(svg, width), cancel }).finally(() => {
    signal?.removeEventListener('abort', stop);
    if (--current.queued === 0 && current.retired) void current.piscina.close();
  })) as Outcome;
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
