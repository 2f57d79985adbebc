import { type Period, makePeriod, tryParsePeriod } from '@bixue/domain';
import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { me } from '../session.ts';

/** Everything a view shows is in its URL, so a view can be bookmarked and shared. */
export const STATE_KEYS = ['window', 'group', 'unit', 'ind', 'cat', 'pm'] as const;
export type StateKey = (typeof STATE_KEYS)[number];

/** The last half-year that has ended: what leaders mean by "this half-year's results". */
export function defaultWindow(today = new Date()): Period {
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

  /** Changes some keys, keeps the others; null removes a key. */
  function set(patch: Partial<Record<StateKey, string | null>>, opts: { name?: string } = {}) {
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...route.query, ...patch })) if (typeof v === 'string' && v !== '') query[k] = v;
    return router.push({ name: opts.name ?? (route.name as string), query });
  }

  return { unit, window, group, indicator, category, perMember, set };
}
