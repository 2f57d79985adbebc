import { chartLabels, formatValue } from '@bixue/charts';
import type { Page } from 'playwright-core';
import { screenshotPath, transitionsDone } from './browser.ts';

/** Waits until each card's chart reports drawn (useEcharts sets data-drawn="1" on ECharts' `finished`). */
export async function chartsDrawn(page: Page, testids: string[]): Promise<void> {
  for (const id of testids) {
    // small multiples draw only once they come near the viewport
    await page.locator(`[data-testid=${id}]`).scrollIntoViewIfNeeded();
    await page.waitForSelector(`[data-testid=${id}] .chart[data-drawn="1"]`, { timeout: 30_000 });
  }
}

/**
 * The rows of a card's 查看数据表 dialog, each keyed by its column header, so a test names the
 * column it reads instead of counting positions that change when a table gains a column.
 */
export async function dataTable(page: Page, card: string): Promise<Record<string, string>[]> {
  const table = page.locator('.el-dialog:visible [data-testid=data-table]');
  const item = page.locator('.el-dropdown-menu:visible [data-testid=menu-table]');
  // The card's menu is mounted when opened and fades in. On a loaded CI machine the dialog once
  // never opened after the item's click (most likely a click while the menu still faded in; not
  // pinned down): the click waits for the fade, and a click without effect is made again, as a
  // reader would (three tries).
  for (let attempt = 1; ; attempt++) {
    if (!(await item.isVisible())) await page.click(`[data-testid=${card}] .more`);
    await item.waitFor();
    await transitionsDone(page);
    if (await table.isVisible()) break;
    await item.click();
    try {
      await table.waitFor({ timeout: 10_000 });
      break;
    } catch (e) {
      if (await table.isVisible()) break;
      if (attempt === 3) throw e;
    }
  }
  const headers = await table
    .locator('.el-table__header th')
    .evaluateAll((ths) => ths.map((th) => th.textContent?.trim() ?? ''));
  const rows = await table
    .locator('.el-table__body tr')
    .evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim() ?? '')),
    );
  await page.keyboard.press('Escape');
  await page.locator('.el-dialog:visible').waitFor({ state: 'hidden' });
  return rows.map((cells) => Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ''])));
}

/**
 * Clicks the bar of the n-th row (0-based) of a ranking chart drawn by buildRankingBar and waits
 * for the drill-down; a click that lands while the chart still animates is retried.
 */
export async function clickRankingRow(
  page: Page,
  card: string,
  index: number,
  rows: number,
  until: (u: URL) => boolean,
) {
  const chart = page.locator(`[data-testid=${card}] .chart`);
  for (let attempt = 0; attempt < 5; attempt++) {
    // a click outside the viewport reaches nothing: bring the chart into view first
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    // grid top/bottom 8px; bars centred in equal bands; the longest bars reach past 60% of the width
    const band = (box.height - 16) / rows;
    await page.mouse.click(box.x + box.width * 0.5, box.y + 8 + band * (index + 0.5));
    const moved = await page.waitForURL(until, { timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (moved) return;
  }
  await page.screenshot({ path: screenshotPath('dashboard-click-failed') });
  throw new Error(`clicking row ${index} of ${card} did not drill down`);
}

/**
 * A unit's line in the ranking card's 查看数据表, found by its 单位代码: the rank as written (第3名,
 * 并列第3, 未报送) and the value as the table shows it, under the value column `valueHeader`.
 */
export async function rankingLine(
  page: Page,
  code: string,
  valueHeader: string,
): Promise<{ name: string; rankText: string; value: string }> {
  const l = chartLabels('zh-CN');
  const rows = await dataTable(page, 'card-ranking');
  const row = rows.find((r) => r[l.unitCode] === code);
  if (!row) throw new Error(`no line of ${code} in the ranking's table`);
  return { name: row[l.unitName] ?? '', rankText: row['名次说明'] ?? '', value: row[valueHeader] ?? '' };
}

/** What a card's table shows of an API value: one decimal at most, thousands separated, – for none. */
export function shownValue(v: number | null): string {
  return v === null ? '–' : formatValue(Math.round(v * 10) / 10);
}
