import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs, login, screenshotPath, useAppAndBrowser, watchConsole } from './support/browser.ts';
import { chartsDrawn } from './support/dashboard.ts';

const WINDOW = '2026H1';
const env = useAppAndBrowser();

async function addToBasket(page: Page, card: string): Promise<void> {
  await page.click(`[data-testid=${card}] .more`);
  await page.locator('.el-dropdown-menu:visible [data-testid=menu-basket]').click();
}

describe('the briefing basket (简报篮)', () => {
  it('collects three charts from two pages, reorders and retitles them, and downloads one deck', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const errors = watchConsole(page);
    await login(page, env.app.url, 'analyst');
    const api = await apiAs(env.app, 'analyst');
    await api.basket.clear();
    await page.reload();

    await page.goto(`${env.app.url}/overview?unit=990100&window=${WINDOW}`);
    await chartsDrawn(page, ['card-ranking', 'card-heatmap']);
    await addToBasket(page, 'card-ranking');
    await expect.poll(() => page.textContent('[data-testid=basket-count]')).toBe('(1)');
    await addToBasket(page, 'card-heatmap');
    await expect.poll(() => page.textContent('[data-testid=basket-count]')).toBe('(2)');
    // the commentary the deck carries is on screen too
    expect(await page.textContent('[data-testid=card-ranking] [data-testid=commentary]')).toContain('前三位是');

    await page.goto(`${env.app.url}/unit?unit=990101&window=${WINDOW}`);
    await chartsDrawn(page, ['card-composite']);
    await addToBasket(page, 'card-composite');
    await expect.poll(() => page.textContent('[data-testid=basket-count]')).toBe('(3)');

    await page.click('[data-testid=basket-button]');
    const items = page.locator('[data-testid=basket-drawer] [data-testid=basket-item]');
    await expect.poll(() => items.count()).toBe(3);
    // the composite first, under a title of the user's
    await items.nth(2).getByRole('button', { name: '上移' }).click();
    await items.nth(1).getByRole('button', { name: '上移' }).click();
    await expect
      .poll(async () => (await api.basket.list()).map((i) => i.chart))
      .toEqual(['composite', 'ranking', 'heatmap']);
    const title = items.nth(0).locator('[data-testid=basket-title] input');
    await title.fill('安平县综合得分');
    await title.press('Enter');
    await expect.poll(async () => (await api.basket.list())[0]!.title).toBe('安平县综合得分');
    await page.screenshot({ path: screenshotPath('basket-drawer') });

    const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=basket-pptx]')]);
    expect(file.suggestedFilename()).toMatch(/党建指标简报\.pptx$/);
    const zip = await JSZip.loadAsync(readFileSync((await file.path())));
    const slides = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
    expect(slides).toHaveLength(1 + 3);
    const second = await zip.file('ppt/slides/slide2.xml')!.async('string');
    expect(second).toContain('安平县综合得分');
    expect(errors).toEqual([]);
  });
});
