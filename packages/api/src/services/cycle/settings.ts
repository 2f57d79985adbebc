import { getSettings, putSetting } from '@bixue/db';
import type { ApiContext } from '../../context.ts';
import { adminProvince } from '../../scope.ts';
import { cycleProvince } from './province.ts';

/** The province's cycle settings: whether drafts count in rankings, and the group robot of 催报. */
export async function cycleSettings(ctx: ApiContext, input: { province?: string | undefined } = {}) {
  const province = adminProvince(ctx, await cycleProvince(ctx, input.province));
  const s = await getSettings(ctx.db, province);
  return { countUnapproved: s.count_unapproved, webhookUrl: s.reminder_webhook_url };
}

export async function setCycleSettings(
  ctx: ApiContext,
  input: { province?: string | undefined; countUnapproved?: boolean | undefined; webhookUrl?: string | undefined },
) {
  const province = adminProvince(ctx, await cycleProvince(ctx, input.province));
  if (input.countUnapproved !== undefined)
    await putSetting(ctx.db, province, 'count_unapproved', input.countUnapproved);
  if (input.webhookUrl !== undefined)
    await putSetting(ctx.db, province, 'reminder_webhook_url', input.webhookUrl.trim());
  return cycleSettings(ctx, { province });
}
