import { dataVersion, insertReportingPeriod, markPeriodClosed } from '@bixue/db';
import { describeEachDb, loadAnalyticsFixture } from '@bixue/db/testing';
import { parsePeriod } from '@bixue/domain';
import { beforeAll, expect, it } from 'vitest';
import type { ApiContext, Principal } from '../context.ts';
import { createCaller } from '../root.ts';
import { saveTarget, updateSetting } from './admin.ts';

const admin: Principal = {
  userId: null,
  username: 'admin880',
  role: 'admin',
  scopeUnitCode: '880000',
  scopePath: '880000/',
  provinceCode: '880000',
};

/**
 * Issue 18: writes of targets, settings and period closings create data versions, the diff lists
 * them with who and why, and a view drawn as of a version reads the settings and as-of month of
 * then. The province is the analytics fixture (packages/db/src/testing/analytics-fixture.ts).
 */
describeEachDb('targets, settings and closings are versioned', 'catalog', (t) => {
  const ctx = (): ApiContext => ({ db: t.db(), dbKind: t.kind, principal: admin });
  const api = () => createCaller(ctx());
  const version = () => dataVersion(t.db(), '880000');
  const lecture = { indicatorCode: 'party_lecture', level: 'county' as const, unitCode: null, year: null };

  beforeAll(() => loadAnalyticsFixture(t.db()));

  it('a target or setting change raises the version once; saving the same again changes nothing', async () => {
    const v = await version();
    const first = await saveTarget(ctx(), { ...lecture, value: 6, perCapita: false });
    expect(await version()).toBe(v + 1);
    // the same values again: no version, the same row
    expect(await saveTarget(ctx(), { ...lecture, value: 6, perCapita: false })).toEqual(first);
    expect(await version()).toBe(v + 1);
    await updateSetting(ctx(), { key: 'composite', value: { cap: 1.5, indicatorWeights: {}, categoryWeights: {} } });
    expect(await version()).toBe(v + 2);
    await updateSetting(ctx(), { key: 'composite', value: { cap: 1.5, indicatorWeights: {}, categoryWeights: {} } });
    expect(await version()).toBe(v + 2);
    // deleting the unit override 880102's 6 a year is a version of its own
    const override = (await api().admin.targets()).find((x) => x.unitCode === '880102')!;
    await api().admin.deleteTarget({ id: override.id, reason: '取消单列目标' });
    expect(await version()).toBe(v + 3);

    // the version picker lists them, though they wrote no facts
    expect(
      (await api().versions.list({ unit: '880000', limit: 3 })).versions.map((x) => [
        x.version,
        x.by,
        x.sources,
        x.facts,
        x.reason,
      ]),
    ).toEqual([
      [v + 3, ['admin880'], ['targets'], 0, '取消单列目标'],
      [v + 2, ['admin880'], ['settings'], 0, null],
      [v + 1, ['admin880'], ['targets'], 0, null],
    ]);

    const diff = await api().versions.diff({ unit: '880000', from: v });
    expect(diff.changes).toEqual([]);
    expect(
      diff.targets.map((c) => [c.version, c.indicator, c.level, c.unit, c.year, c.before, c.after, c.by, c.reason]),
    ).toEqual([
      [
        v + 1,
        'party_lecture',
        'county',
        null,
        null,
        { value: 4, perCapita: false, phasing: 'quarterly', dueMonth: 12 },
        { value: 6, perCapita: false, phasing: 'quarterly', dueMonth: 12 },
        'admin880',
        null,
      ],
      // the fixture's override was stored with the column defaults (linear, December)
      [
        v + 3,
        'party_lecture',
        null,
        '880102',
        null,
        { value: 6, perCapita: false, phasing: 'linear', dueMonth: 12 },
        null,
        'admin880',
        '取消单列目标',
      ],
    ]);
    // the fixture set the composite with weight 2 for media_articles; the change drops it
    expect(diff.settings.map((c) => [c.version, c.key, c.before, c.after, c.by, c.reason])).toEqual([
      [
        v + 2,
        'composite',
        { cap: 1.2, indicatorWeights: { media_articles: 2 }, categoryWeights: {} },
        { cap: 1.5, indicatorWeights: {}, categoryWeights: {} },
        'admin880',
        null,
      ],
    ]);
    // a county's diff keeps the province-wide changes and leaves out another county's override
    const county = await api().versions.diff({ unit: '880101', from: v });
    expect([county.targets.map((c) => c.version), county.settings.map((c) => c.version)]).toEqual([[v + 1], [v + 2]]);

    // the cap a ranking states is the one of the version it is drawn at
    const ranking = (at?: number) =>
      api().analytics.ranking({
        indicator: 'composite',
        window: '2024',
        group: 'siblings:880300',
        today: '2025-07-01',
        version: at,
      });
    expect([(await ranking(v)).cap, (await ranking(v + 1)).cap, (await ranking()).cap]).toEqual([1.2, 1.2, 1.5]);
  });

  it('the as-of month of a version: the override and the closed periods as they stood then', async () => {
    const input = { unit: '880101', indicator: 'members_congress', window: '2025', today: '2025-07-01' };
    const asOf = async (at?: number) => {
      const a = await api().analytics.attainment({ ...input, version: at });
      return [a.asOf, a.dataVersion];
    };
    const v = await version();
    // no override, no closed period: the last complete month before 1 July
    expect(await asOf()).toEqual(['2025-06', v]);
    // closing 2025Q1 moves the as-of month to March at v+1
    await t
      .db()
      .transaction()
      .execute(async (trx) => {
        await insertReportingPeriod(trx, {
          provinceCode: '880000',
          period: parsePeriod('2025Q1'),
          dueDate: '2025-04-15',
          required: {},
          openedBy: 'admin880',
        });
        expect(await markPeriodClosed(trx, '880000', '2025Q1', 'admin880')).toBe(true);
      });
    // the admin's override (数据截至2025年5月) at v+2
    await updateSetting(ctx(), { key: 'data_as_of', value: '2025-05', reason: '五月数据已齐' });
    expect(await version()).toBe(v + 2);
    expect([await asOf(v), await asOf(v + 1), await asOf()]).toEqual([
      ['2025-06', v],
      ['2025-03', v + 1],
      ['2025-05', v + 2],
    ]);
    expect(
      (await api().versions.list({ unit: '880000', limit: 2 })).versions.map((x) => [x.version, x.sources, x.reason]),
    ).toEqual([
      [v + 2, ['settings'], '五月数据已齐'],
      [v + 1, ['period_close'], null],
    ]);
    const diff = await api().versions.diff({ unit: '880000', from: v });
    expect(diff.closedPeriods.map((c) => [c.period, c.version, c.by])).toEqual([['2025Q1', v + 1, 'admin880']]);
    expect(diff.settings.map((c) => [c.key, c.before, c.after, c.reason])).toEqual([
      ['data_as_of', null, '2025-05', '五月数据已齐'],
    ]);
    // the robot's URL carries its key: the diff says it changed, never what to
    await api().cycle.setSettings({ webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret' });
    expect(await version()).toBe(v + 3);
    const robot = await api().versions.diff({ unit: '880000', from: v + 2 });
    expect(robot.settings.map((c) => [c.version, c.key, c.before, c.after, c.by])).toEqual([
      [v + 3, 'reminder_webhook_url', '***', '***', 'admin880'],
    ]);
  });
});
