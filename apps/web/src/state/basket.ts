import type { BasketItem } from '@bixue/api';
import { ref } from 'vue';
import type { ExportLink } from '../components/table-data.ts';
import { api } from '../trpc.ts';

/** The signed-in user's briefing basket as the server keeps it; every change returns the whole basket. */
export const basket = ref<BasketItem[]>([]);

/**
 * Changes go to the server one after another, each computed from the basket the previous one
 * returned: two quick 上移 clicks move two places instead of sending the same stale order twice,
 * and a download waits for a title still being saved (the field saves when it loses focus, which
 * is the very click on 下载 PPT).
 */
let pending: Promise<unknown> = Promise.resolve();

function inTurn(change: () => Promise<BasketItem[] | undefined>): Promise<void> {
  const next = pending.then(change).then((items) => {
    if (items) basket.value = items;
  });
  pending = next.catch(() => undefined);
  return next;
}

/** Resolves once every change asked for so far has reached the server. */
export function basketSaved(): Promise<void> {
  return pending.then(() => undefined);
}

export async function refreshBasket(): Promise<void> {
  await inTurn(() => api.basket.list.query());
}

/** A card as it is: its chart kind and the view the server would draw for it. */
export async function addToBasket(link: ExportLink): Promise<void> {
  const q = link.query;
  await inTurn(() =>
    api.basket.add.mutate({
      chart: link.chart,
      window: q.window,
      ...(q.unit ? { unit: q.unit } : {}),
      ...(q.indicator ? { indicator: q.indicator } : {}),
      ...(q.group ? { group: q.group } : {}),
      ...(q.page ? { page: Number(q.page) } : {}),
      ...(q.perMember ? { perMember: true } : {}),
      // the version it shows; none: the server keeps the current one, so a later deck draws what was seen
      ...(q.version ? { version: Number(q.version) } : {}),
    }),
  );
}

export async function removeFromBasket(id: number): Promise<void> {
  await inTurn(() => api.basket.remove.mutate({ id }));
}

export async function retitleInBasket(id: number, title: string): Promise<void> {
  await inTurn(() => api.basket.retitle.mutate({ id, title: title.trim() || null }));
}

/** Moves an item one place up (−1) or down (+1). */
export async function moveInBasket(id: number, by: -1 | 1): Promise<void> {
  await inTurn(async () => {
    // the order as the previous change left it, not as it was when the button was pressed
    const ids = basket.value.map((i) => i.id);
    const at = ids.indexOf(id);
    const to = at + by;
    if (at < 0 || to < 0 || to >= ids.length) return undefined;
    [ids[at], ids[to]] = [ids[to]!, ids[at]!];
    return api.basket.reorder.mutate({ ids });
  });
}
