import type { BasketItem } from '@bixue/api';
import { ref } from 'vue';
import type { ExportLink } from '../components/table-data.ts';
import { api } from '../trpc.ts';

/** The signed-in user's briefing basket as the server keeps it; every change returns the whole basket. */
export const basket = ref<BasketItem[]>([]);

export async function refreshBasket(): Promise<void> {
  basket.value = await api.basket.list.query();
}

/** A card as it is: its chart kind and the view the server would draw for it. */
export async function addToBasket(link: ExportLink): Promise<void> {
  const q = link.query;
  basket.value = await api.basket.add.mutate({
    chart: link.chart,
    window: q.window,
    ...(q.unit ? { unit: q.unit } : {}),
    ...(q.indicator ? { indicator: q.indicator } : {}),
    ...(q.group ? { group: q.group } : {}),
    ...(q.page ? { page: Number(q.page) } : {}),
    ...(q.perMember ? { perMember: true } : {}),
  });
}

export async function removeFromBasket(id: number): Promise<void> {
  basket.value = await api.basket.remove.mutate({ id });
}

export async function retitleInBasket(id: number, title: string): Promise<void> {
  basket.value = await api.basket.retitle.mutate({ id, title: title.trim() || null });
}

/** Moves an item one place up (−1) or down (+1). */
export async function moveInBasket(id: number, by: -1 | 1): Promise<void> {
  const ids = basket.value.map((i) => i.id);
  const at = ids.indexOf(id);
  const to = at + by;
  if (at < 0 || to < 0 || to >= ids.length) return;
  [ids[at], ids[to]] = [ids[to]!, ids[at]!];
  basket.value = await api.basket.reorder.mutate({ ids });
}
