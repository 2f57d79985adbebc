import { availableParallelism } from 'node:os';
import { ImportFileError, ReadCancelledError, type SheetTable } from '@bixue/import';
import { Piscina } from 'piscina';
import type { ParseOutcome, ParseTask } from './tasks.ts';

/**
 * Reading a spreadsheet or a .docx is seconds of CPU for a large file; on the event loop it held
 * every other request (and /healthz) behind it. Workers, started on first use and closed when
 * idle, parse instead. One core is left to the event loop, as png-pool.ts does for the exports.
 */
let pool: Piscina | null = null;

function run(task: ParseTask): Promise<ParseOutcome> {
  pool ??= new Piscina({
    filename: new URL('./worker.mjs', import.meta.url).href,
    maxThreads: Math.max(1, availableParallelism() - 1),
    minThreads: 0,
    idleTimeout: 30_000,
  });
  return pool.run(task) as Promise<ParseOutcome>;
}

/** readTable of @bixue/import, in a worker; refusals are the same ImportFileError. */
export async function readTableInWorker(bytes: Buffer, fileName: string, signal?: AbortSignal): Promise<SheetTable> {
  // the reader stops itself between chunks when told: ending the worker instead (piscina's own
  // abort) held the event loop for seconds while the thread was torn down and a new one started
  const cancel = new SharedArrayBuffer(4);
  const stop = () => Atomics.store(new Int32Array(cancel), 0, 1);
  signal?.addEventListener('abort', stop, { once: true });
  if (signal?.aborted) stop();
  const out = await run({ kind: 'table', bytes, fileName, cancel }).finally(() =>
    signal?.removeEventListener('abort', stop),
  );
  if (out.kind === 'table') return out.table;
  if (out.kind === 'cancelled') throw new ReadCancelledError();
  if (out.kind === 'refused') throw new ImportFileError(out.code, out.message, out.messageEn);
  throw new Error(`unexpected parse outcome ${out.kind}`);
}

/** The text of a .txt or .docx work report, in a worker: the text, or why it cannot be read. */
export async function decodeReportInWorker(
  bytes: Buffer,
  fileName: string,
  signal?: AbortSignal,
): Promise<Exclude<ParseOutcome, { kind: 'table' | 'cancelled' }>> {
  // mammoth cannot be stopped half-way; a client gone before it starts is not read for
  signal?.throwIfAborted();
  const out = await run({ kind: 'report', bytes, fileName });
  if (out.kind === 'table' || out.kind === 'cancelled') throw new Error(`unexpected parse outcome ${out.kind}`);
  return out;
}
