// Plain JavaScript: png-worker.mjs imports it, and worker threads start without a TypeScript loader.
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
/**
 * One cut per thread and font list, grown by the characters of each SVG it lacks: a cut took
 * 10–15 ms of the ~100 ms of a ranking slide, and charts of one deployment share most of their
 * characters (unit and indicator names, windows, digits), so after the first few slides none is
 * cut at all. Parsing grows with the cut (8 ms more a slide at 1,200 characters than at 200), so
 * past this many characters the cut starts again from the SVG's own.
 */
const MOST_CHARACTERS = 512;

const dir = join(tmpdir(), `bixue-font-cuts-${process.pid}-${threadId}`);
/** by the font list: { chars: Set of characters, files } */
const cuts = new Map();
let cutsMade = 0;

/** Every character the SVG may draw: its text, markup and all, and what its character references stand for. */
function charactersOf(svg) {
  const referenced = [...svg.matchAll(/&#(x[0-9a-f]+|[0-9]+);/giu)].map(([, n]) =>
    String.fromCodePoint(n[0] === 'x' || n[0] === 'X' ? parseInt(n.slice(1), 16) : Number(n)),
  );
  return new Set([...svg, ...referenced]);
}

/** `fontFiles` cut down to (at least) what `svg` draws, as files resvg can load, valid until the thread's next call. */
export async function fontFilesFor(svg, fontFiles) {
  if (fontFiles.length === 0) return fontFiles;
  const wanted = charactersOf(svg);
  const fonts = fontFiles.join('\n');
  const kept = cuts.get(fonts);
  const missing = kept ? [...wanted].filter((c) => !kept.chars.has(c)) : [...wanted];
  if (kept && missing.length === 0) return kept.files;
  const chars =
    kept && kept.chars.size + missing.length <= MOST_CHARACTERS ? new Set([...kept.chars, ...missing]) : wanted;
  const text = [...chars].sort().join('');
  mkdirSync(dir, { recursive: true });
  const files = [];
  const cut = ++cutsMade;
  for (const [i, source] of fontFiles.entries()) {
    const file = join(dir, `${cut}-${i}-${basename(source)}`);
    // whole or not at all: a file resvg finds is never half written
    writeFileSync(`${file}.part`, await cutFont(source, text, KEEP_NAME_IDS));
    renameSync(`${file}.part`, file);
    files.push(file);
  }
  // the thread draws one image at a time: the cut it drew the last with is done with
  for (const f of kept?.files ?? []) rmSync(f, { force: true });
  cuts.set(fonts, { chars, files });
  return files;
}
