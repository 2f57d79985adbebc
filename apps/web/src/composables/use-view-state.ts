import { type Period, makePeriod, tryParsePeriod } from '@bixue/domain';
import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { me, serverToday } from '../session.ts';

/** Everything a view shows is in its URL, so a view can be bookmarked and shared. */
export const STATE_KEYS = ['window', 'group', 'unit', 'ind', 'cat', 'pm', 'page', 'ver'] as const;
export type StateKey = (typeof STATE_KEYS)[number];

/** Keys that change which units are listed, or in what order: a page of the old list means nothing in the new one. */
const LIST_KEYS: readonly StateKey[] = ['window', 'group', 'unit', 'ind', 'pm'];

/** The last half-year that has ended: what leaders mean by "this half-year's results". */
export function defaultWindow(today = serverToday()): Period {
  const y = today.getUTCFullYear();
  return today.getUTCMonth() >= 6 ? makePeriod('half', y, 1) : makePeriod('half', y - 1, 2);
}

export function useViewState(defaults: { group?: (unit: string) => string | null } = {}) {
  const route = useRoute();
  const router = useRouter();
  const q = (k: StateKey) => {
    const v = route.query[k];
    return typeof v === 'string' && v !== '' ? v : null;
  };

  const unit = computed(() => q('unit') ?? me.value?.scopeUnitCode ?? '');
  const window = computed(() => tryParsePeriod(q('window') ?? '') ?? defaultWindow());
  const group = computed(() => q('group') ?? defaults.group?.(unit.value) ?? null);
  const indicator = computed(() => q('ind'));
  const category = computed(() => q('cat'));
  const perMember = computed(() => q('pm') === '1');
  /** `?ver=N`: the view drawn as of the province's data version N (domain.md §9); null: the current data */
  const version = computed(() => {
    const v = q('ver');
    return v !== null && /^\d{1,15}$/.test(v) ? Number(v) : null;
  });
  /** the page of a long list of units the URL asks for; null: the view decides (the page of the selected unit) */
  const page = computed(() => {
    const n = Number(q('page'));
    return Number.isInteger(n) && n >= 1 ? n : null;
  });

  /** Changes some keys, keeps the others; null removes a key. A new list starts again at its default page. */
  function set(patch: Partial<Record<StateKey, string | null>>, opts: { name?: string } = {}) {
    const query: Record<string, string> = {};
    const listChanged = LIST_KEYS.some((k) => k in patch && patch[k] !== q(k));
    const merged = { ...route.query, ...(listChanged && !('page' in patch) ? { page: null } : {}), ...patch };
    for (const [k, v] of Object.entries(merged)) if (typeof v === 'string' && v !== '') query[k] = v;
    return router.push({ name: opts.name ?? route.name, query });
  }

  return { unit, window, group, indicator, category, perMember, page, version, set };
}
