import type { createCaller } from '@bixue/api';
import { formatDelta, formatValue } from '@bixue/charts';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs, login, screenshotPath, useAppAndBrowser, watchConsole } from './support/browser.ts';

const WINDOW = '2026H1';
const UNIT = '990101';
const env = useAppAndBrowser();
let api: ReturnType<typeof createCaller>;

beforeAll(async () => {
  api = await apiAs(env.app, 'analyst');
});

/** 同比 as the small chart writes it, spelled out here rather than borrowed from the app */
const arrow = (r: number | null) =>
  r === null ? '–' : `${r > 0 ? '↑' : r < 0 ? '↓' : ''}${(Math.abs(r) * 100).toFixed(1)}%`;

const tiles = (page: Page) => page.locator('[data-testid=card-trend] [data-testid=mini-trend]');
/** ECharts marks every element it owns; a lazily drawn grid owns fewer than it shows */
const instances = (page: Page) => page.locator('[data-testid=card-trend] [_echarts_instance_]').count();

async function showTrends(page: Page) {
  await page.locator('[data-testid=card-trend]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForSelector('[data-testid=card-trend] .chart[data-drawn="1"]', { timeout: 30_000 });
}

describe('单位画像: a trend for every indicator', () => {
  it('draws one small chart per indicator of the category, 同比 as the API computes it, and opens one large', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors = watchConsole(page);
    await login(page, env.app.url, 'analyst');
    const catalog = await api.catalog.indicators();

    // every category: one chart per catalog indicator, but ECharts only for those near the screen
    await page.goto(`${env.app.url}/unit?unit=${UNIT}&window=${WINDOW}`);
    await expect.poll(() => tiles(page).count(), { timeout: 30_000 }).toBe(catalog.length);
    await showTrends(page);
    const drawn = await instances(page);
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(catalog.length);

    const category = 'organization_life';
    const inCategory = catalog.filter((i) => i.category === category);
    await page.goto(`${env.app.url}/unit?unit=${UNIT}&window=${WINDOW}&cat=${category}`);
    await expect.poll(() => tiles(page).count(), { timeout: 30_000 }).toBe(inCategory.length);
    expect(await tiles(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-indicator')))).toEqual(
      inCategory.map((i) => i.code),
    );
    await showTrends(page);
    // four a row at 1920
    const tops = await tiles(page).evaluateAll((els) =>
      els.slice(0, 5).map((e) => Math.round(e.getBoundingClientRect().top)),
    );
    expect(new Set(tops.slice(0, 4)).size).toBe(1);
    expect(tops[4]).toBeGreaterThan(tops[0]!);

    // the last window's 同比 and 环比 beside two charts, against the single-indicator API
    for (const code of ['members_congress', 'party_lecture']) {
      const t = await api.analytics.trend({ unit: UNIT, indicator: code, window: WINDOW, count: 8 });
      const last = t.points.at(-1)!;
      const tile = page.locator(`[data-testid=mini-trend][data-indicator=${code}]`);
      expect(await tile.locator('[data-role=yoy]').textContent()).toBe(arrow(last.yoy));
      expect(await tile.locator('[data-role=pop]').textContent()).toBe(arrow(last.pop));
      const name = catalog.find((i) => i.code === code)!;
      expect(await tile.locator('.name').textContent()).toBe(name.nameZh);
      expect(await tile.locator('.unit').textContent()).toBe(`（${name.unit}）`);
    }
    // party_lecture of 990101: 2026H1 = 3 + 3 = 6 against 2025H1 = 1 + 2 = 3, so 同比 ↑100.0%
    expect(
      await page.locator('[data-testid=mini-trend][data-indicator=party_lecture] [data-role=yoy]').textContent(),
    ).toBe('↑100.0%');

    // the data table holds every shown indicator × its eight windows
    await page.click('[data-testid=card-trend] .more');
    await page.locator('.el-dropdown-menu:visible [data-testid=menu-table]').click();
    const rows = page.locator('.el-dialog:visible [data-testid=data-table] .el-table__body tr');
    await expect.poll(() => rows.count()).toBe(inCategory.length * 8);
    await page.keyboard.press('Escape');
    await page.locator('.el-dialog:visible').waitFor({ state: 'hidden' });

    await page.screenshot({ path: screenshotPath('unit-trends-1080p') });

    // a click opens the large chart of that indicator, bookmarked in the URL
    await page.locator('[data-testid=mini-trend][data-indicator=party_lecture] .chart').click();
    await page.waitForURL((u) => u.searchParams.get('ind') === 'party_lecture');
    await page.waitForSelector('[data-testid=card-trend-zoom] .chart[data-drawn="1"]', { timeout: 30_000 });
    const t = await api.analytics.trend({ unit: UNIT, indicator: 'party_lecture', window: WINDOW, count: 8 });
    expect(await page.textContent('[data-testid=trend-deltas]')).toContain(formatDelta(t.points.at(-1)!.yoy));
    await page.screenshot({ path: screenshotPath('unit-trends-zoom-1080p') });
    await page.click('[data-testid=trend-zoom-close]');
    await page.waitForURL((u) => !u.searchParams.has('ind'));
    expect(await page.locator('[data-testid=card-trend-zoom]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('fits two charts a row at 1280×720', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors = watchConsole(page);
    await login(page, env.app.url, 'analyst');
    await page.goto(`${env.app.url}/unit?unit=${UNIT}&window=${WINDOW}&cat=study_training`);
    await expect.poll(() => tiles(page).count(), { timeout: 30_000 }).toBeGreaterThan(2);
    await showTrends(page);
    const tops = await tiles(page).evaluateAll((els) =>
      els.slice(0, 3).map((e) => Math.round(e.getBoundingClientRect().top)),
    );
    expect(tops[0]).toBe(tops[1]);
    expect(tops[2]).toBeGreaterThan(tops[0]!);
    await page.screenshot({ path: screenshotPath('unit-trends-720p') });

    // per member only where the catalog allows it; the others stay totals
    const catalog = await api.catalog.indicators();
    await page.goto(`${env.app.url}/unit?unit=${UNIT}&window=${WINDOW}&cat=study_training&pm=1`);
    await expect.poll(() => tiles(page).count(), { timeout: 30_000 }).toBeGreaterThan(2);
    const units = await tiles(page).evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-indicator'), e.querySelector('.unit')?.textContent]),
    );
    for (const [code, unit] of units) {
      const i = catalog.find((x) => x.code === code)!;
      expect(unit).toBe(i.perCapitaAllowed ? `（${i.unit}/人）` : `（${i.unit}）`);
    }
    expect(units.some(([code]) => catalog.find((x) => x.code === code)!.perCapitaAllowed)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('says 样本不足 where the peer statistics are withheld, not a blank band', async () => {
    // the case: a custom group of the analyst's own city and two other cities, whose
    // median would give their values away (peer_min_others is 3)
    const CITY = '990100';
    const others = await env.app.handle.db
      .selectFrom('units')
      .select('code')
      .where('level', '=', 'city')
      .where('code', '!=', CITY)
      .orderBy('code')
      .limit(2)
      .execute();
    const admin = await apiAs(env.app, 'admin');
    await admin.admin.createPeerGroup({ name: '三市小组', members: [CITY, ...others.map((o) => o.code)] });
    const group = 'group:三市小组';
    const bench = await api.analytics.benchmark({ unit: CITY, window: WINDOW, group });
    const withheld = bench.lines.filter((l) => l.peersWithheld).length;
    expect(withheld).toBeGreaterThan(0);
    expect(bench.lines.filter((l) => l.peersWithheld).every((l) => l.peerMedian === null && l.best === null)).toBe(
      true,
    );

    const page = await env.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors = watchConsole(page);
    await login(page, env.app.url, 'analyst');
    await page.goto(`${env.app.url}/unit?unit=${CITY}&window=${WINDOW}&group=${encodeURIComponent(group)}`);
    const notice = page.locator('[data-testid=card-benchmark] [data-testid=card-notice]');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toBe(
      withheld === bench.lines.length ? '样本不足，不显示同级统计' : `样本不足，不显示同级统计（${withheld} 项指标）`,
    );
    await expect
      .poll(() => page.locator('[data-testid=card-trend] [data-testid=card-notice]').textContent(), { timeout: 30_000 })
      .toMatch(/^样本不足，不显示同级统计/);
    await page.screenshot({ path: screenshotPath('unit-peers-withheld') });

    // in English too
    await page.evaluate(() => localStorage.setItem('bixue.locale', 'en'));
    await page.reload();
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toMatch(/^Too few peers to show peer statistics/);
    await page.evaluate(() => localStorage.setItem('bixue.locale', 'zh-CN'));
    expect(errors).toEqual([]);
  });

  it('says a province alone among 全部省局 has nobody to compare with, rather than drawing it against itself', async () => {
    // the demo holds one province: its default group (all provinces) is itself alone
    const PROVINCE = '990000';
    const leader = await apiAs(env.app, 'leader');
    expect((await leader.analytics.benchmark({ unit: PROVINCE, window: WINDOW })).peers).toBe(0);
    const page = await env.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors = watchConsole(page);
    await login(page, env.app.url, 'leader');
    await page.goto(`${env.app.url}/unit?unit=${PROVINCE}&window=${WINDOW}`);
    const bench = page.locator('[data-testid=card-benchmark][data-state=empty]');
    await bench.waitFor({ timeout: 30_000 });
    expect(await bench.locator('.el-empty__description').textContent()).toBe(
      '比较组中只有本单位，没有可对比的同级单位。可在顶栏“同级比较”中另选一组。',
    );
    const trendNotice = page.locator('[data-testid=card-trend] [data-testid=card-notice]');
    await expect
      .poll(() => trendNotice.textContent(), { timeout: 30_000 })
      .toBe('比较组中只有本单位，没有可对比的同级单位');
    // its composite score stands alone: "第1名/1" would rank it among nobody
    const comp = await leader.analytics.composite({ unit: PROVINCE, window: WINDOW });
    expect([comp.score !== null, comp.ranked]).toEqual([true, 1]);
    const scoreLine = page.locator('[data-testid=card-composite] .context');
    await expect
      .poll(() => scoreLine.textContent(), { timeout: 30_000 })
      .toBe(`综合得分 ${formatValue(Math.round(comp.score! * 10) / 10)}`);
    await page.screenshot({ path: screenshotPath('unit-province-alone') });

    await page.evaluate(() => localStorage.setItem('bixue.locale', 'en'));
    await page.reload();
    await bench.waitFor({ timeout: 30_000 });
    expect(await bench.locator('.el-empty__description').textContent()).toBe(
      'This unit is alone in its comparison group: there are no peers to compare with. Choose another group under “Compare with” at the top.',
    );
    await expect
      .poll(() => trendNotice.textContent(), { timeout: 30_000 })
      .toBe('This unit is alone in its comparison group: there are no peers to compare with');
    await page.evaluate(() => localStorage.setItem('bixue.locale', 'zh-CN'));
    expect(errors).toEqual([]);
  });
});
