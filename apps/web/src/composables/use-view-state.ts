import { type Period, makePeriod, tryParsePeriod } from '@bixue/domain';
import { computed } from 'vue';
import { type LocationQuery, useRoute, useRouter } from 'vue-router';
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

type ViewDefaults = { group?: (unit: string) => string | null };

function valueOf(query: LocationQuery, k: StateKey): string | null {
  const v = query[k];
  return typeof v === 'string' && v !== '' ? v : null;
}

/** What a URL's query asks a view for, defaults filled in: the view's state, and its queries before it mounts. */
export function viewStateOf(query: LocationQuery, defaults: ViewDefaults = {}) {
  const q = (k: StateKey) => valueOf(query, k);
  const unit = q('unit') ?? me.value?.scopeUnitCode ?? '';
  const n = Number(q('page'));
  const ver = q('ver');
  return {
    unit,
    window: tryParsePeriod(q('window') ?? '') ?? defaultWindow(),
    group: q('group') ?? defaults.group?.(unit) ?? null,
    indicator: q('ind'),
    category: q('cat'),
    perMember: q('pm') === '1',
    /** `?ver=N`: the view drawn as of the province's data version N (domain.md §9); null: the current data */
    version: ver !== null && /^\d{1,15}$/.test(ver) ? Number(ver) : null,
    /** the page of a long list of units the URL asks for; null: the view decides (the page of the selected unit) */
    page: Number.isInteger(n) && n >= 1 ? n : null,
  };
}

export function useViewState(defaults: ViewDefaults = {}) {
  const route = useRoute();
  const router = useRouter();
  const now = computed(() => viewStateOf(route.query, defaults));
  const unit = computed(() => now.value.unit);
  const window = computed(() => now.value.window);
  const group = computed(() => now.value.group);
  const indicator = computed(() => now.value.indicator);
  const category = computed(() => now.value.category);
  const perMember = computed(() => now.value.perMember);
  const version = computed(() => now.value.version);
  const page = computed(() => now.value.page);

  /** Changes some keys, keeps the others; null removes a key. A new list starts again at its default page. */
  function set(patch: Partial<Record<StateKey, string | null>>, opts: { name?: string } = {}) {
    const query: Record<string, string> = {};
    const listChanged = LIST_KEYS.some((k) => k in patch && patch[k] !== valueOf(route.query, k));
    const merged = { ...route.query, ...(listChanged && !('page' in patch) ? { page: null } : {}), ...patch };
    for (const [k, v] of Object.entries(merged)) if (typeof v === 'string' && v !== '') query[k] = v;
    return router.push({ name: opts.name ?? route.name, query });
  }

  return { unit, window, group, indicator, category, perMember, page, version, set };
}
