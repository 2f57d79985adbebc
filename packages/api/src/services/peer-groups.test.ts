import { describeEachDb, TEST_AS_OF } from '@bixue/db/testing';
import { TRPCError } from '@trpc/server';
import { expect, it } from 'vitest';
import type { ApiContext } from '../context.ts';
import { createCaller } from '../root.ts';
import { demoContext } from '../testing/demo-context.ts';

describeEachDb('custom peer groups offered to each role', 'demo', ({ db, kind }) => {
  const as = (username: string) => demoContext(db(), kind, username);
  const window = `${TEST_AS_OF.getUTCFullYear()}H1`;

  /** Whether the analytics accept the group: the independent path the listing must agree with. */
  async function ranks(ctx: ApiContext, spec: string): Promise<boolean> {
    try {
      await createCaller(ctx).analytics.ranking({ indicator: 'composite', window, group: spec });
      return true;
    } catch (e) {
      if (e instanceof TRPCError && e.code === 'FORBIDDEN') return false;
      throw e;
    }
  }

  it('lists exactly the groups each role can rank in, with member counts', async () => {
    const admin = await as('admin');
    const counties = await db()
      .selectFrom('units')
      .select(['code', 'parent_code'])
      .where('level', '=', 'county')
      .orderBy('code')
      .execute();
    const inCity = counties.filter((c) => c.parent_code === '990100').map((c) => c.code);
    const elsewhere = counties.filter((c) => c.parent_code !== '990100').map((c) => c.code);
    await createCaller(admin).admin.createPeerGroup({ name: '城一县', members: inCity.slice(0, 3) });
    await createCaller(admin).admin.createPeerGroup({ name: '混合县', members: ['990101', ...elsewhere.slice(0, 2)] });
    await createCaller(admin).admin.createPeerGroup({ name: '市与县', members: ['990100', elsewhere[0]!] });

    // the demo's 山区县: counties whose city digits are a multiple of 3
    const mountain = counties.filter((c) => Number(c.code.slice(2, 4)) % 3 === 0).length;
    const names = async (u: string) =>
      (await createCaller(await as(u)).units.peerGroups()).map((g) => [g.name, g.members, g.ownMembers.length]);
    expect(await names('admin')).toEqual([
      ['城一县', 3, 3],
      ['山区县', mountain, mountain],
      ['市与县', 2, 2],
      ['混合县', 3, 3],
    ]);
    // the analyst (city 990100) owns the three counties; counties elsewhere are not its peers
    expect(await names('analyst')).toEqual([['城一县', 3, 3]]);
    // the reporter's county sits beside two peer counties, which it ranks against unnamed
    expect(inCity[0]).toBe('990101');
    expect(await names('reporter')).toEqual([
      ['城一县', 3, 1],
      ['混合县', 3, 1],
    ]);
    expect((await createCaller(await as('reporter')).units.peerGroups()).map((g) => g.ownMembers)).toEqual([
      ['990101'],
      ['990101'],
    ]);

    for (const user of ['admin', 'leader', 'analyst', 'reporter']) {
      const ctx = await as(user);
      const listed = new Set((await createCaller(ctx).units.peerGroups()).map((g) => g.spec));
      for (const spec of ['group:城一县', 'group:山区县', 'group:市与县', 'group:混合县'])
        expect([user, spec, await ranks(ctx, spec)]).toEqual([user, spec, listed.has(spec)]);
    }
  });
});
