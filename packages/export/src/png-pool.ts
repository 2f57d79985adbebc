import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { type Png, resvgInput } from './png.ts';

/**
 * Drawing a 3840×2160 slide (font cuts, rasterising, PNG encoding) takes 0.1–0.3 s of one core;
 * done on the server's event loop it held every other request behind it. Workers render instead;
 * the event loop keeps answering. One core is left to the event loop,
 * which runs the queries on PGlite: a briefing's charts are queried there while the workers draw
 * the charts already queried. On 2 cores, 2 workers beside the busy event loop took 60% more CPU
 * for the same PNGs (5.8 s against 3.6 s for 8 slides) and finished later than 1.
 */
let pool: Piscina | null = null;
/**
 * One pool for the process, one worker kept for good once a PNG was asked for (more, where there
 * are cores for them, while there is work): a new worker loads resvg, the font cutter and 16 MB of
 * fonts again — its first image took 1.5 s against 0.45 s for the next, on a busy machine.
 * `atomics: 'disabled'`: piscina's default parks an idle worker in Atomics.wait, so its event loop
 * never turns and the finalizers that give resvg's images back (33 MB each) never ran — memory came
 * back only when the thread ended, and pools were thrown away every 16 images for it.
 * `stricterFIFO`: by default a render that found every worker busy went to the back of the queue,
 * behind later ones, again at each image drawn: under 20 clients (bench:load) most PNGs took
 * 1 s and some 15 s, one of 100 waited for dozens of others.
 */
const newPool = () => {
  const piscina = new Piscina({
    filename: new URL('./png-worker.mjs', import.meta.url).href,
    maxThreads: Math.max(1, availableParallelism() - 1),
    minThreads: 1,
    idleTimeout: 30_000,
    atomics: 'disabled',
    stricterFIFO: true,
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

/** An image asked of the workers and not yet drawn, and how many requests still want it. */
interface Render {
  outcome: Promise<Outcome>;
  wanted: number;
  /** set when no request wants it any more: the worker looks at it before it starts */
  cancel: SharedArrayBuffer;
}

/**
 * Renders under way by width and SVG: the same chart asked again before its image is drawn (a
 * room opening one dashboard, a double click) waits for that image instead of drawing it again.
 * The SVG names the minute it was exported, so only requests of the same minute share.
 */
const inFlight = new Map<string, Render>();

function renderOf(svg: string, width: number): Render {
  const key = `${width}\n${svg}`;
  const current = inFlight.get(key);
  // one every request abandoned may already be skipped: a new request draws its own
  if (current && current.wanted > 0) return current;
  pool ??= newPool();
  const cancel = new SharedArrayBuffer(4);
  const render: Render = {
    wanted: 0,
    cancel,
    outcome: pool.run({ ...resvgInput(svg, width), cancel }).then((out: Outcome) => {
      if ('cancelled' in out) counts.skipped++;
      else counts.rendered++;
      return out;
    }),
  };
  void render.outcome
    .finally(() => {
      if (inFlight.get(key) === render) inFlight.delete(key);
    })
    .catch(() => {});
  inFlight.set(key, render);
  return render;
}

export async function svgToPngInWorker(svg: string, width: number, signal?: AbortSignal): Promise<Png> {
  if (signal?.aborted) throw new RenderCancelledError();
  const render = renderOf(svg, width);
  render.wanted++;
  // skipped only when every request that wanted it was abandoned; a render under way is not
  // stopped (ending the thread costs more than the render's remaining fraction of a second)
  const abandon = () => {
    if (--render.wanted === 0) Atomics.store(new Int32Array(render.cancel), 0, 1);
  };
  signal?.addEventListener('abort', abandon, { once: true });
  const out = await render.outcome.finally(() => signal?.removeEventListener('abort', abandon));
  if ('cancelled' in out) throw new RenderCancelledError();
  return {
    bytes: Buffer.from(out.bytes.buffer, out.bytes.byteOffset, out.bytes.byteLength),
    width: out.width,
    height: out.height,
  };
}
