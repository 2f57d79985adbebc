import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export async function insertReminders(
  trx: Transaction<Database>,
  rows: readonly { unitCode: string; period: string; message: string; messageEn: string | null }[],
  sentBy: string,
): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('reminders')
    .values(
      rows.map((r) => ({
        unit_code: r.unitCode,
        period: r.period,
        message: r.message,
        message_en: r.messageEn,
        sent_by: sentBy,
      })),
    )
    .execute();
}

/** The unread reminders of a unit, newest first: its home shows them on top. */
export async function unreadReminders(db: Executor, unitCode: string) {
  return db
    .selectFrom('reminders')
    .selectAll()
    .where('unit_code', '=', unitCode)
    .where('read_at', 'is', null)
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function markRemindersRead(db: Executor, unitCode: string, ids: readonly number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db
    .updateTable('reminders')
    .set({ read_at: new Date() })
    .where('unit_code', '=', unitCode)
    .where('id', 'in', ids)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function enqueueWebhook(
  trx: Transaction<Database>,
  provinceCode: string,
  url: string,
  body: unknown,
): Promise<number> {
  const row = await trx
    .insertInto('webhook_outbox')
    // due at once, to the millisecond: the caller's clock (a JavaScript Date, whole milliseconds)
    // read right after this transaction would otherwise be up to 1 ms before a due time in
    // microseconds, and the post would wait for the retry loop
    .values({
      province_code: provinceCode,
      url,
      body: JSON.stringify(body),
      next_attempt_at: sql`date_trunc('milliseconds', now())`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Claims the posts due now (skipping rows another worker holds), so two servers never post the
 * same reminder twice; the claim ends with the caller's transaction.
 */
export async function claimDueWebhooks(trx: Transaction<Database>, now: Date, limit = 20) {
  return trx
    .selectFrom('webhook_outbox')
    .selectAll()
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function markWebhookDelivered(trx: Transaction<Database>, id: number, now: Date): Promise<void> {
  await trx
    .updateTable('webhook_outbox')
    .set({ state: 'delivered', delivered_at: now, attempts: sql`attempts + 1` })
    .where('id', '=', id)
    .execute();
}

export async function markWebhookFailed(
  trx: Transaction<Database>,
  id: number,
  error: string,
  next: Date | null,
): Promise<void> {
  await trx
    .updateTable('webhook_outbox')
    .set({
      attempts: sql`attempts + 1`,
      last_error: error.slice(0, 500),
      ...(next ? { next_attempt_at: next } : { state: 'failed' }),
    })
    .where('id', '=', id)
    .execute();
}

/** The outbox of a province, newest first: the board shows failed and waiting posts. */
export async function listWebhooks(db: Executor, provinceCode: string, limit = 50) {
  return db
    .selectFrom('webhook_outbox')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
