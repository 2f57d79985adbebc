import type { ChartKind } from '@bixue/domain';
import { computed, type ComputedRef, inject, type InjectionKey, provide } from 'vue';
import { useI18n } from 'vue-i18n';
import type { ExportLink } from '../components/table-data.ts';
import { defaultGroupFor, groupLabel } from '../state/groups.ts';
import { windowLabel } from '../views/window-label.ts';
import type { Resource } from './use-resource.ts';
import { useLang } from './use-lang.ts';
import { useViewState } from './use-view-state.ts';

type Judged = Parameters<typeof windowLabel>[1];

/**
 * What every card of a page shares with the others, so that a card file holds only its own
 * chart: the URL state (with the page's default peer group), the language, the title's context
 * (window — 数据截至… where the as-of month clipped it — and peer group) and the server export
 * of the card's chart. ChartCard draws the rest of the prologue: states, title, ⋯ menu.
 */
export interface CardPage {
  state: ReturnType<typeof useViewState>;
  lang: ReturnType<typeof useLang>;
  en: ComputedRef<boolean>;
  /** "2026年（数据截至2026年9月） · 云川市气象局下属单位", from the answer that says how the window was judged */
  context: (judged: Judged) => string;
  /** the server's file of the chart (window and group of the page, plus `query`); none while no group is chosen */
  exportLink: (chart: ChartKind, query?: Omit<ExportLink['query'], 'window' | 'group'>) => ExportLink | null;
}

const CARD_PAGE: InjectionKey<CardPage> = Symbol('card-page');

/** Called once by a page (overview, unit): its cards inject it with useCardPage. */
export function provideCardPage(view: 'overview' | 'unit'): CardPage {
  const { t } = useI18n();
  const state = useViewState({ group: (u) => defaultGroupFor(view, u) });
  const lang = useLang();
  const en = computed(() => lang.value === 'en');
  const page: CardPage = {
    state,
    lang,
    en,
    context: (judged) =>
      `${windowLabel(state.window.value, judged, lang.value)} · ${groupLabel(state.group.value, t, en.value)}`,
    exportLink: (chart, query = {}) =>
      state.group.value
        ? { chart, query: { window: state.window.value.code, group: state.group.value, ...query } }
        : null,
  };
  provide(CARD_PAGE, page);
  return page;
}

export function useCardPage(): CardPage {
  const page = inject(CARD_PAGE);
  if (!page) throw new Error('useCardPage: the card is not inside a page that called provideCardPage');
  return page;
}

/** A query's state as ChartCard takes it: `v-bind="loadState(resource)"`. */
export const loadState = (r: Pick<Resource<unknown>, 'loading' | 'error'>) => ({
  loading: r.loading.value,
  error: r.error.value,
});
