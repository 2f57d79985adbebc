import { type ImportCode, ImportFileError, ReadCancelledError } from '@bixue/import/problems';
import { IMPORT_LIMITS } from '@bixue/import/limits';
import { readTable } from '@bixue/import/read-table';
import type { SheetTable } from '@bixue/import';

/** A .docx is inflated once, counting, before mammoth (which inflates into memory) may read it. */
export const DOCX_LIMITS = { maxInflatedBytes: 50 * 1024 * 1024, maxZipEntries: 1000 };

export type ParseTask =
  /** `cancel` is one Int32 the request's thread sets to 1 when its client hangs up */
  | { kind: 'table'; bytes: Uint8Array; fileName: string; cancel: SharedArrayBuffer }
  | { kind: 'report'; bytes: Uint8Array; fileName: string };

/**
 * What comes back from a worker. The refusals the user reads are data, because an ImportFileError
 * thrown in a worker arrives as a bare Error without its code; anything else thrown is a bug and
 * stays an exception.
 */
export type ParseOutcome =
  | { kind: 'table'; table: SheetTable }
  | { kind: 'text'; text: string }
  | { kind: 'refused'; code: ImportCode; message: string; messageEn: string }
  | { kind: 'cancelled' }
  /** a report mammoth or the text decoder could not read */
  | { kind: 'unreadable'; message: string };

/** Runs in a worker thread (worker.mjs). */
export async function runParseTask(task: ParseTask): Promise<ParseOutcome> {
  const bytes = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  try {
    if (task.kind === 'table') {
      const flag = new Int32Array(task.cancel);
      const cancel = {
        get aborted() {
          return Atomics.load(flag, 0) === 1;
        },
      };
      return { kind: 'table', table: await readTable(bytes, task.fileName, IMPORT_LIMITS, cancel) };
    }
    // loaded by the first report a worker reads: mammoth was 0.4 s of every worker's start, which a
    // spreadsheet import waited for (bench:import)
    const [{ assertSafeZip }, { decodeReport }] = await Promise.all([
      import('@bixue/import/zip-guard'),
      import('@bixue/extract/read-document'),
    ]);
    if (/\.docx$/i.test(task.fileName)) await assertSafeZip(bytes, DOCX_LIMITS);
    return { kind: 'text', text: await decodeReport(task.bytes, task.fileName) };
  } catch (e) {
    if (e instanceof ImportFileError)
      return { kind: 'refused', code: e.code, message: e.message, messageEn: e.messageEn };
    if (e instanceof ReadCancelledError) return { kind: 'cancelled' };
    if (task.kind === 'report') return { kind: 'unreadable', message: (e as Error).message };
    throw e;
  }
}
