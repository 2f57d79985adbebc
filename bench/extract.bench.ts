/**
 * Report-reading throughput on one core: MB of UTF-8 report text per second through
 * extractReport, against a naive split-and-regex pass over the same text measured in the same
 * run (so the ratio holds across machines). Corpus: the package fixtures plus the shared samples.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractReport } from '@bixue/extract';

const here = dirname(fileURLToPath(import.meta.url));
const folders = [resolve(here, '../packages/extract/fixtures'), resolve(here, '../../shared/reports')].filter(
  existsSync,
);
const texts = folders.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(dir, f), 'utf8')),
);
const megabytes = texts.reduce((s, t) => s + Buffer.byteLength(t, 'utf8'), 0) / 1e6;

function naive(text: string): number {
  let hits = 0;
  for (const sentence of text.split('。')) {
    for (const _ of sentence.matchAll(/(\d+)(人次|次|个|名|期|篇)/g)) hits += 1;
  }
  return hits;
}

/** MB/s of `fn` over the corpus, repeated until at least `seconds` have passed. */
function throughput(fn: (text: string) => unknown, seconds: number): number {
  for (const t of texts) fn(t); // warm-up: JIT, converter dictionaries
  let rounds = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < seconds) {
    for (const t of texts) fn(t);
    rounds += 1;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  return (megabytes * rounds) / elapsed;
}

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const ours = throughput(extractReport, seconds);
const baseline = throughput(naive, seconds);
console.log(`corpus: ${texts.length} reports, ${(megabytes * 1000).toFixed(1)} kB`);
console.log(
  `extractReport: ${ours.toFixed(2)} MB/s (${((ours * 1e6) / ((megabytes * 1e6) / texts.length)).toFixed(0)} reports/s)`,
);
console.log(`baseline split('。') + regex: ${baseline.toFixed(2)} MB/s`);
console.log(`ratio extractReport / baseline: ${(ours / baseline).toFixed(3)}`);
