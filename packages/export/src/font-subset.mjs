// Plain JavaScript: png-worker.mjs imports it, and worker threads start without a TypeScript loader.
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { cutFont } from './font-cut.mjs';

/**
 * resvg reads and parses its font files again for every <text> of an SVG: with the 8 MB Noto Sans
 * SC a chart of 100 labels took 17 s of one quiet core and a 10-chart 通报 minutes. Fonts cut down
 * to the characters of the SVG (a few KB) draw the very same pixels in a fraction of a second.
 * Name ids 16/17 (typographic family and style) are kept: without them the bold cut is a family of
 * its own ("… Bold") and bold text falls back to the regular.
 */
const KEEP_NAME_IDS = [1, 2, 3, 4, 5, 6, 16, 17];
/** Cuts kept per thread: a briefing draws the same charts again, each cut is a file of a few KB. */
const KEPT = 64;

const dir = join(tmpdir(), `bixue-font-cuts-${process.pid}-${threadId}`);
const cuts = new Map();

/** Every character the SVG may draw: its text, markup and all, and what its character references stand for. */
function charactersOf(svg) {
  const referenced = [...svg.matchAll(/&#(x[0-9a-f]+|[0-9]+);/giu)].map(([, n]) =>
    String.fromCodePoint(n[0] === 'x' || n[0] === 'X' ? parseInt(n.slice(1), 16) : Number(n)),
  );
  return [...new Set([...svg, ...referenced])].sort().join('');
}

/** `fontFiles` cut down to what `svg` draws, as files resvg can load (they live as long as the thread). */
export async function fontFilesFor(svg, fontFiles) {
  if (fontFiles.length === 0) return fontFiles;
  const chars = charactersOf(svg);
  const key = createHash('sha256')
    .update(`${fontFiles.join('\n')}\n${chars}`)
    .digest('base64url')
    .slice(0, 22);
  const kept = cuts.get(key);
  if (kept) {
    cuts.delete(key);
    cuts.set(key, kept);
    return kept;
  }
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (const [i, source] of fontFiles.entries()) {
    const file = join(dir, `${key}-${i}-${basename(source)}`);
    // whole or not at all: a file resvg finds is never half written
    writeFileSync(`${file}.part`, await cutFont(source, chars, KEEP_NAME_IDS));
    renameSync(`${file}.part`, file);
    files.push(file);
  }
  cuts.set(key, files);
  if (cuts.size > KEPT) {
    const [oldest, old] = cuts.entries().next().value;
    cuts.delete(oldest);
    for (const f of old) rmSync(f, { force: true });
  }
  return files;
}
