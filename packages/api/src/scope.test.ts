import { describeEachDb } from '@bixue/db/testing';
import { TRPCError } from '@trpc/server';
import { expect, it } from 'vitest';
import { createCaller } from './root.ts';
import { readableUnit } from './scope.ts';
import { demoContext } from './testing/demo-context.ts';

describeEachDb('scope', 'demo', ({ db, kind }) => {
  const as = (username: string) => demoContext(db(), kind, username);

  it('gives a reporter its own county only', async () => {
    const ctx = await as('reporter');
    const tree = await createCaller(ctx).units.tree();
    expect(tree.map((u) => [u.code, u.children.length])).toEqual([['990101', 0]]);
    await expect(readableUnit(ctx, '990102')).rejects.toThrow('无权访问单位 990102');
    expect((await readableUnit(ctx, '990101')).name).toBe('安平县气象局');
  });

  it('refuses every data procedure without a principal', async () => {
    const caller = createCaller({ db: db(), dbKind: kind, principal: null });
    await expect(caller.units.tree()).rejects.toSatisfy((e) => e instanceof TRPCError && e.code === 'UNAUTHORIZED');
    await expect(caller.catalog.indicators()).rejects.toSatisfy(
      (e) => e instanceof TRPCError && e.code === 'UNAUTHORIZED',
    );
    expect(await caller.session.me()).toBeNull();
  });
});
