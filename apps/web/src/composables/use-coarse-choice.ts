import type { CoarseConflict, FinerUnderCoarse } from '@bixue/domain';
import { ElMessage } from 'element-plus';
import { reactive } from 'vue';
import { useI18n } from 'vue-i18n';

/** What a save that weighs figures across grains answers (a confirmed report, the manual form). */
interface Weighed {
  saved: boolean;
  conflicts: CoarseConflict[];
  underCoarse: FinerUnderCoarse[];
}

/**
 * Figures that disagree across grains (domain.md §4), on a form that saves a few at once: the
 * server stores nothing and names them until the person chooses, then writes as chosen. One state
 * for both disagreements, shown by CoarseChoices.vue; each view keeps its own save.
 */
export function useCoarseChoice() {
  const { t } = useI18n();
  const state = reactive({
    conflicts: [] as CoarseConflict[],
    conflictChoice: null as 'keep_finer' | 'replace' | null,
    underCoarse: [] as FinerUnderCoarse[],
    underChoice: null as 'keep_coarse' | 'replace_coarse' | null,
  });
  return Object.assign(state, {
    /** shown and not chosen yet: the save button waits */
    undecided: () =>
      (state.conflicts.length > 0 && !state.conflictChoice) || (state.underCoarse.length > 0 && !state.underChoice),
    /** the choices to send with the next save */
    fields: () => ({
      ...(state.conflicts.length && state.conflictChoice ? { conflicts: state.conflictChoice } : {}),
      ...(state.underCoarse.length && state.underChoice ? { underCoarse: state.underChoice } : {}),
    }),
    /** after a save: true when nothing was stored and the disagreeing figures are shown for a choice */
    asked(result: Weighed): boolean {
      if (result.saved) return false;
      state.conflicts = result.conflicts;
      state.underCoarse = result.underCoarse;
      if (!result.conflicts.length) state.conflictChoice = null;
      if (!result.underCoarse.length) state.underChoice = null;
      ElMessage.warning(t(result.conflicts.length ? 'conflicts.chooseFirst' : 'underCoarse.chooseFirst'));
      return true;
    },
    /** what the choices did, to append to the saved message */
    outcome(result: Weighed): string {
      const choice = result.conflicts.length ? state.conflictChoice : null;
      const under = result.underCoarse.length ? state.underChoice : null;
      return (
        (choice
          ? t(choice === 'keep_finer' ? 'conflicts.kept' : 'conflicts.replaced', { n: result.conflicts.length })
          : '') +
        (under
          ? t(under === 'keep_coarse' ? 'underCoarse.kept' : 'underCoarse.replaced', { n: result.underCoarse.length })
          : '')
      );
    },
    reset() {
      state.conflicts = [];
      state.conflictChoice = null;
      state.underCoarse = [];
      state.underChoice = null;
    },
  });
}

export type CoarseChoiceState = ReturnType<typeof useCoarseChoice>;
