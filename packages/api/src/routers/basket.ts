import {
  addBasketItem,
  basketAddInput,
  basketItemId,
  basketItems,
  basketOrderInput,
  basketRetitleInput,
  clearBasket,
  removeBasketItem,
  reorderBasket,
  retitleBasketItem,
} from '../services/brief-basket.ts';
import { protectedProcedure, router } from '../trpc.ts';

/**
 * The briefing basket (简报篮): each user sees and changes only their own items (every query is
 * keyed by the session's user). What an item shows is checked against the caller's scope when it
 * is added, and again by the analytics procedures whenever the basket is drawn.
 */
export const basketRouter = router({
  list: protectedProcedure.meta({ scope: { kind: 'self' } }).query(({ ctx }) => basketItems(ctx)),
  add: protectedProcedure
    .meta({
      answersUnchanged: true,
      scope: [
        { kind: 'unit', field: 'unit', optional: true },
        { kind: 'group', field: 'group', optional: true },
      ],
      example: { chart: 'benchmark', window: '2025' },
    })
    .input(basketAddInput)
    .mutation(({ ctx, input }) => addBasketItem(ctx, input)),
  retitle: protectedProcedure
    .meta({ scope: { kind: 'self' }, answersUnchanged: true, example: { id: 1, title: '各县局综合得分' } })
    .input(basketRetitleInput)
    .mutation(({ ctx, input }) => retitleBasketItem(ctx, input)),
  remove: protectedProcedure
    .meta({ scope: { kind: 'self' }, answersUnchanged: true, example: { id: 1 } })
    .input(basketItemId)
    .mutation(({ ctx, input }) => removeBasketItem(ctx, input)),
  reorder: protectedProcedure
    .meta({ scope: { kind: 'self' }, answersUnchanged: true, example: { ids: [] } })
    .input(basketOrderInput)
    .mutation(({ ctx, input }) => reorderBasket(ctx, input)),
  clear: protectedProcedure
    .meta({ scope: { kind: 'self' }, answersUnchanged: true })
    .mutation(({ ctx }) => clearBasket(ctx)),
});
