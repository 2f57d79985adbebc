import { type ApiContext, createCaller } from '@bixue/api';
import { demoContext } from '@bixue/api/testing';
import { dataVersion } from '@bixue/db';
import { shownTarget } from '@bixue/charts';
import { describeEachDb, TEST_AS_OF } from '@bixue/db/testing';
import { beforeAll, expect, it } from 'vitest';
import { briefFile } from '../brief/brief.ts';
import { parseChartSpecs } from '../brief/spec.ts';
import { exportChart } from '../export.ts';
import { fileNumber } from '../table.ts';
import type { ExportRequest } from '../request.ts';
import { openDeck, seriesOf } from '../testing/open-deck.ts';
import { readXlsx } from '../testing/read-xlsx.ts';

const today = TEST_AS_OF.toISOString().slice(0, 10);
const COUNTIES = 'level:county@990000';
const CITY = 'siblings:990100';

/**
 * The two grids of small parts: 报送情况 (units × due months) and the 单位画像's small multiples
 * (one small trend per indicator). Their files hold exactly what the API answered.
 */
describeEachDb('completeness and small-multiples exports', 'demo', ({ db, kind }) => {
  let admin: ApiContext;
  beforeAll(async () => {
    admin = await demoContext(db(), kind, 'admin');
  });
  const exp = (req: Omit<ExportRequest, 'window'> & { window?: string }) =>
    exportChart(admin, { window: '2026H1', today, ...req });

  it('completeness: one row per unit with ✓ or 缺 per due month as the API says, owing units first', async () => {
    const api = await createCaller(admin).analytics.completeness({ window: '2026H1', group: COUNTIES, today });
    expect(api.months).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    const x = await readXlsx((await exp({ chart: 'completeness', format: 'xlsx', group: COUNTIES })).bytes);
    expect([x.title, x.context]).toEqual(['报送情况', '2026年上半年 · 全省县局']);
    expect(x.header).toEqual(['单位代码', '单位', '1月', '2月', '3月', '4月', '5月', '6月', '已报月数', '缺报']);
    expect(x.rows).toHaveLength(api.units.length);
    const owing = api.units.filter((u) => u.missingMonths.length > 0);
    expect(owing.length).toBeGreaterThan(0);
    const byCode = new Map(x.rows.map((r) => [r[0], r]));
    for (const u of api.units) {
      const row = byCode.get(u.unit)!;
      expect(row[1]).toBe(u.name);
      expect(row.slice(2, 8)).toEqual(api.months.map((m) => (u.missingMonths.includes(m) ? '缺' : '✓')));
      expect(row[8]).toBe(api.months.length - u.missingMonths.length);
    }
    // the most owing first
    const owed = x.rows.map((r) => 6 - (r[8] as number));
    expect(owed).toEqual([...owed].sort((a, b) => b - a));

    // the slide: the first page of units as a table coloured ✓ green; the commentary's numbers are the API's
    const deck = await openDeck((await exp({ chart: 'completeness', format: 'pptx', group: COUNTIES })).bytes);
    expect(deck[0]!.text).toContain(`第 1–25 位，共 ${api.units.length} 个单位`);
    const pct = ((api.reported / api.of) * 100).toFixed(1);
    expect(deck[0]!.text).toContain(`${api.of}个单位中${api.reported}个本期已报送数据（${pct}%）。`);
    const most = Math.max(...owing.map((u) => u.missingMonths.length));
    expect(deck[0]!.text).toContain(`${owing.length}个单位有月份未报送，缺得最多的是`);
    expect(deck[0]!.text).toContain(`（缺${most}个月）`);
    const svg = (await exp({ chart: 'completeness', format: 'svg', group: COUNTIES })).bytes.toString('utf8');
    expect(svg).toContain('报送情况');
    expect(svg).toContain(x.rows[0]![1] as string);
    expect(svg).toContain('数据来源：bixue 比学赶超');
  });

  it('completeness in English; drawn as of a data version, which must exist', async () => {
    const x = await readXlsx((await exp({ chart: 'completeness', format: 'xlsx', group: CITY, lang: 'en' })).bytes);
    expect(x.title).toBe('Reporting by month');
    expect(x.header.slice(0, 4)).toEqual(['Unit code', 'Unit', 'Jan', 'Feb']);
    const v = await dataVersion(db(), '990000');
    const at = await readXlsx(
      (await exp({ chart: 'completeness', format: 'xlsx', group: CITY, version: String(v) })).bytes,
    );
    expect(at.rows).toEqual(
      (await readXlsx((await exp({ chart: 'completeness', format: 'xlsx', group: CITY })).bytes)).rows,
    );
    await expect(exp({ chart: 'completeness', format: 'csv', group: CITY, version: String(v + 1) })).rejects.toThrow(
      `数据版本 v${v + 1} 不存在（当前为 v${v}）`,
    );
  });

  it('small multiples per party member: each tile is the API’s per-member trend, which differs from the totals', async () => {
    const ask = { unit: '990101', window: '2026H1', group: CITY, today };
    const total = await createCaller(admin).analytics.trends(ask);
    const per = await createCaller(admin).analytics.trends({ ...ask, perMember: true });
    // the flag changes what is drawn: some indicator's values are per member, not totals
    expect(per.trends.some((t, k) => t.points.some((p, i) => p.value !== total.trends[k]!.points[i]!.value))).toBe(
      true,
    );
    const deck = await openDeck(
      (await exp({ chart: 'multiples', format: 'pptx', unit: '990101', group: CITY, perMember: '1' })).bytes,
    );
    const drawn = deck.flatMap((s) => s.charts);
    expect(drawn).toHaveLength(per.trends.length);
    per.trends.forEach((t, k) => {
      const [unit, median] = seriesOf(drawn[k]!);
      expect(unit!.values, t.indicator).toEqual(t.points.map((p) => p.value));
      expect(median!.values, t.indicator).toEqual(t.points.map((p) => p.peerMedian));
    });
  });

  it('small multiples: every indicator × window row is the API’s; the slides draw them 12 a slide as native lines', async () => {
    const api = await createCaller(admin).analytics.trends({ unit: '990101', window: '2026H1', group: CITY, today });
    const catalog = new Map((await createCaller(admin).catalog.indicators()).map((i) => [i.code, i]));
    const x = await readXlsx((await exp({ chart: 'multiples', format: 'xlsx', unit: '990101', group: CITY })).bytes);
    expect(x.title).toBe('各指标趋势');
    const want = api.trends.flatMap((t) =>
      // files keep four decimals; a count's pro-rated target shows rounded up, as on screen
      t.points.map((p) => [
        t.indicator,
        catalog.get(t.indicator)!.nameZh,
        ...[p.value, p.peerMedian, p.target === null ? null : shownTarget(p.target, catalog.get(t.indicator)!)].map(
          (v) => (v === null ? null : fileNumber(v)),
        ),
      ]),
    );
    expect(x.rows.map((r) => [r[0], r[1], r[4] ?? null, r[6] ?? null, r[9] ?? null])).toEqual(want);
    for (const [i, p] of api.trends.flatMap((t) => t.points).entries())
      if (p.yoy === null) expect(x.rows[i]![10]).toBeUndefined();
      else expect(x.rows[i]![10] as number).toBeCloseTo(p.yoy, 3);

    const deck = await openDeck((await exp({ chart: 'multiples', format: 'pptx', unit: '990101', group: CITY })).bytes);
    expect(deck).toHaveLength(Math.ceil(api.trends.length / 12));
    const drawn = deck.flatMap((s) => s.charts);
    expect(drawn).toHaveLength(api.trends.length);
    api.trends.forEach((t, k) => {
      const [unit, median] = seriesOf(drawn[k]!);
      expect(unit!.name).toBe('安平县气象局');
      expect(unit!.values).toEqual(t.points.map((p) => p.value));
      expect(median!.values).toEqual(t.points.map((p) => p.peerMedian));
      // as on screen: the unit's line solid, the peers' median dashed
      expect([unit!.dash, median!.dash]).toEqual(['solid', 'dash']);
    });
    expect(deck[0]!.text).toContain(`第 1–12 项，共 ${api.trends.length} 项指标`);
    expect(deck[0]!.text).toContain(catalog.get(api.trends[0]!.indicator)!.nameZh);
    // one image: the first page's tiles
    const svg = (await exp({ chart: 'multiples', format: 'svg', unit: '990101', group: CITY })).bytes.toString('utf8');
    for (const t of api.trends.slice(0, 12)) expect(svg).toContain(catalog.get(t.indicator)!.nameZh);
  });

  it('both go into a briefing by their SPEC: completeness, multiples:UNIT', async () => {
    const items = parseChartSpecs('completeness,multiples:990101', { window: '2026H1', group: CITY, today });
    const api = await createCaller(admin).analytics.trends({ unit: '990101', window: '2026H1', group: CITY, today });
    const deck = await openDeck((await briefFile(admin, { items, format: 'pptx' })).bytes);
    expect(deck).toHaveLength(1 + 1 + Math.ceil(api.trends.length / 12));
    expect(deck[1]!.text.split('\n')[0]).toBe('报送情况');
    expect(deck[2]!.text.split('\n')[0]).toBe('各指标趋势');
    expect(() => parseChartSpecs('multiples', { window: '2026H1' })).toThrow(/multiples:UNIT/);
    // a group's chart without the briefing's group says which chart and how to write one
    expect(() => parseChartSpecs('multiples:990101,completeness', { window: '2026H1' })).toThrow(
      /^group: completeness 需要单位组：siblings:CODE、level:LEVEL@CODE 或 group:NAME/,
    );
  });
});
