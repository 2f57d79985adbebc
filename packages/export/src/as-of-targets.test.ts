import { type ApiContext, createCaller, type Principal, saveTarget, updateSetting } from '@bixue/api';
import { dataVersion, writeFacts } from '@bixue/db';
import { describeEachDb, loadAnalyticsFixture, valueFact } from '@bixue/db/testing';
import { beforeAll, expect, it } from 'vitest';
import { sheetCells } from './testing/sheet-cells.ts';
import { exportChart } from './export.ts';
import type { ExportRequest } from './request.ts';

const admin: Principal = {
  userId: null,
  username: 'admin880',
  role: 'admin',
  scopeUnitCode: '880000',
  scopePath: '880000/',
  provinceCode: '880000',
};
const today = '2025-07-01';
// 2025 on 1 July: judged on Jan–Jun (the last complete month), so the phasing decides what is due
const HEATMAP: ExportRequest = { chart: 'heatmap', format: 'xlsx', window: '2025', group: 'siblings:880100', today };
const INDICATORS = ['party_lecture', 'members_congress'];

/**
 * Issue 18: a file drawn as of version N equals the file drawn at N after a target's value, a
 * target's phasing, a setting and a fact changed; drawn now it differs as computed by hand. The
 * province is the analytics fixture (packages/db/src/testing/analytics-fixture.ts) plus the
 * 2025H1 party lectures below.
 */
describeEachDb('a view drawn as of a version judges against the targets and settings of then', 'catalog', (t) => {
  const ctx = (): ApiContext => ({ db: t.db(), dbKind: t.kind, principal: admin });
  const colours = async (version?: number) =>
    (
      await createCaller(ctx()).analytics.heatmap({
        window: '2025',
        group: HEATMAP.group!,
        today,
        indicators: INDICATORS,
        version,
      })
    ).cells.map((c) => [c.unit, c.indicator, c.attainment, c.colour]);
  let n = 0;

  beforeAll(async () => {
    await loadAnalyticsFixture(t.db());
    await writeFacts(
      t.db(),
      [
        valueFact('880101', 'party_lecture', '2025H1', 2),
        valueFact('880103', 'party_lecture', '2025H1', 3),
        valueFact('880104', 'party_lecture', '2025H1', 1),
      ],
      { source: 'manual', user: 'tester' },
    );
    n = await dataVersion(t.db(), '880000');
  });

  it('draws version N again exactly after targets, phasing, thresholds and a fact changed; now as computed by hand', async () => {
    // at N the county targets are the defaults: 党课 and 党员大会 4 a year, quarterly, so by June
    // 4 × 2/4 = 2 are due. 党课: 880101 2/2 = 1 green, 880103 3/2 = 1.5 green, 880104 1/2 = 0.5
    // red (below yellow 0.8), 880102 reported nothing: grey. 党员大会: 880101 2025H1 = 2, 2/2 = 1 green.
    const atN = [
      ['880101', 'members_congress', 1, 'green'],
      ['880102', 'members_congress', null, 'grey'],
      ['880103', 'members_congress', null, 'grey'],
      ['880104', 'members_congress', null, 'grey'],
      ['880103', 'party_lecture', 1.5, 'green'],
      ['880101', 'party_lecture', 1, 'green'],
      ['880104', 'party_lecture', 0.5, 'red'],
      ['880102', 'party_lecture', null, 'grey'],
    ];
    expect(await colours()).toEqual(atN);
    const fileAtN = await sheetCells((await exportChart(ctx(), HEATMAP)).bytes);

    const county = (indicatorCode: string) => ({ indicatorCode, level: 'county' as const, unitCode: null, year: null });
    // N+1: 党课 doubled to 8 a year, still quarterly
    await saveTarget(ctx(), { ...county('party_lecture'), value: 8, perCapita: false, reason: '上级要求加倍' });
    // N+2: 党员大会 all due by March (annual phasing, due month 3)
    await saveTarget(ctx(), {
      ...county('members_congress'),
      value: 4,
      perCapita: false,
      phasing: { kind: 'annual', dueMonth: 3 },
      reason: '一季度内完成',
    });
    // N+3: yellow from half the target
    await updateSetting(ctx(), { key: 'status_thresholds', value: { green: 1, yellow: 0.5 }, reason: '放宽黄灯' });
    // N+4: 880104's lectures corrected from 1 to 3
    await writeFacts(t.db(), [valueFact('880104', 'party_lecture', '2025H1', 3)], {
      source: 'manual',
      user: 'tester',
      reason: '补录',
    });
    expect(await dataVersion(t.db(), '880000')).toBe(n + 4);

    // as of N: the same answer, the same file cell for cell
    expect(await colours(n)).toEqual(atN);
    const fileAsOfN = await sheetCells((await exportChart(ctx(), { ...HEATMAP, version: String(n) })).bytes);
    expect(fileAsOfN.rows).toEqual(fileAtN.rows);
    expect(fileAsOfN.source).toContain(`数据版本 v${n} · 数据截至2025年6月 · 导出时间`);

    // now: 党课 8 a year → 4 due by June; 880101 2/4 = 0.5, 880103 3/4 = 0.75, 880104 3/4 = 0.75,
    // all yellow at yellow 0.5 (0.75 would be red under 0.8). 党员大会 due in full by March:
    // 880101 2/4 = 0.5 yellow.
    expect(await colours()).toEqual([
      ['880101', 'members_congress', 0.5, 'yellow'],
      ['880102', 'members_congress', null, 'grey'],
      ['880103', 'members_congress', null, 'grey'],
      ['880104', 'members_congress', null, 'grey'],
      ['880103', 'party_lecture', 0.75, 'yellow'],
      ['880104', 'party_lecture', 0.75, 'yellow'],
      ['880101', 'party_lecture', 0.5, 'yellow'],
      ['880102', 'party_lecture', null, 'grey'],
    ]);
    const fileNow = await sheetCells((await exportChart(ctx(), HEATMAP)).bytes);
    expect(fileNow.source).toContain(`数据版本 v${n + 4} · 数据截至2025年6月 · 导出时间`);
    // the sheet's rows after its header, best first within each indicator: only the 党员大会 and
    // 党课 lines with values moved; 880104 (0.75) now passes 880101 (0.5)
    // an empty cell reads back as undefined
    const none = [undefined, undefined, '未报送', '未报送：该单位本期没有报送此项'];
    const line = (unit: string, name: string, indicator: string, rest: unknown[]) => [
      unit,
      name,
      indicator,
      '次',
      ...rest,
    ];
    expect(fileAtN.rows.slice(4)).toEqual([
      line('880101', '甲一县气象局', '党员大会', [2, 1, '达标', '完整']),
      line('880102', '甲二县气象局', '党员大会', none),
      line('880103', '甲三县气象局', '党员大会', none),
      line('880104', '甲四县气象局', '党员大会', none),
      line('880103', '甲三县气象局', '党课', [3, 1.5, '达标', '完整']),
      line('880101', '甲一县气象局', '党课', [2, 1, '达标', '完整']),
      line('880104', '甲四县气象局', '党课', [1, 0.5, '未达标', '完整']),
      line('880102', '甲二县气象局', '党课', none),
    ]);
    expect(fileNow.rows.slice(0, 4)).toEqual(fileAtN.rows.slice(0, 4));
    expect(fileNow.rows.slice(4)).toEqual([
      line('880101', '甲一县气象局', '党员大会', [2, 0.5, '预警', '完整']),
      line('880102', '甲二县气象局', '党员大会', none),
      line('880103', '甲三县气象局', '党员大会', none),
      line('880104', '甲四县气象局', '党员大会', none),
      line('880103', '甲三县气象局', '党课', [3, 0.75, '预警', '完整']),
      line('880104', '甲四县气象局', '党课', [3, 0.75, '预警', '完整']),
      line('880101', '甲一县气象局', '党课', [2, 0.5, '预警', '完整']),
      line('880102', '甲二县气象局', '党课', none),
    ]);
  });
});
