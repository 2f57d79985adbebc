import { listIndicators } from '@bixue/db';
import type { Indicator } from '@bixue/domain';
import type { ApiContext } from '../context.ts';
import { requirePrincipal } from '../scope.ts';

export async function indicatorCatalog(ctx: ApiContext): Promise<Indicator[]> {
  requirePrincipal(ctx);
  return listIndicators(ctx.db);
}
