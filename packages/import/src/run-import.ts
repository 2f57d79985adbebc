import { type Database, type FactInput, writeFacts, type WriteContext, type WriteResult } from '@bixue/db';
import type { Kysely, Transaction } from 'kysely';
import { type ImportPlan, type PlanContext, planImport } from './plan.ts';
import type { ImportProblem, ImportWarning } from './problems.ts';
import type { SheetTable } from './table.ts';

/** The JSON of contracts.md's `import` command. */
export interface ImportResult {
  ok: boolean;
  errors: ImportProblem[];
  /** values beyond the plausible bound; with any, ok is false unless they were accepted */
  warnings: ImportWarning[];
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface RunImportOptions {
  commit: boolean;
  /** write.acceptWarnings: the person confirmed the values beyond the plausible bound */
  write: WriteContext;
  /** how the facts are written in the import's transaction; the API routes them through the reporting cycle */
  writer?: (trx: Transaction<Database>, facts: FactInput[]) => Promise<WriteResult>;
}

/**
 * Plans and, on request, writes in one transaction: the plan is made inside it, so what is
 * written is exactly what was validated. Any problem, or a warning nobody accepted, writes nothing
 * (and reports zero counts: the counts say what this run did or, dry, what a commit would do).
 */
export async function runImport(
  db: Kysely<Database>,
  table: SheetTable,
  ctx: PlanContext,
  options: RunImportOptions,
): Promise<ImportResult & { plan: ImportPlan }> {
  return db.transaction().execute(async (trx) => {
    const plan = await planImport(trx, table, ctx);
    const none = { inserted: 0, updated: 0, unchanged: 0 };
    if (plan.errors.length) return { ok: false, errors: plan.errors, warnings: plan.warnings, ...none, plan };
    const unconfirmed = plan.warnings.length > 0 && !options.write.acceptWarnings;
    if (!options.commit || unconfirmed)
      return {
        ok: !unconfirmed,
        errors: [],
        warnings: plan.warnings,
        ...(unconfirmed
          ? none
          : { inserted: plan.counts.insert, updated: plan.counts.update, unchanged: plan.counts.unchanged }),
        plan,
      };
    // every planned fact goes to the write path: it compares with what is stored once it holds the
    // locks, so the counts are true even when another import committed since the plan was made
    const written = options.writer
      ? await options.writer(trx, plan.facts)
      : await writeFacts(trx, plan.facts, options.write);
    return {
      ok: true,
      errors: [],
      warnings: plan.warnings,
      inserted: written.inserted,
      updated: written.updated,
      unchanged: written.unchanged,
      plan,
    };
  });
}
