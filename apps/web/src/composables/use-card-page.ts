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
 * (window — 数据截至… where the as-of month clipped it — and peer group), the data version the
 * page is drawn as of (?ver=) and the server export of the card's chart, which carries that
 * version. ChartCard draws the rest of the prologue: states, title, 含未审核数据, ⋯ menu.
 */
export interface CardPage {
  state: ReturnType<typeof useViewState>;
  lang: ReturnType<typeof useLang>;
  en: ComputedRef<boolean>;
  /** "2026年（数据截至2026年9月） · 云川市气象局下属单位", from the answer that says how the window was judged */
  context: (judged: Judged) => string;
  /** the data version the cards are drawn as of (?ver=N); null: the current data */
  version: ComputedRef<number | null>;
  /** the version as an API input takes it: `{ ...input, ...asOf() }` (nothing for the current data) */
  asOf: () => { version?: number };
  /**
   * The server's file of the chart (window and group of the page, plus `query`; a `group` there
   * replaces the page's), drawn as of the page's version (报送情况: the current data); none while no
   * group is chosen. The basket keeps the version with the item.
   */
  exportLink: (chart: ChartKind, query?: Omit<ExportLink['query'], 'window' | 'version'>) => ExportLink | null;
}

const CARD_PAGE: InjectionKey<CardPage> = Symbol('card-page');

/** Called once by a page (overview, unit): its cards inject it with useCardPage. */
export function provideCardPage(view: 'overview' | 'unit'): CardPage {
  const { t } = useI18n();
  const state = useViewState({ group: (u) => defaultGroupFor(view, u) });
  const lang = useLang();
  const en = computed(() => lang.value === 'en');
  const version = state.version;
  const page: CardPage = {
    state,
    lang,
    en,
    context: (judged) =>
      `${windowLabel(state.window.value, judged, lang.value)} · ${groupLabel(state.group.value, t, en.value)}`,
    version,
    asOf: () => (version.value === null ? {} : { version: version.value }),
    exportLink: (chart, query = {}) => {
      const group = query.group ?? state.group.value;
      const ver = version.value === null ? null : String(version.value);
      return group ? { chart, query: { window: state.window.value.code, ...query, group, version: ver } } : null;
    },
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
