import { type FactInput, type WriteContext, type WriteResult, writeFacts } from '@bixue/db';
import type { ApiContext } from './context.ts';
import { assertUnitsInScope, requirePrincipal } from './scope.ts';

/**
 * The way the API writes facts: every unit must be writable by the caller (all or nothing), and
 * the audit rows name the signed-in user (the CLI's operator is `cli`).
 */
export async function writeFactsAs(
  ctx: ApiContext,
  facts: FactInput[],
  options: Omit<WriteContext, 'user'>,
): Promise<WriteResult> {
  const p = requirePrincipal(ctx);
  await assertUnitsInScope(
    ctx,
    facts.map((f) => f.unitCode),
    'write',
  );
  return writeFacts(ctx.db, facts, { ...options, user: p.username });
}
