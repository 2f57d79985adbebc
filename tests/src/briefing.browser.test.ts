import { readFileSync } from 'node:fs';
import { openDeck, seriesOf } from '@bixue/export/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs, login, screenshotPath, useAppAndBrowser, watchConsole } from './support/browser.ts';
import { chartsDrawn } from './support/dashboard.ts';

const WINDOW = '2026H1';
const CITY = 'siblings:990100';
const env = useAppAndBrowser();
/** a chart part's numbers are the API's to the last digit the XML writes */
const r6 = (v: number | null) => (v === null ? null : Math.round(v * 1e6) / 1e6);

/** Adds a card through its ⋯ menu, then waits for the menu to be gone so the next card's is the only one. */
async function addToBasket(page: Page, card: string): Promise<void> {
  await page.click(`[data-testid=${card}] .more`);
  await page.locator('.el-dropdown-menu:visible [data-testid=menu-basket]').click();
  await expect.poll(() => page.locator('.el-dropdown-menu:visible').count()).toBe(0);
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
    // the composite first: two quick presses of its 上移, the second before the first has come back
    // (each move is computed from the order the previous one left, not from a stale list)
    const composite = items.filter({ hasText: '综合得分构成' });
    await composite.getByRole('button', { name: '上移' }).click();
    await composite.getByRole('button', { name: '上移' }).click();
    const order = async () => (await api.basket.list()).map((i) => i.chart);
    await expect.poll(order).toEqual(['composite', 'ranking', 'heatmap']);
    await expect.poll(() => items.nth(0).locator('.what').textContent()).toMatch(/^综合得分构成/);

    // a title of the user's, typed and straight away 下载 PPT: the click that takes the focus away
    // saves the title, and the deck is drawn only once it is saved
    const title = items.nth(0).locator('input');
    await title.fill('安平县综合得分');
    await page.screenshot({ path: screenshotPath('basket-drawer') });
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=basket-pptx]')]);
    expect(file.suggestedFilename()).toMatch(/党建指标简报\.pptx$/);
    expect((await api.basket.list()).map((i) => i.title)).toEqual(['安平县综合得分', null, null]);

    const deck = await openDeck(readFileSync(await file.path()));
    expect(deck).toHaveLength(1 + 3);
    expect(deck.slice(1).map((s) => s.text.split('\n')[0])).toEqual(['安平县综合得分', '综合得分排名', '状态热力图']);

    // the waterfall: each indicator's contribution, then the API's score (PowerPoint lists bars bottom up)
    const comp = await api.analytics.composite({ unit: '990101', window: WINDOW, group: CITY });
    const [steps] = seriesOf(deck[1]!.chart!);
    const parts = steps!.values.slice().reverse();
    expect(parts.at(-1)).toBeCloseTo(comp.score!, 6);
    const contributions = comp.contributions.map((c) => c.contribution).sort((a, b) => b - a);
    expect(parts.slice(0, -1).map(r6)).toEqual(contributions.map(r6));

    // the ranking: the ranked units' scores, best first, then no bar for the unranked
    const ranking = await api.analytics.ranking({ indicator: 'composite', window: WINDOW, group: CITY });
    const [bars] = seriesOf(deck[2]!.chart!);
    const ranked = ranking.entries.filter((e) => e.rank !== null).sort((a, b) => a.rank! - b.rank!);
    const drawn = bars!.values.slice().reverse();
    expect(drawn.slice(0, ranked.length).map(r6)).toEqual(ranked.map((e) => r6(e.value)));
    expect(drawn.slice(ranked.length).every((v) => v === null)).toBe(true);

    // the heatmap: a native table naming every unit of the API's
    expect(deck[3]!.chart).toBeNull();
    const heat = await api.analytics.heatmap({ window: WINDOW, group: CITY });
    for (const u of heat.units) expect(deck[3]!.text).toContain(u.name);
    expect(errors).toEqual([]);
  });
});
