import { putSetting } from '@bixue/db';
import { describeEachDb, loadAnalyticsFixture } from '@bixue/db/testing';
import { TRPCError } from '@trpc/server';
import { beforeAll, expect, it, onTestFinished } from 'vitest';
import { type ApiContext, OPERATOR, type Principal } from '../../context.ts';
import { createCaller } from '../../root.ts';

const analyst: Principal = {
  userId: 2,
  username: 'a',
  role: 'analyst',
  scopeUnitCode: '880100',
  scopePath: '880000/880100/',
  provinceCode: '880000',
};
const reporter: Principal = {
  ...analyst,
  role: 'reporter',
  scopeUnitCode: '880101',
  scopePath: '880000/880100/880101/',
};

/** The facts are in packages/db/src/testing/analytics-fixture.ts; each expectation repeats the arithmetic. */
describeEachDb('analytics services', 'catalog', ({ db, kind }) => {
  const as = (principal: Principal) => createCaller({ db: db(), dbKind: kind, principal } satisfies ApiContext);
  const op = () => as(OPERATOR);
  const code = (e: unknown) => (e instanceof TRPCError ? e.code : String(e));

  beforeAll(() => loadAnalyticsFixture(db()));

  it('judges a running year on its months up to the as-of month, by the target’s phasing', async () => {
    // on 1 July 2025 the last complete month is June: 2025 is judged on Jan–Jun. 880101 reported
    // only 2025H1 = 2, which covers those 6 months. 党员大会 is quarterly: March and June are due,
    // 4 × 2/4 = 2; attainment 2/2 = 1 → green
    const a = await op().analytics.attainment({
      unit: '880101',
      indicator: 'members_congress',
      window: '2025',
      today: '2025-07-01',
    });
    expect([a.actual, a.target, a.proratedTarget, a.attainment, a.status]).toEqual([2, 4, 2, 1, 'green']);
    expect(a.rollup).toEqual({ value: 2, status: 'value', coverage: { months: 6, of: 6 } });
    expect([a.asOf, a.clipped]).toEqual(['2025-06', true]);
    // 2025H1 ended by then: judged whole, not clipped
    const h1 = await op().analytics.attainment({
      unit: '880101',
      indicator: 'members_congress',
      window: '2025H1',
      today: '2025-07-01',
    });
    expect([h1.target, h1.proratedTarget, h1.attainment, h1.status, h1.clipped]).toEqual([2, 2, 1, 'green', false]);
    // --as-of May: Jan–May, one quarter end due (4 × 1/4 = 1); the H1 fact does not fit inside
    // those months, so nothing is known yet: grey, never red
    const may = await op().analytics.attainment({
      unit: '880101',
      indicator: 'members_congress',
      window: '2025',
      today: '2025-07-01',
      asOf: '2025-05',
    });
    expect([may.actual, may.proratedTarget, may.status, may.asOf]).toEqual([null, 1, 'grey', '2025-05']);
  });

  it('resolves targets: unit override over level, the year’s row over every year; levels are not pro-rated', async () => {
    const at = (unit: string, indicator: string, window: string, today = '2025-03-01') =>
      op().analytics.attainment({ unit, indicator, window, today });
    // 880101 2024: county row for 2024 = 5 beats the every-year 4; 5/5 = 1 → green
    expect(await at('880101', 'party_lecture', '2024')).toMatchObject({
      actual: 5,
      target: 5,
      attainment: 1,
      status: 'green',
    });
    // 880102: its own 6 beats the county 2024 row; 3/6 = 0.5 → red
    expect(await at('880102', 'party_lecture', '2024')).toMatchObject({
      actual: 3,
      target: 6,
      attainment: 0.5,
      status: 'red',
    });
    // 2023 has no year row: every-year 4; 2/4 = 0.5
    expect(await at('880101', 'party_lecture', '2023')).toMatchObject({ target: 4, attainment: 0.5, status: 'red' });
    // per capita: 32 h × 22 members = 704; 700/704 = 0.9943 → yellow (≥ 0.8, < 1)
    const th = await at('880101', 'training_hours', '2024');
    expect(th.target).toBe(704);
    expect(th.attainment).toBeCloseTo(700 / 704, 10);
    expect(th.status).toBe('yellow');
    // theme_party_day 10/12 = 0.833 → yellow
    expect((await at('880102', 'theme_party_day', '2024')).status).toBe('yellow');
    // star_rating is a level: judged through June 2024 still 4, not pro-rated; the annual rating
    // of 2024 is not inside Jan–Jun yet, so grey rather than red
    expect(await at('880101', 'star_rating', '2024', '2024-07-01')).toMatchObject({
      target: 4,
      proratedTarget: 4,
      status: 'grey',
    });
    expect(await at('880101', 'star_rating', '2024')).toMatchObject({
      proratedTarget: 4,
      attainment: 1,
      status: 'green',
    });
    // missing and undisclosed are grey, never red
    expect((await at('880103', 'warning_education', '2024')).status).toBe('grey');
    expect((await at('880102', 'warning_education', '2024')).status).toBe('grey');
    // a zero is a value: 0/2 = 0 → red
    expect(await at('880101', 'warning_education', '2024')).toMatchObject({ actual: 0, attainment: 0, status: 'red' });
  });

  it('ranks with ties 1, 2, 2, 4, missing units last, and the change since the previous window', async () => {
    const r = await op().analytics.ranking({
      indicator: 'party_lecture',
      window: '2024',
      group: 'level:county@880000',
      today: '2025-03-01',
    });
    // 2024: 880101 5, 880102 3, 880103 3, 880104 1; 880201 and city C report none.
    // 2023 ranks: 880102 (4) 1, 880101 (2) 2, 880103 (1) 3, 880104 not ranked.
    // change = previous − now: 880101 2−1 = +1, 880102 1−2 = −1, 880103 3−2 = +1, 880104 new (null)
    expect(r.entries.map((e) => [e.unit, e.value, e.rank, e.change])).toEqual([
      ['880101', 5, 1, 1],
      ['880102', 3, 2, -1],
      ['880103', 3, 2, 1],
      ['880104', 1, 4, null],
      ['880201', null, null, null],
      ['880301', null, null, null],
      ['880302', null, null, null],
      ['880303', null, null, null],
    ]);
    expect([r.ranked, r.of, r.previousWindow]).toEqual([4, 8, '2023']);
    // the ranking's values are the roll-ups'
    const roll = await op().analytics.rollup({ unit: '880103', indicator: 'party_lecture', window: '2024' });
    expect(roll.value).toBe(r.entries[2]!.value);
  });

  it('ranks per member and keeps undisclosed units unranked', async () => {
    // media_articles per member: 880101 11/22 = 0.5, 880102 6/10 = 0.6; 880103 (7) has no member count
    const r = await op().analytics.ranking({
      indicator: 'media_articles',
      window: '2024',
      group: 'siblings:880100',
      perMember: true,
    });
    expect(r.entries.map((e) => [e.unit, e.value, e.rank])).toEqual([
      ['880102', 0.6, 1],
      ['880101', 0.5, 2],
      ['880103', null, null],
      ['880104', null, null],
    ]);
    const w = await op().analytics.ranking({
      indicator: 'warning_education',
      window: '2024',
      group: 'siblings:880100',
    });
    // only 880101 (0) has a value; 880102 and 880104 undisclosed, 880103 missing
    expect(w.entries.map((e) => [e.unit, e.status, e.rank])).toEqual([
      ['880101', 'value', 1],
      ['880102', 'undisclosed', null],
      ['880103', 'missing', null],
      ['880104', 'undisclosed', null],
    ]);
    await expect(
      op().analytics.ranking({
        indicator: 'members_congress',
        window: '2024',
        group: 'siblings:880100',
        perMember: true,
      }),
    ).rejects.toSatisfy((e) => code(e) === 'BAD_REQUEST');
  });

  it('explains the composite: contributions add up to the score', async () => {
    // city C 2024, weights: members_congress 1, theme_party_day 1, media_articles 2 (setting)
    // 880301: mc 6/4 = 1.5 → capped 1.2 → 120; tpd 12/12 → 100; media 30 is best of 30/10/20 → percentile 100
    //         (120·1 + 100·1 + 100·2) / 4 = 105, contributions 30 + 25 + 50
    // 880302: mc 3/4 → 75; tpd 6/12 → 50; media worst → 0: (75 + 50 + 0) / 4 = 31.25
    // 880303: mc 4/4 → 100; tpd missing (drops out); media middle → 50: (100 + 2·50) / 3 = 66.67
    const x = await op().analytics.composite({ unit: '880301', window: '2024', today: '2025-03-01' });
    expect(x.indicators).toEqual(['members_congress', 'theme_party_day', 'media_articles']);
    expect(x.contributions.map((c) => [c.indicator, c.basis, c.score, c.contribution])).toEqual([
      ['members_congress', 'attainment', 120, 30],
      ['theme_party_day', 'attainment', 100, 25],
      ['media_articles', 'percentile', 100, 50],
    ]);
    expect(x.score).toBe(105);
    expect(x.contributions.reduce((a, c) => a + c.contribution, 0)).toBe(x.score);
    const y = await op().analytics.composite({ unit: '880303', window: '2024', today: '2025-03-01' });
    expect(y.score).toBeCloseTo(200 / 3, 10);
    expect(y.contributions.reduce((a, c) => a + c.contribution, 0)).toBe(y.score);

    const r = await op().analytics.ranking({
      indicator: 'composite',
      window: '2024',
      group: 'siblings:880300',
      today: '2025-03-01',
    });
    expect(r.entries.map((e) => [e.unit, e.rank, e.change])).toEqual([
      ['880301', 1, null],
      ['880303', 2, null],
      ['880302', 3, null],
    ]);
    expect(r.entries[2]!.value).toBe(31.25);
  });

  it('benchmarks against peer median and quartiles for even and odd groups', async () => {
    // siblings of 880100, members_congress 2024: 5, 4, 6, 3 (partial) → sorted 3 4 5 6
    // median (4+5)/2 = 4.5; P25 at 0.75 → 3 + 0.75 = 3.75; P75 at 2.25 → 5 + 0.25 = 5.25
    // 880101 = 5: ≥ median, < P75 → quartile 2; best 6 by 880103
    const even = await op().analytics.benchmark({ unit: '880101', window: '2024' });
    const mc = even.lines.find((l) => l.indicator === 'members_congress')!;
    expect([mc.value, mc.peerMedian, mc.peerP25, mc.peerP75, mc.quartile, mc.rank, mc.ranked]).toEqual([
      5, 4.5, 3.75, 5.25, 2, 2, 4,
    ]);
    expect(mc.best).toEqual({
      value: 6,
      unit: {
        unit: '880103',
        name: '甲三县气象局',
        nameEn: 'Jiasan County Meteorological Bureau',
        shortNameEn: 'Jiasan',
        anonymised: false,
      },
    });
    // city C: 6, 3, 4 → sorted 3 4 6: median 4; P25 at 0.5 → 3.5; P75 at 1.5 → 4 + 0.5·2 = 5
    const quart = async (unit: string) =>
      (await op().analytics.benchmark({ unit, window: '2024' })).lines.find((l) => l.indicator === 'members_congress')!;
    const odd = await quart('880303');
    expect([odd.peerMedian, odd.peerP25, odd.peerP75, odd.quartile]).toEqual([4, 3.5, 5, 2]);
    expect((await quart('880301')).quartile).toBe(1);
    expect((await quart('880302')).quartile).toBe(4);
  });

  it('shows peer statistics only when at least 3 units besides the viewer’s own have a value (k-anonymity)', async () => {
    const mc = async (who: ReturnType<typeof as>, group?: string) =>
      (await who.analytics.benchmark({ unit: '880101', window: '2024', ...(group ? { group } : {}) })).lines.find(
        (l) => l.indicator === 'members_congress',
      )!;
    const stats = (l: Awaited<ReturnType<typeof mc>>) => [
      l.value,
      l.peerMedian,
      l.peerP25,
      l.peerP75,
      l.best?.value ?? null,
      l.quartile,
      l.peersWithheld,
    ];
    // 对比组 = 880101 (5) + 880301 (6): the median 5.5 would give 880301 away (2 × 5.5 − 5 = 6)
    expect(stats(await mc(as(reporter), 'group:对比组'))).toEqual([5, null, null, null, null, null, true]);
    // the siblings: 880102 4, 880103 6, 880104 3 besides its own — three, so shown (as computed above)
    expect(stats(await mc(as(reporter)))).toEqual([5, 4.5, 3.75, 5.25, 6, 2, false]);
    // the operator's own is the whole province: nothing of 对比组 is hidden from it. 5 and 6: median
    // 5.5, P25 5.25, P75 5.75; 5 is below P25 → the bottom quarter, 4
    expect(stats(await mc(op(), 'group:对比组'))).toEqual([5, 5.5, 5.25, 5.75, 6, 4, false]);
    // the trend's median and band follow the same rule
    const band = async (who: ReturnType<typeof as>) =>
      (
        await who.analytics.trend({
          unit: '880101',
          indicator: 'members_congress',
          window: '2024',
          count: 2,
          group: 'group:对比组',
          today: '2025-03-01',
        })
      ).points
        .filter((p) => p.window === '2024')
        .map((p) => [p.value, p.peerMedian, p.peerP25, p.peerP75, p.peersWithheld]);
    expect(await band(as(reporter))).toEqual([[5, null, null, null, true]]);
    expect(await band(op())).toEqual([[5, 5.5, 5.25, 5.75, false]]);
    // a province may ask for fewer (or more) other units
    await putSetting(db(), '880000', 'peer_min_others', 1);
    onTestFinished(() => putSetting(db(), '880000', 'peer_min_others', 3));
    expect(stats(await mc(as(reporter), 'group:对比组'))).toEqual([5, 5.5, 5.25, 5.75, 6, 4, false]);
  });

  it('measures a unit alone in its group against nobody: no median, band or best, and nothing withheld', async () => {
    const g = await db()
      .insertInto('peer_groups')
      .values({ province_code: '880000', name: '独组' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db().insertInto('peer_group_members').values({ group_id: g.id, unit_code: '880101' }).execute();
    onTestFinished(() =>
      db()
        .deleteFrom('peer_groups')
        .where('id', '=', g.id)
        .execute()
        .then(() => undefined),
    );
    // 880101 alone: its median would be its own 5, "exactly average" on every line
    const alone = await op().analytics.benchmark({ unit: '880101', window: '2024', group: 'group:独组' });
    const mc = alone.lines.find((l) => l.indicator === 'members_congress')!;
    expect(alone.peers).toBe(0);
    expect([mc.value, mc.peerMedian, mc.peerP25, mc.peerP75, mc.best, mc.quartile, mc.peersWithheld]).toEqual([
      5,
      null,
      null,
      null,
      null,
      null,
      false,
    ]);
    expect(alone.lines.every((l) => l.peerMedian === null && l.best === null && !l.peersWithheld)).toBe(true);
    const t = await op().analytics.trend({
      unit: '880101',
      indicator: 'members_congress',
      window: '2024',
      count: 2,
      group: 'group:独组',
      today: '2025-03-01',
    });
    expect(t.peers).toBe(0);
    // 2023: 1 + 2, 2024: 2 + 3 (the halves)
    expect(t.points.map((p) => [p.window, p.value, p.peerMedian, p.peerP25, p.peerP75, p.peersWithheld])).toEqual([
      ['2023', 3, null, null, null, false],
      ['2024', 5, null, null, null, false],
    ]);
    // the province: no parent, so 全部省局 by default, and the fixture holds one province
    const province = await op().analytics.benchmark({ unit: '880000', window: '2024' });
    expect([province.group, province.peers]).toEqual(['level:province@880000', 0]);
    const provinceTrends = await op().analytics.trends({ unit: '880000', window: '2024', count: 2 });
    expect([provinceTrends.group, provinceTrends.peers]).toEqual(['unit:880000', 0]);
    // the siblings of 880101 are three besides it
    expect((await op().analytics.benchmark({ unit: '880101', window: '2024' })).peers).toBe(3);
  });

  it('bounds the work of the many-indicator trends: at most 16 windows of the catalog', async () => {
    const trends = (count: number) =>
      op().analytics.trends({ unit: '880101', window: '2024', count, today: '2025-03-01' });
    await expect(trends(17)).rejects.toSatisfy((e) => code(e) === 'BAD_REQUEST');
    expect((await trends(16)).trends[0]!.points).toHaveLength(16);
  });

  it('draws a trend with peer band, target, 同比 and 环比', async () => {
    const t = await op().analytics.trend({
      unit: '880101',
      indicator: 'members_congress',
      window: '2024H2',
      count: 3,
      today: '2025-03-01',
    });
    // 880101: 2023H1 1, 2023H2 2, 2024H1 2, 2024H2 3
    // 2023H2: 同比 vs 2022H2 (none) null, 环比 (2−1)/1 = 1
    // 2024H1: 同比 (2−1)/1 = 1, 环比 (2−2)/2 = 0; peers 2, 1, 2, 3 → median 2, P25 1.75, P75 2.25
    // 2024H2: 同比 (3−2)/2 = 0.5, 环比 (3−2)/2 = 0.5; peers 3, 1+2 = 3, 3 → median 3; target 4 × 6/12 = 2
    expect(t.points.map((p) => [p.window, p.value, p.yoy, p.pop, p.peerMedian, p.target])).toEqual([
      ['2023H2', 2, null, 1, 2, 2],
      ['2024H1', 2, 1, 0, 2, 2],
      ['2024H2', 3, 0.5, 0.5, 3, 2],
    ]);
    expect([t.points[1]!.peerP25, t.points[1]!.peerP75]).toEqual([1.75, 2.25]);
  });

  it('refuses to measure a unit against a group it is not in, in the trend and the benchmark alike', async () => {
    const refusedWith = async (call: Promise<unknown>) => {
      const e = await call.then(
        () => null,
        (x: unknown) => x as TRPCError & { cause?: { messageEn?: string } },
      );
      return [code(e), e?.message, e?.cause?.messageEn];
    };
    const expected = [
      'BAD_REQUEST',
      '单位 880101 不在比较组 siblings:880300 中',
      'Unit 880101 is not in comparison group siblings:880300',
    ];
    expect(
      await refusedWith(
        op().analytics.trend({
          unit: '880101',
          indicator: 'members_congress',
          window: '2024',
          count: 2,
          group: 'siblings:880300',
          today: '2025-03-01',
        }),
      ),
    ).toEqual(expected);
    expect(
      await refusedWith(op().analytics.benchmark({ unit: '880101', window: '2024', group: 'siblings:880300' })),
    ).toEqual(expected);
  });

  it('fills a heatmap and reports completeness', async () => {
    const h = await op().analytics.heatmap({
      window: '2024',
      group: 'siblings:880100',
      indicators: ['party_lecture', 'training_hours'],
      today: '2025-03-01',
    });
    const cell = (u: string, i: string) => h.cells.find((c) => c.unit === u && c.indicator === i)!;
    expect(h.cells).toHaveLength(8);
    expect([
      cell('880101', 'training_hours').colour,
      cell('880102', 'party_lecture').colour,
      cell('880103', 'training_hours').colour,
    ]).toEqual(['yellow', 'red', 'grey']);
    // 2024, all due: 880201 reported nothing; the others cover every month (880104: party_lecture 2024)
    const c = await op().analytics.completeness({ window: '2024', group: 'level:county@880000', today: '2025-03-01' });
    expect([c.reported, c.of, c.share, c.dueMonths]).toEqual([7, 8, 7 / 8, 12]);
    expect(c.units.find((u) => u.unit === '880201')).toMatchObject({ reported: false, missingPeriods: ['2024'] });
    // 2025 on 15 July: Jan–Jun due; only 880101 (2025H1) reported
    const now = await op().analytics.completeness({
      window: '2025',
      group: 'level:county@880000',
      today: '2025-07-15',
    });
    expect([now.reported, now.dueMonths]).toEqual([1, 6]);
    expect(now.units.find((u) => u.unit === '880102')!.missingPeriods).toEqual(['2025H1']);
  });

  it('answers bad input with clear errors', async () => {
    const fails = (p: Promise<unknown>, c: string, text: string) =>
      expect(p).rejects.toSatisfy((e) => code(e) === c && (e as Error).message.includes(text));
    await fails(
      op().analytics.rollup({ unit: '889999', indicator: 'party_lecture', window: '2024' }),
      'NOT_FOUND',
      '单位 889999 不存在',
    );
    await fails(
      op().analytics.rollup({ unit: '880101', indicator: 'no_such', window: '2024' }),
      'NOT_FOUND',
      '指标 no_such 不存在',
    );
    await fails(
      op().analytics.rollup({ unit: '880101', indicator: 'party_lecture', window: '2024H3' }),
      'BAD_REQUEST',
      '2024H3',
    );
    await fails(
      op().analytics.rollup({ unit: '880101', indicator: 'party_lecture', window: '2026', today: '2025-07-01' }),
      'BAD_REQUEST',
      '尚未开始',
    );
    await fails(
      op().analytics.ranking({ indicator: 'party_lecture', window: '2024', group: 'siblings:880101' }),
      'BAD_REQUEST',
      '没有单位',
    );
    await fails(
      op().analytics.ranking({ indicator: 'party_lecture', window: '2024', group: 'group:没有这个组' }),
      'NOT_FOUND',
      '没有这个组',
    );
    await fails(
      op().analytics.ranking({ indicator: 'party_lecture', window: '2024', group: 'peers:880100' }),
      'BAD_REQUEST',
      'siblings:',
    );
  });

  it('keeps every caller in scope: reporters see their own rank, analysts their peers', async () => {
    const mine = await as(reporter).analytics.ranking({
      indicator: 'party_lecture',
      window: '2024',
      group: 'level:county@880000',
    });
    expect(mine.entries.map((e) => [e.unit, e.rank])).toEqual([['880101', 1]]);
    expect([mine.ranked, mine.of]).toEqual([4, 8]);
    await expect(
      as(reporter).analytics.rollup({ unit: '880102', indicator: 'party_lecture', window: '2024' }),
    ).rejects.toSatisfy((e) => code(e) === 'FORBIDDEN');
    // counties of other cities are not an analyst's (city-level) peers
    await expect(
      as(analyst).analytics.ranking({ indicator: 'party_lecture', window: '2024', group: 'level:county@880000' }),
    ).rejects.toSatisfy((e) => code(e) === 'FORBIDDEN');
    // heatmaps show values of every member: peers are not enough
    // the heatmap lists values, so it keeps to the analyst's own units even in a peer group
    const heat = await as(analyst).analytics.heatmap({ window: '2024', group: 'level:city@880000' });
    expect(heat.units.map((u) => u.code)).toEqual(['880100']);
    expect(new Set(heat.cells.map((c) => c.unit))).toEqual(new Set(['880100']));
    const named = await as(analyst).analytics.ranking({
      indicator: 'members_congress',
      window: '2024',
      group: 'level:city@880000',
    });
    expect(named.entries.map((e) => e.unit)).toEqual(['880100', '880200', '880300']);
    // the custom group 对比组 = 880101 + 880301: an analyst of 880100 may not see 880301 (a county of another city)
    await expect(
      as(analyst).analytics.ranking({ indicator: 'party_lecture', window: '2024', group: 'group:对比组' }),
    ).rejects.toSatisfy((e) => code(e) === 'FORBIDDEN');
    const unauth = createCaller({ db: db(), dbKind: kind, principal: null });
    await expect(
      unauth.analytics.rollup({ unit: '880101', indicator: 'party_lecture', window: '2024' }),
    ).rejects.toSatisfy((e) => code(e) === 'UNAUTHORIZED');
  });

  it('names peers 同级单位A, B… when the province anonymises them', async () => {
    await putSetting(db(), '880000', 'anonymise_peers', true);
    // the setting is this test's alone: the others see peers named, whatever happens here
    onTestFinished(() => putSetting(db(), '880000', 'anonymise_peers', false));
    const anon = await as(analyst).analytics.ranking({
      indicator: 'members_congress',
      window: '2024',
      group: 'level:city@880000',
    });
    // the letters follow the viewer's anonymiser (stable across charts, not in code order)
    expect(anon.entries[0]!.unit).toBe('880100');
    expect(new Set(anon.entries.slice(1).map((e) => e.unit))).toEqual(new Set(['同级单位A', '同级单位B']));
  });

  it('names units in English too, stored names first, and never an anonymised peer by its own', async () => {
    await db()
      .updateTable('units')
      .set({ name_en: 'Yi Municipal Bureau', short_name_en: 'Yicity' })
      .where('code', '=', '880200')
      .execute();
    onTestFinished(async () => {
      await db()
        .updateTable('units')
        .set({ name_en: null, short_name_en: null })
        .where('code', '=', '880200')
        .execute();
    });
    const input = { indicator: 'members_congress', window: '2024', group: 'level:city@880000' } as const;
    const named = await as(analyst).analytics.ranking(input);
    const english = (code: string) => {
      const e = named.entries.find((x) => x.unit === code)!;
      return [e.nameEn, e.shortNameEn];
    };
    expect(english('880100')).toEqual(['Jia City Meteorological Bureau', 'Jia']);
    expect(english('880200')).toEqual(['Yi Municipal Bureau', 'Yicity']);
    expect(english('880300')).toEqual(['Bing City Meteorological Bureau', 'Bing']);

    await putSetting(db(), '880000', 'anonymise_peers', true);
    onTestFinished(() => putSetting(db(), '880000', 'anonymise_peers', false));
    const anon = await as(analyst).analytics.ranking(input);
    const peers = anon.entries.filter((e) => e.anonymised);
    expect(new Set(peers.map((e) => e.nameEn))).toEqual(new Set(['Peer A', 'Peer B']));
    expect(peers.every((e) => e.shortNameEn === e.nameEn && e.name === `同级单位${e.nameEn.slice(5)}`)).toBe(true);
    // neither the stored English name nor the romanised one of a peer is anywhere in the answer
    const text = JSON.stringify(anon);
    for (const real of ['Yi Municipal', 'Yicity', 'Bing', '乙市', '丙市']) expect(text).not.toContain(real);
  });
});
