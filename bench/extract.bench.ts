/**
 * Report-reading throughput on one core: MB of UTF-8 report text per second through
 * extractReport, against a naive split-and-regex pass over the same text measured in the same
 * run (so the ratio holds across machines). Corpus: the package fixtures plus the shared samples.
 *
 * Then how well it reads: precision, recall, F1 and periods on the shared samples and, when
 * BIXUE_CORPUS names the folder of real texts labelled in extract-corpus/labels.json, on that
 * corpus — the part the rules were tuned on and the held-out part apart.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractReport, type ScoreReport } from '@bixue/extract';
import { scoreCorpus, scoreDirectory } from '@bixue/extract/node';

const here = dirname(fileURLToPath(import.meta.url));
// The shared samples sit beside the checkout (../shared); BIXUE_SAMPLES names them from elsewhere (a worktree).
const samples = process.env.BIXUE_SAMPLES ?? resolve(here, '../../shared/reports');
const folders = [resolve(here, '../packages/extract/fixtures'), samples].filter(existsSync);
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

/**
 * MB/s of `fn` over the corpus, repeated until at least `seconds` have passed: per second of wall
 * time, and per second of this process's CPU time — the per-core figure, which holds when other
 * work shares the machine.
 */
function throughput(fn: (text: string) => unknown, seconds: number): { wall: number; cpu: number } {
  for (const t of texts) fn(t); // warm-up: JIT, converter dictionaries
  let rounds = 0;
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < seconds) {
    for (const t of texts) fn(t);
    rounds += 1;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  const cpu = process.cpuUsage(cpuStart);
  return { wall: (megabytes * rounds) / elapsed, cpu: (megabytes * rounds) / ((cpu.user + cpu.system) / 1e6) };
}

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const ours = throughput(extractReport, seconds);
const baseline = throughput(naive, seconds);
console.log(`corpus: ${texts.length} reports, ${(megabytes * 1000).toFixed(1)} kB`);
console.log(
  `extractReport: ${ours.cpu.toFixed(2)} MB/s per core (CPU time), ${ours.wall.toFixed(2)} MB/s wall ` +
    `(${((ours.wall * 1e6) / ((megabytes * 1e6) / texts.length)).toFixed(0)} reports/s)`,
);
console.log(`baseline split('。') + regex: ${baseline.cpu.toFixed(2)} MB/s per core, ${baseline.wall.toFixed(2)} wall`);
console.log(`ratio extractReport / baseline: ${(ours.cpu / baseline.cpu).toFixed(3)}`);

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
function scoreLine(name: string, score: ScoreReport): string {
  const o = score.overall;
  return (
    `${name}: ${o.reports} reports, P ${percent(o.precision)} R ${percent(o.recall)} F1 ${percent(o.f1)}, ` +
    `periods ${percent(o.periodAccuracy)}` +
    (o.levelAccuracy === null ? '' : `, levels ${percent(o.levelAccuracy)}`)
  );
}

if (existsSync(join(samples, 'labels.json'))) console.log(scoreLine('samples', await scoreDirectory(samples)));
const corpus = process.env.BIXUE_CORPUS;
if (corpus && existsSync(corpus)) {
  const { tuned, heldOut } = await scoreCorpus(resolve(here, 'extract-corpus/labels.json'), corpus);
  console.log(scoreLine('corpus (tuned on)', tuned));
  console.log(scoreLine('corpus (held out)', heldOut));
} else {
  console.log('corpus: set BIXUE_CORPUS to the folder of real texts to score on it (see extract-corpus/README.md)');
}
