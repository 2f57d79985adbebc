// A worker of png-pool.ts: plain JavaScript, so worker threads start without a TypeScript loader.
import { Resvg } from '@resvg/resvg-js';

export default function render({ drawable, options }) {
  const image = new Resvg(drawable, options).render();
  return { bytes: image.asPng(), width: image.width, height: image.height };
}
