import {
  conflictKeys,
  type Database,
  type FactInput,
  type FactProblem,
  factKey,
  FactValidationError,
  findCoarseConflicts,
  findFinerUnderCoarse,
  lockProvincesOf,
  type PlannedSpan,
  validateFacts,
} from '@bixue/db';
import type { Aggregation, CoarseConflict, FinerUnderCoarse, UnderCoarseChoice } from '@bixue/domain';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { InputError } from '../errors.ts';

/**
 * What the person chose for figures that disagree across grains (domain.md §4), on every entry
 * path that writes a few figures at once (a confirmed report, the manual form): a coarse figure
 * over finer facts that say otherwise is left out or written over them; finer figures under a
 * stored coarse fact leave it counting or remove it.
 */
export const coarseChoiceFields = {
  conflicts: z.enum(['keep_finer', 'replace']).optional(),
  underCoarse: z.enum(['keep_coarse', 'replace_coarse']).optional(),
};

export interface CoarseChoice {
  conflicts?: 'keep_finer' | 'replace' | undefined;
  underCoarse?: UnderCoarseChoice | undefined;
}

export interface CoarseWeighing {
  conflicts: CoarseConflict[];
  underCoarse: FinerUnderCoarse[];
  /** a disagreement the person has not chosen for: nothing may be written yet */
  undecided: boolean;
  /** the planned facts to write: without the coarse ones the person kept the finer facts over */
  keep: (f: Pick<FactInput, 'unitCode' | 'indicatorCode' | 'period'>) => boolean;
  /** the stored coarse facts to remove, with the figures under them (replace_coarse) */
  removals: (written: readonly Pick<FactInput, 'indicatorCode'>[]) => FactInput[];
}

/**
 * Weighs planned figures against what is stored, inside the write's transaction and under its
 * provinces' write lock, so the choice is applied to exactly what was judged: a month saved by
 * someone else meanwhile would otherwise slip under a quarter judged without it.
 */
export async function weighCoarse(
  trx: Transaction<Database>,
  spans: readonly PlannedSpan[],
  choice: CoarseChoice,
): Promise<CoarseWeighing> {
  await lockProvincesOf(
    trx,
    spans.map((s) => s.unitCode),
  );
  const conflicts = await findCoarseConflicts(trx, spans);
  const underCoarse = await findFinerUnderCoarse(trx, spans);
  const left = choice.conflicts === 'keep_finer' ? conflictKeys(conflicts) : new Set<string>();
  return {
    conflicts,
    underCoarse,
    undecided: (conflicts.length > 0 && !choice.conflicts) || (underCoarse.length > 0 && !choice.underCoarse),
    keep: (f) => !left.has(factKey(f)),
    removals: (written) =>
      choice.underCoarse === 'replace_coarse'
        ? underCoarse
            .filter((u) => written.some((f) => f.indicatorCode === u.indicatorCode))
            .map((u) => ({
              unitCode: u.unitCode,
              indicatorCode: u.indicatorCode,
              period: u.period,
              value: null,
              status: 'missing',
            }))
        : [],
  };
}

/** The figures a write brings that can disagree across grains: values and undisclosed ones, not removals. */
export function plannedSpans(
  facts: readonly FactInput[],
  aggregations: ReadonlyMap<string, Aggregation>,
): PlannedSpan[] {
  return facts.flatMap((f) => {
    const aggregation = aggregations.get(f.indicatorCode);
    return f.status === 'missing' || !aggregation ? [] : [{ ...f, status: f.status, aggregation }];
  });
}

/** Checked as the save would check them, so a wrong figure is named before any choice is asked. */
export async function validateBeforeChoice(
  trx: Transaction<Database>,
  facts: FactInput[],
  acceptWarnings: boolean,
  describe: (problem: FactProblem) => InputError = (problem) =>
    new InputError({ zh: problem.message, en: problem.messageEn }, problem.indicatorCode),
): Promise<void> {
  await validateFacts(trx, facts, acceptWarnings).catch((e: unknown) => {
    throw e instanceof FactValidationError ? describe(e.problems[0]!) : e;
  });
}
