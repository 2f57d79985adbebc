/**
 * Briefing bench: a 10-chart briefing of the demo province (93 counties) as PPTX, DOCX and a zip
 * of PNGs, drawn in process the way `bixue brief` and `GET /export/brief.*` draw them. The goal
 * (issue 14): a 10-chart deck in under 10 s. Usage: pnpm --filter @bixue/bench bench:brief [-- --runs 3]
 * (embedded PGlite in memory; loading the demo is not timed).
 */
import { parseArgs } from 'node:util';
import { OPERATOR } from '@bixue/api';
import { createDb, resetDatabase } from '@bixue/db';
import { briefFile, parseChartSpecs } from '@bixue/export';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { runs: { type: 'string', default: '3' } },
});
const RUNS = Number(args.runs);
const CHARTS = [
  'ranking:composite',
  'ranking:members_congress',
  'ranking:party_lecture',
  'heatmap',
  'status-counts',
  'benchmark:990101',
  'trend:990101:members_congress',
  'trend:990101:party_lecture',
  'composite:990101',
  'gaps:990101',
].join(',');

const handle = await createDb();
await resetDatabase(handle.db, { demo: true });
const ctx = { db: handle.db, dbKind: handle.kind, principal: OPERATOR };
const items = parseChartSpecs(CHARTS, { window: `${new Date().getUTCFullYear()}H1`, group: 'level:county@990000' });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const format of ['pptx', 'docx', 'zip'] as const) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    bytes = (await briefFile(ctx, { items, format })).bytes.length;
    times.push(performance.now() - t0);
  }
  console.log(
    `${format}: 10 charts, median ${(median(times) / 1000).toFixed(2)} s of ${RUNS} runs ` +
      `(${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s), ${bytes.toLocaleString('en-US')} bytes`,
  );
}
await handle.close();
