import {
  conflictKeys,
  type Database,
  type FactInput,
  factKey,
  writeFacts,
  type WriteContext,
  type WriteResult,
} from '@bixue/db';
import type { Kysely, Transaction } from 'kysely';
import {
  type ConflictChoice,
  countActions,
  type ImportConflict,
  type ImportPlan,
  type PlanContext,
  planImport,
} from './plan.ts';
import type { ImportProblem, ImportWarning } from './problems.ts';
import type { SheetTable } from './table.ts';

/** The JSON of contracts.md's `import` command. */
export interface ImportResult {
  ok: boolean;
  errors: ImportProblem[];
  /** values beyond the plausible bound; with any, ok is false unless they were accepted */
  warnings: ImportWarning[];
  /** coarse facts over finer facts that disagree; with any, ok is false unless the person chose */
  conflicts: ImportConflict[];
  /** the choice the counts follow: keep_finer leaves the conflicting coarse facts out */
  conflictChoice: ConflictChoice | null;
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface RunImportOptions {
  commit: boolean;
  /** write.acceptWarnings: the person confirmed the values beyond the plausible bound */
  write: WriteContext;
  /** what to do with coarse facts over disagreeing finer ones; unset, a commit with any writes nothing */
  conflicts?: ConflictChoice | undefined;
  /** how the facts are written in the import's transaction; the API routes them through the reporting cycle */
  writer?: (trx: Transaction<Database>, facts: FactInput[]) => Promise<WriteResult>;
}

/**
 * Plans and, on request, writes in one transaction: the plan is made inside it, so what is
 * written is exactly what was validated. Any problem, a warning nobody accepted, or a conflict
 * nobody chose for, writes nothing
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
    const choice = plan.conflicts.length ? (options.conflicts ?? null) : null;
    const common = { errors: plan.errors, warnings: plan.warnings, conflicts: plan.conflicts, conflictChoice: choice };
    const none = { inserted: 0, updated: 0, unchanged: 0 };
    if (plan.errors.length) return { ok: false, ...common, ...none, plan };
    const unconfirmed =
      (plan.warnings.length > 0 && !options.write.acceptWarnings) || (plan.conflicts.length > 0 && !choice);
    const left = choice === 'keep_finer' ? conflictKeys(plan.conflicts) : new Set<string>();
    const facts = plan.facts.filter((f) => !left.has(factKey(f)));
    if (!options.commit || unconfirmed) {
      const counts = countActions(facts);
      return {
        ok: !unconfirmed,
        ...common,
        ...(unconfirmed ? none : { inserted: counts.insert, updated: counts.update, unchanged: counts.unchanged }),
        plan,
      };
    }
    // every planned fact goes to the write path: it compares with what is stored once it holds the
    // locks, so the counts are true even when another import committed since the plan was made
    const written = options.writer ? await options.writer(trx, facts) : await writeFacts(trx, facts, options.write);
    return {
      ok: true,
      ...common,
      inserted: written.inserted,
      updated: written.updated,
      unchanged: written.unchanged,
      plan,
    };
  });
}
