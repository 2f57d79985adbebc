import { changeSetting, getSettings } from '@bixue/db';
import type { ApiContext } from '../../context.ts';
import { adminProvince, requirePrincipal } from '../../scope.ts';
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
  // versioned like every setting (changeSetting): count_unapproved changes what rankings count
  const by = { user: requirePrincipal(ctx).username };
  if (input.countUnapproved !== undefined)
    await changeSetting(ctx.db, province, 'count_unapproved', input.countUnapproved, by);
  if (input.webhookUrl !== undefined)
    await changeSetting(ctx.db, province, 'reminder_webhook_url', input.webhookUrl.trim(), by);
  return cycleSettings(ctx, { province });
}
