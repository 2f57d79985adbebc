import {
  type FactInput,
  type FactProblem,
  FactValidationError,
  type WriteContext,
  type WriteResult,
  writeFacts,
} from '@bixue/db';
import type { ApiContext } from './context.ts';
import { InputError } from './errors.ts';
import { assertUnitsInScope, requirePrincipal } from './scope.ts';

/**
 * The way the API writes facts: every unit must be writable by the caller (all or nothing), and
 * the audit rows name the signed-in user (the CLI's operator is `cli`). A fact the rule set
 * refuses becomes an InputError that says where, in the words of the entry path (`describe`).
 */
export async function writeFactsAs(
  ctx: ApiContext,
  facts: FactInput[],
  options: Omit<WriteContext, 'user'>,
  describe: (problem: FactProblem) => InputError = (problem) => new InputError(problem.message, problem.indicatorCode),
): Promise<WriteResult> {
  const p = requirePrincipal(ctx);
  await assertUnitsInScope(
    ctx,
    facts.map((f) => f.unitCode),
    'write',
  );
  try {
    return await writeFacts(ctx.db, facts, { ...options, user: p.username });
  } catch (e) {
    if (e instanceof FactValidationError) throw describe(e.problems[0]!);
    throw e;
  }
}
