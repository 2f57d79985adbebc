import { indicatorFromRow, onceInSnapshot, type Unit } from '@bixue/db';
import type { Indicator } from '@bixue/domain';
import { LRUCache } from 'lru-cache';
import type { ApiContext } from './context.ts';

/** Every unit, by code and in display order (sort_order, then code). Shared: do not change it. */
export interface UnitIndex {
  byCode: ReadonlyMap<string, Unit>;
  ordered: readonly Unit[];
}

/**
 * Units and the catalog as they stand at a config stamp (answer-stamp.ts): they change only with
 * it, and every analytics answer asks for them — a cold ranking spent four of its ten statements
 * and a third of its time on the group's units, its anchor and its indicator (issue 17). One per
 * server, as its database is one: stamps of two databases may be equal. A few stamps are kept: a
 * config change makes new keys, and the old ones age out.
 */
export type ReferenceCache = LRUCache<string, Promise<unknown>>;

export const newReferenceCache = (): ReferenceCache => new LRUCache({ max: 8 });

/**
 * `read()` once per config stamp (the caller's, read with its session); without one (the command
 * line, a write) once per read snapshot. A read another request started and that failed (its
 * client hung up and its statement was cancelled) is made again by this caller.
 */
function atConfig<T>(ctx: ApiContext, key: string, read: () => Promise<T>): Promise<T> {
  if (!ctx.reference) return onceInSnapshot(ctx.db, `reference:${key}`, read);
  const { stamp, kept } = ctx.reference;
  const k = `${stamp}\n${key}`;
  const shared = kept.get(k) as Promise<T> | undefined;
  if (shared) return shared.catch(read);
  const mine = read();
  kept.set(k, mine);
  mine.catch(() => {
    if (kept.get(k) === mine) kept.delete(k);
  });
  return mine;
}

export function unitIndex(ctx: ApiContext): Promise<UnitIndex> {
  return atConfig(ctx, 'units', async () => {
    const ordered = await ctx.db.selectFrom('units').selectAll().orderBy('sort_order').orderBy('code').execute();
    // frozen: the rows are every caller's
    for (const u of ordered) Object.freeze(u);
    return { byCode: new Map(ordered.map((u) => [u.code, u])), ordered: Object.freeze(ordered) };
  });
}

/** The indicators in catalog order. Shared: do not change them. */
export function loadCatalog(ctx: ApiContext): Promise<readonly Indicator[]> {
  return atConfig(ctx, 'catalog', async () => {
    const rows = await ctx.db.selectFrom('indicators').selectAll().orderBy('sort_order').execute();
    return Object.freeze(rows.map((r) => Object.freeze(indicatorFromRow(r))));
  });
}
