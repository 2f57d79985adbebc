import { describeEachDb } from '@bixue/db/testing';
import { expect, it } from 'vitest';
import { OPERATOR } from '../context.ts';
import { createCaller } from '../root.ts';
import { demoContext } from '../testing/demo-context.ts';
import { MAX_BASKET_ITEMS } from './brief-basket.ts';

describeEachDb('the briefing basket', 'demo', (t) => {
  const db = () => t.db();
  const { kind } = t;
  const as = async (username: string) => createCaller(await demoContext(db(), kind, username));

  it('keeps each user’s own items in order: add, retitle, reorder, remove', async () => {
    const analyst = await as('analyst');
    await analyst.basket.clear();
    await analyst.basket.add({ chart: 'ranking', indicator: 'composite', window: '2026H1', group: 'siblings:990100' });
    await analyst.basket.add({ chart: 'benchmark', unit: '990101', window: '2026H1', page: 2 });
    let items = await analyst.basket.add({
      chart: 'trend',
      unit: '990101',
      indicator: 'members_congress',
      window: '2026',
    });
    expect(items.map((i) => [i.chart, i.unit, i.indicator, i.window, i.group, i.page])).toEqual([
      ['ranking', null, 'composite', '2026H1', 'siblings:990100', null],
      ['benchmark', '990101', null, '2026H1', null, 2],
      ['trend', '990101', 'members_congress', '2026', null, null],
    ]);
    const [a, b, c] = items.map((i) => i.id);
    items = await analyst.basket.retitle({ id: b!, title: '  安平县与同级对比 ' });
    expect(items[1]!.title).toBe('安平县与同级对比');
    items = await analyst.basket.reorder({ ids: [c!, a!, b!] });
    expect(items.map((i) => i.id)).toEqual([c, a, b]);
    items = await analyst.basket.remove({ id: a! });
    expect(items.map((i) => i.id)).toEqual([c, b]);
    expect((await analyst.basket.list()).map((i) => i.id)).toEqual([c, b]);
    await expect(analyst.basket.reorder({ ids: [c!] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('another user neither sees nor changes them', async () => {
    const analyst = await as('analyst');
    const leader = await as('leader');
    await analyst.basket.clear();
    await leader.basket.clear();
    const [mine] = await analyst.basket.add({ chart: 'heatmap', window: '2026H1', group: 'siblings:990100' });
    expect(await leader.basket.list()).toEqual([]);
    await expect(leader.basket.remove({ id: mine!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(leader.basket.retitle({ id: mine!.id, title: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(leader.basket.reorder({ ids: [mine!.id] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await analyst.basket.list()).toHaveLength(1);
  });

  it('adds only what the caller may see, names the bad field, and stops at the cap', async () => {
    const reporter = await as('reporter');
    await reporter.basket.clear();
    await expect(reporter.basket.add({ chart: 'benchmark', unit: '990201', window: '2026H1' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      reporter.basket.add({ chart: 'heatmap', window: '2026H1', group: 'siblings:990200' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(reporter.basket.add({ chart: 'pie' as never, window: '2026H1' })).rejects.toThrow(/chart/);
    await expect(reporter.basket.add({ chart: 'gaps', unit: '990101', window: '2026H7' })).rejects.toThrow(/window/);
    for (let i = 0; i < MAX_BASKET_ITEMS; i++)
      await reporter.basket.add({ chart: 'gaps', unit: '990101', window: '2026' });
    await expect(reporter.basket.add({ chart: 'gaps', unit: '990101', window: '2026' })).rejects.toThrow(
      /最多放 30 张/,
    );
    await expect(createCaller({ db: db(), dbKind: kind, principal: OPERATOR }).basket.list()).rejects.toThrow(
      /bixue brief/,
    );
  });
});
