// Plain JavaScript: font-subset.mjs imports it, and worker threads start without a TypeScript loader.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createRequire } from 'node:module';

/**
 * harfbuzz's subsetter driven as subset-font drives it, less subset-font's copying and parsing of
 * the whole 8 MB font at every cut: a source font is parsed once per thread, and a cut of a chart's
 * ~160 characters took 9 ms instead of 18 (the very same bytes).
 */
const SETS = { NAME_ID: 4, LAYOUT_FEATURE_TAG: 6 };
const HB_MEMORY_MODE_WRITABLE = 2;
let harfbuzz = null;
const faces = new Map();

async function subsetter() {
  if (!harfbuzz) {
    // not import.meta.resolve: tsx (the CLI, the server) rewrites it into nothing in worker threads
    const wasm = readFileSync(createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
    harfbuzz = (await WebAssembly.instantiate(wasm)).instance.exports;
    harfbuzz._initialize();
  }
  return harfbuzz;
}

function faceOf(hb, source) {
  let face = faces.get(source);
  if (face === undefined) {
    const bytes = readFileSync(source);
    const at = hb.malloc(bytes.length);
    new Uint8Array(hb.memory.buffer).set(bytes, at);
    // harfbuzz owns the copy from here on (writable mode: freed with the face, which lives as long as the thread)
    const blob = hb.hb_blob_create(at, bytes.length, HB_MEMORY_MODE_WRITABLE, 0, 0);
    face = hb.hb_face_create(blob, 0);
    hb.hb_blob_destroy(blob);
    faces.set(source, face);
  }
  return face;
}

/** The font file `source` cut down to `chars` (every layout feature kept, and the names `nameIds`), as an OpenType file's bytes. */
export async function cutFont(source, chars, nameIds) {
  const hb = await subsetter();
  const input = hb.hb_subset_input_create_or_fail();
  if (input === 0) throw new Error('harfbuzz: hb_subset_input_create_or_fail failed');
  let subset;
  try {
    const features = hb.hb_subset_input_set(input, SETS.LAYOUT_FEATURE_TAG);
    hb.hb_set_clear(features);
    hb.hb_set_invert(features);
    const names = hb.hb_subset_input_set(input, SETS.NAME_ID);
    for (const id of nameIds) hb.hb_set_add(names, id);
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const c of chars) hb.hb_set_add(unicodes, c.codePointAt(0));
    subset = hb.hb_subset_or_fail(faceOf(hb, source), input);
  } finally {
    hb.hb_subset_input_destroy(input);
  }
  if (subset === 0) throw new Error(`harfbuzz could not cut ${basename(source)}`);
  const blob = hb.hb_face_reference_blob(subset);
  try {
    const at = hb.hb_blob_get_data(blob, 0);
    // a copy: the wasm memory may grow (and move) at the next cut
    return Buffer.from(new Uint8Array(hb.memory.buffer, at, hb.hb_blob_get_length(blob)));
  } finally {
    hb.hb_blob_destroy(blob);
    hb.hb_face_destroy(subset);
  }
}
