import { randomBytes } from 'node:crypto';
import {
  assertPendingRoom,
  claimPendingUpload,
  type Database,
  discardPendingUpload,
  listIndicators,
  markUploadCommitted,
  type PendingUpload,
  plausibleBoundsOf,
  readPendingUpload,
  savePendingUpload,
  setUploadProgress,
  type UploadProgress,
  type UploadRefusal,
} from '@bixue/db';
import {
  buildTemplate,
  type ConflictChoice,
  type ImportConflict,
  type ImportPlan,
  type ImportProblem,
  type ImportResult,
  type ImportUnderCoarse,
  ImportFileError,
  type PlanUnit,
  runImport,
  type SheetTable,
} from '@bixue/import';
import { calendarToday, parsePeriod, type Said, type UnderCoarseChoice, withPlausibleBound } from '@bixue/domain';
import type { Transaction } from 'kysely';
import type { ApiContext, Principal } from '../context.ts';
import { ConflictError, InputError, NotFoundError } from '../errors.ts';
import { canWrite, inScope, readableUnit, requireWriter, scopeRoots } from '../scope.ts';
import { readTableInWorker } from '../parsing/pool.ts';
import { routeWrites } from './cycle/route-writes.ts';

export interface ImportFile {
  bytes: Buffer;
  fileName: string;
}

export interface ImportOptions {
  commit: boolean;
  /** the person confirmed the values beyond the plausible bound */
  acceptWarnings?: boolean;
  /** for tests and the CLI's --today; the real date otherwise */
  today?: Date;
  onProgress?: (done: number, total: number) => void;
  /** an admin's correction of a closed reporting period, with its reason */
  correction?: string | undefined;
  /** the client went away: reading the file stops (the worker is ended) */
  signal?: AbortSignal | undefined;
  /** the person's choice for coarse facts over finer facts that disagree (unset: such a commit writes nothing) */
  conflicts?: ConflictChoice | undefined;
  /** the person's choice for stored coarse facts over the file's finer rows that disagree (unset: such a commit writes nothing) */
  underCoarse?: UnderCoarseChoice | undefined;
  /** runs in the commit's transaction once the facts are written: what must land with them or not at all */
  onWritten?: ((trx: Transaction<Database>) => Promise<void>) | undefined;
}

export type ImportRunResult = ImportResult & {
  batchId: string | null;
  plan: ImportPlan | null;
  table: SheetTable | null;
};

const newBatchId = () =>
  `import-${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '')}-${randomBytes(3).toString('hex')}`;

/**
 * The one import path of the CLI, the upload route and tRPC: read, validate against the
 * caller's scope, and (on commit) write in one transaction with one batch id for the audit.
 */
export async function importFacts(ctx: ApiContext, file: ImportFile, options: ImportOptions): Promise<ImportRunResult> {
  const p = requireWriter(ctx);
  let table: SheetTable;
  try {
    table = await readTableInWorker(file.bytes, file.fileName, options.signal);
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e;
    return {
      ok: false,
      errors: [e.toProblem()],
      warnings: [],
      conflicts: [],
      conflictChoice: null,
      underCoarse: [],
      underCoarseChoice: null,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      deleted: 0,
      batchId: null,
      plan: null,
      table: null,
    };
  }
  const [indicators, unitRows] = await Promise.all([
    listIndicators(ctx.db),
    ctx.db
      .selectFrom('units')
      .select(['code', 'name', 'path', 'level', 'province_code', 'active_from', 'active_to'])
      .execute(),
  ]);
  // the preview warns by the bounds the commit's write path will apply: each unit's province's own
  const bounds = await plausibleBoundsOf(ctx.db, [...new Set(unitRows.map((u) => u.province_code))]);
  const provinceOf = new Map(unitRows.map((u) => [u.code, u.province_code]));
  const batchId = options.commit ? newBatchId() : null;
  const result = await runImport(
    ctx.db,
    table,
    {
      indicators,
      units: new Map<string, PlanUnit>(unitRows.map((u) => [u.code, u])),
      canWrite: (u) => canWrite(p, u),
      canSee: (u) => inScope(p, u),
      today: options.today ?? calendarToday(),
      plausibleBounds: (u) => bounds.get(provinceOf.get(u.code) ?? ''),
    },
    {
      commit: options.commit,
      conflicts: options.conflicts,
      underCoarse: options.underCoarse,
      write: {
        source: 'import',
        user: p.username,
        batchId,
        acceptWarnings: options.acceptWarnings ?? false,
        onProgress: options.onProgress,
      },
      writer: async (trx, facts) => {
        const written = await routeWrites(trx, p, facts, {
          source: 'import',
          batchId,
          acceptWarnings: options.acceptWarnings ?? false,
          onProgress: options.onProgress,
          correction: options.correction,
        });
        await options.onWritten?.(trx);
        return written;
      },
    },
  );
  return { ...result, batchId: result.ok ? batchId : null, table };
}

/** What the preview screen needs: counts, every problem (capped), a sample of changes and of the file. */
export interface ImportPreview {
  ok: boolean;
  form: ImportPlan['form'] | null;
  counts: ImportPlan['counts'];
  ignored: number;
  errorCount: number;
  errors: ImportProblem[];
  /** values beyond the plausible bound: the commit needs the person's confirmation */
  warnings: ImportProblem[];
  /** coarse facts over finer facts that disagree: the commit needs the person's choice */
  conflicts: ImportConflict[];
  conflictCount: number;
  /** stored coarse facts the file's finer rows disagree with: the commit needs the person's choice */
  underCoarse: ImportUnderCoarse[];
  underCoarseCount: number;
  changes: {
    row: number;
    column: string;
    unitCode: string;
    indicatorCode: string;
    period: string;
    action: string;
    old: string | null;
    new: string;
  }[];
  header: string[];
  rows: { row: number; cells: (string | number | null)[] }[];
  totalRows: number;
}

export const PREVIEW_LIMITS = { errors: 500, changes: 500, rows: 200 } as const;

const shown = (value: number | null, status: string) => (status === 'undisclosed' ? 'X' : String(value));

export function previewOf(run: ImportRunResult): ImportPreview {
  const plan = run.plan;
  const facts = plan?.facts ?? [];
  // updates first: they overwrite something and deserve the reader's eye
  const changes = [...facts.filter((f) => f.action === 'update'), ...facts.filter((f) => f.action === 'insert')]
    .slice(0, PREVIEW_LIMITS.changes)
    .map((f) => ({
      row: f.row,
      column: f.column,
      unitCode: f.unitCode,
      indicatorCode: f.indicatorCode,
      period: f.period,
      action: f.action,
      old: f.old ? shown(f.old.value, f.old.status) : null,
      new: shown(f.value, f.status),
    }));
  // the rows to show: the first ones, plus the rows with problems so every highlight has its row
  const errorRows = new Set(
    [...run.errors.slice(0, PREVIEW_LIMITS.errors), ...run.warnings.slice(0, PREVIEW_LIMITS.errors)].map((e) => e.row),
  );
  const rows = (run.table?.rows ?? [])
    .filter((r, i) => i < PREVIEW_LIMITS.rows || errorRows.has(r.row))
    .slice(0, PREVIEW_LIMITS.rows + PREVIEW_LIMITS.errors);
  return {
    // committable: warnings wait for the person's confirmation, errors cannot be confirmed
    ok: run.errors.length === 0 && plan !== null,
    form: plan?.form ?? null,
    counts: plan?.counts ?? { insert: 0, update: 0, unchanged: 0 },
    ignored: plan?.ignored ?? 0,
    errorCount: run.errors.length,
    errors: run.errors.slice(0, PREVIEW_LIMITS.errors),
    warnings: run.warnings.slice(0, PREVIEW_LIMITS.errors),
    conflicts: run.conflicts.slice(0, PREVIEW_LIMITS.errors),
    conflictCount: run.conflicts.length,
    underCoarse: run.underCoarse.slice(0, PREVIEW_LIMITS.errors),
    underCoarseCount: run.underCoarse.length,
    changes,
    header: run.table?.header ?? [],
    rows,
    totalRows: run.table?.rows.length ?? 0,
  };
}

/**
 * Uploaded files wait in the database between preview and commit (the browser sends the bytes
 * once), for an hour: a restart or another server process commits what this one previewed. The
 * commit re-validates inside its transaction.
 */
const UPLOAD_TTL_MS = 60 * 60 * 1000;
/** The live progress of the commits this process is running; the table has their start and end. */
const running = new Map<string, UploadProgress>();

const UPLOAD_GONE: Said = {
  zh: '上传的文件已过期或不存在，请重新上传',
  en: 'The uploaded file has expired or does not exist: please upload it again',
};

const ownerOf = (p: Principal) => `${p.userId ?? 'cli'}:${p.username}`;

async function takeUpload(ctx: ApiContext, uploadId: string): Promise<PendingUpload & UploadProgress> {
  const p = requireWriter(ctx);
  const u = await readPendingUpload(ctx.db, uploadId, ownerOf(p));
  if (!u) throw new NotFoundError(UPLOAD_GONE);
  return u;
}

export async function previewUpload(
  ctx: ApiContext,
  file: ImportFile,
  { today, signal }: { today?: Date; signal?: AbortSignal } = {},
): Promise<ImportPreview & { uploadId: string | null }> {
  const p = requireWriter(ctx);
  // before reading the file, so a full list is refused at once; saving checks again under the owner's lock
  await assertPendingRoom(ctx.db, ownerOf(p), file.bytes.length);
  const run = await importFacts(ctx, file, { commit: false, signal, ...(today ? { today } : {}) });
  // a file refused as a whole can never be committed: its bytes are not kept for the hour
  if (run.plan === null) return { ...previewOf(run), uploadId: null };
  const uploadId = randomBytes(16).toString('hex');
  await savePendingUpload(
    ctx.db,
    { id: uploadId, owner: ownerOf(p), fileName: file.fileName, bytes: file.bytes },
    UPLOAD_TTL_MS,
  );
  return { ...previewOf(run), uploadId };
}

export async function commitUpload(
  ctx: ApiContext,
  uploadId: string,
  {
    acceptWarnings = false,
    conflicts,
    underCoarse,
    today,
  }: {
    acceptWarnings?: boolean;
    conflicts?: ConflictChoice | undefined;
    underCoarse?: UnderCoarseChoice | undefined;
    today?: Date;
  } = {},
): Promise<
  ImportResult & { batchId: string | null; errorCount: number; conflictCount: number; underCoarseCount: number }
> {
  const upload = await takeUpload(ctx, uploadId);
  refuse(await claimPendingUpload(ctx.db, uploadId, upload.owner), 'commit');
  const progress: UploadProgress = { done: 0, total: 0, state: 'running' };
  running.set(uploadId, progress);
  try {
    const run = await importFacts(ctx, upload, {
      commit: true,
      acceptWarnings,
      conflicts,
      underCoarse,
      ...(today ? { today } : {}),
      onProgress: (done, total) => Object.assign(progress, { done, total }),
      // the bytes go with the commit: the file cannot be imported twice, nor keep its space
      onWritten: (trx) => markUploadCommitted(trx, uploadId),
    });
    progress.state = run.ok ? 'done' : 'failed';
    return {
      ok: run.ok,
      errors: run.errors.slice(0, PREVIEW_LIMITS.errors),
      warnings: run.warnings.slice(0, PREVIEW_LIMITS.errors),
      errorCount: run.errors.length,
      conflicts: run.conflicts.slice(0, PREVIEW_LIMITS.errors),
      conflictCount: run.conflicts.length,
      conflictChoice: run.conflictChoice,
      underCoarse: run.underCoarse.slice(0, PREVIEW_LIMITS.errors),
      underCoarseCount: run.underCoarse.length,
      underCoarseChoice: run.underCoarseChoice,
      inserted: run.inserted,
      updated: run.updated,
      unchanged: run.unchanged,
      deleted: run.deleted,
      batchId: run.batchId,
    };
  } catch (e) {
    progress.state = 'failed';
    throw e;
  } finally {
    await setUploadProgress(ctx.db, uploadId, progress);
    running.delete(uploadId);
  }
}

/** The owner drops a previewed upload they will not commit (it frees its place among their pending uploads). */
export async function discardUpload(ctx: ApiContext, uploadId: string): Promise<{ discarded: true }> {
  const p = requireWriter(ctx);
  refuse(await discardPendingUpload(ctx.db, uploadId, ownerOf(p)), 'discard');
  return { discarded: true };
}

function refuse(refusal: UploadRefusal | null, wanted: 'commit' | 'discard'): void {
  if (refusal === 'missing') throw new NotFoundError(UPLOAD_GONE);
  if (refusal === 'running')
    throw new ConflictError({
      zh: '这个文件正在导入，请等待完成',
      en: 'This file is being imported: please wait until it finishes',
    });
  if (refusal === 'committed')
    throw new ConflictError(
      wanted === 'commit'
        ? {
            zh: '这个文件已经导入，不会再导入一次；要改数据请重新上传',
            en: 'This file has already been imported and will not be imported again; to change the data, upload it again',
          }
        : {
            zh: '这个文件已经导入，不能再丢弃；要改数据请重新上传',
            en: 'This file has already been imported and can no longer be discarded; to change the data, upload it again',
          },
    );
}

export async function uploadProgress(ctx: ApiContext, uploadId: string): Promise<UploadProgress> {
  const u = await takeUpload(ctx, uploadId);
  return { ...(running.get(uploadId) ?? { done: u.done, total: u.total, state: u.state }) };
}

/** The wide template for the period: a row per unit the caller may write under `unitCode` (default: the whole scope). */
export async function importTemplate(
  ctx: ApiContext,
  input: { period: string; unitCode?: string | undefined },
): Promise<{ fileName: string; bytes: Buffer }> {
  const p = requireWriter(ctx);
  const period = parsePeriod(input.period);
  const roots = input.unitCode ? [await readableUnit(ctx, input.unitCode)] : await scopeRoots(ctx);
  const units = [];
  for (const root of roots) {
    const rows = await ctx.db
      .selectFrom('units')
      .selectAll()
      .where('path', 'like', `${root.path}%`)
      .where('active_to', 'is', null)
      .orderBy('path')
      .execute();
    units.push(...rows.filter((u) => inScope(p, u) && canWrite(p, u)));
  }
  if (!units.length)
    throw new InputError({ zh: '没有可填报的单位', en: 'There are no units you can fill in data for' }, 'unitCode');
  // the template's cell checks use the caller's province's plausible bounds (the write path's)
  const bounds = (await plausibleBoundsOf(ctx.db, [units[0]!.province_code])).get(units[0]!.province_code);
  const indicators = (await listIndicators(ctx.db)).map((i) => withPlausibleBound(i, bounds));
  const bytes = await buildTemplate({ units, indicators, period });
  return { fileName: `数据填报模板_${roots[0]!.code}_${period.code}.xlsx`, bytes };
}
