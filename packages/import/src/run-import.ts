import { type Database, type FactInput, writeFacts, type WriteContext, type WriteResult } from '@bixue/db';
import type { Kysely, Transaction } from 'kysely';
import { type ImportPlan, type PlanContext, planImport } from './plan.ts';
import type { ImportProblem } from './problems.ts';
import type { SheetTable } from './table.ts';

/** The JSON of contracts.md's `import` command. */
export interface ImportResult {
  ok: boolean;
  errors: ImportProblem[];
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface RunImportOptions {
  commit: boolean;
  write: WriteContext;
  /** how the facts are written in the import's transaction; the API routes them through the reporting cycle */
  writer?: (trx: Transaction<Database>, facts: FactInput[]) => Promise<WriteResult>;
}

/**
 * Plans and, on request, writes in one transaction: the plan is made inside it, so what is
 * written is exactly what was validated. Any problem writes nothing (and reports zero counts:
 * the counts say what this run did or, dry, what a commit would do).
 */
export async function runImport(
  db: Kysely<Database>,
  table: SheetTable,
  ctx: PlanContext,
  options: RunImportOptions,
): Promise<ImportResult & { plan: ImportPlan }> {
  return db.transaction().execute(async (trx) => {
    const plan = await planImport(trx, table, ctx);
    if (plan.errors.length) return { ok: false, errors: plan.errors, inserted: 0, updated: 0, unchanged: 0, plan };
    if (!options.commit)
      return {
        ok: true,
        errors: [],
        inserted: plan.counts.insert,
        updated: plan.counts.update,
        unchanged: plan.counts.unchanged,
        plan,
      };
    const changed = plan.facts.filter((f) => f.action !== 'unchanged');
    const written = options.writer ? await options.writer(trx, changed) : await writeFacts(trx, changed, options.write);
    return { ok: true, errors: [], ...written, unchanged: written.unchanged + plan.counts.unchanged, plan };
  });
}
