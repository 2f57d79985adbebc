import type { createCaller } from '@bixue/api';
import { formatValue } from '@bixue/charts';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs, login, screenshotPath, useAppAndBrowser, watchConsole } from './support/browser.ts';
import { chartsDrawn, dataTable } from './support/dashboard.ts';
import { pickPeriod } from './support/period-picker.ts';

// the demo's data ends in June 2026 (loaded as of 15 July) and says so: 数据截至2026年6月
const env = useAppAndBrowser();
let api: ReturnType<typeof createCaller>;

beforeAll(async () => {
  api = await apiAs(env.app, 'admin');
});

describe('the live year on the demo province', () => {
  it.each([
    ['leader', '/overview', 'overview'],
    ['admin', '/overview', 'overview'],
    ['analyst', '/unit', 'unit-page'],
    ['reporter', '/gaps', 'gaps-page'],
  ])('%s lands on its home, %s', async (user, path, testid) => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors = watchConsole(page);
    await login(page, env.app.url, user);
    await page.waitForURL((u) => u.pathname === path);
    await page.waitForSelector(`[data-testid=${testid}]`);
    await page.screenshot({ path: screenshotPath(`home-${user}`) });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('2026 through June: no red for a unit on its phased target, and the cards say 数据截至', async () => {
    for (const group of ['siblings:990000', 'level:county@990000']) {
      const heat = await api.analytics.heatmap({ window: '2026', group });
      expect([heat.asOf, heat.clipped]).toEqual(['2026-06', true]);
      const cells = (indicator: string) => heat.cells.filter((c) => c.indicator === indicator && c.value !== null);
      // once a year, due in December: nothing is due by June, so never red
      for (const c of [...cells('org_life_meeting'), ...cells('democratic_review')]) {
        expect(c.colour).not.toBe('red');
        // and the answer says when it falls due: 未到期（12月到期）
        expect(c.dueMonth).toBe(12);
      }
      // quarterly 4: March and June due = 2; monthly 12: six months due = 6. At or above them: green
      for (const c of cells('members_congress').filter((x) => x.value! >= 2)) expect(c.colour).toBe('green');
      for (const c of cells('branch_committee').filter((x) => x.value! >= 6)) expect(c.colour).toBe('green');
      for (const c of cells('theme_party_day').filter((x) => x.value! >= 6)) expect(c.colour).toBe('green');
    }

    const page = await env.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = watchConsole(page);
    await login(page, env.app.url, 'leader');
    await page.goto(`${env.app.url}/overview?window=2026`);
    await chartsDrawn(page, ['card-ranking', 'card-heatmap']);
    expect(await page.textContent('[data-testid=card-heatmap]')).toContain('2026年（数据截至2026年6月）');
    const heat = await api.analytics.heatmap({ window: '2026', group: 'siblings:990000' });
    const red = heat.cells.filter((c) => c.colour === 'red').length;
    expect(await page.textContent('[data-testid=kpi-red] [data-role=value]')).toBe(formatValue(red));
    await page.screenshot({ path: screenshotPath('live-year-overview-2026'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('序时进度 says what is due by which date, from the server, not the browser clock', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, env.app.url, 'reporter');
    await page.waitForSelector('[data-testid=gaps-table] .el-table__row');
    const text = (await page.textContent('[data-testid=gaps-page]')) ?? '';
    expect(text).toContain('应完成截至 2026-06-30');
    expect(text).toContain('数据截至2026年6月');
    // 组织生活会 falls due in December: its next date is 12-31, and nothing is owed now
    const row = page.locator('[data-testid=gaps-table] .el-table__row', { hasText: '组织生活会' });
    expect(await row.textContent()).toContain('12-31前累计 1');
    // its status is not a bare 达标: nothing is due yet, and the row says until when
    expect(await row.textContent()).toContain('未到期（12月到期）');
    await page.screenshot({ path: screenshotPath('live-year-gaps'), fullPage: true });
    await page.close();
  });

  it('a blank heatmap cell says why in its data table; a period is picked, not typed', async () => {
    // 专题研讨 has no default target: one county's own makes it a column, where the other
    // counties' values have no target to be judged on (无目标, not a grey blank)
    const before = await api.analytics.heatmap({ window: '2026', group: 'siblings:990100' });
    const reporting = before.cells.filter((c) => c.indicator === 'seminar' && c.value !== null).map((c) => c.unit);
    expect(reporting.length).toBeGreaterThan(1);
    await api.admin.saveTarget({
      indicatorCode: 'seminar',
      level: null,
      unitCode: reporting[0]!,
      year: null,
      value: 4,
      perCapita: false,
    });
    // 云川市's counties in 2026: the API's missing cells are the blank ones
    const heat = await api.analytics.heatmap({ window: '2026', group: 'siblings:990100' });
    const noTarget = heat.cells.filter((c) => c.indicator === 'seminar' && c.colour === 'grey' && c.value !== null);
    expect(noTarget.length).toBeGreaterThan(0);
    const judged = new Set(heat.cells.filter((c) => c.colour !== 'grey').map((c) => c.indicator));
    const missing = heat.cells.filter((c) => c.status === 'missing' && judged.has(c.indicator));
    expect(missing.length).toBeGreaterThan(0);
    const page = await env.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = watchConsole(page);
    await login(page, env.app.url, 'leader');
    await page.goto(`${env.app.url}/overview?window=2026&group=siblings:990100`);
    await chartsDrawn(page, ['card-heatmap']);
    const rows = await dataTable(page, 'card-heatmap');
    const names = new Map((await api.catalog.indicators()).map((i) => [i.code, i.nameZh]));
    for (const c of missing) {
      const row = rows.find((r) => r['单位代码'] === c.unit && r['指标'] === names.get(c.indicator));
      expect(row?.['数据状态'], `${c.unit} ${c.indicator}`).toBe('未报送：该单位本期没有报送此项');
    }
    // a value without a target says so in the status column
    for (const c of noTarget) {
      const row = rows.find((r) => r['单位代码'] === c.unit && r['指标'] === names.get(c.indicator));
      expect(row?.['状态'], `${c.unit} seminar`).toBe('无目标');
    }
    // a cell with a value keeps its plain completeness
    const reported = heat.cells.find((c) => c.status === 'value' && judged.has(c.indicator))!;
    expect(
      rows.find((r) => r['单位代码'] === reported.unit && r['指标'] === names.get(reported.indicator))?.['数据状态'],
    ).toBe('完整');

    await page.screenshot({ path: screenshotPath('heatmap-no-target') });

    // 数据填报 (the reporter's): 半年 · 2025 · 下半年 is the API's 2025H2
    await page.close();
    const reporter = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    const reporterErrors = watchConsole(reporter);
    await login(reporter, env.app.url, 'reporter');
    await reporter.goto(`${env.app.url}/entry/manual`);
    expect(await pickPeriod(reporter, 'entry-period', { grain: '半年', year: 2025, index: '下半年' })).toBe('2025H2');
    await reporter.screenshot({ path: screenshotPath('period-picker') });
    expect([...errors, ...reporterErrors]).toEqual([]);
    await reporter.close();
  });

  it('keyboard: the sidebar is reached with Tab and opened with Enter; a chart takes focus and Enter opens its table', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = watchConsole(page);
    await login(page, env.app.url, 'leader');
    await page.goto(`${env.app.url}/overview?window=2026`);
    await chartsDrawn(page, ['card-ranking', 'card-heatmap']);
    // Tab from the top of the page until the sidebar's 序时进度 has the focus
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await focused()) === '序时进度';
    }
    expect(reached).toBe(true);
    await page.screenshot({ path: screenshotPath('keyboard-sidebar') });
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/gaps');

    await page.goto(`${env.app.url}/overview?window=2026`);
    await chartsDrawn(page, ['card-ranking', 'card-heatmap']);
    const chart = page.locator('[data-testid=card-heatmap] [data-role=chart]');
    expect(await chart.getAttribute('tabindex')).toBe('0');
    expect(await chart.getAttribute('aria-label')).toMatch(
      /^图表：状态热力图，2026年（数据截至2026年6月）.*按回车键查看数据表$/,
    );
    await chart.focus();
    await page.keyboard.press('Enter');
    await page.locator('.el-dialog:visible [data-testid=data-table]').waitFor();
    await page.screenshot({ path: screenshotPath('keyboard-chart-table') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
