import {
  conflictKeys,
  type Database,
  type FactInput,
  factKey,
  lockProvincesOf,
  writeFacts,
  type WriteContext,
  type WriteResult,
} from '@bixue/db';
import type { UnderCoarseChoice } from '@bixue/domain';
import type { Kysely, Transaction } from 'kysely';
import {
  type ConflictChoice,
  countActions,
  type ImportConflict,
  type ImportPlan,
  type ImportUnderCoarse,
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
  /** stored coarse facts over the file's finer rows that disagree; with any, ok is false unless the person chose */
  underCoarse: ImportUnderCoarse[];
  /** the choice for them: replace_coarse removes the coarse facts so the finer ones count */
  underCoarseChoice: UnderCoarseChoice | null;
  inserted: number;
  updated: number;
  unchanged: number;
  /** coarse facts removed (replace_coarse) */
  deleted: number;
}

export interface RunImportOptions {
  commit: boolean;
  /** write.acceptWarnings: the person confirmed the values beyond the plausible bound */
  write: WriteContext;
  /** what to do with coarse facts over disagreeing finer ones; unset, a commit with any writes nothing */
  conflicts?: ConflictChoice | undefined;
  /** what to do with stored coarse facts over the file's finer rows that disagree; unset, a commit with any writes nothing */
  underCoarse?: UnderCoarseChoice | undefined;
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
  // a commit reads what is stored and judges the grains under its provinces' write lock, so what
  // it judged is what is stored when the write lands. A preview takes no lock and opens no
  // transaction: on PGlite one holds the only connection, and every other request's statements
  // waited out a large sheet's whole plan (seconds); on PostgreSQL its statements (read committed)
  // saw no more alike inside one than outside
  if (!options.commit) return judge(db, null);
  return db.transaction().execute((trx) => judge(trx, trx));

  async function judge(
    reader: Kysely<Database>,
    trx: Transaction<Database> | null,
  ): Promise<ImportResult & { plan: ImportPlan }> {
    const plan = await planImport(reader, table, ctx, trx ? (units) => lockProvincesOf(trx, units) : undefined);
    const choice = plan.conflicts.length ? (options.conflicts ?? null) : null;
    const underChoice = plan.underCoarse.length ? (options.underCoarse ?? null) : null;
    const common = {
      errors: plan.errors,
      warnings: plan.warnings,
      conflicts: plan.conflicts,
      conflictChoice: choice,
      underCoarse: plan.underCoarse,
      underCoarseChoice: underChoice,
    };
    const none = { inserted: 0, updated: 0, unchanged: 0, deleted: 0 };
    if (plan.errors.length) return { ok: false, ...common, ...none, plan };
    const unconfirmed =
      (plan.warnings.length > 0 && !options.write.acceptWarnings) ||
      (plan.conflicts.length > 0 && !choice) ||
      (plan.underCoarse.length > 0 && !underChoice);
    const left = choice === 'keep_finer' ? conflictKeys(plan.conflicts) : new Set<string>();
    // without coarse facts left out, every planned fact: no key made for each of a sheet's cells
    const kept = left.size ? plan.facts.filter((f) => !left.has(factKey(f))) : plan.facts;
    // replace_coarse: the coarse facts go (through the same write), so the finer ones count
    const removed: FactInput[] =
      underChoice === 'replace_coarse'
        ? [...new Map(plan.underCoarse.map((u) => [factKey(u), u])).values()].map((u) => ({
            unitCode: u.unitCode,
            indicatorCode: u.indicatorCode,
            period: u.period,
            value: null,
            status: 'missing',
          }))
        : [];
    if (!options.commit || unconfirmed) {
      const counts = countActions(kept);
      return {
        ok: !unconfirmed,
        ...common,
        ...(unconfirmed
          ? none
          : { inserted: counts.insert, updated: counts.update, unchanged: counts.unchanged, deleted: removed.length }),
        plan,
      };
    }
    // every planned fact goes to the write path, which compares it with what is stored; the plan's
    // read of it, made under the lock, spares the write path reading it again
    const facts: FactInput[] = [...kept.map((f) => ({ ...f, stored: f.old })), ...removed];
    // a commit, so a transaction: a preview returned above
    const written = options.writer ? await options.writer(trx!, facts) : await writeFacts(trx!, facts, options.write);
    return {
      ok: true,
      ...common,
      inserted: written.inserted,
      updated: written.updated,
      unchanged: written.unchanged,
      deleted: written.deleted,
      plan,
    };
  }
}
