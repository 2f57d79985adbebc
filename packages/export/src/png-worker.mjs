// A worker of png-pool.ts: plain JavaScript, so worker threads start without a TypeScript loader.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Resvg } from '@resvg/resvg-js';
import { fontFilesFor } from './font-subset.mjs';
import { encodePng } from './png-encode.mjs';

// resvg's drawn images (33 MB of pixels at 3840×2160) live outside V8's heap, which does not count
// them and collects late: 48 slides in one worker left the process at 400–770 MB, 300–560 MB with
// a collection after each image. `gc` is not exposed to workers (execArgv refuses --expose-gc); a
// context made after the flag is set has it (as jest-leak-detector does).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

export default async function render({ drawable, options, cancel }) {
  // the request that queued this image was abandoned while it waited
  if (cancel && Atomics.load(new Int32Array(cancel), 0) === 1) return { cancelled: true };
  const fontFiles = await fontFilesFor(drawable, options.font.fontFiles);
  const image = new Resvg(drawable, { ...options, font: { ...options.font, fontFiles } }).render();
  const bytes = encodePng(image.pixels, image.width, image.height);
  // after the answer is posted; the native memory goes with the finalizers of the next turn
  setImmediate(gc);
  return { bytes, width: image.width, height: image.height };
}
