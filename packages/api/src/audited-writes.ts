import type { Database, FactInput, FactProblem } from '@bixue/db';
import { FactValidationError } from '@bixue/db';
import type { Transaction } from 'kysely';
import type { ApiContext } from './context.ts';
import { InputError } from './errors.ts';
import { assertUnitsInScope, requirePrincipal } from './scope.ts';
import { type RoutedWriteResult, type RouteOptions, routeWrites } from './services/cycle/route-writes.ts';

/**
 * The way the API writes facts: every unit must be writable by the caller (all or nothing), the
 * audit rows name the signed-in user (the CLI's operator is `cli`), and the reporting cycle decides
 * whether each fact counts now, waits as a draft, or is refused by a closed period's lock. A fact
 * the write path's rule set refuses becomes an InputError that says where, in the words of the
 * entry path (`describe`).
 */
export async function writeFactsAs(
  ctx: ApiContext,
  facts: FactInput[],
  options: RouteOptions,
  describe: (problem: FactProblem) => InputError = (problem) =>
    new InputError({ zh: problem.message, en: problem.messageEn }, problem.indicatorCode),
): Promise<RoutedWriteResult> {
  const p = requirePrincipal(ctx);
  await assertUnitsInScope(
    ctx,
    facts.map((f) => f.unitCode),
    'write',
  );
  try {
    if (ctx.db.isTransaction) return await routeWrites(ctx.db as Transaction<Database>, p, facts, options);
    return await ctx.db.transaction().execute((trx) => routeWrites(trx, p, facts, options));
  } catch (e) {
    if (e instanceof FactValidationError) throw describe(e.problems[0]!);
    throw e;
  }
}
