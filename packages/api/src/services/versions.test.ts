import { coveredMonths, dataVersion, writeFacts } from '@bixue/db';
import { describeEachDb } from '@bixue/db/testing';
import { beforeAll, expect, it } from 'vitest';
import { createCaller } from '../root.ts';
import { demoContext } from '../testing/demo-context.ts';

/** Months before the demo's history (it starts in 2019): every write below is a change. */
const fact = (unitCode: string, period: string, value: number) =>
  ({ unitCode, indicatorCode: 'party_lecture', period, value, status: 'value' }) as const;

describeEachDb('data versions as the picker lists them, and the basket keeping one', 'demo', (t) => {
  const db = () => t.db();
  const as = async (username: string) => createCaller(await demoContext(db(), t.kind, username));
  /** the province's version before this suite's writes */
  let v0 = 0;

  beforeAll(async () => {
    v0 = await dataVersion(db(), '990000');
    // v0+1: the city analyst enters two months of 安平县 (990101, under 云川市 990100)
    await writeFacts(db(), [fact('990101', '2018-01', 3), fact('990101', '2018-02', 4)], {
      source: 'manual',
      user: 'analyst',
    });
    // v0+2: an admin's correction of a county of another city (990201), with its reason
    await writeFacts(db(), [fact('990201', '2018-01', 2)], {
      source: 'import',
      user: 'admin',
      reason: '原报数据有误',
    });
  });

  it('lists the newest versions of the subtree asked for, with who, what and why', async () => {
    const leader = await as('leader');
    const all = await leader.versions.list({ unit: '990000' });
    expect(all.current).toBe(v0 + 2);
    expect(all.versions.slice(0, 2).map((v) => [v.version, v.by, v.sources, v.reason, v.facts])).toEqual([
      [v0 + 2, ['admin'], ['import'], '原报数据有误', 1],
      [v0 + 1, ['analyst'], ['manual'], null, 2],
    ]);
    expect(Date.parse(all.versions[0]!.at)).toBeGreaterThanOrEqual(Date.parse(all.versions[1]!.at));
    // newest first, each once
    const numbers = all.versions.map((v) => v.version);
    expect(numbers).toEqual([...new Set(numbers)].sort((a, b) => b - a));

    // a city sees the versions that wrote its own subtree: not the other city's correction
    const analyst = await as('analyst');
    const city = await analyst.versions.list({ unit: '990100' });
    expect(city.current).toBe(v0 + 2);
    expect(city.versions[0]!.version).toBe(v0 + 1);
    expect(city.versions.some((v) => v.version === v0 + 2)).toBe(false);
    const county = await (await as('reporter')).versions.list({ unit: '990101' });
    expect(county.versions[0]).toMatchObject({ version: v0 + 1, facts: 2 });
    await expect((await as('reporter')).versions.list({ unit: '990201' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('lists at most `limit` versions, and the one a view is drawn as of wherever it falls', async () => {
    const leader = await as('leader');
    expect((await leader.versions.list({ unit: '990000', limit: 1 })).versions.map((v) => v.version)).toEqual([v0 + 2]);
    expect(
      (await leader.versions.list({ unit: '990000', limit: 1, include: v0 + 1 })).versions.map((v) => v.version),
    ).toEqual([v0 + 2, v0 + 1]);
    await expect(leader.versions.list({ unit: '990000', limit: 101 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('a basket item keeps the version its card showed: the one asked for, else the current one', async () => {
    const analyst = await as('analyst');
    await analyst.basket.clear();
    const ranking = { chart: 'ranking', indicator: 'composite', window: '2026H1', group: 'siblings:990100' } as const;
    await analyst.basket.add(ranking);
    await analyst.basket.add({ ...ranking, version: v0 + 1 });
    await analyst.basket.add({ chart: 'completeness', window: '2026H1', group: 'siblings:990100' });
    let items = await analyst.basket.add({
      chart: 'completeness',
      window: '2026H1',
      group: 'siblings:990100',
      version: v0,
    });
    expect(items.map((i) => [i.chart, i.version])).toEqual([
      ['ranking', v0 + 2],
      ['ranking', v0 + 1],
      // 报送情况 too: who had reported as of a version
      ['completeness', v0 + 2],
      ['completeness', v0],
    ]);
    // a version that does not exist yet is refused naming the field
    await expect(analyst.basket.add({ ...ranking, version: v0 + 3 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining(`v${v0 + 3}`),
    });
    items = await analyst.basket.list();
    expect(items).toHaveLength(4);
    await analyst.basket.clear();
  });

  it('单位数 and 已报送率 as of a version: who had reported as the facts stood then', async () => {
    const analyst = await as('analyst');
    // 2018, before the demo's history: only this suite's writes — 安平县 (990101) 2018-01 and -02 at v0+1
    const at = (version?: number) =>
      analyst.analytics.completeness({ window: '2018', group: 'siblings:990100', today: '2026-07-15', version });
    const [before, entered, now] = [await at(v0), await at(v0 + 1), await at()];
    const units = now.units.length;
    expect(units).toBeGreaterThan(1);
    expect([before.reported, before.of, before.share, before.dataVersion]).toEqual([0, units, 0, v0]);
    expect(before.units.every((u) => !u.reported && u.missingPeriods.join() === '2018')).toBe(true);
    expect(before.sources).toEqual({});
    for (const c of [entered, now]) {
      expect([c.reported, c.of, c.share]).toEqual([1, units, 1 / units]);
      const anping = c.units.find((u) => u.unit === '990101')!;
      expect([anping.reported, anping.missingPeriods]).toEqual([true, ['2018-03', '2018Q2', '2018H2']]);
    }
    expect([entered.dataVersion, now.dataVersion, now.sources]).toEqual([v0 + 1, v0 + 2, { manual: 2 }]);
    // read from the facts at the current version, the months are the roll-ups' (the demo's 2025–2026, a city's units)
    const city = now.units.map((u) => u.unit).concat('990100');
    const current = { province: '990000', version: v0 + 2 };
    const [from, to] = [2025 * 12, 2026 * 12 + 11];
    const rolled = await coveredMonths(db(), city, from, to);
    expect(rolled.reduce((n, c) => n + c.months.length, 0)).toBeGreaterThan(12);
    expect(await coveredMonths(db(), city, from, to, current)).toEqual(rolled);
  });
});
