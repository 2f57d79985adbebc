// A worker of png-pool.ts: plain JavaScript, so worker threads start without a TypeScript loader.
import { Resvg } from '@resvg/resvg-js';
import { fontFilesFor } from './font-subset.mjs';

export default async function render({ drawable, options, cancel }) {
  // the request that queued this image was abandoned while it waited
  if (cancel && Atomics.load(new Int32Array(cancel), 0) === 1) return { cancelled: true };
  const fontFiles = await fontFilesFor(drawable, options.font.fontFiles);
  const image = new Resvg(drawable, { ...options, font: { ...options.font, fontFiles } }).render();
  return { bytes: image.asPng(), width: image.width, height: image.height };
}
