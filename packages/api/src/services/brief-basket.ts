import { dataVersion, getSettings } from '@bixue/db';
import { CHART_KINDS, checkMessage, unitCodeSchema } from '@bixue/domain';
import { z } from 'zod';
import type { ApiContext } from '../context.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { groupSchema, indicatorCodeSchema, windowSchema } from './analytics/inputs.ts';
import { versionSchema } from './analytics/judged-window.ts';

/** A meeting's deck, not a data dump: the same cap as `bixue brief --charts`. */
export const MAX_BASKET_ITEMS = 30;

const titleSchema = z
  .string()
  .trim()
  .min(1, checkMessage({ zh: '标题不能为空', en: 'The title is empty' }))
  .max(60, checkMessage({ zh: '标题最多60个字符', en: 'A title has at most 60 characters' }));

/**
 * A card as the ⋯ menu adds it: its kind and the view it shows. The window is kept as its code
 * (the procedures parse it again when the basket is drawn); unit and group are checked against
 * the caller's scope now, and each item again whenever it is drawn.
 */
export const basketAddInput = z.object({
  chart: z.enum(CHART_KINDS),
  unit: unitCodeSchema.optional(),
  indicator: z.union([z.literal('composite'), indicatorCodeSchema]).optional(),
  window: windowSchema.transform((p) => p.code),
  group: groupSchema.optional(),
  page: z.number().int().min(1).max(100_000).optional(),
  perMember: z.boolean().optional(),
  title: titleSchema.optional(),
  /** the data version the card was drawn as of (the view's ?ver=); default: the current one */
  version: versionSchema.optional(),
});

/** 报送情况 counts approved facts only: it never counts drafts. */
const APPROVED_ONLY: ReadonlySet<string> = new Set(['completeness']);

export const basketItemId = z.object({ id: z.number().int().positive() });
export const basketRetitleInput = basketItemId.extend({ title: titleSchema.nullable() });
export const basketOrderInput = z.object({ ids: z.array(z.number().int().positive()).max(MAX_BASKET_ITEMS) });

export interface BasketItem {
  id: number;
  chart: (typeof CHART_KINDS)[number];
  unit: string | null;
  indicator: string | null;
  window: string;
  group: string | null;
  page: number | null;
  perMember: boolean;
  /** the user's own title; null: the chart's */
  title: string | null;
  /** the data version it is drawn as of, the one its card showed when added; null: the current data */
  version: number | null;
  /**
   * the card counted drafts (the province's count_unapproved was on and it showed the current data):
   * drafts are not versioned, so the deck draws the current data with drafts, as long as the province
   * still counts them, and says 含未审核数据
   */
  unapproved: boolean;
}

/** The basket belongs to a signed-in user; the command line's operator has none. */
function owner(ctx: ApiContext): number {
  const id = ctx.principal?.userId;
  if (id === null || id === undefined)
    throw new InputError(
      {
        zh: '简报篮属于登录用户，命令行请用 bixue brief',
        en: 'The briefing basket belongs to a signed-in user; on the command line use bixue brief',
      },
      'user',
    );
  return id;
}

export async function basketItems(ctx: ApiContext): Promise<BasketItem[]> {
  const rows = await ctx.db
    .selectFrom('brief_items')
    .selectAll()
    .where('user_id', '=', owner(ctx))
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    chart: r.chart as BasketItem['chart'],
    unit: r.unit_code,
    indicator: r.indicator,
    window: r.window,
    group: r.group_spec,
    page: r.page,
    perMember: r.per_member,
    title: r.title,
    version: r.data_version,
    unapproved: r.unapproved,
  }));
}

/**
 * What an added card keeps: the version it was drawn as of, else the province's current one, so a
 * deck made next week draws what was seen today (domain.md §9), never one that does not exist yet;
 * and whether it counted drafts — a card showing the current data while the province counts them.
 */
async function drawnAs(
  ctx: ApiContext,
  input: z.output<typeof basketAddInput>,
): Promise<{ version: number | null; unapproved: boolean }> {
  const province = ctx.principal!.provinceCode;
  const [current, settings] = await Promise.all([dataVersion(ctx.db, province), getSettings(ctx.db, province)]);
  if (input.version !== undefined && input.version > current)
    throw new InputError(
      {
        zh: `数据版本 v${input.version} 不存在（当前为 v${current}）`,
        en: `Data version v${input.version} does not exist (the current one is v${current})`,
      },
      'version',
    );
  // as analytics' readPoint: drafts count only in a view of the current data not asked for by version
  return {
    version: input.version ?? current,
    unapproved: input.version === undefined && settings.count_unapproved && !APPROVED_ONLY.has(input.chart),
  };
}

export async function addBasketItem(ctx: ApiContext, input: z.output<typeof basketAddInput>): Promise<BasketItem[]> {
  const user = owner(ctx);
  const { version, unapproved } = await drawnAs(ctx, input);
  await ctx.db.transaction().execute(async (trx) => {
    const { n, last } = await trx
      .selectFrom('brief_items')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('position').as('last')])
      .where('user_id', '=', user)
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_BASKET_ITEMS)
      throw new InputError(
        {
          zh: `简报篮最多放 ${MAX_BASKET_ITEMS} 张图表`,
          en: `The briefing basket holds at most ${MAX_BASKET_ITEMS} charts`,
        },
        'chart',
      );
    await trx
      .insertInto('brief_items')
      .values({
        user_id: user,
        position: (last ?? 0) + 1,
        chart: input.chart,
        unit_code: input.unit ?? null,
        indicator: input.indicator ?? null,
        window: input.window,
        group_spec: input.group ?? null,
        page: input.page ?? null,
        per_member: input.perMember ?? false,
        title: input.title ?? null,
        data_version: version,
        unapproved,
      })
      .execute();
  });
  return basketItems(ctx);
}

/** Another user's item is as absent as a deleted one: 404, never a hint that it exists. */
function notMine(id: number): NotFoundError {
  return new NotFoundError({ zh: `简报篮里没有第 ${id} 项`, en: `The briefing basket has no item ${id}` });
}

export async function retitleBasketItem(
  ctx: ApiContext,
  input: z.output<typeof basketRetitleInput>,
): Promise<BasketItem[]> {
  const r = await ctx.db
    .updateTable('brief_items')
    .set({ title: input.title })
    .where('id', '=', input.id)
    .where('user_id', '=', owner(ctx))
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw notMine(input.id);
  return basketItems(ctx);
}

export async function removeBasketItem(ctx: ApiContext, input: z.output<typeof basketItemId>): Promise<BasketItem[]> {
  const r = await ctx.db
    .deleteFrom('brief_items')
    .where('id', '=', input.id)
    .where('user_id', '=', owner(ctx))
    .executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw notMine(input.id);
  return basketItems(ctx);
}

/** The drawer's new order: every item of the basket, each once. */
export async function reorderBasket(ctx: ApiContext, input: z.output<typeof basketOrderInput>): Promise<BasketItem[]> {
  const user = owner(ctx);
  const mine = (await basketItems(ctx)).map((i) => i.id);
  const asked = new Set(input.ids);
  if (asked.size !== input.ids.length || asked.size !== mine.length || mine.some((id) => !asked.has(id)))
    throw new InputError(
      {
        zh: 'ids 应恰好列出简报篮里的每一项各一次',
        en: 'ids must list every item of the briefing basket exactly once',
      },
      'ids',
    );
  await ctx.db.transaction().execute(async (trx) => {
    for (const [i, id] of input.ids.entries())
      await trx
        .updateTable('brief_items')
        .set({ position: i + 1 })
        .where('id', '=', id)
        .where('user_id', '=', user)
        .execute();
  });
  return basketItems(ctx);
}

export async function clearBasket(ctx: ApiContext): Promise<BasketItem[]> {
  await ctx.db.deleteFrom('brief_items').where('user_id', '=', owner(ctx)).execute();
  return [];
}
