/**
 * Briefing bench: a 10-chart briefing of the demo province (93 counties) as PPTX, DOCX and a zip
 * of PNGs, drawn in process the way `bixue brief` and `GET /export/brief.*` draw them. The goal
 * (issue 14): a 10-chart deck in under 10 s. Usage: pnpm --filter @bixue/bench bench:brief [-- --runs 3]
 * (embedded PGlite in memory; loading the demo is not timed). Beside the wall time it prints the
 * CPU time of the process (the PNG workers' threads included): on a machine other work shares,
 * the wall time says more about the neighbours than about the deck.
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
  const cpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const [t0, c0] = [performance.now(), process.cpuUsage()];
    bytes = (await briefFile(ctx, { items, format })).bytes.length;
    const c = process.cpuUsage(c0);
    times.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  const s = (ms: number) => (ms / 1000).toFixed(2);
  console.log(
    `${format}: 10 charts, median ${s(median(times))} s wall, ${s(median(cpu))} s CPU of ${RUNS} runs ` +
      `(${times.map(s).join(', ')} s), ${bytes.toLocaleString('en-US')} bytes`,
  );
}
await handle.close();
// the PNG workers idle for 30 s before they close: do not wait for them
process.exit(0);
