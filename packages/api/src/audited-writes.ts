import type { Database, FactInput } from '@bixue/db';
import type { Transaction } from 'kysely';
import type { ApiContext } from './context.ts';
import { assertUnitsInScope, requirePrincipal } from './scope.ts';
import { type RoutedWriteResult, type RouteOptions, routeWrites } from './services/cycle/route-writes.ts';

/**
 * The way the API writes facts: every unit must be writable by the caller (all or nothing), the
 * audit rows name the signed-in user (the CLI's operator is `cli`), and the reporting cycle decides
 * whether each fact counts now, waits as a draft, or is refused by a closed period's lock.
 */
export async function writeFactsAs(
  ctx: ApiContext,
  facts: FactInput[],
  options: RouteOptions,
): Promise<RoutedWriteResult> {
  const p = requirePrincipal(ctx);
  await assertUnitsInScope(
    ctx,
    facts.map((f) => f.unitCode),
    'write',
  );
  if (ctx.db.isTransaction) return routeWrites(ctx.db as Transaction<Database>, p, facts, options);
  return ctx.db.transaction().execute((trx) => routeWrites(trx, p, facts, options));
}
