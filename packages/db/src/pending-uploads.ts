import { SaidError } from '@bixue/domain';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Uploaded files between preview and commit, in the database (0003, 0008): a restart or another
 * server process commits what this one previewed. Only the owner sees an upload.
 */
export interface PendingUpload {
  id: string;
  owner: string;
  fileName: string;
  bytes: Buffer;
}

export type UploadState = 'waiting' | 'running' | 'done' | 'failed';

export interface UploadProgress {
  done: number;
  total: number;
  state: UploadState;
}

/** A commit that has held its claim this long died with its process (its transaction rolled back). */
export const STALE_CLAIM_MS = 15 * 60 * 1000;

/**
 * What one person may keep waiting between preview and commit: uploads nobody commits would
 * otherwise fill the database (each holds its file for an hour).
 */
export const PENDING_UPLOAD_LIMITS = { count: 20, bytes: 100 * 1024 * 1024 } as const;

export interface PendingTotals {
  count: number;
  bytes: number;
}

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** A person's pending uploads are at the limit: one more is refused until they commit or discard some. */
export class PendingUploadsFullError extends SaidError {
  readonly reason = 'pending_uploads_full';
  constructor(
    readonly pending: PendingTotals,
    readonly limits: PendingTotals = PENDING_UPLOAD_LIMITS,
  ) {
    super({
      zh:
        `待确认的上传已满：每人最多保留 ${limits.count} 个、共 ${mb(limits.bytes)}，现有 ${pending.count} 个、共 ${mb(pending.bytes)}。` +
        `请先确认导入或丢弃之前上传的文件。`,
      en:
        `Pending uploads full: at most ${limits.count} files and ${mb(limits.bytes)} in total per person, you have ` +
        `${pending.count} and ${mb(pending.bytes)}; commit or discard earlier uploads first.`,
    });
    this.name = 'PendingUploadsFullError';
  }
}

/** Any fixed number: the advisory lock namespace of a person's pending uploads (the key is their hash). */
const PENDING_UPLOADS_LOCK = 0x7570_6c64;

/** The owner's uploads waiting for a commit: unexpired and not committed (a committed one keeps no bytes). */
export async function pendingTotals(db: Kysely<Database>, owner: string, now = new Date()): Promise<PendingTotals> {
  const row = await db
    .selectFrom('pending_uploads')
    .select([
      sql<number>`count(*)::int`.as('count'),
      // float8: int8 comes back as a string from pg and a number from PGlite
      sql<number>`coalesce(sum(octet_length(bytes)), 0)::float8`.as('bytes'),
    ])
    .where('owner', '=', owner)
    .where('expires_at', '>=', now)
    .where('state', '!=', 'done')
    .executeTakeFirstOrThrow();
  return { count: row.count, bytes: row.bytes };
}

/** Throws PendingUploadsFullError when `bytes` more would not fit beside the owner's pending uploads. */
export async function assertPendingRoom(
  db: Kysely<Database>,
  owner: string,
  bytes: number,
  now = new Date(),
): Promise<void> {
  const pending = await pendingTotals(db, owner, now);
  if (pending.count + 1 > PENDING_UPLOAD_LIMITS.count || pending.bytes + bytes > PENDING_UPLOAD_LIMITS.bytes)
    throw new PendingUploadsFullError(pending);
}

/**
 * Stores an upload for `ttlMs`, dropping every expired one on the way, or refuses it with
 * PendingUploadsFullError. The count and the insert run under a lock on the owner, so parallel
 * uploads of one person cannot all see room for themselves.
 */
export async function savePendingUpload(
  db: Kysely<Database>,
  upload: PendingUpload,
  ttlMs: number,
  now = new Date(),
): Promise<void> {
  await db.deleteFrom('pending_uploads').where('expires_at', '<', now).execute();
  const save = async (trx: Kysely<Database>) => {
    // plain SQL, and on the coordinator under Citus: the lock lasts until the insert commits
    await sql`select pg_advisory_xact_lock(${PENDING_UPLOADS_LOCK}, hashtext(${upload.owner}))`.execute(trx);
    await assertPendingRoom(trx, upload.owner, upload.bytes.length, now);
    await trx
      .insertInto('pending_uploads')
      .values({
        id: upload.id,
        owner: upload.owner,
        file_name: upload.fileName,
        bytes: upload.bytes,
        expires_at: new Date(now.getTime() + ttlMs),
      })
      .execute();
  };
  if (db.isTransaction) await save(db);
  else await db.transaction().execute(save);
}

type Uploads = ExpressionBuilder<Database, 'pending_uploads'>;

/** The upload `id` if it is the owner's and unexpired: the only one a call by id may see or touch. */
const ownUpload = (id: string, owner: string, now: Date) => (eb: Uploads) =>
  eb.and([eb('id', '=', id), eb('owner', '=', owner), eb('expires_at', '>=', now)]);

/**
 * The owner's upload `id`, not committed, and not held by a commit that is still alive (a claim
 * older than STALE_CLAIM_MS died).
 */
const claimableUpload = (id: string, owner: string, now: Date) => (eb: Uploads) =>
  eb.and([
    ownUpload(id, owner, now)(eb),
    eb('state', '!=', 'done'),
    eb.or([eb('state', '!=', 'running'), eb('claimed_at', '<', new Date(now.getTime() - STALE_CLAIM_MS))]),
  ]);

/** The owner's unexpired upload, or null. */
export async function readPendingUpload(
  db: Kysely<Database>,
  id: string,
  owner: string,
  now = new Date(),
): Promise<(PendingUpload & UploadProgress) | null> {
  const row = await db
    .selectFrom('pending_uploads')
    .select(['id', 'owner', 'file_name', 'bytes', 'state', 'done', 'total'])
    .where(ownUpload(id, owner, now))
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    owner: row.owner,
    fileName: row.file_name,
    // pg hands back a Buffer, PGlite a Uint8Array
    bytes: Buffer.from(row.bytes),
    state: row.state,
    done: Number(row.done),
    total: Number(row.total),
  };
}

/** Why an upload could not be claimed or discarded: gone (expired, someone else's), being committed, or committed. */
export type UploadRefusal = 'missing' | 'running' | 'committed';

async function refusalOf(db: Kysely<Database>, id: string, owner: string, now: Date): Promise<UploadRefusal> {
  const row = await db
    .selectFrom('pending_uploads')
    .select('state')
    .where(ownUpload(id, owner, now))
    .executeTakeFirst();
  return !row ? 'missing' : row.state === 'done' ? 'committed' : 'running';
}

/**
 * Claims the owner's upload for a commit: one claim at a time, whichever process makes it, and
 * never again once committed. Returns null on success, else why not.
 */
export async function claimPendingUpload(
  db: Kysely<Database>,
  id: string,
  owner: string,
  now = new Date(),
): Promise<UploadRefusal | null> {
  const claimed = await db
    .updateTable('pending_uploads')
    .set({ state: 'running', done: 0, total: 0, claimed_at: now })
    .where(claimableUpload(id, owner, now))
    .returning('id')
    .executeTakeFirst();
  return claimed ? null : refusalOf(db, id, owner, now);
}

/**
 * Marks the upload committed and drops its bytes, in the import's transaction: they are written
 * with the facts or not at all, so no process can import the file a second time.
 */
export async function markUploadCommitted(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .updateTable('pending_uploads')
    .set({ state: 'done', bytes: Buffer.alloc(0) })
    .where('id', '=', id)
    .execute();
}

/** Deletes the owner's upload unless a commit holds it or has written it. Returns null on success, else why not. */
export async function discardPendingUpload(
  db: Kysely<Database>,
  id: string,
  owner: string,
  now = new Date(),
): Promise<UploadRefusal | null> {
  const gone = await db
    .deleteFrom('pending_uploads')
    .where(claimableUpload(id, owner, now))
    .returning('id')
    .executeTakeFirst();
  return gone ? null : refusalOf(db, id, owner, now);
}

/** Records a commit's progress (or its end) where every process can read it; a committed upload stays committed. */
export async function setUploadProgress(db: Kysely<Database>, id: string, progress: UploadProgress): Promise<void> {
  await db
    .updateTable('pending_uploads')
    .set({
      state: sql<UploadState>`case when state = 'done' then state else ${progress.state} end`,
      done: progress.done,
      total: progress.total,
    })
    .where('id', '=', id)
    .execute();
}
