import {
  claimDueWebhooks,
  enqueueWebhook,
  getSettings,
  getUnit,
  insertReminders,
  listTasks,
  listWebhooks,
  markRemindersRead,
  markWebhookDelivered,
  markWebhookFailed,
  openTasksOfUnit,
  unreadReminders,
} from '@bixue/db';
import {
  calendarToday,
  actorFor,
  isBehind,
  isOverdue,
  mayTakeAction,
  periodCodeLabel,
  robotTextMessage,
  TASK_STATE_LABELS,
  WEBHOOK_MAX_ATTEMPTS,
  webhookBackoffSeconds,
} from '@bixue/domain';
import type { Kysely } from 'kysely';
import type { Database } from '@bixue/db';
import type { ApiContext } from '../../context.ts';
import { ForbiddenError, InputError, NotFoundError } from '../../errors.ts';
import { requirePrincipal } from '../../scope.ts';
import { requirePeriod } from './periods.ts';
import { cycleProvince } from './province.ts';

/**
 * 催报: reminds the units behind (not yet submitted or approved) that the caller reviews — an
 * admin all of the province's, a city its counties. Each gets a notice on its home; when the
 * province configured a group robot, one message naming them all goes to the outbox in the same
 * transaction, so it is posted (and retried) even if this process stops right after.
 */
export async function remind(
  ctx: ApiContext,
  input: { province?: string | undefined; period: string; units?: string[] | undefined; message?: string | undefined },
) {
  const p = requirePrincipal(ctx);
  const province = await cycleProvince(ctx, input.province);
  const period = await requirePeriod(ctx, province, input.period);
  if (period.state === 'closed')
    throw new InputError(
      {
        zh: `报送期 ${period.period} 已关闭，无需催报`,
        en: `Reporting period ${periodCodeLabel(period.period, 'en')} is closed: there is nothing to remind about`,
      },
      'period',
    );
  const tasks = await listTasks(ctx.db, province, period.period);
  const mine = tasks.filter((t) =>
    mayTakeAction(actorFor(p, { code: t.unit_code, parentCode: t.parent_code, provinceCode: province }), 'approve'),
  );
  if (mine.length === 0)
    throw new ForbiddenError({
      zh: '只有上级单位或管理员可以催报',
      en: 'Only a reviewing (superior) unit or an administrator can send reminders',
    });
  let targets = mine.filter((t) => isBehind(t.state));
  if (input.units) {
    const wanted = new Set(input.units);
    const unknown = input.units.filter((u) => !mine.some((t) => t.unit_code === u));
    if (unknown.length)
      throw new ForbiddenError({
        zh: `无权催报单位 ${unknown.slice(0, 5).join('、')}`,
        en: `You cannot send reminders to units ${unknown.slice(0, 5).join(', ')}`,
      });
    targets = targets.filter((t) => wanted.has(t.unit_code));
  }
  const due = period.due_date;
  const overdue = isOverdue('draft', due, calendarToday());
  // the sender's own words are shown as written; the server's text is said in both languages
  const own = input.message?.trim();
  const text = own || `请于 ${due} 前完成 ${period.period} 党建指标报送${overdue ? '（已逾期）' : ''}。`;
  const textEn = own
    ? null
    : `Please complete the ${periodCodeLabel(period.period, 'en')} party-building report by ${due}${overdue ? ' (overdue)' : ''}.`;
  const settings = await getSettings(ctx.db, province);
  const result = await ctx.db.transaction().execute(async (trx) => {
    await insertReminders(
      trx,
      targets.map((t) => ({ unitCode: t.unit_code, period: period.period, message: text, messageEn: textEn })),
      p.username,
    );
    if (!settings.reminder_webhook_url || targets.length === 0) return { webhook: null };
    const names = targets.map((t) => `${t.short_name}（${TASK_STATE_LABELS[t.state].zh}）`).join('、');
    const body = robotTextMessage(`【催报】${period.period} 党建指标报送：${names}。${text}`);
    return { webhook: await enqueueWebhook(trx, province, settings.reminder_webhook_url, body) };
  });
  return {
    period: period.period,
    reminded: targets.map((t) => ({ unit: t.unit_code, name: t.name, state: t.state })),
    webhookId: result.webhook,
  };
}

export type Poster = (url: string, body: unknown) => Promise<void>;

/** Posts JSON and treats anything but a 2xx (and a robot's errcode ≠ 0) as a failure to retry. */
export const postJson: Poster = async (url, body) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
  // 企业微信 and 钉钉 answer 200 with {"errcode": n, "errmsg": …} when they refuse a message
  const errcode = /"errcode"\s*:\s*(-?\d+)/.exec(text)?.[1];
  // the robot's own answer is the log's text, in no language of ours: the board words it around
  if (errcode && errcode !== '0') throw new Error(text.slice(0, 200));
};

/**
 * Delivers the posts that are due: a success marks the row delivered; a failure keeps it pending
 * with the error and the next attempt after a growing pause, until WEBHOOK_MAX_ATTEMPTS, after
 * which it is marked failed — shown on the board, never dropped.
 */
export async function deliverWebhooks(db: Kysely<Database>, now = new Date(), post: Poster = postJson) {
  return db.transaction().execute(async (trx) => {
    const due = await claimDueWebhooks(trx, now);
    const out = { delivered: 0, failed: 0, retrying: 0 };
    for (const row of due) {
      try {
        await post(row.url, row.body);
        await markWebhookDelivered(trx, row.id, now);
        out.delivered++;
      } catch (e) {
        const attempt = row.attempts + 1;
        const message = e instanceof Error ? e.message : String(e);
        const next =
          attempt >= WEBHOOK_MAX_ATTEMPTS ? null : new Date(now.getTime() + webhookBackoffSeconds(attempt) * 1000);
        await markWebhookFailed(trx, row.id, message, next);
        if (next) out.retrying++;
        else out.failed++;
      }
    }
    return out;
  });
}

/** The province's robot posts, newest first, for the board's 催报 log (admins and reviewers). */
export async function webhookLog(ctx: ApiContext, input: { province?: string | undefined }) {
  const province = await cycleProvince(ctx, input.province);
  return (await listWebhooks(ctx.db, province)).map((w) => ({
    id: w.id,
    state: w.state,
    attempts: w.attempts,
    lastError: w.last_error,
    nextAttemptAt: w.state === 'pending' ? new Date(w.next_attempt_at).toISOString() : null,
    createdAt: new Date(w.created_at).toISOString(),
    deliveredAt: w.delivered_at ? new Date(w.delivered_at).toISOString() : null,
    content: (w.body as { text?: { content?: string } }).text?.content ?? '',
  }));
}

/** The caller's own unit: its open tasks and unread reminders, for the top of its home page. */
export async function myCycle(ctx: ApiContext, input: { today?: Date | undefined } = {}) {
  const p = requirePrincipal(ctx);
  if (p.scopeUnitCode === '*') return { unit: null, tasks: [], reminders: [] };
  const unit = await getUnit(ctx.db, p.scopeUnitCode);
  if (!unit)
    throw new NotFoundError({ zh: `单位 ${p.scopeUnitCode} 不存在`, en: `Unit ${p.scopeUnitCode} does not exist` });
  const today = input.today ?? calendarToday();
  const tasks = await openTasksOfUnit(ctx.db, unit.code);
  const reminders = await unreadReminders(ctx.db, unit.code);
  return {
    unit: { code: unit.code, name: unit.name },
    tasks: tasks.map((t) => ({
      period: t.period,
      state: t.state,
      due: t.due_date,
      overdue: isOverdue(t.state, t.due_date, today),
      comment: t.comment,
      canSubmit: p.role !== 'leader',
    })),
    reminders: reminders.map((r) => ({
      id: r.id,
      period: r.period,
      message: r.message,
      /** null: the sender's own words, shown as written */
      messageEn: r.message_en,
      sentBy: r.sent_by,
      sentAt: new Date(r.sent_at).toISOString(),
    })),
  };
}

export async function dismissReminders(ctx: ApiContext, input: { ids: number[] }) {
  const p = requirePrincipal(ctx);
  if (p.scopeUnitCode === '*') return { dismissed: 0 };
  return { dismissed: await markRemindersRead(ctx.db, p.scopeUnitCode, input.ids) };
}

/** The server's retry loop for robot posts; returns the function that stops it. */
export function startWebhookDelivery(db: Kysely<Database>, everyMs = 30_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deliverWebhooks(db)
      .catch((e: unknown) => console.error(`催报机器人消息投递出错 webhook delivery failed: ${String(e)}`))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
