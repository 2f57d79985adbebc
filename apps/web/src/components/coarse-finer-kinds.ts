import type { CoarseConflict, FinerUnderCoarse } from '@bixue/domain';

/**
 * The two ways a coarse figure and the finer ones inside it come to disagree, each shown by
 * CoarseFinerChoice.vue for the person to choose: a coarse figure written over finer ones
 * (`conflicts`), or finer ones written under a stored coarse one that keeps counting
 * (`underCoarse`). Only their words, test ids and choices differ.
 */
export const COARSE_FINER_KINDS = {
  conflicts: {
    testId: 'coarse-conflicts',
    hint: 'conflicts.hint',
    finer: 'conflicts.finer',
    choiceTestId: 'conflict-choice',
    choices: [
      { value: 'keep_finer', testId: 'conflict-keep-finer', label: 'conflicts.keepFiner' },
      { value: 'replace', testId: 'conflict-replace', label: 'conflicts.replace' },
    ],
  },
  underCoarse: {
    testId: 'under-coarse',
    hint: 'underCoarse.hint',
    finer: 'underCoarse.instead',
    choiceTestId: 'under-coarse-choice',
    choices: [
      { value: 'keep_coarse', testId: 'under-coarse-keep', label: 'underCoarse.keep' },
      { value: 'replace_coarse', testId: 'under-coarse-replace', label: 'underCoarse.replace' },
    ],
  },
} as const;

export type CoarseFinerKind = keyof typeof COARSE_FINER_KINDS;

export type CoarseFinerValue<K extends CoarseFinerKind> = (typeof COARSE_FINER_KINDS)[K]['choices'][number]['value'];

/** An import's rows carry the file row they came from (for `underCoarse`, that of the first written figure inside). */
export type CoarseFinerRow<K extends CoarseFinerKind> = (K extends 'underCoarse'
  ? FinerUnderCoarse
  : CoarseConflict) & {
  row?: number;
};
