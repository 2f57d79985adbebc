import { describeEachDb } from '@bixue/db/testing';
import { parsePeriod } from '@bixue/domain';
import { TRPCError } from '@trpc/server';
import { expect, it } from 'vitest';
import { createCaller } from '../../root.ts';
import { demoContext } from '../../testing/demo-context.ts';

const TODAY = '2026-07-15';

/** percentile_cont: linear between the two closest ranks */
function percentile(values: readonly number[], p: number): number {
  const v = [...values].sort((a, b) => a - b);
  const pos = p * (v.length - 1);
  const lo = Math.floor(pos);
  return v[lo]! + (v[Math.ceil(pos)]! - v[lo]!) * (pos - lo);
}

describeEachDb('trends of many indicators', 'demo', ({ db, kind }) => {
  const as = async (username: string) => createCaller(await demoContext(db(), kind, username));

  /**
   * The roll-up rule by hand: the facts inside the window that no other fact inside it contains,
   * summed (party_lecture is a sum indicator).
   */
  async function rolledUp(unit: string, indicator: string, windowCode: string): Promise<number | null> {
    const window = parsePeriod(windowCode);
    const facts = await db()
      .selectFrom('facts')
      .select(['start_month', 'end_month', 'value', 'status'])
      .where('unit_code', '=', unit)
      .where('indicator_code', '=', indicator)
      .where('start_month', '>=', window.startMonth)
      .where('end_month', '<=', window.endMonth)
      .execute();
    const top = facts.filter(
      (f) => !facts.some((g) => g !== f && g.start_month <= f.start_month && g.end_month >= f.end_month),
    );
    if (!top.length) return null;
    expect(top.every((f) => f.status === 'value')).toBe(true);
    return top.reduce((s, f) => s + f.value!, 0);
  }

  it('gives every catalog indicator, each the same as its single trend', async () => {
    const api = await as('admin');
    const input = { unit: '990101', window: '2026H1', count: 4, today: TODAY };
    const all = await api.analytics.trends(input);
    const catalog = await db().selectFrom('indicators').select('code').orderBy('sort_order').execute();
    // the benchmark's indicators, in the benchmark's order
    const bench = await api.analytics.benchmark({ unit: '990101', window: '2026H1', today: TODAY });
    expect(all.trends.map((t) => t.indicator)).toEqual(catalog.map((c) => c.code));
    expect(all.trends.map((t) => t.indicator)).toEqual(bench.lines.map((l) => l.indicator));
    expect([all.unit, all.group]).toEqual(['990101', 'siblings:990100']);
    for (const t of all.trends) {
      expect(t.perMember).toBe(false);
      expect(t).toEqual(await api.analytics.trend({ ...input, indicator: t.indicator }));
    }
  });

  it('counts per member only the indicators that allow it', async () => {
    const api = await as('analyst');
    const input = { unit: '990101', window: '2026', count: 3, today: TODAY, perMember: true };
    const some = await api.analytics.trends({
      ...input,
      indicators: ['training_hours', 'party_lecture', 'volunteer_person_times'],
    });
    expect(some.trends.map((t) => [t.indicator, t.perMember])).toEqual([
      ['training_hours', true],
      ['party_lecture', false],
      ['volunteer_person_times', true],
    ]);
    const { perMember: _, ...totals } = input;
    expect(some.trends[0]).toEqual(await api.analytics.trend({ ...input, indicator: 'training_hours' }));
    expect(some.trends[1]).toEqual(await api.analytics.trend({ ...totals, indicator: 'party_lecture' }));
    // a single trend still refuses per member where it makes no sense
    await expect(api.analytics.trend({ ...input, indicator: 'party_lecture' })).rejects.toSatisfy(
      (e) => e instanceof TRPCError && e.code === 'BAD_REQUEST',
    );
  });

  it('matches the facts: value, peer median and band, 同比 and 环比 by hand', async () => {
    const api = await as('analyst');
    const { trends } = await api.analytics.trends({
      unit: '990101',
      window: '2026H1',
      count: 3,
      today: TODAY,
      indicators: ['party_lecture'],
    });
    const own = (w: string) => rolledUp('990101', 'party_lecture', w);
    // 990101 reported quarters: 2025Q1 1 + Q2 2 = 3, Q3 1 + Q4 0 = 1, 2026Q1 3 + Q2 3 = 6
    const [h25a, h25b, h26] = [await own('2025H1'), await own('2025H2'), await own('2026H1')];
    expect([h25a, h25b, h26]).toEqual([3, 1, 6]);
    const last = trends[0]!.points.at(-1)!;
    expect(trends[0]!.points.map((p) => p.window)).toEqual(['2025H1', '2025H2', '2026H1']);
    expect(last.value).toBe(h26);
    // 同比 (6 − 3) ÷ 3 = 1, 环比 (6 − 1) ÷ 1 = 5
    expect(last.yoy).toBe((h26! - h25a!) / h25a!);
    expect(last.pop).toBe((h26! - h25b!) / h25b!);
    // peers: the eight counties of 云川市, each rolled up the same way
    const siblings = await db().selectFrom('units').select('code').where('parent_code', '=', '990100').execute();
    expect(siblings).toHaveLength(8);
    const peers = (await Promise.all(siblings.map((s) => rolledUp(s.code, 'party_lecture', '2026H1')))).filter(
      (v) => v !== null,
    );
    expect(peers.length).toBeGreaterThan(3);
    expect(last.peerMedian).toBeCloseTo(percentile(peers, 0.5), 10);
    expect(last.peerP25).toBeCloseTo(percentile(peers, 0.25), 10);
    expect(last.peerP75).toBeCloseTo(percentile(peers, 0.75), 10);
  });

  it('refuses units outside the caller’s scope and unknown indicators', async () => {
    const reporter = await as('reporter');
    const code = (e: unknown) => (e instanceof TRPCError ? e.code : String(e));
    await expect(reporter.analytics.trends({ unit: '990102', window: '2026H1', today: TODAY })).rejects.toSatisfy(
      (e) => code(e) === 'FORBIDDEN',
    );
    // its own unit among its siblings is fine
    expect(
      (
        await reporter.analytics.trends({
          unit: '990101',
          window: '2026H1',
          today: TODAY,
          indicators: ['party_lecture'],
        })
      ).trends,
    ).toHaveLength(1);
    await expect(
      reporter.analytics.trends({
        unit: '990101',
        window: '2026H1',
        today: TODAY,
        indicators: ['party_lecture', 'no_such'],
      }),
    ).rejects.toSatisfy((e) => code(e) === 'NOT_FOUND' && (e as Error).message.includes('no_such'));
  });

  it('refuses more than 16 windows in one request, for one indicator as for many, with a 400 naming the limit', async () => {
    const api = await as('admin');
    const input = { unit: '990101', window: '2026H1', today: TODAY };
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => 'answered',
        (e: unknown) => (e instanceof TRPCError ? `${e.code} ${e.message}` : String(e)),
      );
    // each call is awaited before the next starts: a rejection made before its handler is attached is unhandled
    for (const ask of [
      () => api.analytics.trend({ ...input, indicator: 'party_lecture', count: 60 }),
      () => api.analytics.trend({ ...input, indicator: 'party_lecture', count: 17 }),
      () => api.analytics.trends({ ...input, count: 17 }),
    ])
      expect(await refusal(ask())).toContain('BAD_REQUEST');
    expect(await refusal(api.analytics.trend({ ...input, indicator: 'party_lecture', count: 60 }))).toContain(
      'count 最多 16 期',
    );
    // the limit itself is answered: 16 windows back from 2026H1
    const longest = await api.analytics.trend({ ...input, indicator: 'party_lecture', count: 16 });
    expect(longest.points.map((p) => p.window).slice(0, 2)).toEqual(['2018H2', '2019H1']);
  });
});
