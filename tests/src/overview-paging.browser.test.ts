import type { createCaller } from '@bixue/api';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs, login, screenshotPath, useAppAndBrowser, watchConsole } from './support/browser.ts';
import { chartsDrawn, clickRankingRow, dataTable } from './support/dashboard.ts';

// the demo province's 93 counties in one peer group, in a window that has ended (facts through 2026-06)
const WINDOW = '2026H1';
const GROUP = 'level:county@990000';
const PAGE = 25;
const env = useAppAndBrowser();
let api: ReturnType<typeof createCaller>;

beforeAll(async () => {
  api = await apiAs(env.app, 'admin');
});

/** Clicks page n of a card's pager (Element Plus pads the first page's number with spaces). */
const clickPage = (page: Page, pager: string, n: number) =>
  page.locator(`[data-testid=${pager}] .el-pager li`, { hasText: new RegExp(`^\\s*${n}\\s*$`) }).click();
const rangeOf = (page: Page, pager: string) => page.textContent(`[data-testid=${pager}] [data-role=range]`);

/** The API's ranking in the order a reader expects: by rank, ties by name, the unranked last. */
async function apiOrder() {
  const r = await api.analytics.ranking({ window: WINDOW, group: GROUP, indicator: 'composite' });
  return [...r.entries].sort(
    (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name, 'zh'),
  );
}

describe('overview of all 93 counties, one page at a time', () => {
  it('draws a page of 25 with a pager; tables, counts and KPIs keep all units; page 2 starts at the 26th', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors = watchConsole(page);
    await login(page, env.app.url, 'admin');
    await page.goto(`${env.app.url}/overview?window=${WINDOW}&group=${GROUP}`);
    await chartsDrawn(page, ['card-ranking', 'card-heatmap', 'card-counts']);
    const ordered = await apiOrder();
    expect(ordered).toHaveLength(93);

    // one page: 25 bars of 24 px plus the grid's 24, and a pager that says which 25
    expect(
      await page.locator('[data-testid=card-ranking] .chart').evaluate((e) => (e as HTMLElement).style.height),
    ).toBe(`${PAGE * 24 + 24}px`);
    expect(await rangeOf(page, 'pager-ranking')).toBe('第 1–25 位，共 93 个单位');
    expect(await rangeOf(page, 'pager-heatmap')).toBe('第 1–25 位（行序同排名），共 93 个单位');

    // page 2 from the pager: the URL keeps it, both cards move
    await clickPage(page, 'pager-ranking', 2);
    await page.waitForURL((u) => u.searchParams.get('page') === '2');
    await chartsDrawn(page, ['card-ranking', 'card-heatmap']);
    expect(await rangeOf(page, 'pager-ranking')).toBe('第 26–50 位，共 93 个单位');
    expect(await rangeOf(page, 'pager-heatmap')).toBe('第 26–50 位（行序同排名），共 93 个单位');
    await page.screenshot({ path: screenshotPath('overview-counties-page2-zh'), fullPage: true });

    // the tables hold every unit, in the API's order
    const ranking = await dataTable(page, 'card-ranking');
    expect(ranking).toHaveLength(93);
    expect(ranking[PAGE]!['单位']).toBe(ordered[PAGE]!.name);
    // the heatmap's table is long form, one row per unit × indicator: every unit, every indicator
    const heatRows = await dataTable(page, 'card-heatmap');
    const heatUnits = new Set(heatRows.map((r) => r['单位代码']));
    expect(heatUnits.size).toBe(93);
    expect(heatUnits.has(ordered[PAGE]!.unit)).toBe(true);
    expect(heatRows).toHaveLength(93 * new Set(heatRows.map((r) => r['指标'])).size);

    // status counts over all 93 units, not the page: the same total as the API's cells that have a status
    const heat = await api.analytics.heatmap({ window: WINDOW, group: GROUP });
    const withColour = new Set(heat.cells.filter((c) => c.colour !== 'grey').map((c) => c.indicator));
    const expected = heat.cells.filter(
      (c) =>
        withColour.has(c.indicator) && (c.colour !== 'grey' || c.status === 'missing' || c.status === 'undisclosed'),
    ).length;
    const counts = await dataTable(page, 'card-counts');
    // every column after the indicator's is a status count
    const sumOf = (row: Record<string, string>) =>
      Object.values(row)
        .slice(1)
        .reduce((t, x) => t + Number(x), 0);
    const total = counts.reduce((s, row) => s + sumOf(row), 0);
    expect(total).toBe(expected);
    expect(total).toBeGreaterThan(PAGE * counts.length);
    expect(Math.max(...counts.map(sumOf))).toBe(93);
    expect(await page.textContent('[data-testid=kpi-units] [data-role=value]')).toBe('93');

    // the first bar of page 2 is the 26th unit of the API's ranking: clicking it opens that county
    await clickRankingRow(
      page,
      'card-ranking',
      0,
      PAGE,
      (u) => u.pathname === '/unit' && u.searchParams.get('unit') === ordered[PAGE]!.unit,
    );
    expect(errors).toEqual([]);
  });

  it('a bookmarked page reopens on it; without one, the page of the selected county opens', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors = watchConsole(page);
    await login(page, env.app.url, 'admin');
    await page.goto(`${env.app.url}/overview?window=${WINDOW}&group=${GROUP}&page=4`);
    await chartsDrawn(page, ['card-ranking']);
    expect(await rangeOf(page, 'pager-ranking')).toBe('第 76–93 位，共 93 个单位');

    const ordered = await apiOrder();
    const county = ordered[60]!; // the 61st: page 3
    await page.goto(`${env.app.url}/overview?window=${WINDOW}&group=${GROUP}&unit=${county.unit}`);
    await chartsDrawn(page, ['card-ranking', 'card-heatmap']);
    expect(await rangeOf(page, 'pager-ranking')).toBe('第 51–75 位，共 93 个单位');
    // paging away offers the way back to the selected county
    await clickPage(page, 'pager-ranking', 1);
    await page.waitForURL((u) => u.searchParams.get('page') === '1');
    await page.locator('[data-testid=pager-ranking] [data-role=jump]').click();
    await page.waitForURL((u) => u.searchParams.get('page') === '3');
    // another indicator is another list: it opens again on the selected county's page
    await page.locator('[data-testid=pick-indicator]').click();
    await page
      .locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '党员大会' })
      .first()
      .click();
    await page.waitForURL((u) => u.searchParams.get('ind') === 'members_congress' && !u.searchParams.has('page'));
    expect(errors).toEqual([]);
  });

  it('the 大屏 cycles through the top pages, 20 rows each', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors = watchConsole(page);
    await login(page, env.app.url, 'admin');
    // 8 s a view: the first page is still up (ranking, then heatmap: 16 s) when its chart has drawn on a busy machine
    await page.goto(`${env.app.url}/screen?window=${WINDOW}&group=${GROUP}&cycle=8`);
    await chartsDrawn(page, ['screen-card']);
    expect(await page.textContent('[data-testid=screen-card] .context')).toContain('第 1–20 位，共 93 个单位');
    // three pages of ranking and heatmap, then the counts
    expect(await page.locator('[data-testid=screen] .dots button').count()).toBe(7);
    await page.screenshot({ path: screenshotPath('screen-counties-ranking') });
    await expect
      .poll(() => page.textContent('[data-testid=screen-card] .context'), { timeout: 30_000 })
      .toContain('第 21–40 位');
    expect(await page.textContent('[data-testid=screen-card] .title')).toBe('综合得分排名');
    await chartsDrawn(page, ['screen-card']);
    expect(errors).toEqual([]);
  });
});
