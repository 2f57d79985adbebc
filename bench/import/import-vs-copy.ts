/**
 * Import throughput on the PostgreSQL server: a 100,000-row long CSV through `importFacts`
 * (read, validate, compare, upsert with audit rows, one transaction) against psql's `\copy` of
 * the same rows into the facts table, on a fresh database, in the same run.
 *
 *   pnpm bench            (BIXUE_TEST_PG overrides the server URL)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFacts, OPERATOR } from '@bixue/api';
import { resetDatabase } from '@bixue/db';
import { openTestDb, TEST_AS_OF } from '@bixue/db/testing';
import { BASE_INDICATOR_CODES, makePeriod } from '@bixue/domain';

const ROWS = 100_000;
const dir = mkdtempSync(join(tmpdir(), 'bixue-bench-'));
const handle = await openTestDb('postgres');
try {
  await resetDatabase(handle.db, { demo: true, asOf: TEST_AS_OF });
  const units = (await handle.db.selectFrom('units').select('code').orderBy('code').execute()).map((u) => u.code);
  const dbName = (
    await handle.db.selectNoFrom((eb) => eb.fn<string>('current_database').as('d')).executeTakeFirstOrThrow()
  ).d;

  // months of 2000–2003: before the demo data, so every row is an insert
  const facts: { unit: string; indicator: string; period: ReturnType<typeof makePeriod>; value: number }[] = [];
  outer: for (let m = 1; m <= 48; m++)
    for (const unit of units)
      for (const indicator of BASE_INDICATOR_CODES) {
        facts.push({
          unit,
          indicator,
          period: makePeriod('month', 2000 + Math.floor((m - 1) / 12), ((m - 1) % 12) + 1),
          value: 1,
        }); // 1 fits every monthly bound (民主评议党员 allows 12 a year)
        if (facts.length === ROWS) break outer;
      }
  const csv = Buffer.from(
    [
      'unit_code,indicator,period,value',
      ...facts.map((f) => `${f.unit},${f.indicator},${f.period.code},${f.value}`),
    ].join('\n'),
  );

  const ctx = { db: handle.db, dbKind: handle.kind, principal: OPERATOR };
  let t0 = performance.now();
  const run = await importFacts(ctx, { bytes: csv, fileName: 'bench.csv' }, { commit: true, today: TEST_AS_OF });
  const importMs = performance.now() - t0;
  if (!run.ok || run.inserted !== ROWS)
    throw new Error(`import failed: ${JSON.stringify(run.errors.slice(0, 3))} inserted ${run.inserted}`);

  t0 = performance.now();
  const again = await importFacts(ctx, { bytes: csv, fileName: 'bench.csv' }, { commit: true, today: TEST_AS_OF });
  const reimportMs = performance.now() - t0;
  if (again.unchanged !== ROWS) throw new Error('re-import changed something');

  // the same rows, as COPY wants them, after removing what the import wrote
  await handle.db.deleteFrom('facts').where('batch_id', '=', run.batchId).execute();
  const copyFile = join(dir, 'facts-copy.csv');
  writeFileSync(
    copyFile,
    facts
      .map(
        (f) =>
          `${f.unit},${f.indicator},${f.period.code},${f.period.grain},${f.period.startMonth},${f.period.endMonth},${f.value},value,import`,
      )
      .join('\n'),
  );
  const url = new URL(process.env.BIXUE_TEST_PG ?? 'postgresql://127.0.0.1:5432/test');
  t0 = performance.now();
  execFileSync('psql', [
    '-h',
    url.hostname,
    '-p',
    url.port || '5432',
    ...(url.username ? ['-U', decodeURIComponent(url.username)] : []),
    '-d',
    dbName,
    '-v',
    'ON_ERROR_STOP=1',
    '-q',
    '-c',
    `\\copy facts (unit_code, indicator_code, period, grain, start_month, end_month, value, status, source) from '${copyFile}' csv`,
  ]);
  const copyMs = performance.now() - t0;
  const copied = await handle.db
    .selectFrom('facts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('start_month', '<', 2004 * 12)
    .executeTakeFirstOrThrow();
  if (Number(copied.n) !== ROWS) throw new Error(`copy wrote ${copied.n}`);

  const rate = (ms: number) => Math.round(ROWS / (ms / 1000));
  console.log(
    JSON.stringify(
      {
        rows: ROWS,
        db: 'postgres (fresh database, demo province loaded)',
        import: { ms: Math.round(importMs), rowsPerSecond: rate(importMs) },
        reimportUnchanged: { ms: Math.round(reimportMs), rowsPerSecond: rate(reimportMs) },
        copy: { ms: Math.round(copyMs), rowsPerSecond: rate(copyMs) },
        importVsCopy: Number((importMs / copyMs).toFixed(1)),
      },
      null,
      2,
    ),
  );
} finally {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
}
