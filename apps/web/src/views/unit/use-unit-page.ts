import { computed } from 'vue';
import type { CardPage } from '../../composables/use-card-page.ts';
import { useResource } from '../../composables/use-resource.ts';
import { indicators, units } from '../../state/reference.ts';
import { api } from '../../trpc.ts';

/**
 * Everything the 单位画像 shows, from four queries fired in one tick, each card drawing as its
 * answer arrives: the benchmark, the composite, the ranking of the unit's children (when it has
 * any) and every indicator's trend (the whole catalog once: the category picker filters on the
 * page without asking again).
 */
export function useUnitPage({ state, en, asOf }: Pick<CardPage, 'state' | 'en' | 'asOf'>) {
  const catalog = computed(() => new Map(indicators.value.map((i) => [i.code, i])));
  const info = computed(() => units.value.get(state.unit.value));
  const unitName = computed(() =>
    info.value ? (en.value ? info.value.shortNameEn : info.value.name) : state.unit.value,
  );
  /** the indicator opened large from the small multiples (URL ind=), if any */
  const trendIndicator = computed(() => catalog.value.get(state.indicator.value ?? ''));
  const inCategory = (code: string) =>
    !state.category.value || catalog.value.get(code)?.category === state.category.value;

  const common = () =>
    state.unit.value && state.group.value
      ? { unit: state.unit.value, window: state.window.value.code, group: state.group.value, ...asOf() }
      : null;
  const bench = useResource(common, (i) => api.analytics.benchmark.query(i));
  const comp = useResource(common, (i) => api.analytics.composite.query(i));
  const children = useResource(
    () =>
      info.value?.children.length
        ? {
            indicator: 'composite',
            window: state.window.value.code,
            group: `siblings:${state.unit.value}`,
            ...asOf(),
          }
        : null,
    (i) => api.analytics.ranking.query(i),
  );
  const trends = useResource(
    () => {
      const c = common();
      return c ? { ...c, count: 8, perMember: state.perMember.value } : null;
    },
    (i) => api.analytics.trends.query(i),
  );

  return { catalog, info, unitName, trendIndicator, inCategory, bench, comp, children, trends };
}

export type UnitPage = ReturnType<typeof useUnitPage>;
