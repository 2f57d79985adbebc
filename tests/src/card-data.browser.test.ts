import { TEST_AS_OF } from '@bixue/db/testing';
import { readFileSync } from 'node:fs';
import type { createCaller } from '@bixue/api';
import { shownTarget, sourceMixLine } from '@bixue/charts';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs, login, screenshotPath, useAppAndBrowser, watchConsole } from './support/browser.ts';

const WINDOW = '2026H1';
const env = useAppAndBrowser();
let api: ReturnType<typeof createCaller>;

beforeAll(async () => {
  api = await apiAs(env.app, 'admin');
});

/** Picks an item of a card's ⋯ menu and returns the path of the file it downloads. */
async function downloadFrom(page: Page, card: string, item: string): Promise<{ path: string; name: string }> {
  await page.click(`[data-testid=${card}] .more`);
  const [file] = await Promise.all([
    // the server draws the file first: a 3840×2160 PNG can take over 30 s on a busy CI machine
    page.waitForEvent('download', { timeout: 120_000 }),
    page.locator(`.el-dropdown-menu:visible [data-testid=${item}]`).click(),
  ]);
  const path = await file.path();
  return { path, name: file.suggestedFilename() };
}

describe("what a card gives away: its data as Excel and CSV, its figures' sources, custom groups", () => {
  it("序时进度 downloads a real .xlsx and a CSV whose numbers are the attainment API's, as numbers", async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
    const errors = watchConsole(page);
    await login(page, env.app.url, 'admin');
    await page.goto(`${env.app.url}/gaps?unit=990101`);
    await page.waitForSelector('[data-testid=card-gaps] .chart[data-drawn="1"]', { timeout: 30_000 });
    const year = String(TEST_AS_OF.getUTCFullYear());

    const xlsx = await downloadFrom(page, 'card-gaps', 'menu-xlsx');
    expect(xlsx.name).toMatch(/^序时进度.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx.path);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').text).toContain('序时进度');
    // the source line names the data version the file was drawn from: the one the API answers with
    const version = (await api.analytics.attainment({ unit: '990101', indicator: 'members_congress', window: year }))
      .dataVersion;
    expect(ws.getCell('A3').text).toMatch(
      new RegExp(`^数据来源：bixue 比学赶超 · 数据版本 v${version} · (数据截至\\d{4}年\\d{1,2}月 · )?导出时间：`),
    );
    const header = (ws.getRow(5).values as unknown[]).slice(1);
    expect(header).toEqual(['指标', '计量单位', '实际', '覆盖月份', '序时目标', '全年目标', '还差', '状态']);
    const byName = new Map<string, unknown[]>();
    ws.eachRow((row, n) => {
      if (n > 5) byName.set(row.getCell(1).text, (row.values as unknown[]).slice(1));
    });
    for (const [code, name] of [
      ['members_congress', '党员大会'],
      ['theme_party_day', '主题党日'],
    ] as const) {
      const a = await api.analytics.attainment({ unit: '990101', indicator: code, window: year });
      const row = byName.get(name)!;
      expect(row[1]).toBe('次');
      // counts: the targets as the screen shows them, whole numbers rounded up
      expect(row[4]).toBe(shownTarget(a.proratedTarget!, { unit: '次' }));
      expect(row[5]).toBe(a.target);
      if (a.actual !== null) expect(row[2]).toBe(a.actual);
      // 还差: what is still due by the 序时 date, not by the year's end
      expect(row[6]).toBe(shownTarget(Math.max(0, a.proratedTarget! - (a.actual ?? 0)), { unit: '次' }));
    }

    const csv = await downloadFrom(page, 'card-gaps', 'menu-csv');
    const [table, source] = readFileSync(csv.path, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n\r\n');
    // under the table, the source line of the XLSX, naming the same data version
    expect(source).toMatch(
      new RegExp(`^数据来源：bixue 比学赶超 · 数据版本 v${version} · (数据截至\\d{4}年\\d{1,2}月 · )?导出时间：`),
    );
    const lines = table!.split('\r\n').map((l) => l.split(','));
    expect(lines[0]).toEqual(['指标', '计量单位', '实际', '覆盖月份', '序时目标', '全年目标', '还差', '状态']);
    expect(lines).toHaveLength(byName.size + 1);
    const congress = lines.find((l) => l[0] === '党员大会')!;
    expect(Number(congress[5])).toBe(byName.get('党员大会')![5]);
    expect(errors).toEqual([]);
  });

  it("单位画像 downloads the server's slide-ready files: a 2× PNG and a PPTX with a native chart", async () => {
    const page = await env.browser.newPage({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
    const errors = watchConsole(page);
    await login(page, env.app.url, 'admin');
    await page.goto(`${env.app.url}/unit?unit=990100&window=${WINDOW}`);
    await page.waitForSelector('[data-testid=card-children] .chart[data-drawn="1"]', { timeout: 30_000 });

    const png = readFileSync((await downloadFrom(page, 'card-benchmark', 'menu-png')).path);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // IHDR: width and height, big-endian, at bytes 16 and 20
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([3840, 2160]);

    const pptx = await downloadFrom(page, 'card-children', 'menu-pptx');
    expect(pptx.name).toMatch(/^下级单位排名.*\.pptx$/);
    const zip = await JSZip.loadAsync(readFileSync(pptx.path));
    const chartXml = Object.keys(zip.files).find((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f))!;
    const xml = await zip.file(chartXml)!.async('string');
    const children = await api.analytics.ranking({ window: WINDOW, group: 'siblings:990100', indicator: 'composite' });
    for (const e of children.entries) expect(xml).toContain(e.name);
    expect(errors).toEqual([]);
  });

  it('KPI cards name their sources on hover, counted like the API counts them', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors = watchConsole(page);
    await login(page, env.app.url, 'admin');
    await page.goto(`${env.app.url}/overview?window=${WINDOW}`);
    await page.waitForSelector('[data-testid=card-ranking] .chart[data-drawn="1"]', { timeout: 30_000 });
    const group = 'siblings:990000';
    const [done, ranking] = await Promise.all([
      api.analytics.completeness({ window: WINDOW, group }),
      api.analytics.ranking({ window: WINDOW, group, indicator: 'composite' }),
    ]);
    const reported = page.locator('[data-testid=kpi-reported] [data-role=value]');
    await expect.poll(() => reported.getAttribute('data-source')).toBe(sourceMixLine('zh-CN', done.sources, 'facts'));
    expect(await reported.getAttribute('data-source')).toMatch(/^来源：演示数据 [\d,]+条$/);
    const indicatorsScored = ranking.entries.reduce(
      (n, e) => n + Object.values(e.sources ?? {}).reduce((a, b) => a + b, 0),
      0,
    );
    expect(await page.locator('[data-testid=kpi-median] [data-role=value]').getAttribute('data-source')).toBe(
      sourceMixLine('zh-CN', { demo: indicatorsScored }, 'indicators'),
    );
    await reported.hover();
    const tip = page.locator('.el-popper:visible', { hasText: '来源：演示数据' });
    await tip.waitFor();
    await page.screenshot({ path: screenshotPath('card-kpi-source-hover') });
    expect(errors).toEqual([]);
  });

  it('the 同级比较 picker offers the custom group 山区县, and the ranking then holds its members', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors = watchConsole(page);
    await login(page, env.app.url, 'admin');
    await page.goto(`${env.app.url}/overview?window=${WINDOW}`);
    await page.waitForSelector('[data-testid=card-ranking] .chart[data-drawn="1"]', { timeout: 30_000 });
    await page.click('[data-testid=pick-group]');
    const custom = page.locator('.el-select-group__wrap:visible', { hasText: '自定义组' });
    await custom.waitFor();
    await page.screenshot({ path: screenshotPath('card-group-picker') });
    await custom.locator('.el-select-dropdown__item', { hasText: '山区县' }).click();
    await page.waitForURL((u) => u.searchParams.get('group') === 'group:山区县');
    await page.waitForSelector('[data-testid=card-ranking] .chart[data-drawn="1"]', { timeout: 30_000 });
    const ranking = await api.analytics.ranking({ window: WINDOW, group: 'group:山区县', indicator: 'composite' });
    await page.click('[data-testid=card-ranking] .more');
    await page.locator('.el-dropdown-menu:visible [data-testid=menu-table]').click();
    const rows = page.locator('.el-dialog:visible [data-testid=data-table] .el-table__body tr');
    await expect.poll(() => rows.count()).toBe(ranking.entries.length);
    expect(await page.locator('[data-testid=card-ranking] .context').textContent()).toContain('山区县');
    expect(errors).toEqual([]);
  });
});
