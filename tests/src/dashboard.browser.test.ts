import { TEST_AS_OF } from '@bixue/db/testing';
import type { createCaller } from '@bixue/api';
import { formatPercent, formatTarget, formatValue } from '@bixue/charts';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs, login, screenshotPath, useAppAndBrowser, watchConsole } from './support/browser.ts';
import { chartsDrawn, clickRankingRow, dataTable } from './support/dashboard.ts';

// a window that has ended in the demo data (facts through 2026-06), so every figure is fixed
const WINDOW = '2026H1';
const env = useAppAndBrowser();
let api: ReturnType<typeof createCaller>;

beforeAll(async () => {
  api = await apiAs(env.app, 'admin');
});

describe('dashboard on the demo province', () => {
  it('overview: KPIs and ranking match the API, drill down to a county and back, English, no console errors', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors = watchConsole(page);
    await login(page, env.app.url, 'admin');
    await page.goto(`${env.app.url}/overview?window=${WINDOW}`);
    await chartsDrawn(page, ['card-ranking', 'card-heatmap', 'card-counts']);

    const group = 'siblings:990000';
    const [done, ranking, heat] = await Promise.all([
      api.analytics.completeness({ window: WINDOW, group }),
      api.analytics.ranking({ window: WINDOW, group, indicator: 'composite' }),
      api.analytics.heatmap({ window: WINDOW, group }),
    ]);
    expect(done.of).toBe(14); // the demo province has 14 cities
    await expect.poll(() => page.textContent('[data-testid=kpi-units] [data-role=value]')).toBe('14');
    expect(await page.textContent('[data-testid=kpi-reported] [data-role=value]')).toBe(formatPercent(done.share));
    const red = heat.cells.filter((c) => c.colour === 'red' && c.value !== null).length;
    expect(await page.textContent('[data-testid=kpi-red] [data-role=value]')).toBe(formatValue(red));
    await page.screenshot({ path: screenshotPath('dashboard-overview-zh'), fullPage: true });

    // the ranking's data table against the API, for the first three units and the last
    const rows = await dataTable(page, 'card-ranking');
    expect(rows).toHaveLength(ranking.entries.length);
    const ranked = [...ranking.entries].sort(
      (a, b) => (a.rank ?? 99) - (b.rank ?? 99) || a.name.localeCompare(b.name, 'zh'),
    );
    for (const i of [0, 1, 2, ranked.length - 1]) {
      const e = ranked[i]!;
      expect(rows[i]!['单位']).toBe(e.name);
      expect(rows[i]!['名次说明']).toMatch(e.rank === null ? /未报送|未公开/ : new RegExp(`第${e.rank}`));
      if (e.value !== null) expect(rows[i]!['综合得分（分）']).toBe(formatValue(Math.round(e.value * 10) / 10));
    }

    // drill: province → the top city → its top county → back to the province by the breadcrumb
    const topCity = ranked[0]!;
    await clickRankingRow(page, 'card-ranking', 0, ranked.length, (u) => u.searchParams.get('unit') === topCity.unit);
    await chartsDrawn(page, ['card-ranking']);
    expect(await page.textContent('[data-testid=breadcrumb]')).toContain(topCity.name);
    const cityRanking = await api.analytics.ranking({
      window: WINDOW,
      group: `siblings:${topCity.unit}`,
      indicator: 'composite',
    });
    const counties = [...cityRanking.entries].sort(
      (a, b) => (a.rank ?? 99) - (b.rank ?? 99) || a.name.localeCompare(b.name, 'zh'),
    );
    await clickRankingRow(
      page,
      'card-ranking',
      0,
      counties.length,
      (u) => u.pathname === '/unit' && u.searchParams.get('unit') === counties[0]!.unit,
    );
    await chartsDrawn(page, ['card-benchmark', 'card-composite', 'card-trend']);
    const crumbs = await page.textContent('[data-testid=breadcrumb]');
    expect(crumbs).toContain('测试省气象局');
    expect(crumbs).toContain(topCity.name);
    expect(crumbs).toContain(counties[0]!.name);
    await page.screenshot({ path: screenshotPath('dashboard-unit-county-zh'), fullPage: true });
    await page.locator('[data-testid=breadcrumb] a', { hasText: '测试省气象局' }).click();
    await page.waitForURL((u) => u.pathname === '/overview' && u.searchParams.get('unit') === '990000');
    await chartsDrawn(page, ['card-ranking']);

    await page.getByRole('radio', { name: 'EN' }).click({ force: true });
    await expect.poll(() => page.textContent('[data-testid=card-ranking] .title')).toBe('Composite score ranking');
    await chartsDrawn(page, ['card-ranking', 'card-heatmap']);
    await page.screenshot({ path: screenshotPath('dashboard-overview-en'), fullPage: true });
    await page.getByRole('radio', { name: '中' }).click({ force: true });
    expect(errors).toEqual([]);
  });

  it('unit page: benchmark and composite match the API for a city', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors = watchConsole(page);
    await login(page, env.app.url, 'admin');
    await page.goto(`${env.app.url}/unit?unit=990100&window=${WINDOW}`);
    await chartsDrawn(page, ['card-benchmark', 'card-composite', 'card-trend', 'card-children']);
    const [bench, comp] = await Promise.all([
      api.analytics.benchmark({ unit: '990100', window: WINDOW, group: 'siblings:990000' }),
      api.analytics.composite({ unit: '990100', window: WINDOW, group: 'siblings:990000' }),
    ]);
    const rows = await dataTable(page, 'card-benchmark');
    for (const code of ['members_congress', 'party_lecture', 'collective_study']) {
      const line = bench.lines.find((l) => l.indicator === code)!;
      const row = rows[bench.lines.indexOf(line)]!;
      // the unit's own column is headed by its name
      if (line.value === null) expect(row['数据状态']).toBe('未报送');
      else expect(row['云川市气象局']).toBe(formatValue(Math.round(line.value * 10) / 10));
      if (line.peerMedian !== null) expect(row['同级中位数']).toBe(formatValue(Math.round(line.peerMedian * 10) / 10));
      if (line.best) {
        expect(row['同级最佳']).toBe(formatValue(Math.round(line.best.value * 10) / 10));
        expect(row['最佳单位']).toBe(line.best.unit!.name);
      }
    }
    // the rank among the ranked, spelled out here rather than borrowed from the app
    expect(comp.ranked).toBeGreaterThan(1);
    expect(await page.textContent('[data-testid=card-composite] .context')).toBe(
      `综合得分 ${formatValue(Math.round(comp.score! * 10) / 10)} · ${comp.tied ? '并列' : ''}第${comp.rank}名/${comp.ranked}`,
    );
    await page.screenshot({ path: screenshotPath('dashboard-unit-city-1080p'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('gaps: actual, pro-rated and annual targets match attainment for the county', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors = watchConsole(page);
    await login(page, env.app.url, 'admin');
    await page.goto(`${env.app.url}/gaps?unit=990101`);
    await chartsDrawn(page, ['card-gaps']);
    const year = String(TEST_AS_OF.getUTCFullYear());
    const table = page.locator('[data-testid=gaps-table] .el-table__body tr');
    const cells = await table.evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim() ?? '')),
    );
    for (const [code, name] of [
      ['members_congress', '党员大会'],
      ['theme_party_day', '主题党日'],
    ] as const) {
      const a = await api.analytics.attainment({ unit: '990101', indicator: code, window: year });
      const row = cells.find((c) => c[0] === name)!;
      // counts: the targets as whole numbers, rounded up (you hold 5 meetings, never 4.67)
      expect(row[2]).toBe(formatTarget(a.proratedTarget!, { unit: '次' }));
      expect(row[3]).toBe(formatTarget(a.target!, { unit: '次' }));
      if (a.actual !== null) expect(row[1]).toContain(`${formatValue(a.actual)}次`);
    }
    await page.screenshot({ path: screenshotPath('dashboard-gaps-zh'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('大屏 draws the overview on a dark 16:9 wall', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors = watchConsole(page);
    await login(page, env.app.url, 'admin');
    await page.goto(`${env.app.url}/screen?window=${WINDOW}&cycle=4`);
    await chartsDrawn(page, ['screen-card']);
    await page.screenshot({ path: screenshotPath('dashboard-screen-ranking') });
    // the next view comes by itself
    await expect
      .poll(() => page.textContent('[data-testid=screen-card] .title'), { timeout: 10_000 })
      .toBe('状态热力图');
    await chartsDrawn(page, ['screen-card']);
    await page.screenshot({ path: screenshotPath('dashboard-screen-heatmap') });
    expect(errors).toEqual([]);
  });

  it('大屏 fills a 4K wall: the chart spans the screen and the type grows with it', async () => {
    const page = await env.browser.newPage({ viewport: { width: 3840, height: 2160 } });
    const errors = watchConsole(page);
    await login(page, env.app.url, 'admin');
    await page.goto(`${env.app.url}/screen?window=${WINDOW}`);
    await chartsDrawn(page, ['screen-card']);
    const box = (await page.locator('[data-testid=screen-card] .chart').boundingBox())!;
    expect(box.width).toBeGreaterThan(3840 * 0.8);
    expect(box.height).toBeGreaterThan(2160 * 0.4);
    const px = (sel: string) =>
      page
        .locator(sel)
        .first()
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(await px('.kpi .value')).toBeGreaterThan(100);
    expect(await px('[data-testid=screen-card] .title')).toBeGreaterThanOrEqual(44);
    // the chart is drawn as on a 1440 screen and scaled up to the wall, labels with it
    const scale = await page
      .locator('[data-testid=screen-card] .chart > div')
      .evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
    expect(scale).toBeCloseTo(box.width / 1440, 2);
    await page.screenshot({ path: screenshotPath('dashboard-screen-4k') });
    expect(errors).toEqual([]);
  });

  it('works from the keyboard: the card menu opens the data table, a mover drills down', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors = watchConsole(page);
    await login(page, env.app.url, 'admin');
    await page.goto(`${env.app.url}/overview?window=${WINDOW}`);
    await chartsDrawn(page, ['card-ranking']);
    await page.locator('[data-testid=card-ranking] .more').focus();
    await page.keyboard.press('Enter');
    const item = page.locator('.el-dropdown-menu:visible [data-testid=menu-table]');
    await item.waitFor();
    await item.focus();
    await page.keyboard.press('Enter');
    await page.locator('.el-dialog:visible [data-testid=data-table]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.el-dialog:visible').waitFor({ state: 'hidden' });
    // the KPI figures take focus, so their source is reachable without a mouse
    await page.locator('[data-testid=kpi-reported] [data-role=value]').focus();
    await page.locator('.el-popper:visible', { hasText: '来源' }).waitFor();
    const mover = page.locator('[data-testid=card-movers] a').first();
    const name = (await mover.textContent())!.trim();
    await mover.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('unit') !== '990000' && u.searchParams.has('unit'));
    expect(await page.textContent('[data-testid=breadcrumb]')).toContain(name);
    expect(errors).toEqual([]);
  });
});
