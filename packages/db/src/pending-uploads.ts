import type { Kysely } from 'kysely';
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

/** Stores an upload for `ttlMs`, dropping every expired one on the way. */
export async function savePendingUpload(
  db: Kysely<Database>,
  upload: PendingUpload,
  ttlMs: number,
  now = new Date(),
): Promise<void> {
  await db.deleteFrom('pending_uploads').where('expires_at', '<', now).execute();
  await db
    .insertInto('pending_uploads')
    .values({
      id: upload.id,
      owner: upload.owner,
      file_name: upload.fileName,
      bytes: upload.bytes,
      expires_at: new Date(now.getTime() + ttlMs),
    })
    .execute();
}

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
    .where('id', '=', id)
    .where('owner', '=', owner)
    .where('expires_at', '>=', now)
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

/**
 * Claims the owner's upload for a commit: one claim at a time, whichever process makes it (a claim
 * older than STALE_CLAIM_MS is taken over). Returns false while another commit holds it.
 */
export async function claimPendingUpload(
  db: Kysely<Database>,
  id: string,
  owner: string,
  now = new Date(),
): Promise<boolean> {
  const stale = new Date(now.getTime() - STALE_CLAIM_MS);
  const claimed = await db
    .updateTable('pending_uploads')
    .set({ state: 'running', done: 0, total: 0, claimed_at: now })
    .where('id', '=', id)
    .where('owner', '=', owner)
    .where('expires_at', '>=', now)
    .where((eb) => eb.or([eb('state', '!=', 'running'), eb('claimed_at', '<', stale)]))
    .returning('id')
    .executeTakeFirst();
  return claimed !== undefined;
}

/** Records a commit's progress (or its end) where every process can read it. */
export async function setUploadProgress(db: Kysely<Database>, id: string, progress: UploadProgress): Promise<void> {
  await db
    .updateTable('pending_uploads')
    .set({ state: progress.state, done: progress.done, total: progress.total })
    .where('id', '=', id)
    .execute();
}
